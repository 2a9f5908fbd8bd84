import Autograd
import Tensor

/// The training loop behind the notebook's `fit`, `predict` and `evaluate`.
///
/// NN knows nothing of the notebook or of plots: progress lines, live curves and interrupts
/// come in as callbacks. A callback that throws (the interrupt check) stops training between
/// batches; the model keeps the weights learnt so far.
public enum Trainer {
    /// A loss: `(prediction, target) -> 0-d loss`.
    public typealias LossFunction = (Variable, Variable) throws -> Variable

    /// The settings of one `fit` run (the notebook's named arguments).
    public struct Configuration {
        /// Passes over the data (default 10).
        public var epochs = 10
        /// Samples per batch (default 32; the whole set when larger).
        public var batchSize = 32
        /// Whether to shuffle the samples before each epoch.
        public var shuffle = true
        /// Validation data, evaluated after each epoch.
        public var validation: (x: Tensor, y: Tensor)?
        /// Early stopping: stop after this many epochs without improvement of the
        /// validation loss (or the training loss without validation data), and restore the
        /// best weights.
        public var patience: Int?
        /// Whether to compute accuracy (for classification).
        public var trackAccuracy = false
        /// The threshold that turns one-column outputs into labels (0 for logits, 0.5 for
        /// probabilities); nil decides from the values (see `Metrics.predictedLabels`).
        public var accuracyThreshold: Float?
        /// A schedule stepped after every epoch (OneCycleLR: after every batch).
        public var schedule: Schedule?

        /// Default settings.
        public init() {}
    }

    /// Where a run is, for progress callbacks.
    public struct Progress {
        /// The current epoch, 1-based.
        public var epoch: Int
        /// The number of epochs.
        public var epochs: Int
        /// The batch just finished, 1-based.
        public var batch: Int
        /// Batches per epoch.
        public var batches: Int
        /// The mean loss of the current epoch so far.
        public var runningLoss: Double
    }

    /// Trains `model` on `(x, y)` with mini-batch gradient descent.
    ///
    /// Each batch: forward, loss, `zero_grad`, backward, `step`. When the model's output is
    /// `[N, 1]` and the target `[N]`, the target is reshaped to `[N, 1]` (so `mse` and `bce`
    /// compare sample by sample rather than broadcasting).
    ///
    /// - Parameters:
    ///   - model: The model (switched to training mode, and left in it).
    ///   - x: Inputs `[N, ...]`.
    ///   - y: Targets `[N, ...]`.
    ///   - loss: The loss function.
    ///   - optimizer: The optimiser (its parameters are updated).
    ///   - configuration: Epochs, batch size, validation, early stopping...
    ///   - rng: The session's random source (for shuffling).
    ///   - onBatch: Called after every batch; throw to stop (interrupt).
    ///   - onEpoch: Called after every epoch with the history so far; throw to stop.
    /// - Returns: The history.
    /// - Throws: `NNError.shape` when x and y have different sample counts, a
    ///   `NNError.invalidArgument` for epochs < 1 or batch size < 1, or what the model, the
    ///   loss or a callback throws.
    public static func fit(
        _ model: any Module, x: Tensor, y: Tensor, loss: LossFunction, optimizer: any Optimizer,
        configuration: Configuration, rng: inout RandomSource,
        onBatch: (Progress) throws -> Void = { _ in }, onEpoch: (History) throws -> Void = { _ in }
    ) throws -> History {
        let n = try sampleCount(x, y, "fit")
        guard configuration.epochs >= 1 else { throw NNError.invalidArgument("fit: epochs must be at least 1, got \(configuration.epochs)") }
        guard configuration.batchSize >= 1 else { throw NNError.invalidArgument("fit: batch_size must be at least 1, got \(configuration.batchSize)") }
        if let v = configuration.validation { _ = try sampleCount(v.x, v.y, "fit (validation data)") }
        let batchSize = min(configuration.batchSize, n)
        let batches = (n + batchSize - 1) / batchSize
        var history = History()
        var best: (value: Double, epoch: Int, weights: [Tensor])?
        var order = Array(0..<n)
        let parameters = model.parameters
        model.train()
        for epoch in 1...configuration.epochs {
            if configuration.shuffle { shuffle(&order, using: &rng) }
            var lossSum = 0.0, hits = 0.0
            for b in 0..<batches {
                let rows = Array(order[(b * batchSize)..<min(n, (b + 1) * batchSize)])
                let xb = Variable(try gatherRows(x, rows))
                let output = try model(xb)
                let yb = Variable(try aligned(try gatherRows(y, rows), to: output.shape))
                let value = try loss(output, yb)
                guard value.value.scalarCount == 1 else {
                    throw NNError.shape("fit: the loss must give one number, got shape \(NNError.format(value.shape)); use reduction=\"mean\"")
                }
                optimizer.zeroGrad()
                try value.backward()
                optimizer.step()
                if let schedule = configuration.schedule, case .oneCycle = schedule.kind { try schedule.step() }
                lossSum += Double(value.value.scalars[0]) * Double(rows.count)
                if configuration.trackAccuracy {
                    hits += try Metrics.accuracy(output.value, yb.value, threshold: configuration.accuracyThreshold) * Double(rows.count)
                }
                let seen = min(n, (b + 1) * batchSize)
                try onBatch(Progress(epoch: epoch, epochs: configuration.epochs, batch: b + 1,
                                     batches: batches, runningLoss: lossSum / Double(seen)))
            }
            if let schedule = configuration.schedule, schedule.kind.isPerEpoch { try schedule.step() }
            history.epochs.append(epoch)
            history.loss.append(lossSum / Double(n))
            if configuration.trackAccuracy { history.accuracy.append(hits / Double(n)) }
            if let v = configuration.validation {
                let result = try evaluate(model, x: v.x, y: v.y, loss: loss, accuracy: configuration.trackAccuracy,
                                          threshold: configuration.accuracyThreshold)
                model.train()
                history.valLoss.append(result.loss)
                if let acc = result.accuracy { history.valAccuracy.append(acc) }
            }
            try onEpoch(history)
            if let patience = configuration.patience {
                let monitored = history.valLoss.last ?? history.loss[history.loss.count - 1]
                if let kept = best, !(monitored < kept.value) {   // NaN is no improvement
                    if epoch - kept.epoch >= patience {
                        for (p, w) in zip(parameters, kept.weights) { p.value = w }
                        history.stoppedEarly = true
                        history.bestEpoch = kept.epoch
                        break
                    }
                } else {
                    best = (monitored, epoch, parameters.map(\.value))
                }
            }
        }
        return history
    }

