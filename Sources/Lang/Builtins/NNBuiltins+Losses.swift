import Autograd
import NN
import Tensor

/// Losses, regularisers, metrics and functional activations (LANGUAGE.md §5).
extension NNBuiltins {
    /// The names of the losses that classify (fit tracks accuracy for them).
    static let classificationLosses: Set<String> = ["cross_entropy", "nll", "bce", "bce_logits", "hinge"]

    /// A loss by name, as a Swift function (used by the builtins and by `fit`).
    static func lossFunction(named name: String, reduction: Reduction = .mean, delta: Double = 1) -> Trainer.LossFunction? {
        switch name {
        case "mse": return { try Losses.mse($0, $1, reduction: reduction) }
        case "mae", "l1": return { try Losses.l1($0, $1, reduction: reduction) }
        case "huber": return { try Losses.huber($0, $1, delta: delta, reduction: reduction) }
        case "bce": return { try Losses.bce($0, $1, reduction: reduction) }
        case "bce_logits": return { try Losses.bceWithLogits($0, $1, reduction: reduction) }
        case "cross_entropy": return { try Losses.crossEntropy($0, $1, reduction: reduction) }
        case "nll": return { try Losses.nll($0, $1, reduction: reduction) }
        case "hinge": return { try Losses.hinge($0, $1, reduction: reduction) }
        default: return nil
        }
    }

    static var losses: [Builtin] {
        func loss(_ name: String, _ first: String, _ summary: String, _ details: String) -> Builtin {
            Builtin(name, [.required(first), .required("y"), .optional("reduction", "mean")], summary: summary, details: details) { args, _ in
                let reduction = try Reduction(named: try args.string("reduction"))
                guard let fn = lossFunction(named: name, reduction: reduction) else { return .none }
                return .tensor(try fn(try args.tensor(first), try args.tensor("y")))
            }
        }
        let shapeNote = "The target must have the prediction's shape (a target [N] against a prediction [N, 1] is a ShapeError: reshape one of them)."
        return [
            loss("mse", "pred", "Mean squared error: mean((pred - y)^2).", shapeNote + " reduction=\"sum\" or \"none\" changes the reduction."),
            loss("mae", "pred", "Mean absolute error: mean(|pred - y|) (same as l1).", shapeNote),
            Builtin("l1", [.required("pred"), .optional("y", .none), .optional("reduction", "mean")],
                    summary: "L1 loss mean(|pred - y|); with one argument, the L1 penalty sum(|w|) of a list of parameters.",
                    details: "Examples: l1(pred, y); L = loss + 0.001 * l1(model.parameters())") { args, _ in
                if args.isNone("y") { return .tensor(try Regularizers.l1(try parameters(args["pred"], "l1"))) }
                return .tensor(try Losses.l1(try args.tensor("pred"), try args.tensor("y"), reduction: try Reduction(named: try args.string("reduction"))))
            },
            Builtin("l2", [.required("params")],
                    summary: "The L2 penalty sum(w^2) over a list of parameters (or a model).",
                    details: "Example: L = mse(model(X), y) + 0.01 * l2(model.parameters())") { args, _ in
                .tensor(try Regularizers.l2(try parameters(args["params"], "l2")))
            },
            Builtin("huber", [.required("pred"), .required("y"), .optional("delta", 1), .optional("reduction", "mean")],
                    summary: "Huber loss: 0.5 d^2 where |d| <= delta, else delta (|d| - 0.5 delta), with d = pred - y.") { args, _ in
                .tensor(try Losses.huber(try args.tensor("pred"), try args.tensor("y"), delta: try args.number("delta"),
                                         reduction: try Reduction(named: try args.string("reduction"))))
            },
            loss("bce", "prob", "Binary cross-entropy of probabilities: -mean(y log p + (1 - y) log(1 - p)).",
                 "Probabilities must be in [0, 1] (apply sigmoid first, or use bce_logits). " + shapeNote),
            loss("bce_logits", "logits", "Binary cross-entropy of raw scores (sigmoid inside, computed stably).", shapeNote),
            loss("cross_entropy", "logits", "Cross-entropy of class scores [N, C] against labels [N] (class indices) or [N, C] (probabilities).",
                 "Softmax is applied inside: pass raw scores (logits), like PyTorch."),
            loss("nll", "logp", "Negative log-likelihood of log-probabilities [N, C] against labels [N].",
                 "Use with log_softmax outputs: nll(log_softmax(z), y) equals cross_entropy(z, y)."),
            loss("hinge", "scores", "Hinge loss: multi-class (PyTorch's MultiMarginLoss) for scores [N, C]; max(0, 1 - y s) for scores [N] and labels -1/+1 (or 0/1).",
                 "Multi-class: per sample, sum over wrong classes j of max(0, 1 - s[y] + s[j]), divided by C."),
            Builtin("accuracy", [.required("pred"), .required("y")],
                    summary: "The fraction of correct predictions: argmax of scores [N, C], or threshold 0.5 (probabilities) / 0 (logits) for [N] outputs.") { args, _ in
                .number(try Metrics.accuracy(try args.tensor("pred").value, try args.tensor("y").value))
            },
            Builtin("rmse", [.required("pred"), .required("y")], summary: "Root mean squared error sqrt(mean((pred - y)^2)), a number.") { args, _ in
                .number(try Metrics.rmse(try args.tensor("pred").value, try args.tensor("y").value))
            },
            Builtin("confusion", [.required("pred"), .required("y"), .optional("classes", .none)],
                    summary: "The confusion matrix [K, K]: entry [i, j] counts samples of class i predicted as j.") { args, _ in
                .tensor(try Metrics.confusion(try args.tensor("pred").value, try args.tensor("y").value,
                                              classes: args.isNone("classes") ? nil : try args.integer("classes")))
            },
        ]
    }

    static var activations: [Builtin] {
        func unary(_ name: String, _ summary: String, _ op: UnaryOp) -> Builtin {
            Builtin(name, [.required("t")], summary: summary) { args, _ in .tensor(try args.tensor("t").map(op)) }
        }
        return [
            Builtin("leaky_relu", [.required("t"), .optional("alpha", 0.01)], summary: "x if x > 0 else alpha * x, elementwise.") { args, _ in
                .tensor(try args.tensor("t").map(.leakyRelu(Float(try args.number("alpha")))))
            },
            Builtin("gelu", [.required("t"), .optional("approximate", "none")], summary: "GELU x * Phi(x), elementwise (approximate=\"tanh\" for the tanh form).") { args, _ in
                .tensor(try args.tensor("t").map(.gelu(approximate: try args.string("approximate") == "tanh")))
            },
            Builtin("elu", [.required("t"), .optional("alpha", 1)], summary: "x if x > 0 else alpha * (exp(x) - 1), elementwise.") { args, _ in
                .tensor(try args.tensor("t").map(.elu(Float(try args.number("alpha")))))
            },
            unary("selu", "SELU with PyTorch's constants, elementwise.", .selu),
            unary("softplus", "log(1 + exp(x)), elementwise.", .softplus),
            unary("step", "The perceptron's step: 1 where x > 0, else 0.", .step),
            Builtin("softmax", [.required("t"), .optional("dim", -1)], summary: "exp(x) / sum(exp(x)) along dim (stable).") { args, _ in
                .tensor(try args.tensor("t").softmax(dim: try args.integer("dim")))
            },
            Builtin("log_softmax", [.required("t"), .optional("dim", -1)], summary: "log(softmax(x)) along dim (stable).") { args, _ in
                .tensor(try args.tensor("t").logSoftmax(dim: try args.integer("dim")))
            },
        ]
    }
}
