import Autograd
import NN
import Tensor

/// Data (LANGUAGE.md §5 "Data"): generators, shipped data sets, files, preparation.
enum DataBuiltins {
    /// The group.
    static var group: BuiltinGroup {
        BuiltinGroup(title: "Data", builtins: generators + files + preparation)
    }

    // MARK: - Generators

    private static var generators: [Builtin] {
        let seeded = "Seeded by seed(n), or by seed= for this call only. Returns [X, y]: write X, y = ..."
        return [
            Builtin("linear_data", [.required("n"), .required("w"), .optional("b", 0), .optional("noise", 0.1), .optional("seed", .none)],
                    summary: "Regression data: X [n, d] from N(0, 1) and y = X w + b + noise N(0, 1), y of shape [n].",
                    details: "w is a number (one feature) or a list of d weights. " + seeded) { args, context in
                let w: [Double]
                if let single = args["w"].asNumber, case .number = args["w"] { w = [single] } else {
                    w = try numbers(args["w"], "linear_data() argument 'w'", context: context)
                }
                return pair(try random(args, context) { rng throws -> (Tensor, Tensor) in
                    try Generators.linearData(try args.integer("n"), w: w, b: try args.number("b"), noise: try args.number("noise"), using: &rng)
                })
            },
            Builtin("moons", [.required("n"), .optional("noise", 0.1), .optional("seed", .none)],
                    summary: "Two interleaving half circles, labels 0 and 1 (scikit-learn's make_moons).", details: seeded) { args, context in
                pair(try random(args, context) { rng throws -> (Tensor, Tensor) in
                    try Generators.moons(try args.integer("n"), noise: try args.number("noise"), using: &rng)
                })
            },
            Builtin("circles", [.required("n"), .optional("noise", 0.05), .optional("factor", 0.5), .optional("seed", .none)],
                    summary: "A small circle (label 1) inside a large one (label 0) (scikit-learn's make_circles).", details: seeded) { args, context in
                pair(try random(args, context) { rng throws -> (Tensor, Tensor) in
                    try Generators.circles(try args.integer("n"), noise: try args.number("noise"), factor: try args.number("factor"), using: &rng)
                })
            },
            Builtin("blobs", [.required("n"), .optional("centers", 3), .optional("std", 1), .optional("seed", .none)],
                    summary: "Gaussian blobs around centres drawn in [-10, 10]², labels 0..centers-1 (scikit-learn's make_blobs).",
                    details: "centers is a count or a list of [x, y] centres. " + seeded) { args, context in
                let centers = args["centers"]
                if case .number = centers {
                    return pair(try random(args, context) { rng throws -> (Tensor, Tensor) in
                        try Generators.blobs(try args.integer("n"), centers: try args.integer("centers"), std: try args.number("std"), using: &rng)
                    })
                }
                guard let t = centers.asVariable()?.value, t.rank == 2, t.shape[1] == 2 else {
                    throw LangError.typeError("blobs() argument 'centers' must be a count or a list of [x, y] points")
                }
                let s = t.scalars
                let points = (0..<t.shape[0]).map { (Double(s[2 * $0]), Double(s[2 * $0 + 1])) }
                return pair(try random(args, context) { rng throws -> (Tensor, Tensor) in
                    try Generators.blobs(try args.integer("n"), centers: points, std: try args.number("std"), using: &rng)
                })
            },
            Builtin("spiral", [.required("n"), .optional("classes", 3), .optional("noise", 0.2), .optional("seed", .none)],
                    summary: "CS231n's spiral: `classes` arms with n points in all, labels 0..classes-1.", details: seeded) { args, context in
                pair(try random(args, context) { rng throws -> (Tensor, Tensor) in
                    try Generators.spiral(try args.integer("n"), classes: try args.integer("classes"), noise: try args.number("noise"), using: &rng)
                })
            },
            Builtin("xor", [.required("n"), .optional("noise", 0.1), .optional("seed", .none)],
                    summary: "Noisy points around the corners of the unit square, label x1 XOR x2.", details: seeded) { args, context in
                pair(try random(args, context) { rng throws -> (Tensor, Tensor) in
                    try Generators.xor(try args.integer("n"), noise: try args.number("noise"), using: &rng)
                })
            },
            Builtin("gates", [.required("name")],
                    summary: "The 4-row truth table of a logic gate (\"and\", \"or\", \"xor\", \"nand\", \"nor\") as [X, y].") { args, _ in
                pair(try Generators.gate(try args.string("name")))
            },
        ]
    }

    // MARK: - Files and shipped data

