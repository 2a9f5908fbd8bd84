import Autograd
import NN
import Tensor

/// Optimisers, schedules, clipping and training (LANGUAGE.md §5 "Optimisers and schedules",
/// "Training"). `fit`, `predict`, `evaluate` and `normal_equation` are in
/// `TrainBuiltins+Fit.swift`.
enum TrainBuiltins {
    /// The group.
    static var group: BuiltinGroup {
        BuiltinGroup(title: "Optimisers and training", builtins: optimizers + schedules + training,
                     members: optimizerMembers + schedulerMembers + historyMembers)
    }

    // MARK: - Optimisers

    private static var optimizers: [Builtin] {
        let common = "params is model.parameters(), a model, or a list of tensors made with param(...)."
        return [
            Builtin("SGD", [.required("params"), .required("lr"), .optional("momentum", 0), .optional("nesterov", false),
                            .optional("weight_decay", 0), .optional("dampening", 0)],
                    summary: "Stochastic gradient descent, with optional (Nesterov) momentum and weight decay (PyTorch's update rule).",
                    details: "buf = momentum * buf + g; p -= lr * (g + momentum * buf if nesterov else buf). " + common) { args, _ in
                optimizer(try SGD(try params(args), lr: try args.number("lr"), momentum: try args.number("momentum"),
                                  dampening: try args.number("dampening"), nesterov: try args.bool("nesterov"),
                                  weightDecay: try args.number("weight_decay")))
            },
            Builtin("Adam", [.required("params"), .optional("lr", 0.001), .optional("betas", [0.9, 0.999]), .optional("eps", 1e-8),
                             .optional("weight_decay", 0), .optional("amsgrad", false)],
                    summary: "Adam: momentum plus per-parameter step sizes from the running mean of squared gradients (PyTorch's update rule).",
                    details: common) { args, _ in
                optimizer(try Adam(try params(args), lr: try args.number("lr"), betas: try betas(args), eps: try args.number("eps"),
                                   weightDecay: try args.number("weight_decay"), amsgrad: try args.bool("amsgrad")))
            },
            Builtin("AdamW", [.required("params"), .optional("lr", 0.001), .optional("betas", [0.9, 0.999]), .optional("eps", 1e-8),
                              .optional("weight_decay", 0.01), .optional("amsgrad", false)],
                    summary: "Adam with decoupled weight decay: p *= 1 - lr * weight_decay before the Adam step.",
                    details: common) { args, _ in
                optimizer(try Adam(try params(args), lr: try args.number("lr"), betas: try betas(args), eps: try args.number("eps"),
                                   weightDecay: try args.number("weight_decay"), amsgrad: try args.bool("amsgrad"), decoupled: true))
            },
            Builtin("Adagrad", [.required("params"), .optional("lr", 0.01), .optional("lr_decay", 0), .optional("weight_decay", 0),
                                .optional("initial_accumulator_value", 0), .optional("eps", 1e-10)],
                    summary: "Adagrad: step sizes shrink with the sum of all squared gradients.", details: common) { args, _ in
                optimizer(try Adagrad(try params(args), lr: try args.number("lr"), lrDecay: try args.number("lr_decay"),
                                      weightDecay: try args.number("weight_decay"),
                                      initialAccumulatorValue: try args.number("initial_accumulator_value"), eps: try args.number("eps")))
            },
            Builtin("RMSprop", [.required("params"), .optional("lr", 0.01), .optional("alpha", 0.99), .optional("eps", 1e-8),
                                .optional("weight_decay", 0), .optional("momentum", 0), .optional("centered", false)],
                    summary: "RMSprop: step sizes from a running mean of squared gradients.", details: common) { args, _ in
                optimizer(try RMSprop(try params(args), lr: try args.number("lr"), alpha: try args.number("alpha"), eps: try args.number("eps"),
                                      weightDecay: try args.number("weight_decay"), momentum: try args.number("momentum"),
                                      centered: try args.bool("centered")))
            },
            Builtin("Adadelta", [.required("params"), .optional("lr", 1.0), .optional("rho", 0.9), .optional("eps", 1e-6),
                                 .optional("weight_decay", 0)],
                    summary: "Adadelta: step sizes from running means of squared gradients and squared updates.", details: common) { args, _ in
                optimizer(try Adadelta(try params(args), lr: try args.number("lr"), rho: try args.number("rho"), eps: try args.number("eps"),
                                       weightDecay: try args.number("weight_decay")))
            },
            Builtin("Adamax", [.required("params"), .optional("lr", 0.002), .optional("betas", [0.9, 0.999]), .optional("eps", 1e-8),
                               .optional("weight_decay", 0)],
                    summary: "Adamax: Adam with the infinity norm of past gradients.", details: common) { args, _ in
                optimizer(try Adamax(try params(args), lr: try args.number("lr"), betas: try betas(args), eps: try args.number("eps"),
                                     weightDecay: try args.number("weight_decay")))
            },
            Builtin("NAdam", [.required("params"), .optional("lr", 0.002), .optional("betas", [0.9, 0.999]), .optional("eps", 1e-8),
                              .optional("weight_decay", 0), .optional("momentum_decay", 0.004)],
                    summary: "NAdam: Adam with Nesterov momentum.", details: common) { args, _ in
                optimizer(try NAdam(try params(args), lr: try args.number("lr"), betas: try betas(args), eps: try args.number("eps"),
                                    weightDecay: try args.number("weight_decay"), momentumDecay: try args.number("momentum_decay")))
            },
            Builtin("clip_grad_norm", [.required("params"), .required("max_norm")],
                    summary: "Scale all gradients down so that their total L2 norm is at most max_norm; returns the norm before clipping.") { args, _ in
                .number(try GradientClipping.clipNorm(try NNBuiltins.parameters(args["params"], "clip_grad_norm"),
                                                      maxNorm: try args.number("max_norm")))
            },
        ]
    }

