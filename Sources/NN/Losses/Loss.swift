import Autograd
import Tensor

/// How a loss combines its per-element values (PyTorch's `reduction`).
public enum Reduction: String, Sendable, CaseIterable {
    /// The average (the default).
    case mean
    /// The total.
    case sum
    /// No reduction: one value per element (or per sample for class losses).
    case none

    /// Parses `"mean"`, `"sum"` or `"none"`.
    ///
    /// - Throws: `NNError.invalidArgument` for another name.
    public init(named name: String) throws(NNError) {
        guard let r = Reduction(rawValue: name) else {
            throw .invalidArgument("reduction must be \"mean\", \"sum\" or \"none\", got \"\(name)\"")
        }
        self = r
    }

    /// Applies the reduction to per-element losses.
    func apply(_ values: Variable) -> Variable {
        switch self {
        case .mean: return values.mean()
        case .sum: return values.sum()
        case .none: return values
        }
    }
}

/// The loss functions of the notebook, with PyTorch's formulas (`torch.nn.functional`).
///
/// Regression losses (`mse`, `l1`, `huber`, `bce`, `bce_logits`, binary `hinge`) compare a
/// prediction with a target of the same shape; a target that would silently broadcast to a
/// different shape (`[N, 1]` against `[N]`) is a ShapeError saying how to fix it. A target
/// may broadcast *to* the prediction's shape (a single number, say).
public enum Losses {
    /// Mean squared error: `(pred - target)^2`.
    ///
    /// Shape rule: target broadcastable to pred's shape; `.none` keeps that shape.
    /// - Throws: `NNError.shape` for mismatched shapes.
    public static func mse(_ pred: Variable, _ target: Variable, reduction: Reduction = .mean) throws -> Variable {
        try checkTarget(pred, target, loss: "mse")
        let d = try pred - target
        return reduction.apply(try d * d)
    }

    /// Mean absolute error (L1): `|pred - target|`.
    ///
    /// Shape rule: as ``mse(_:_:reduction:)``.
    /// - Throws: `NNError.shape` for mismatched shapes.
    public static func l1(_ pred: Variable, _ target: Variable, reduction: Reduction = .mean) throws -> Variable {
        try checkTarget(pred, target, loss: "l1")
        return reduction.apply(try (pred - target).map(.abs))
    }

    /// Huber loss: `0.5 d^2` where `|d| <= delta`, else `delta (|d| - 0.5 delta)`, with
    /// `d = pred - target` (PyTorch's `huber_loss`).
    ///
    /// Shape rule: as ``mse(_:_:reduction:)``.
    /// - Throws: `NNError.shape` for mismatched shapes, `NNError.invalidArgument` for delta <= 0.
    public static func huber(_ pred: Variable, _ target: Variable, delta: Double = 1, reduction: Reduction = .mean) throws -> Variable {
        guard delta > 0 else { throw NNError.invalidArgument("huber needs delta > 0, got \(delta)") }
        try checkTarget(pred, target, loss: "huber")
        let d = try pred - target
        let a = d.map(.abs)
        let small = try a.value.binary(.lessEqual, Tensor(Float(delta)))
        let quadratic = try d * d * constant(0.5)
        let linear = try (a - constant(0.5 * delta)) * constant(delta)
        return reduction.apply(try Variable.select(Variable(small), quadratic, linear))
    }

    /// Binary cross-entropy on probabilities: `-(y log p + (1 - y) log(1 - p))`, each log
    /// clamped at -100 like PyTorch.
    ///
    /// Shape rule: as ``mse(_:_:reduction:)``.
    /// - Throws: `NNError.shape` for mismatched shapes; `NNError.invalidArgument` when a
    ///   probability is outside [0, 1] (the message suggests sigmoid or `bce_logits`).
    public static func bce(_ prob: Variable, _ target: Variable, reduction: Reduction = .mean) throws -> Variable {
        try checkTarget(prob, target, loss: "bce")
        if let bad = prob.value.scalars.first(where: { !($0 >= 0 && $0 <= 1) }) {
            throw NNError.invalidArgument("bce expects probabilities between 0 and 1, got \(bad): apply sigmoid first, or use bce_logits on raw scores")
        }
        let logP = prob.map(.log).clamp(-100, nil)
        let log1mP = (try constant(1) - prob).map(.log).clamp(-100, nil)
        let positive = try target * logP
        let negative = try (constant(1) - target) * log1mP
        return reduction.apply(-(try positive + negative))
    }

