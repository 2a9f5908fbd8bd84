import Autograd
import Tensor

/// The members of tensor values: `t.shape`, `t.sum(dim=0)`, `t.backward()`, `t.grad` ...
extension TensorBuiltins {
    static func method(_ name: String, _ parameters: [BuiltinParameter] = [], _ summary: String,
                       _ body: @escaping (Variable, Arguments, BuiltinContext) throws -> Value) -> Member {
        .method(of: "tensor", Builtin(name, parameters, summary: summary) { args, context in
            try body(try args.receiverTensor(), args, context)
        })
    }

    static func property(_ name: String, _ summary: String, _ get: @escaping (Variable) throws -> Value,
                         set: ((Variable, Value) throws -> Void)? = nil) -> Member {
        .property(of: "tensor", name, summary: summary, get: { value, _ in
            guard case .tensor(let t) = value else { throw LangError.typeError("\(name) needs a tensor") }
            return try get(t)
        }, set: set.map { set in { value, newValue, _ in
            guard case .tensor(let t) = value else { throw LangError.typeError("\(name) needs a tensor") }
            try set(t, newValue)
        } })
    }

    /// A float32 value as the number a student expects to read (0.1, not 0.10000000149...).
    static func number(_ x: Float) -> Value { .number(Double("\(x)") ?? Double(x)) }

