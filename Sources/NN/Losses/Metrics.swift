import Autograd
import Foundation
import Tensor

/// Penalties on parameters, to add to a loss (`L + 0.01 * l2(model.parameters())`).
public enum Regularizers {
    /// The sum of squares of every element of every parameter: `sum(w^2)` (no 1/2 factor;
    /// SGD's `weight_decay = λ` corresponds to adding `λ/2 * l2`).
    ///
    /// - Parameter parameters: The tensors.
    /// - Returns: A 0-d tensor, differentiable.
    /// - Throws: An engine error (never for well-formed tensors).
    public static func l2(_ parameters: [Variable]) throws -> Variable {
        var total = Variable(Tensor(0))
        for p in parameters { total = try total + (p * p).sum() }
        return total
    }

    /// The sum of absolute values of every element of every parameter.
    ///
    /// - Parameter parameters: The tensors.
    /// - Returns: A 0-d tensor, differentiable.
    /// - Throws: An engine error (never for well-formed tensors).
    public static func l1(_ parameters: [Variable]) throws -> Variable {
        var total = Variable(Tensor(0))
        for p in parameters { total = try total + p.map(.abs).sum() }
        return total
    }
}

/// Evaluation metrics (plain numbers, no gradient).
public enum Metrics {
    /// Predicted class labels from model outputs.
    ///
    /// `[N, C]` (C > 1) scores or probabilities give their argmax; `[N]` or `[N, 1]` outputs
    /// that are already whole numbers are taken as labels; probabilities (all in [0, 1]) are
    /// thresholded at 0.5, and other scores (logits) at 0.
    ///
    /// - Parameters:
    ///   - output: The model output.
    ///   - threshold: The threshold for one-column outputs; nil chooses 0.5 or 0 as above
    ///     (pass 0 for logits that happen to lie in [0, 1]).
    /// - Returns: One label per sample.
    public static func predictedLabels(_ output: Tensor, threshold: Float? = nil) -> [Float] {
        let s = output.scalars
        if output.rank == 2, output.shape[1] > 1 {
            let (n, c) = (output.shape[0], output.shape[1])
            return (0..<n).map { i in
                var best = 0
                for j in 1..<c where s[i * c + j] > s[i * c + best] { best = j }
                return Float(best)
            }
        }
        if threshold == nil, s.allSatisfy({ $0 == $0.rounded() }) { return s }
        let cut = threshold ?? (s.allSatisfy { $0 >= 0 && $0 <= 1 } ? 0.5 : 0)
        return s.map { $0 >= cut ? 1 : 0 }
    }

    /// True labels from a target: one-hot / probability rows `[N, C]` give their argmax,
    /// anything else is read as labels.
    static func trueLabels(_ labels: Tensor) -> [Float] {
        if labels.rank == 2, labels.shape[1] > 1 { return predictedLabels(labels) }
        return labels.scalars
    }

    /// The fraction of samples whose predicted label equals the true label.
    ///
    /// - Parameters:
    ///   - output: Model outputs (see ``predictedLabels(_:threshold:)``).
    ///   - labels: Class indices `[N]` (or one-hot `[N, C]`; -1/+1 labels count as 0/1).
    ///   - threshold: The threshold for one-column outputs (nil: automatic).
    /// - Returns: A number in [0, 1].
    /// - Throws: `NNError.shape` when the sample counts differ.
    public static func accuracy(_ output: Tensor, _ labels: Tensor, threshold: Float? = nil) throws(NNError) -> Double {
        let predicted = predictedLabels(output, threshold: threshold)
        var truth = trueLabels(labels)
        if truth.contains(-1), truth.allSatisfy({ $0 == -1 || $0 == 1 }) { truth = truth.map { $0 > 0 ? 1 : 0 } }
        guard predicted.count == truth.count else {
            throw .shape("accuracy: \(predicted.count) predictions (shape \(NNError.format(output.shape))) but \(truth.count) labels (shape \(NNError.format(labels.shape)))")
        }
        guard !truth.isEmpty else { return 0 }
        var hits = 0
        for i in truth.indices where predicted[i] == truth[i] { hits += 1 }
        return Double(hits) / Double(truth.count)
    }

    /// Root mean squared error, `sqrt(mean((pred - target)^2))` (accumulated in Double).
    ///
    /// - Throws: `NNError.shape` as the `mse` loss does.
    public static func rmse(_ pred: Tensor, _ target: Tensor) throws -> Double {
        try Losses.checkTarget(Variable(pred), Variable(target), loss: "rmse")
        let d = try pred - target
        var sum = 0.0
        for v in d.scalars { sum += Double(v) * Double(v) }
        return (sum / Double(max(d.scalarCount, 1))).squareRoot()
    }

    /// The confusion matrix: entry `[i, j]` counts samples of true class `i` predicted as `j`.
    ///
    /// - Parameters:
    ///   - output: Model outputs or predicted labels (see ``predictedLabels(_:threshold:)``).
    ///   - labels: True class indices.
    ///   - classes: The number of classes (default: the largest label + 1).
    /// - Returns: A `[K, K]` tensor of counts.
    /// - Throws: `NNError.shape` when counts differ, `NNError.index` for a negative or
    ///   fractional label.
    public static func confusion(_ output: Tensor, _ labels: Tensor, classes: Int? = nil) throws(NNError) -> Tensor {
        let predicted = predictedLabels(output)
        let truth = trueLabels(labels)
        guard predicted.count == truth.count else {
            throw .shape("confusion: \(predicted.count) predictions but \(truth.count) labels")
        }
        for v in predicted + truth where v < 0 || v != v.rounded() {
            throw .index("confusion: labels must be whole numbers >= 0, got \(v)")
        }
        let k = classes ?? Int((predicted + truth).max() ?? 0) + 1
        var counts = [Float](repeating: 0, count: k * k)
        for i in truth.indices where Int(truth[i]) < k && Int(predicted[i]) < k {
            counts[Int(truth[i]) * k + Int(predicted[i])] += 1
        }
        return Tensor(shape: [k, k], scalars: counts)
    }
}
