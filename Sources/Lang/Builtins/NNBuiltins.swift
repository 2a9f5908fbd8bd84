import Autograd
import NN
import Tensor

/// Layers and models (LANGUAGE.md §5 "Layers"): constructors, `mlp`, `init`, and the members
/// of `module` values. Losses and functional activations are in `NNBuiltins+Losses.swift`.
enum NNBuiltins {
    /// The group.
    static var group: BuiltinGroup {
        BuiltinGroup(title: "Layers and models", builtins: layers + activationLayers + [initBuiltin] + losses + activations,
                     members: moduleMembers)
    }

    // MARK: - Layers

    private static var layers: [Builtin] {
        [
            Builtin("Linear", [.required("in"), .required("out"), .optional("bias", true), .optional("init", "default")],
                    summary: "A fully connected layer y = x @ W.T + b (PyTorch's nn.Linear).",
                    details: """
                    Weight shape [out, in], bias shape [out]. The default init is PyTorch's: \
                    U(-1/sqrt(in), 1/sqrt(in)) for both; init="xavier", "he", ... picks another scheme \
                    (biases then start at 0).
                    Example: layer = Linear(2, 1); layer(X)
                    """) { args, context in
                let scheme = try InitScheme(named: try args.string("init"))
                return module(try Linear(inFeatures: try args.integer("in"), outFeatures: try args.integer("out"),
                                         bias: try args.bool("bias"), scheme: scheme, using: &context.random.source))
            },
            Builtin("Sequential", [.variadic("layers")],
                    summary: "A model applying its layers in order (PyTorch's nn.Sequential).",
                    details: "Example: model = Sequential(Linear(2, 16), ReLU(), Linear(16, 1))") { args, context in
                var layers: [any Module] = []
                for value in args.rest {
                    if case .list(let list) = value {
                        for item in list.items { layers.append(try moduleValue(item, "Sequential")) }
                    } else {
                        layers.append(try moduleValue(value, "Sequential"))
                    }
                }
                return module(Sequential(layers))
            },
            Builtin("mlp", [.required("sizes"), .optional("act", "relu"), .optional("out", .none)],
                    summary: "A multi-layer perceptron: Linear layers of the given sizes with an activation between them.",
                    details: """
                    mlp([2, 16, 16, 3]) is Sequential(Linear(2, 16), ReLU(), Linear(16, 16), ReLU(), Linear(16, 3)). \
                    act names the hidden activation ("relu", "tanh", "sigmoid", "gelu", ...); out adds an \
                    output activation ("sigmoid", "softmax"); by default the model outputs raw scores (logits).
                    """) { args, context in
                let sizes = try integers(args["sizes"], "mlp() argument 'sizes'", context: context)
                let out = args.isNone("out") ? nil : try args.string("out")
                return module(try Sequential.mlp(sizes, activation: try args.string("act"), output: out,
                                                 using: &context.random.source))
            },
            Builtin("Dropout", [.optional("p", 0.5)],
                    summary: "Inverted dropout: zeroes each element with probability p in training mode, scales the rest by 1/(1-p); off in eval mode.") { args, context in
                module(try Dropout(p: try args.number("p"), using: &context.random.source))
            },
            Builtin("BatchNorm", [.required("features"), .optional("eps", 1e-5), .optional("momentum", 0.1)],
                    summary: "Batch normalisation over axis 1 of [N, C] or [N, C, H, W] inputs (momentum 0.1, eps 1e-5, like PyTorch).") { args, _ in
                module(try BatchNorm(features: try args.integer("features"), eps: try args.number("eps"),
                                     momentum: try args.number("momentum")))
            },
            Builtin("Conv2d", [.required("in"), .required("out"), .required("kernel"), .optional("stride", 1),
                               .optional("padding", 0), .optional("bias", true)],
                    summary: "A 2-d convolution: [N, in, H, W] -> [N, out, Ho, Wo] with Ho = (H + 2 padding - kernel) / stride + 1.",
                    details: "Example: Conv2d(1, 8, 3, padding=1) keeps an 8x8 image 8x8.") { args, context in
                module(try Conv2d(inChannels: try args.integer("in"), outChannels: try args.integer("out"),
                                  kernel: try args.integer("kernel"), stride: try args.integer("stride"),
                                  padding: try args.integer("padding"), bias: try args.bool("bias"),
                                  using: &context.random.source))
            },
            Builtin("MaxPool2d", [.required("k"), .optional("stride", .none)],
                    summary: "Max pooling over k x k windows (stride k unless given): [N, C, H, W] -> [N, C, (H-k)/stride+1, ...].") { args, _ in
                module(try Pool2d(.max, kernel: try args.integer("k"), stride: args.isNone("stride") ? nil : try args.integer("stride")))
            },
            Builtin("AvgPool2d", [.required("k"), .optional("stride", .none)],
                    summary: "Average pooling over k x k windows (stride k unless given).") { args, _ in
                module(try Pool2d(.average, kernel: try args.integer("k"), stride: args.isNone("stride") ? nil : try args.integer("stride")))
            },
            Builtin("Flatten", [], summary: "Flattens all axes but the first: [N, C, H, W] -> [N, C*H*W].") { _, _ in
                module(Flatten())
            },
            Builtin("PReLU", [.optional("init", 0.25)],
                    summary: "A leaky ReLU whose negative slope is learnt (starts at 0.25).") { args, _ in
                module(PReLU(initial: Float(try args.number("init"))))
            },
        ]
    }