    // MARK: - Schedules

    private static var schedules: [Builtin] {
        [
            Builtin("StepLR", [.required("opt"), .required("step"), .optional("gamma", 0.1)],
                    summary: "Multiply the learning rate by gamma every `step` calls of .step() (once per epoch).") { args, _ in
                schedule(try Schedule(.step(every: try args.integer("step"), gamma: try args.number("gamma")), optimizer: try optimizerArgument(args)))
            },
            Builtin("ExponentialLR", [.required("opt"), .required("gamma")],
                    summary: "Multiply the learning rate by gamma at every .step().") { args, _ in
                schedule(try Schedule(.exponential(gamma: try args.number("gamma")), optimizer: try optimizerArgument(args)))
            },
            Builtin("CosineLR", [.required("opt"), .required("total"), .optional("min_lr", 0)],
                    summary: "Cosine annealing: lr = min_lr + (lr0 - min_lr) (1 + cos(pi t / total)) / 2 (PyTorch's CosineAnnealingLR).") { args, _ in
                schedule(try Schedule(.cosine(total: try args.integer("total"), minLR: try args.number("min_lr")), optimizer: try optimizerArgument(args)))
            },
            Builtin("OneCycleLR", [.required("opt"), .required("max_lr"), .required("total")],
                    summary: "The one-cycle policy: warm up to max_lr over 30% of `total` steps, then anneal far below (PyTorch's defaults).",
                    details: "Step it after every batch (fit does when passed schedule=...). It also cycles the momentum (beta1 for Adam) between 0.95 and 0.85.") { args, _ in
                schedule(try Schedule(.oneCycle(maxLR: try args.number("max_lr"), total: try args.integer("total")), optimizer: try optimizerArgument(args)))
            },
        ]
    }

    // MARK: - Members