    static var members: [Member] {
        var list: [Member] = [
            property("shape", "The size of each axis, as a list (e.g. [2, 3]).") { TensorArgs.shapeValue($0.value.shape) },
            property("ndim", "The number of axes.") { .number(Double($0.value.rank)) },
            property("size", "The number of elements.") { .number(Double($0.value.scalarCount)) },
            property("T", "The transpose (axes reversed).") { .tensor($0.transposedAll) },
            property("grad", "The gradient after backward(), or none.", { t in t.grad.map { .tensor(Variable($0)) } ?? .none },
                     set: { t, newValue in
                         if newValue.isNone { t.grad = nil; return }
                         guard let g = newValue.asVariable(), g.value.shape == t.value.shape else {
                             throw LangError.typeError("grad must be none or a tensor of shape \(TensorError.format(t.value.shape))")
                         }
                         t.grad = g.value
                     }),
            property("is_leaf", "Whether the tensor was made by you (not by an operation).") { .bool($0.isLeaf) },
            property("grad_fn", "The operation that made the tensor (e.g. \"MulBackward0\"), or none.") { t in
                t.gradFnName.map { .string($0) } ?? .none
            },
            property("op", "The operation's short name (\"mul\", \"relu\"), or \"\" for a leaf.") { .string($0.opName) },
            property("inputs", "The tensors the operation used (empty for a leaf).") { t in
                .list(LangList(t.inputs.map { .tensor($0) }))
            },
            method("item", [], "The number inside a one-element tensor.") { t, _, _ in number(try t.value.item()) },
            method("tolist", [], "The elements as (nested) lists of numbers.") { t, _, _ in tolist(t.value) },
            method("reshape", [.variadic("shape")], "The same elements in a new shape; one size may be -1.") { t, args, context in
                .tensor(try t.reshaped(try TensorArgs.shape(args.rest, "reshape", context: context)))
            },
            method("view", [.variadic("shape")], "Same as reshape.") { t, args, context in
                .tensor(try t.reshaped(try TensorArgs.shape(args.rest, "view", context: context)))
            },
            method("flatten", [], "All elements as a 1-d tensor.") { t, _, _ in .tensor(t.flattened()) },
            method("squeeze", [.optional("dim", .none)], "Remove axes of size 1 (all, or only dim).") { t, args, _ in
                .tensor(try t.squeezed(try TensorArgs.dim(args)))
            },
            method("unsqueeze", [.required("dim")], "Insert an axis of size 1 at dim.") { t, args, _ in
                .tensor(try t.unsqueezed(try args.integer("dim")))
            },
            method("transpose", [.optional("a", 0), .optional("b", 1)], "Swap axes a and b.") { t, args, _ in
                .tensor(try t.transposed(try args.integer("a"), try args.integer("b")))
            },
            method("detach", [], "The same values cut from the graph (no grad).") { t, _, _ in .tensor(t.detach()) },
            method("numpy_str", [], "The values printed the way numpy prints an array.") { t, _, _ in
                .string(t.value.numpyDescription())
            },
            method("requires_grad", [.optional("flag", true)], "Make this tensor a param (a leaf that requires grad); returns it.") { t, args, _ in
                try t.setRequiresGrad(try args.bool("flag"))
                return .tensor(t)
            },
            method("backward", [.optional("gradient", .none)],
                   "Backpropagate: add d(this)/d(param) into every param's .grad (call on a one-element loss).") { t, args, _ in
                let gradient = args.isNone("gradient") ? nil : try args.tensor("gradient").value
                try GradMode.withGrad { () throws in try t.backward(gradient) }
                return .none
            },
            method("zero_grad", [], "Clear the gradient (.grad becomes none).") { t, _, _ in
                t.zeroGrad()
                return .none
            },
            method("abs", [], "The absolute value, elementwise.") { t, _, _ in .tensor(t.map(.abs)) },
            method("round", [.optional("digits", 0)], "Rounded to whole numbers (half to even, like torch), elementwise.") { t, args, _ in
                let digits = try args.integer("digits")
                if digits == 0 { return .tensor(t.map(.round)) }
                let scale = Variable(Tensor(Float(pow10(digits))))
                return .tensor(try t.binary(.mul, scale).map(.round).binary(.div, scale))
            },
            method("pow", [.required("p")], "t^p elementwise.") { t, args, _ in .tensor(try TensorArgs.power(t, args)) },
            method("clamp", [.optional("lo", .none), .optional("hi", .none)], "Limits every element to [lo, hi].") { t, args, _ in
                let (lo, hi) = try TensorArgs.clampBounds(args)
                return .tensor(t.clamp(lo, hi))
            },
            method("matmul", [.required("other")], "The matrix product t @ other.") { t, args, _ in
                .tensor(try t.matmul(try args.tensor("other")))
            },
            method("dot", [.required("other")], "The dot product with another 1-d tensor.") { t, args, _ in
                .tensor(try t.dot(try args.tensor("other")))
            },
        ]
        let reductions: [(String, ReductionKind, String)] = [
            ("sum", .sum, "The sum"), ("mean", .mean, "The mean"), ("max", .max, "The largest element"),
            ("min", .min, "The smallest element"), ("argmax", .argmax, "The position of the largest element"),
            ("argmin", .argmin, "The position of the smallest element"),
            ("std", .std, "The standard deviation (unbiased)"), ("var", .variance, "The variance (unbiased)"),
        ]
        for (name, kind, summary) in reductions {
            list.append(method(name, [.optional("dim", .none), .optional("keepdim", false)],
                               summary + ", over all elements or along dim.") { t, args, _ in
                .tensor(try TensorArgs.reduce(t, kind, args))
            })
        }
        for (name, op, _) in elementwiseFunctions {
            list.append(method(name, [], "\(name)(x), elementwise.") { t, _, _ in .tensor(t.map(op)) })
        }
        list.append(method("softmax", [.optional("dim", -1)], "exp(x) / sum(exp(x)) along dim (stable).") { t, args, _ in
            .tensor(try t.softmax(dim: try args.integer("dim")))
        })
        list.append(method("log_softmax", [.optional("dim", -1)], "log(softmax(x)) along dim (stable).") { t, args, _ in
            .tensor(try t.logSoftmax(dim: try args.integer("dim")))
        })
        return list
    }

    private static func pow10(_ digits: Int) -> Double {
        var s = 1.0
        for _ in 0..<abs(digits) { s *= 10 }
        return digits < 0 ? 1 / s : s
    }

    private static func tolist(_ t: Tensor) -> Value {
        let values = t.scalars
        if t.rank == 0 { return number(values[0]) }
        func build(_ axis: Int, _ offset: Int) -> Value {
            let size = t.shape[axis]
            if axis == t.rank - 1 { return .list(LangList((0..<size).map { number(values[offset + $0]) })) }
            let inner = Tensor.count(of: Array(t.shape[(axis + 1)...]))
            return .list(LangList((0..<size).map { build(axis + 1, offset + $0 * inner) }))
        }
        return build(0, 0)
    }
}
