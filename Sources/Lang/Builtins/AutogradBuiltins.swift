import Autograd
import Tensor

/// The autograd builtins of LANGUAGE.md §5: `param`, `zero_grad(list)`, `grad(f)` (JAX-style)
/// and `gradcheck(f, x)`. Tensor members such as `backward()` live in
/// `TensorBuiltins+Members.swift`; `graph(L)` is a plot builtin.
enum AutogradBuiltins {
    /// The group.
    static var group: BuiltinGroup {
        BuiltinGroup(title: "Autograd", builtins: [param, zeroGrad, grad, gradcheck])
    }

    private static var param: Builtin {
        Builtin("param", [.required("t")],
                summary: "A leaf tensor that requires grad (a learnable parameter), copied from a number, list or tensor.",
                details: "Example: w = param([0.8, 0.2]); after L.backward(), w.grad holds dL/dw.") { args, _ in
            .tensor(Variable(try args.tensor("t").value, requiresGrad: true))
        }
    }

    private static var zeroGrad: Builtin {
        Builtin("zero_grad", [.required("params")], summary: "Clear the .grad of every tensor in a list (or of one tensor).") { args, context in
            if case .tensor(let t) = args["params"] {
                t.zeroGrad()
                // `[w1, w2]` of equally shaped params is a stacked tensor: clear its pieces too
                if case .stack? = t.op { for input in t.inputs { input.zeroGrad() } }
                return .none
            }
            for item in try args.items("params", context: context) {
                guard case .tensor(let t) = item else {
                    throw LangError.typeError("zero_grad() needs a list of tensors, got an item of kind \(item.typeName)")
                }
                t.zeroGrad()
            }
            return .none
        }
    }

    /// Turns the arguments of a gradient function into leaves that require grad.
    private static func leaves(_ values: [Value], _ what: String) throws -> [Variable] {
        try values.map { value in
            guard let v = value.asVariable() else {
                throw LangError.typeError("\(what) needs numbers or tensors as arguments, not \(value.typeName)")
            }
            return Variable(v.value, requiresGrad: true)
        }
    }

    /// Calls `f` on leaves and checks that it returns one number.
    private static func scalarOutput(_ f: Value, _ inputs: [Variable], _ what: String, context: BuiltinContext) throws -> Variable {
        let result = try context.call(f, inputs.map { .tensor($0) })
        guard let out = result.asVariable() else {
            throw LangError.typeError("\(what): the function must return a number or a tensor, not \(result.typeName)")
        }
        guard out.value.scalarCount == 1 else {
            throw LangError.valueError("\(what): the function must return a single number, got shape \(TensorError.format(out.value.shape)); add .sum() or .mean()")
        }
        return out
    }

    private static var grad: Builtin {
        Builtin("grad", [.required("f")],
                summary: "The gradient function of a scalar function f (JAX-style): grad(fn(x) = x^2)(3) is 6.",
                details: "For a function of several arguments, the gradient function returns a list with one gradient per argument. Number arguments give number gradients.") { args, context in
            let f = args["f"]
            let gradient = Builtin("grad_of_f", [.variadic("args")], summary: "The gradient of f at the given arguments.") { inner, context in
                let values = inner.rest
                guard !values.isEmpty else { throw LangError.typeError("the gradient function needs at least one argument") }
                let inputs = try leaves(values, "grad(f)")
                try GradMode.withGrad { () throws in
                    let out = try scalarOutput(f, inputs, "grad(f)", context: context)
                    if out.requiresGrad { try out.backward() }
                }
                let grads: [Value] = zip(values, inputs).map { value, input in
                    let g = input.grad ?? Tensor(repeating: 0, shape: input.value.shape)
                    if value.plainNumber != nil, let x = g.scalars.first { return TensorBuiltins.number(x) }
                    return .tensor(Variable(g))
                }
                return grads.count == 1 ? grads[0] : .list(LangList(grads))
            }
            _ = context
            return .builtin(BoundBuiltin(gradient))
        }
    }

    private static var gradcheck: Builtin {
        Builtin("gradcheck", [.required("f"), .variadic("inputs"), .optional("eps", 1e-3)],
                summary: "Compare autograd with central finite differences; returns the max relative error (below 1e-2 is a pass in float32).",
                details: "Error per element: |analytic - numeric| / max(1, |analytic|, |numeric|). Example: gradcheck(fn(x) = (x^3).sum(), randn(3))") { args, context in
            let f = args["f"]
            let inputs = try args.rest.map { value -> Tensor in
                guard let v = value.asVariable() else {
                    throw LangError.typeError("gradcheck() inputs must be numbers or tensors, not \(value.typeName)")
                }
                return v.value
            }
            guard !inputs.isEmpty else { throw LangError.typeError("gradcheck() needs at least one input: gradcheck(f, x)") }
            let error = try GradMode.withGrad { () throws -> Double in
                try Gradcheck.maxError({ xs in try scalarOutput(f, xs, "gradcheck", context: context) },
                                       at: inputs, epsilon: Float(try args.number("eps")))
            }
            return .number(error)
        }
    }
}
