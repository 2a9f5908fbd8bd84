import Autograd
import Foundation
import Tensor

/// The tensor builtins of LANGUAGE.md §5 "Tensors": construction (this file), math and linear
/// algebra (`TensorBuiltins+Math.swift`) and the members of tensor values
/// (`TensorBuiltins+Members.swift`). Random tensors draw from the session's generator
/// (`seed(n)`).
enum TensorBuiltins {
    /// The group.
    static var group: BuiltinGroup {
        BuiltinGroup(title: "Tensors", builtins: construction + math + linearAlgebra, members: members)
    }

    // MARK: - Construction

    private static var construction: [Builtin] {
        [
            Builtin("tensor", [.required("data"), .optional("requires_grad", false)],
                    summary: "A new float tensor from a number, a (nested) list or another tensor (copied).",
                    details: "Example: tensor([[1, 2], [3, 4]]) has shape [2, 2].") { args, _ in
                let value = try args.tensor("data").value
                return .tensor(Variable(value, requiresGrad: try args.bool("requires_grad")))
            },
            Builtin("zeros", [.variadic("shape")], summary: "A tensor of zeros: zeros(2, 3) or zeros([2, 3]).") { args, context in
                .tensor(Variable(try Tensor.zeros(try TensorArgs.shape(args.rest, "zeros", context: context))))
            },
            Builtin("ones", [.variadic("shape")], summary: "A tensor of ones: ones(2, 3) or ones([2, 3]).") { args, context in
                .tensor(Variable(try Tensor.ones(try TensorArgs.shape(args.rest, "ones", context: context))))
            },
            Builtin("full", [.required("shape"), .required("value")], summary: "A tensor of the given shape filled with value.") { args, context in
                let shape = try TensorArgs.shape([args["shape"]], "full", context: context)
                return .tensor(Variable(try Tensor.full(shape, Float(try args.number("value")))))
            },
            Builtin("eye", [.required("n"), .optional("m", .none)], summary: "The n x n identity matrix (n x m when m is given).") { args, _ in
                let m = args.isNone("m") ? nil : try args.integer("m")
                return .tensor(Variable(try Tensor.eye(try args.integer("n"), m)))
            },
            Builtin("arange", [.required("start"), .optional("stop", .none), .optional("step", 1)],
                    summary: "Numbers from start up to (not including) stop by step; arange(n) is 0 ... n-1.") { args, _ in
                var start = try args.number("start"), stop: Double
                if args.isNone("stop") { stop = start; start = 0 } else { stop = try args.number("stop") }
                return .tensor(Variable(try Tensor.arange(start, stop, try args.number("step"))))
            },
            Builtin("linspace", [.required("start"), .required("stop"), .optional("n", 100)],
                    summary: "n evenly spaced numbers from start to stop, both included.") { args, _ in
                .tensor(Variable(try Tensor.linspace(try args.number("start"), try args.number("stop"), try args.integer("n"))))
            },
            Builtin("rand", [.variadic("shape")], summary: "Uniform random numbers in [0, 1) (seeded by seed(n)).") { args, context in
                let shape = try TensorArgs.shape(args.rest, "rand", context: context)
                return .tensor(Variable(try Tensor.rand(shape, using: &context.random.source)))
            },
            Builtin("randn", [.variadic("shape")], summary: "Standard normal random numbers (seeded by seed(n)).") { args, context in
                let shape = try TensorArgs.shape(args.rest, "randn", context: context)
                return .tensor(Variable(try Tensor.randn(shape, using: &context.random.source)))
            },
            Builtin("randint", [.required("low"), .required("high"), .optional("shape", [1])],
                    summary: "Random whole numbers in low ... high-1 (seeded by seed(n)).") { args, context in
                let shape = try TensorArgs.shape([args["shape"]], "randint", context: context)
                return .tensor(Variable(try Tensor.randint(try args.integer("low"), try args.integer("high"), shape,
                                                           using: &context.random.source)))
            },
            Builtin("seed", [.required("n")], summary: "Seed the session's random generator: the same seed gives the same numbers.") { args, context in
                let n = try args.integer("n")
                context.random.reseed(UInt64(bitPattern: Int64(n)))
                return .none
            },
            Builtin("meshgrid", [.required("xs"), .required("ys"), .optional("indexing", "ij")],
                    summary: "Coordinate grids [X, Y] from two 1-d tensors (indexing \"ij\" like torch, or \"xy\" like numpy).") { args, _ in
                let indexing = try args.string("indexing")
                guard indexing == "ij" || indexing == "xy" else {
                    throw LangError.valueError("meshgrid() indexing must be \"ij\" or \"xy\", got \(Value.quote(indexing))")
                }
                let (gx, gy) = try Tensor.meshgrid(try args.tensor("xs").value, try args.tensor("ys").value, xy: indexing == "xy")
                return .list(LangList([.tensor(Variable(gx)), .tensor(Variable(gy))]))
            },
            Builtin("stack", [.required("tensors"), .optional("dim", 0)], summary: "Join equally shaped tensors along a new axis dim.") { args, context in
                .tensor(try Variable.stack(try TensorArgs.tensors(args, "tensors", context: context), dim: try args.integer("dim")))
            },
            Builtin("cat", [.required("tensors"), .optional("dim", 0)], summary: "Join tensors along an existing axis dim.") { args, context in
                .tensor(try Variable.cat(try TensorArgs.tensors(args, "tensors", context: context), dim: try args.integer("dim")))
            },
            Builtin("one_hot", [.required("labels"), .required("k")], summary: "One-hot rows: labels [n] of classes 0 ... k-1 give [n, k].") { args, _ in
                .tensor(Variable(try Tensor.oneHot(try args.tensor("labels").value, try args.integer("k"))))
            },
            Builtin("zeros_like", [.required("t")], summary: "Zeros with the shape of t.") { args, _ in
                .tensor(Variable(try Tensor.zeros(try args.tensor("t").shape)))
            },
            Builtin("ones_like", [.required("t")], summary: "Ones with the shape of t.") { args, _ in
                .tensor(Variable(try Tensor.ones(try args.tensor("t").shape)))
            },
        ]
    }
}