    private static var files: [Builtin] {
        [
            Builtin("dataset", [.required("name")],
                    summary: "A real data set shipped with Swift-NN: \"iris\", \"digits\", \"diabetes\", \"wine\" or \"breast_cancer\".",
                    details: """
                    Returns a record {X, y, features, classes, about}: X [samples, features], y [samples] (class \
                    indices, or real values for "diabetes"). Data from scikit-learn's bundled copies (BSD licence).
                    Example: d = dataset("iris"); X = d.X; y = d.y
                    """) { args, _ in
                let d = try Dataset.named(try args.string("name"))
                return .makeRecord([
                    ("X", .tensor(d.features)), ("y", .tensor(d.targets)),
                    ("features", .makeList(d.featureNames.map { .string($0) })),
                    ("classes", .makeList(d.classNames.map { .string($0) })),
                    ("target", .string(d.targetName)), ("about", .string(d.about)),
                ])
            },
            Builtin("load_csv", [.required("path"), .optional("header", true)],
                    summary: "Read a CSV file: with a header, a record of columns (tensors, or lists of strings); without, a tensor [rows, columns].") { args, _ in
                let path = try args.string("path")
                let table = try CSVTable(contentsOfFile: path, header: try args.bool("header"))
                guard let names = table.columnNames else { return .tensor(try table.tensor(source: path)) }
                var fields: [(String, Value)] = []
                for (i, name) in names.enumerated() {
                    if let column = table.numericColumn(i) {
                        fields.append((name, .tensor(Tensor(shape: [column.count], scalars: column))))
                    } else {
                        fields.append((name, .makeList(table.rows.map { .string($0[i]) })))
                    }
                }
                return .makeRecord(fields)
            },
            Builtin("load_npy", [.required("path")], summary: "Read a numpy .npy file as a float32 tensor.") { args, _ in
                .tensor(try NPYFile.read(from: try args.string("path")))
            },
            Builtin("save_npy", [.required("path"), .required("t")],
                    summary: "Write a tensor to a .npy file that numpy.load reads (float32, same bytes as numpy.save).") { args, _ in
                try NPYFile.write(try args.tensor("t").value, to: try args.string("path"))
                return .none
            },
            Builtin("save", [.required("model"), .required("path")],
                    summary: "Save a model (its layers and learnt weights) to a file; load(path) rebuilds it.") { args, _ in
                try ModelArchive.save(try NNBuiltins.moduleValue(args["model"], "save"), to: try args.string("path"))
                return .none
            },
            Builtin("load", [.required("path")], summary: "Load a model saved with save(model, path).") { args, context in
                .object(ModuleObject(try ModelArchive.load(from: try args.string("path"), using: &context.random.source)))
            },
        ]
    }

    // MARK: - Preparation

    private static var preparation: [Builtin] {
        [
            Builtin("standardize", [.required("X"), .optional("stats", .none)],
                    summary: "Z-scores per column, (X - mean) / std; returns [Z, stats] with stats = {mean, std} to reuse.",
                    details: "std is the population standard deviation (like scikit-learn); a constant column gets 1.\nExample: Xs, stats = standardize(X_train); Xt, _ = standardize(X_test, stats)") { args, _ in
                let given = try statistics(args["stats"], "mean", "std")
                let (z, stats) = try Preprocessing.standardize(try args.tensor("X").value, using: given)
                return .makeList([.tensor(z), .makeRecord([("mean", .tensor(stats.shift)), ("std", .tensor(stats.scale))])])
            },
            Builtin("normalize", [.required("X"), .optional("stats", .none)],
                    summary: "Min-max scaling per column to [0, 1], (X - min) / (max - min); returns [Z, stats] with stats = {min, range}.") { args, _ in
                let given = try statistics(args["stats"], "min", "range")
                let (z, stats) = try Preprocessing.normalize(try args.tensor("X").value, using: given)
                return .makeList([.tensor(z), .makeRecord([("min", .tensor(stats.shift)), ("range", .tensor(stats.scale))])])
            },
            Builtin("train_test_split", [.required("X"), .required("y"), .optional("test", 0.2), .optional("seed", .none)],
                    summary: "Shuffle and split into [X_train, X_test, y_train, y_test] (the test part is a `test` fraction).") { args, context in
                let parts = try random(args, context) { rng throws -> (Tensor, Tensor, Tensor, Tensor) in
                    try Preprocessing.trainTestSplit(try args.tensor("X").value, try args.tensor("y").value,
                                                     test: try args.number("test"), using: &rng)
                }
                return .makeList([.tensor(parts.0), .tensor(parts.1), .tensor(parts.2), .tensor(parts.3)])
            },
            Builtin("batches", [.required("X"), .required("y"), .optional("size", 32), .optional("shuffle", true), .optional("seed", .none)],
                    summary: "A list of [X_batch, y_batch] pairs of `size` samples (the last may be smaller).",
                    details: "Example: for xb, yb in batches(X, y, 16) { ... }") { args, context in
                let parts = try random(args, context) { rng throws -> [(Tensor, Tensor)] in
                    try Preprocessing.batches(try args.tensor("X").value, try args.tensor("y").value, size: try args.integer("size"),
                                              shuffle: try args.bool("shuffle"), using: &rng)
                }
                return .makeList(parts.map { pair($0) })
            },
        ]
    }

    // MARK: - Helpers

    static func pair(_ p: (Tensor, Tensor)) -> Value { .makeList([.tensor(p.0), .tensor(p.1)]) }

    /// Runs `body` with a generator seeded by `seed=` when given, else the session's.
    static func random<T>(_ args: Arguments, _ context: BuiltinContext, _ body: (inout RandomSource) throws -> T) throws -> T {
        if !args.isNone("seed") {
            var own = RandomSource(seed: UInt64(bitPattern: Int64(try args.integer("seed"))))
            return try body(&own)
        }
        var rng = RandomSource(seed: context.random.source.next())
        return try body(&rng)
    }

    /// A list or tensor of numbers.
    static func numbers(_ value: Value, _ what: String, context: BuiltinContext) throws -> [Double] {
        if case .tensor(let t) = value { return t.value.scalars.map(Double.init) }
        return try Iteration.items(of: value, context: context, what: what).map { item in
            guard let n = item.asNumber else { throw LangError.typeError("\(what) must hold numbers, not \(item.reprText)") }
            return n
        }
    }

    /// Statistics from a record `{shiftName, scaleName}` (or none).
    static func statistics(_ value: Value, _ shiftName: String, _ scaleName: String) throws -> Preprocessing.Statistics? {
        if value.isNone { return nil }
        guard case .record(let r) = value, let shift = r[shiftName]?.asVariable(), let scale = r[scaleName]?.asVariable() else {
            throw LangError.typeError("stats must be the record returned by an earlier call, with fields \(shiftName) and \(scaleName)")
        }
        return Preprocessing.Statistics(shift: shift.value, scale: scale.value)
    }
}