    /// Binary cross-entropy on logits (scores), computed stably:
    /// `max(x, 0) - x y + log(1 + exp(-|x|))`; equal to `bce(sigmoid(x), y)`.
    ///
    /// Shape rule: as ``mse(_:_:reduction:)``.
    /// - Throws: `NNError.shape` for mismatched shapes.
    public static func bceWithLogits(_ logits: Variable, _ target: Variable, reduction: Reduction = .mean) throws -> Variable {
        try checkTarget(logits, target, loss: "bce_logits")
        let softplus = (-logits.map(.abs)).map(.softplus)
        return reduction.apply(try logits.map(.relu) - logits * target + softplus)
    }

    /// Cross-entropy of logits against class indices or class probabilities (PyTorch's
    /// `cross_entropy`): `-log_softmax(logits)[label]`, or `-sum(p * log_softmax(logits))`.
    ///
    /// Shape rule: logits `[N, C]` with labels `[N]` (indices 0..C-1) or `[N, C]`
    /// (probabilities / one-hot); also unbatched `[C]` with a single label. `.none` gives `[N]`.
    /// - Throws: `NNError.shape` for mismatched shapes, `NNError.index` for a label out of
    ///   range, `NNError.invalidArgument` for a label that is not a whole number.
    public static func crossEntropy(_ logits: Variable, _ labels: Variable, reduction: Reduction = .mean) throws -> Variable {
        let scores = try classLogits(logits, "cross_entropy")
        if let indices = try classIndices(labels, for: scores, loss: "cross_entropy") {
            // one fused operation (the same numbers as log_softmax + nll below)
            return reduction.apply(scores.crossEntropy(labels: indices))
        }
        return try nll(scores.logSoftmax(dim: -1), labels, reduction: reduction, loss: "cross_entropy")
    }

    /// Negative log-likelihood of log-probabilities (PyTorch's `nll_loss`): `-logp[label]`.
    ///
    /// Shape rule: as ``crossEntropy(_:_:reduction:)``.
    /// - Throws: as ``crossEntropy(_:_:reduction:)``.
    public static func nll(_ logProb: Variable, _ labels: Variable, reduction: Reduction = .mean) throws -> Variable {
        try nll(try classLogits(logProb, "nll"), labels, reduction: reduction, loss: "nll")
    }

    static func nll(_ logProb: Variable, _ labels: Variable, reduction: Reduction, loss: String) throws -> Variable {
        let weights = try classTargets(labels, for: logProb, loss: loss)
        return reduction.apply(-(try (logProb * Variable(weights)).reduce(.sum, dim: -1)))
    }

    /// Hinge loss. Multi-class (scores `[N, C]`, labels `[N]` class indices): PyTorch's
    /// `MultiMarginLoss` (p = 1, margin = 1): `sum over j != y of max(0, 1 - s[y] + s[j]) / C`
    /// per sample. Binary (scores `[N]` or `[N, 1]`, labels -1/+1, or 0/1 read as -1/+1):
    /// `max(0, 1 - y s)`.
    ///
    /// Shape rule: as above; `.none` gives one value per sample.
    /// - Throws: `NNError.shape`, `NNError.index` as for cross-entropy.
    public static func hinge(_ scores: Variable, _ labels: Variable, reduction: Reduction = .mean) throws -> Variable {
        if scores.rank == 2, scores.shape[1] > 1 {
            let onehot = Variable(try classTargets(labels, for: scores, loss: "hinge", indicesOnly: true))
            let correct = try (scores * onehot).reduce(.sum, dim: 1, keepDim: true)
            let margins = try (constant(1) - correct + scores).map(.relu) * (constant(1) - onehot)
            let perSample = try margins.reduce(.sum, dim: 1) / constant(Double(scores.shape[1]))
            return reduction.apply(perSample)
        }
        try checkTarget(scores, labels, loss: "hinge")
        let values = labels.value.scalars
        var signs = labels
        if values.allSatisfy({ $0 == 0 || $0 == 1 }) {
            signs = Variable(try labels.value * Tensor(2) - Tensor(1))
        } else if let bad = values.first(where: { $0 != -1 && $0 != 1 }) {
            throw NNError.invalidArgument("binary hinge expects labels -1 and +1 (or 0 and 1), got \(bad)")
        }
        return reduction.apply(try (constant(1) - signs * scores).map(.relu))
    }

