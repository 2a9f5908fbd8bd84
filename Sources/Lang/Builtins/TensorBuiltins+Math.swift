import Autograd
import Tensor

/// Elementwise functions, reductions, shape functions and linear algebra as plain functions
/// (`exp(t)`, `sum(t, dim=0)`, `solve(A, b)`). Numbers and lists are accepted where a tensor
/// is expected. `abs`, `round`, `min` and `max` are core builtins that call the tensor members.
extension TensorBuiltins {
    /// A builtin of one tensor argument (numbers and lists are accepted as tensors).
    /// - Parameters:
    ///   - name: the builtin's name.
    ///   - x: the argument's name.
    ///   - summary: the one-line doc.
    ///   - body: the operation.
    /// - Returns: the builtin.
    static func function(_ name: String, _ x: String, _ summary: String,
                         _ body: @escaping (Variable) throws -> Variable) -> Builtin {
        Builtin(name, [.required(x)], summary: summary) { args, _ in .tensor(try body(try args.tensor(x))) }
    }

    /// A builtin of two tensor arguments (numbers and lists are accepted as tensors).
    /// - Parameters:
    ///   - name: the builtin's name.
    ///   - x: the first argument's name.
    ///   - y: the second argument's name.
    ///   - summary: the one-line doc.
    ///   - body: the operation.
    /// - Returns: the builtin.
    static func function(_ name: String, _ x: String, _ y: String, _ summary: String,
                         _ body: @escaping (Variable, Variable) throws -> Variable) -> Builtin {
        Builtin(name, [.required(x), .required(y)], summary: summary) { args, _ in
            .tensor(try body(try args.tensor(x), try args.tensor(y)))
        }
    }

    static func unary(_ name: String, _ op: UnaryOp, _ summary: String) -> Builtin {
        function(name, "t", summary) { $0.map(op) }
    }

    static func reduction(_ name: String, _ kind: ReductionKind, _ summary: String) -> Builtin {
        Builtin(name, [.required("t"), .optional("dim", .none), .optional("keepdim", false)],
                summary: summary + " Over all elements, or along dim (keepdim keeps that axis with size 1).") { args, context in
            let t: Variable
            if let v = args["t"].asVariable() { t = v } else {
                let items = try args.items("t", context: context)
                guard let v = Value.list(LangList(items)).asVariable() else {
                    throw args.wrongType("t", expected: "a tensor or a list of numbers", got: args["t"])
                }
                t = v
            }
            return .tensor(try TensorArgs.reduce(t, kind, args))
        }
    }

    /// The elementwise functions that are both builtins (`exp(t)`) and tensor methods
    /// (`t.exp()`), with the builtin's summary.
    static let elementwiseFunctions: [(name: String, op: UnaryOp, summary: String)] = [
        ("exp", .exp, "e^x, elementwise."),
        ("log", .log, "The natural logarithm, elementwise."),
        ("sqrt", .sqrt, "The square root, elementwise."),
        ("sin", .sin, "The sine, elementwise."),
        ("cos", .cos, "The cosine, elementwise."),
        ("tanh", .tanh, "The hyperbolic tangent, elementwise."),
        ("sigmoid", .sigmoid, "1 / (1 + e^-x), elementwise (numerically stable)."),
        ("relu", .relu, "max(x, 0), elementwise."),
        ("sign", .sign, "-1, 0 or 1 by the sign of x, elementwise."),
        ("floor", .floor, "The largest whole number <= x, elementwise."),
        ("ceil", .ceil, "The smallest whole number >= x, elementwise."),
    ]

    static var math: [Builtin] {
        elementwiseFunctions.map { unary($0.name, $0.op, $0.summary) } + [
            Builtin("pow", [.required("t"), .required("p")], summary: "t^p elementwise (p a number or a broadcastable tensor).") { args, _ in
                .tensor(try TensorArgs.power(try args.tensor("t"), args))
            },
            Builtin("clamp", [.required("t"), .optional("lo", .none), .optional("hi", .none)],
                    summary: "Limits every element to [lo, hi] (either bound may be none).") { args, _ in
                let (lo, hi) = try TensorArgs.clampBounds(args)
                return .tensor(try args.tensor("t").clamp(lo, hi))
            },
            function("maximum", "a", "b", "The larger of a and b, elementwise (broadcasting).") { try $0.binary(.maximum, $1) },
            function("minimum", "a", "b", "The smaller of a and b, elementwise (broadcasting).") { try $0.binary(.minimum, $1) },
            Builtin("where", [.required("cond"), .required("a"), .required("b")],
                    summary: "Elements of a where cond is non-zero, else of b (all three broadcast).") { args, _ in
                .tensor(try Variable.select(try args.tensor("cond"), try args.tensor("a"), try args.tensor("b")))
            },
            reduction("sum", .sum, "The sum."),
            reduction("mean", .mean, "The mean."),
            reduction("argmax", .argmax, "The position of the largest element (flat index over all elements)."),
            reduction("argmin", .argmin, "The position of the smallest element (flat index over all elements)."),
            reduction("std", .std, "The standard deviation (unbiased, n-1, like torch)."),
            reduction("var", .variance, "The variance (unbiased, n-1, like torch)."),
            Builtin("reshape", [.required("t"), .variadic("shape")], summary: "The same elements in a new shape; one size may be -1.") { args, context in
                .tensor(try args.tensor("t").reshaped(try TensorArgs.shape(args.rest, "reshape", context: context)))
            },
            function("flatten", "t", "All elements as a 1-d tensor.") { $0.flattened() },
            Builtin("transpose", [.required("t"), .optional("a", 0), .optional("b", 1)], summary: "Swap axes a and b.") { args, _ in
                .tensor(try args.tensor("t").transposed(try args.integer("a"), try args.integer("b")))
            },
            Builtin("squeeze", [.required("t"), .optional("dim", .none)], summary: "Remove axes of size 1 (all, or only dim).") { args, _ in
                .tensor(try args.tensor("t").squeezed(try TensorArgs.dim(args)))
            },
            Builtin("unsqueeze", [.required("t"), .required("dim")], summary: "Insert an axis of size 1 at dim.") { args, _ in
                .tensor(try args.tensor("t").unsqueezed(try args.integer("dim")))
            },
        ]
    }

    static var linearAlgebra: [Builtin] {
        [
            function("matmul", "a", "b", "The matrix product a @ b (torch.matmul: vectors, matrices and batches).") {
                try $0.matmul($1)
            },
            function("dot", "a", "b", "The dot product of two 1-d tensors of the same length.") { try $0.dot($1) },
            function("outer", "a", "b", "The outer product of two 1-d tensors: [n] and [m] give [n, m].") { try $0.outer($1) },
            function("inv", "A", "The inverse of a square matrix (computed in float64).") { try $0.inverse() },
            function("det", "A", "The determinant of a square matrix (computed in float64).") { try $0.determinant() },
            function("solve", "A", "b", "x with A x = b for a square, invertible A (float64).") { try $0.solve($1) },
            function("lstsq", "A", "b", "The least-squares x minimising |A x - b| (QR in float64), e.g. the normal equation's θ.") {
                Variable(try $0.value.leastSquares($1.value))
            },
        ]
    }
}
