import Autograd
import Tensor

/// Elementwise functions, reductions, shape functions and linear algebra as plain functions
/// (`exp(t)`, `sum(t, dim=0)`, `solve(A, b)`). Numbers and lists are accepted where a tensor
/// is expected. `abs`, `round`, `min` and `max` are core builtins that call the tensor members.
extension TensorBuiltins {
    static func unary(_ name: String, _ op: UnaryOp, _ summary: String) -> Builtin {
        Builtin(name, [.required("t")], summary: summary) { args, _ in .tensor(try args.tensor("t").map(op)) }
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
            return .tensor(try t.reduce(kind, dim: try TensorArgs.dim(args), keepDim: try args.bool("keepdim")))
        }
    }

    static var math: [Builtin] {
        [
            unary("exp", .exp, "e^x, elementwise."),
            unary("log", .log, "The natural logarithm, elementwise."),
            unary("sqrt", .sqrt, "The square root, elementwise."),
            unary("sin", .sin, "The sine, elementwise."),
            unary("cos", .cos, "The cosine, elementwise."),
            unary("tanh", .tanh, "The hyperbolic tangent, elementwise."),
            unary("sigmoid", .sigmoid, "1 / (1 + e^-x), elementwise (numerically stable)."),
            unary("relu", .relu, "max(x, 0), elementwise."),
            unary("sign", .sign, "-1, 0 or 1 by the sign of x, elementwise."),
            unary("floor", .floor, "The largest whole number <= x, elementwise."),
            unary("ceil", .ceil, "The smallest whole number >= x, elementwise."),
            Builtin("pow", [.required("t"), .required("p")], summary: "t^p elementwise (p a number or a broadcastable tensor).") { args, _ in
                let t = try args.tensor("t")
                if let p = args["p"].plainNumber { return .tensor(t.pow(Float(p))) }
                return .tensor(try t.binary(.pow, try args.tensor("p")))
            },
            Builtin("clamp", [.required("t"), .optional("lo", .none), .optional("hi", .none)],
                    summary: "Limits every element to [lo, hi] (either bound may be none).") { args, _ in
                let lo = try args.optionalNumber("lo").map { Float($0) }, hi = try args.optionalNumber("hi").map { Float($0) }
                return .tensor(try args.tensor("t").clamp(lo, hi))
            },
            Builtin("maximum", [.required("a"), .required("b")], summary: "The larger of a and b, elementwise (broadcasting).") { args, _ in
                .tensor(try args.tensor("a").binary(.maximum, try args.tensor("b")))
            },
            Builtin("minimum", [.required("a"), .required("b")], summary: "The smaller of a and b, elementwise (broadcasting).") { args, _ in
                .tensor(try args.tensor("a").binary(.minimum, try args.tensor("b")))
            },
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
            Builtin("flatten", [.required("t")], summary: "All elements as a 1-d tensor.") { args, _ in
                .tensor(try args.tensor("t").flattened())
            },
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
            Builtin("matmul", [.required("a"), .required("b")],
                    summary: "The matrix product a @ b (torch.matmul: vectors, matrices and batches).") { args, _ in
                .tensor(try args.tensor("a").matmul(try args.tensor("b")))
            },
            Builtin("dot", [.required("a"), .required("b")], summary: "The dot product of two 1-d tensors of the same length.") { args, _ in
                .tensor(try args.tensor("a").dot(try args.tensor("b")))
            },
            Builtin("outer", [.required("a"), .required("b")], summary: "The outer product of two 1-d tensors: [n] and [m] give [n, m].") { args, _ in
                .tensor(try args.tensor("a").outer(try args.tensor("b")))
            },
            Builtin("inv", [.required("A")], summary: "The inverse of a square matrix (computed in float64).") { args, _ in
                .tensor(try args.tensor("A").inverse())
            },
            Builtin("det", [.required("A")], summary: "The determinant of a square matrix (computed in float64).") { args, _ in
                .tensor(try args.tensor("A").determinant())
            },
            Builtin("solve", [.required("A"), .required("b")], summary: "x with A x = b for a square, invertible A (float64).") { args, _ in
                .tensor(try args.tensor("A").solve(try args.tensor("b")))
            },
            Builtin("lstsq", [.required("A"), .required("b")],
                    summary: "The least-squares x minimising |A x - b| (QR in float64), e.g. the normal equation's θ.") { args, _ in
                .tensor(Variable(try args.tensor("A").value.leastSquares(try args.tensor("b").value)))
            },
        ]
    }
}
