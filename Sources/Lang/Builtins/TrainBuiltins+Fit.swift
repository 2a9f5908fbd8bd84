import Autograd
import NN
import Plot
import Tensor

/// `fit`, `predict`, `evaluate` and `normal_equation`.
extension TrainBuiltins {
    static var training: [Builtin] {
        [
            Builtin("fit", [.required("model"), .required("X"), .required("y"), .optional("loss", "mse"), .optional("opt", .none),
                            .optional("epochs", 10), .optional("batch_size", 32), .optional("shuffle", true), .optional("val", .none),
                            .optional("patience", .none), .optional("live", true), .optional("schedule", .none)],
                    summary: "Train a model: for each epoch and batch, forward, loss, backward, optimiser step. Returns a history.",
                    details: """
                    loss is a loss function (mse, cross_entropy, bce_logits, ... or your own fn(pred, y)) or its name; \
                    opt defaults to Adam(model.parameters(), lr=0.001). val=[X_val, y_val] adds validation loss (and \
                    accuracy); patience=k stops after k epochs without improvement and restores the best weights; \
                    schedule=StepLR(...) is stepped every epoch (OneCycleLR every batch). While it runs the cell shows \
                    a progress line and a live loss curve (live=false hides them). Interrupting stops between batches \
                    and keeps the weights learnt so far. A target [N] for a model output [N, 1] is reshaped to [N, 1].
                    Example: history = fit(model, X, y, loss=cross_entropy, opt=Adam(model.parameters(), lr=0.01), epochs=100)
                    """) { args, context in
                try fit(args, context: context)
            },
            Builtin("predict", [.required("model"), .required("X")],
                    summary: "The model's output for X in evaluation mode, without recording gradients.") { args, _ in
                .tensor(Variable(try Trainer.predict(try NNBuiltins.moduleValue(args["model"], "predict"), x: try args.tensor("X").value)))
            },
            Builtin("evaluate", [.required("model"), .required("X"), .required("y"), .optional("loss", "mse")],
                    summary: "The loss (and, for classification losses, the accuracy) of a model on data, as a record {loss, acc}.") { args, context in
                let (lossFn, classify) = try lossArgument(args["loss"], context: context)
                let threshold: Float? = scoreLosses.contains(lossName(args["loss"]) ?? "") ? 0 : nil
                let result = try Trainer.evaluate(try NNBuiltins.moduleValue(args["model"], "evaluate"), x: try args.tensor("X").value,
                                                  y: try args.tensor("y").value, loss: lossFn, accuracy: classify, threshold: threshold)
                return .makeRecord([("loss", .number(result.loss)), ("acc", result.accuracy.map { .number($0) } ?? .none)])
            },
            Builtin("normal_equation", [.required("X"), .required("y"), .optional("bias", true)],
                    summary: "The least-squares θ = (XᵀX)⁻¹ Xᵀy in closed form (θ₀, the intercept, first when bias=true).",
                    details: "Solved in float64. X is [N, D] (or [N] for one feature), y is [N].") { args, _ in
                .tensor(Variable(try NormalEquation.solve(x: try args.tensor("X").value, y: try args.tensor("y").value,
                                                          bias: try args.bool("bias"))))
            },
        ]
    }

    /// Losses of raw scores: a one-column output is a class-1 guess where it is >= 0.
    static let scoreLosses: Set<String> = ["bce_logits", "hinge"]

    /// The name of a loss given by name or as a builtin, else nil.
    static func lossName(_ value: Value) -> String? {
        switch value {
        case .string(let name): return name
        case .builtin(let bound) where bound.receiver == nil: return bound.builtin.name
        default: return nil
        }
    }

    /// A loss argument as a Swift function, and whether it classifies (accuracy is tracked).
    static func lossArgument(_ value: Value, context: BuiltinContext) throws -> (Trainer.LossFunction, Bool) {
        switch value {
        case .string(let name):
            guard let fn = NNBuiltins.lossFunction(named: name) else {
                throw LangError.valueError("unknown loss \"\(name)\": use mse, mae, huber, bce, bce_logits, cross_entropy, nll or hinge, or a function fn(pred, y)")
            }
            return (fn, NNBuiltins.classificationLosses.contains(name))
        case .builtin(let bound) where bound.receiver == nil:
            if let fn = NNBuiltins.lossFunction(named: bound.builtin.name) {
                return (fn, NNBuiltins.classificationLosses.contains(bound.builtin.name))
            }
            fallthrough
        case .function, .builtin, .object:
            let fn: Trainer.LossFunction = { pred, y in
                let result = try context.call(value, [.tensor(pred), .tensor(y)])
                guard let v = result.asVariable() else {
                    throw LangError.typeError("the loss function must return a tensor, not \(result.typeName)")
                }
                return v
            }
            return (fn, false)
        default:
            throw LangError.typeError("fit() argument 'loss' must be a loss function (e.g. mse, cross_entropy) or its name, not \(value.typeName)")
        }
    }