    private static var activationLayers: [Builtin] {
        let simple: [(String, Activation.Kind, String)] = [
            ("ReLU", .relu, "max(0, x)"), ("Sigmoid", .sigmoid, "1 / (1 + exp(-x))"), ("Tanh", .tanh, "tanh(x)"),
            ("SELU", .selu, "scale * (x if x > 0 else alpha * (exp(x) - 1)), PyTorch's constants"),
            ("Softplus", .softplus, "log(1 + exp(x))"), ("Identity", .identity, "x, unchanged"),
            ("Step", .step, "the perceptron's step: 1 where x > 0, else 0 (forward only: no useful gradient)"),
        ]
        var out = simple.map { name, kind, formula in
            Builtin(name, [], summary: "Activation layer: \(formula).") { _, _ in module(Activation(kind)) }
        }
        out += [
            Builtin("LeakyReLU", [.optional("alpha", 0.01)], summary: "Activation layer: x if x > 0 else alpha * x.") { args, _ in
                module(Activation(.leakyReLU(slope: Float(try args.number("alpha")))))
            },
            Builtin("ELU", [.optional("alpha", 1)], summary: "Activation layer: x if x > 0 else alpha * (exp(x) - 1).") { args, _ in
                module(Activation(.elu(alpha: Float(try args.number("alpha")))))
            },
            Builtin("GELU", [.optional("approximate", "none")],
                    summary: "Activation layer: x * Phi(x) (exact erf form; approximate=\"tanh\" for the tanh form).") { args, _ in
                module(Activation(.gelu(approximate: try args.string("approximate") == "tanh")))
            },
            Builtin("Softmax", [.optional("dim", -1)], summary: "Activation layer: exp(x) / sum(exp(x)) along dim.") { args, _ in
                module(Activation(.softmax(dim: try args.integer("dim"))))
            },
            Builtin("LogSoftmax", [.optional("dim", -1)], summary: "Activation layer: log(softmax(x)) along dim, computed stably.") { args, _ in
                module(Activation(.logSoftmax(dim: try args.integer("dim"))))
            },
        ]
        return out
    }

    private static var initBuiltin: Builtin {
        Builtin("init", [.required("model"), .required("scheme"), .optional("gain", .none), .optional("std", .none),
                         .optional("value", .none)],
                summary: "Re-initialise every Linear/Conv2d weight of a model with a scheme; biases become 0.",
                details: """
                Schemes (PyTorch formulas, fan_in = inputs x kernel area): "xavier"/"glorot" U(-b, b) with \
                b = gain sqrt(6 / (fan_in + fan_out)); "xavier_normal"; "he"/"kaiming" N(0, sqrt(2 / fan_in)); \
                "he_uniform"; "lecun" N(0, 1 / sqrt(fan_in)); "lecun_uniform"; "normal" N(0, std) (std=1); \
                "uniform" U(0, 1); "zeros"; "constant" (value, biases too); "default" (PyTorch's Linear init).
                Example: init(model, "he")
                """) { args, context in
            let model = try moduleValue(args["model"], "init")
            let scheme = try InitScheme(named: try args.string("scheme"))
            scheme.apply(to: model, gain: try args.optionalNumber("gain"), std: try args.optionalNumber("std"),
                         value: try args.optionalNumber("value"), using: &context.random.source)
            return args["model"]
        }
    }