    private static var optimizerMembers: [Member] {
        [
            .method(of: "optimizer", Builtin("step", [], summary: "Update every parameter from its gradient.") { args, _ in
                try optimizerReceiver(args).step()
                return .none
            }),
            .method(of: "optimizer", Builtin("zero_grad", [], summary: "Clear the gradients of every parameter (grads become none).") { args, _ in
                try optimizerReceiver(args).zeroGrad()
                return .none
            }),
            .property(of: "optimizer", "lr", summary: "The learning rate (assignable).", get: { value, _ in
                guard case .object(let o as OptimizerObject) = value else { return .none }
                return .number(o.optimizer.lr)
            }, set: { value, new, _ in
                guard case .object(let o as OptimizerObject) = value else { return }
                guard let lr = new.asNumber, lr >= 0 else { throw LangError.valueError("lr must be a number >= 0, not \(new.reprText)") }
                o.optimizer.lr = lr
            }),
            .property(of: "optimizer", "params", summary: "The tensors the optimiser updates.", get: { value, _ in
                guard case .object(let o as OptimizerObject) = value else { return .none }
                return .makeList(o.optimizer.parameters.map { .tensor($0) })
            }),
        ]
    }

    private static var schedulerMembers: [Member] {
        [
            .method(of: "scheduler", Builtin("step", [], summary: "Advance the schedule by one step and set the optimiser's learning rate.") { args, _ in
                guard case .object(let o as SchedulerObject) = args.receiver else { return .none }
                try o.schedule.step()
                return .none
            }),
            .property(of: "scheduler", "lr", summary: "The optimiser's current learning rate.", get: { value, _ in
                guard case .object(let o as SchedulerObject) = value else { return .none }
                return .number(o.schedule.optimizer.lr)
            }),
        ]
    }

    private static var historyMembers: [Member] {
        func series(_ name: String, _ summary: String, _ read: @escaping (History) -> [Double]) -> Member {
            .property(of: "history", name, summary: summary, get: { value, _ in
                guard case .object(let o as HistoryObject) = value else { return .none }
                let values = read(o.history)
                return .tensor(Tensor(shape: [values.count], scalars: values.map { Float($0) }))
            })
        }
        return [
            series("loss", "The mean training loss of each epoch (a tensor).") { $0.loss },
            series("val_loss", "The validation loss after each epoch (empty without val=).") { $0.valLoss },
            series("acc", "The training accuracy of each epoch (classification losses only).") { $0.accuracy },
            series("val_acc", "The validation accuracy after each epoch.") { $0.valAccuracy },
            series("epochs", "The epoch numbers 1, 2, ...") { $0.epochs.map(Double.init) },
        ]
    }

    // MARK: - Helpers

    static func optimizer(_ o: any Optimizer) -> Value { .object(OptimizerObject(o)) }
    static func schedule(_ s: Schedule) -> Value { .object(SchedulerObject(s)) }

    static func params(_ args: Arguments) throws -> [Variable] {
        try NNBuiltins.parameters(args["params"], args.builtin.name)
    }

    static func betas(_ args: Arguments) throws -> (Double, Double) {
        let value = args["betas"]
        let numbers: [Double]
        switch value {
        case .list(let list): numbers = list.items.compactMap(\.asNumber)
        case .tensor(let t): numbers = t.value.scalars.map(Double.init)
        default: numbers = []
        }
        guard numbers.count == 2 else {
            throw LangError.typeError("\(args.builtin.name)() argument 'betas' must be two numbers like [0.9, 0.999], not \(value.reprText)")
        }
        return (numbers[0], numbers[1])
    }

    static func optimizerArgument(_ args: Arguments) throws -> any Optimizer {
        try args.object("opt", as: OptimizerObject.self, expected: "an optimizer (e.g. SGD(model.parameters(), lr=0.1))").optimizer
    }

    static func optimizerReceiver(_ args: Arguments) throws -> any Optimizer {
        guard case .object(let o as OptimizerObject) = args.receiver else {
            throw LangError.typeError("\(args.builtin.qualifiedName)() needs an optimizer")
        }
        return o.optimizer
    }
}