    // MARK: - Shape checks

    /// A constant 0-d tensor.
    static func constant(_ x: Double) -> Variable { Variable(Tensor(Float(x))) }

    /// Throws unless `target` has `pred`'s shape or broadcasts *to* it.
    static func checkTarget(_ pred: Variable, _ target: Variable, loss: String) throws(NNError) {
        let p = pred.shape, t = target.shape
        if p == t || (pred.value.scalarCount == 1 && target.value.scalarCount == 1) { return }
        let joined: [Int]
        do {
            joined = try Tensor.broadcastShape(p, t, op: loss)
        } catch {
            throw .shape("\(loss): the prediction has shape \(NNError.format(p)) but the target has shape \(NNError.format(t)); they must be the same shape")
        }
        if joined == p { return }
        var fix = "make them the same shape"
        if p.count == t.count + 1, p.last == 1, Array(p.dropLast()) == t {
            fix = "use y.reshape(-1, 1) for the target (or pred.reshape(-1))"
        } else if t.count == p.count + 1, t.last == 1, Array(t.dropLast()) == p {
            fix = "use y.reshape(-1) for the target"
        }
        throw .shape("\(loss): the prediction has shape \(NNError.format(p)) but the target has shape \(NNError.format(t)); they would broadcast to \(NNError.format(joined)) and compare every prediction with every target: \(fix)")
    }

    /// Checks that logits are `[C]` or `[N, C]`.
    static func classLogits(_ logits: Variable, _ loss: String) throws(NNError) -> Variable {
        guard logits.rank == 1 || logits.rank == 2 else {
            throw .shape("\(loss) expects scores of shape [N, C] (one row of class scores per sample), got \(NNError.format(logits.shape))")
        }
        return logits
    }

    /// One-hot weights `[N, C]` for class-index labels, or the labels themselves when they
    /// are probabilities of the logits' shape.
    static func classTargets(_ labels: Variable, for logits: Variable, loss: String,
                             indicesOnly: Bool = false) throws(NNError) -> Tensor {
        let shape = logits.shape
        guard let indices = try classIndices(labels, for: logits, loss: loss, indicesOnly: indicesOnly) else {
            return labels.value
        }
        let classes = shape.last ?? 1
        var onehot = [Float](repeating: 0, count: indices.count * classes)
        for (i, label) in indices.enumerated() { onehot[i * classes + label] = 1 }
        return Tensor(shape: shape, scalars: onehot)
    }

    /// The class index of each sample, checked, or nil when the labels are probabilities of
    /// the logits' shape (and `indicesOnly` is false).
    static func classIndices(_ labels: Variable, for logits: Variable, loss: String,
                             indicesOnly: Bool = false) throws(NNError) -> [Int]? {
        let shape = logits.shape
        if labels.shape == shape, !indicesOnly, let last = shape.last, last > 1 { return nil }
        let classes = shape.last ?? 1
        let expected = Array(shape.dropLast())
        let samples = expected.first ?? 1
        guard labels.shape == expected || (expected.isEmpty && labels.value.scalarCount == 1) else {
            var hint = ""
            if labels.shape == expected + [1] { hint = ": use y.reshape(-1)" }
            let what = indicesOnly ? "class indices of shape \(NNError.format(expected))"
                                   : "class indices of shape \(NNError.format(expected)) or probabilities of shape \(NNError.format(shape))"
            throw .shape("\(loss): scores of shape \(NNError.format(shape)) need labels as \(what), got \(NNError.format(labels.shape))\(hint)")
        }
        var indices = [Int](repeating: 0, count: samples)
        for (i, v) in labels.value.scalars.enumerated() {
            guard v == v.rounded() else {
                throw .invalidArgument("\(loss): labels must be whole class indices 0..\(classes - 1), got \(v)")
            }
            guard v >= 0, v < Float(classes) else {
                throw .index("\(loss): label \(Int(exactly: v).map(String.init) ?? String(v)) is out of range for \(classes) classes (scores shape \(NNError.format(shape))); labels must be 0..\(classes - 1)")
            }
            indices[i] = Int(v)
        }
        return indices
    }
}