    // MARK: - Module members

    private static var moduleMembers: [Member] {
        [
            .method(of: "module", Builtin("parameters", [], summary: "The list of tensors the model learns (weights and biases).") { args, _ in
                .makeList(try receiver(args).parameters.map { .tensor($0) })
            }),
            .method(of: "module", Builtin("train", [], summary: "Switch to training mode (Dropout on, BatchNorm uses batch statistics); returns the model.") { args, _ in
                try receiver(args).train()
                return args.receiver
            }),
            .method(of: "module", Builtin("eval", [], summary: "Switch to evaluation mode (Dropout off, BatchNorm uses running statistics); returns the model.") { args, _ in
                try receiver(args).eval()
                return args.receiver
            }),
            .method(of: "module", Builtin("zero_grad", [], summary: "Clear the gradients of every parameter.") { args, _ in
                try receiver(args).zeroGrad()
                return .none
            }),
            .method(of: "module", Builtin("summary", [.optional("input", .none)],
                                          summary: "The summary table: each layer, its output shape and parameter count.",
                                          details: "input is the shape of one sample, e.g. model.summary([1, 8, 8]) for 8x8 images; by default the last input's.") { args, context in
                let input = args.isNone("input") ? nil : try integers(args["input"], "summary() argument 'input'", context: context)
                let summary = ModelSummary(try receiver(args), inputShape: input)
                context.output.display(RichBundle(entries: [
                    .init(mimeType: "text/plain", content: summary.text), .init(mimeType: "text/html", content: summary.html),
                ]), id: nil)
                return .none
            }),
            .method(of: "module", Builtin("count_parameters", [], summary: "The number of learnt numbers (parameter elements).") { args, _ in
                .number(Double(try receiver(args).parameterCount))
            }),
        ]
    }

    // MARK: - Helpers

    /// Wraps a module as a value.
    static func module(_ m: any Module) -> Value { .object(ModuleObject(m)) }

    /// The method receiver as a module.
    static func receiver(_ args: Arguments) throws -> any Module {
        if let m = module(in: args.receiver) { return m }
        throw LangError.typeError("\(args.builtin.qualifiedName)() needs a module, not \(args.receiver.typeName)")
    }

    /// The module a value holds, or nil when it is something else (a function, say).
    static func module(in value: Value) -> (any Module)? {
        if case .object(let o) = value, let m = o as? ModuleObject { return m.module }
        return nil
    }

    /// A value that must be a module.
    static func moduleValue(_ value: Value, _ function: String) throws -> any Module {
        if let m = module(in: value) { return m }
        throw LangError.typeError("\(function)() expects layers or models (e.g. Linear(2, 3), ReLU()), not \(value.typeName)")
    }

    /// A list (or 1-d tensor) of whole numbers.
    static func integers(_ value: Value, _ what: String, context: BuiltinContext) throws -> [Int] {
        let items: [Value]
        if case .tensor(let t) = value { items = t.value.scalars.map { .number(Double($0)) } } else {
            items = try Iteration.items(of: value, context: context, what: what)
        }
        return try items.map { item in
            guard let n = item.asNumber, let i = Value.exactInteger(n) else {
                throw LangError.typeError("\(what) must hold whole numbers, not \(item.reprText)")
            }
            return i
        }
    }

    /// Parameters from a module, a tensor, or a (nested) list of tensors and modules.
    static func parameters(_ value: Value, _ function: String) throws -> [Variable] {
        switch value {
        case .tensor(let v): return [v]
        case .object(let o as ModuleObject): return o.module.parameters
        case .list(let list): return try list.items.flatMap { try parameters($0, function) }
        default:
            throw LangError.typeError("\(function)() expects the parameters as model.parameters(), a model or a list of tensors, not \(value.typeName)")
        }
    }
}