    /// `[X_val, y_val]` or `{X: ..., y: ...}`.
    static func validation(_ value: Value) throws -> (x: Tensor, y: Tensor)? {
        var pair: (Value, Value)?
        switch value {
        case .none: return nil
        case .list(let list) where list.count == 2: pair = (list.items[0], list.items[1])
        case .record(let r): if let x = r["X"] ?? r["x"], let y = r["y"] { pair = (x, y) }
        default: break
        }
        guard let (xv, yv) = pair, let x = xv.asVariable(), let y = yv.asVariable() else {
            throw LangError.typeError("fit() argument 'val' must be [X_val, y_val], not \(value.typeName)")
        }
        return (x.value, y.value)
    }

    static func fit(_ args: Arguments, context: BuiltinContext) throws -> Value {
        let model = try NNBuiltins.moduleValue(args["model"], "fit")
        let (lossFn, classify) = try lossArgument(args["loss"], context: context)
        let optimizer: any Optimizer = args.isNone("opt")
            ? try Adam(model.parameters, lr: 0.001)
            : try args.object("opt", as: OptimizerObject.self, expected: "an optimizer (e.g. Adam(model.parameters(), lr=0.01))").optimizer
        var config = Trainer.Configuration()
        config.epochs = try args.integer("epochs")
        config.batchSize = try args.integer("batch_size")
        config.shuffle = try args.bool("shuffle")
        config.validation = try validation(args["val"])
        config.patience = args.isNone("patience") ? nil : try args.integer("patience")
        config.trackAccuracy = classify
        config.accuracyThreshold = scoreLosses.contains(lossName(args["loss"]) ?? "") ? 0 : nil
        if !args.isNone("schedule") {
            config.schedule = try args.object("schedule", as: SchedulerObject.self, expected: "a schedule (e.g. StepLR(opt, 10))").schedule
        }
        let live = try args.bool("live")
        let progress = FitProgressDisplay(context: context, enabled: live)
        var latest = History()
        // A generator of its own, seeded from the session's: a user loss function that draws
        // random numbers during fit must not touch the session's generator while fit holds it.
        var rng = RandomSource(seed: context.random.source.next())
        do {
            let history = try Trainer.fit(
                model, x: try args.tensor("X").value, y: try args.tensor("y").value, loss: lossFn, optimizer: optimizer,
                configuration: config, rng: &rng,
                onBatch: { p in
                    try context.checkInterrupt()
                    progress.batch(p)
                },
                onEpoch: { h in
                    latest = h
                    progress.epoch(h, of: config.epochs)
                })
            progress.finish(history, of: config.epochs)
            return .object(HistoryObject(history))
        } catch {
            progress.finish(latest, of: config.epochs, interrupted: true)
            throw error
        }
    }
}

/// The progress line and live loss curve `fit` shows while it runs, both updated in place.
final class FitProgressDisplay {
    private let context: BuiltinContext
    private let enabled: Bool
    private var lineID: String?
    private let live: LiveFigure
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastLine: ContinuousClock.Instant?

    init(context: BuiltinContext, enabled: Bool) {
        self.context = context
        self.enabled = enabled
        live = LiveFigure(context: context)
        start = clock.now
    }

    /// After a batch: refresh the progress line at most 4 times a second.
    func batch(_ p: Trainer.Progress) {
        guard enabled else { return }
        let text = "epoch \(p.epoch)/\(p.epochs)  batch \(p.batch)/\(p.batches)  loss \(History.format(p.runningLoss))"
        show(text, force: false)
    }

    /// After an epoch: refresh the line and the curve (both throttled).
    func epoch(_ h: History, of epochs: Int) {
        guard enabled else { return }
        show(line(h, of: epochs), force: false)
        live.update(HistoryChart.chart(for: h))
    }

    /// At the end (or on an error): the final line and curve, always sent.
    func finish(_ h: History, of epochs: Int, interrupted: Bool = false) {
        guard enabled, !h.epochs.isEmpty else { return }
        show(line(h, of: epochs) + (interrupted ? "  (stopped)" : ""), force: true)
        live.finish(HistoryChart.chart(for: h))
    }

    private func line(_ h: History, of epochs: Int) -> String {
        var text = "epoch \(h.epochs.last ?? 0)/\(epochs)  loss \(History.format(h.loss.last))"
        if let v = h.valLoss.last { text += "  val_loss \(History.format(v))" }
        if let a = h.accuracy.last { text += "  acc \(History.format(a, digits: 3))" }
        if let a = h.valAccuracy.last { text += "  val_acc \(History.format(a, digits: 3))" }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        text += "  (\(History.format(seconds, digits: 1)) s)"
        if h.stoppedEarly, let best = h.bestEpoch { text += "  early stop: weights of epoch \(best) kept" }
        return text
    }

    private func show(_ text: String, force: Bool) {
        let now = clock.now
        if !force, let last = lastLine, now - last < .milliseconds(250) { return }
        lastLine = now
        context.show(RichBundle.plainText(text), inDisplay: &lineID)
    }
}