    /// The model's output for `x`, in evaluation mode and without recording a graph (the
    /// model's mode is restored afterwards).
    ///
    /// - Throws: What the model throws.
    public static func predict(_ model: any Module, x: Tensor) throws -> Tensor {
        let wasTraining = model.isTraining
        model.eval()
        defer { model.setTraining(wasTraining) }
        return try GradMode.withoutGrad { () throws -> Tensor in try model(Variable(x)).value }
    }

    /// The loss (and accuracy) of `model` on `(x, y)`, in evaluation mode, without a graph.
    ///
    /// - Parameters:
    ///   - threshold: The label threshold for one-column outputs (see `Metrics.accuracy`).
    /// - Returns: The mean loss and, when `accuracy` is true, the accuracy.
    /// - Throws: `NNError.shape` for mismatched sample counts, or what the model or loss throws.
    public static func evaluate(_ model: any Module, x: Tensor, y: Tensor, loss: LossFunction,
                                accuracy: Bool, threshold: Float? = nil) throws -> (loss: Double, accuracy: Double?) {
        _ = try sampleCount(x, y, "evaluate")
        let output = try predict(model, x: x)
        let target = try aligned(y, to: output.shape)
        let value = try GradMode.withoutGrad { () throws -> Variable in try loss(Variable(output), Variable(target)) }
        guard value.value.scalarCount == 1 else {
            throw NNError.shape("evaluate: the loss must give one number, got shape \(NNError.format(value.shape))")
        }
        let acc = accuracy ? try Metrics.accuracy(output, target, threshold: threshold) : nil
        return (Double(value.value.scalars[0]), acc)
    }

    // MARK: - Helpers

    /// Checks that x and y have the same number of samples and returns it.
    static func sampleCount(_ x: Tensor, _ y: Tensor, _ op: String) throws(NNError) -> Int {
        guard x.rank >= 1, y.rank >= 1 else {
            throw .shape("\(op): X and y need a first axis of samples, got shapes \(NNError.format(x.shape)) and \(NNError.format(y.shape))")
        }
        guard x.shape[0] == y.shape[0] else {
            throw .shape("\(op): X has \(x.shape[0]) samples (shape \(NNError.format(x.shape))) but y has \(y.shape[0]) (shape \(NNError.format(y.shape)))")
        }
        guard x.shape[0] > 0 else { throw .invalidArgument("\(op): no samples (X has shape \(NNError.format(x.shape)))") }
        return x.shape[0]
    }

    /// `y` reshaped to `[N, 1]` when the output is `[N, 1]` and `y` is `[N]`.
    static func aligned(_ y: Tensor, to outputShape: [Int]) throws -> Tensor {
        if outputShape.count == 2, outputShape[1] == 1, y.shape == [outputShape[0]] {
            return try y.reshaped(outputShape)
        }
        return y
    }

    /// The rows `rows` of `t` (first axis), as a new tensor.
    static func gatherRows(_ t: Tensor, _ rows: [Int]) throws -> Tensor {
        let rowSize = t.scalarCount / max(t.shape[0], 1)
        let source = t.scalars
        var out = [Float]()
        out.reserveCapacity(rows.count * rowSize)
        for r in rows { out.append(contentsOf: source[(r * rowSize)..<((r + 1) * rowSize)]) }
        return Tensor(shape: [rows.count] + t.shape.dropFirst(), scalars: out)
    }

    /// Fisher-Yates shuffle with the session's generator.
    static func shuffle(_ a: inout [Int], using rng: inout RandomSource) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            a.swapAt(i, rng.nextInt(0, i + 1))
        }
    }
}

extension Schedule.Kind {
    /// Whether `fit` steps the schedule once per epoch (all but OneCycleLR, which steps per batch).
    var isPerEpoch: Bool {
        if case .oneCycle = self { return false }
        return true
    }
}
