import Foundation

/// Cross-entropy of logits against class indices in one pass per row (PyTorch's
/// `cross_entropy` with integer targets, `reduction="none"`).
///
/// The arithmetic is that of `-logSoftmax(x)[label]` step by step (float32 `x - max`, float32
/// `exp`, a Double sum, float32 `log`), so the fused loss equals the composite one exactly;
/// it saves the five intermediate tensors and graph nodes of the composite.
extension Tensor {
    /// Per-row losses `-log_softmax(logits)[label]`, with each row's maximum and log-sum-exp
    /// for the gradient (which then needs no second pass of `exp` and `log` over the logits).
    ///
    /// Shape rule: logits `[N, C]` with `N` labels give `[N]`; logits `[C]` with one label give `[]`.
    /// - Parameters:
    ///   - logits: The scores, rank 1 or 2.
    ///   - labels: One class index per row, each in `0..<C` (the caller validates them).
    /// - Returns: The losses and the row statistics.
    public static func crossEntropy(logits: Tensor, labels: [Int]) -> (losses: Tensor, rows: SoftmaxRowStatistics) {
        let (rows, classes) = crossEntropyGeometry(logits, labels)
        var out = [Float](repeating: 0, count: rows)
        var maxima = [Float](repeating: 0, count: rows), logSumExps = [Float](repeating: 0, count: rows)
        let x = logits.storage
        for r in 0..<rows {
            let (m, lse) = SoftmaxKernels.rowMaxAndLogSumExp(x, offset: r * classes, count: classes)
            out[r] = -((x[r * classes + labels[r]] - m) - lse)
            maxima[r] = m
            logSumExps[r] = lse
        }
        let losses = logits.rank == 1 ? Tensor(out[0]) : Tensor(unchecked: [rows], out)
        return (losses, SoftmaxRowStatistics(max: maxima, logSumExp: logSumExps))
    }

    /// The gradient of ``crossEntropy(logits:labels:)`` for the upstream gradient `g` (one
    /// value per row): `g[r] * (softmax(row) - onehot(label))`, with the row statistics the
    /// forward pass returned.
    ///
    /// Shape rule: the result has the shape of `logits`; `g` has the shape of the losses.
    public static func crossEntropyGradient(logits: Tensor, labels: [Int], rows stats: SoftmaxRowStatistics,
                                            g: Tensor) -> Tensor {
        let (rows, classes) = crossEntropyGeometry(logits, labels)
        precondition(g.scalarCount == rows && stats.max.count == rows && stats.logSumExp.count == rows,
                     "cross-entropy gradient needs one value and one row statistic per row")
        let x = logits.storage, gs = g.storage
        var out = [Float](repeating: 0, count: rows * classes)
        for r in 0..<rows {
            let base = r * classes
            let m = stats.max[r], lse = stats.logSumExp[r]
            let gr = gs[r]
            for j in 0..<classes {
                // the composite's `g - exp(logp) * sum(g)`, with g = -gr at the label only
                let p = Foundation.exp((x[base + j] - m) - lse)
                out[base + j] = j == labels[r] ? p * gr - gr : p * gr
            }
        }
        return Tensor(unchecked: logits.shape, out)
    }

    private static func crossEntropyGeometry(_ logits: Tensor, _ labels: [Int]) -> (rows: Int, classes: Int) {
        precondition(logits.rank == 1 || logits.rank == 2, "cross-entropy needs logits [C] or [N, C]")
        let classes = logits.shape[logits.rank - 1]
        let rows = logits.rank == 1 ? 1 : logits.shape[0]
        precondition(labels.count == rows && labels.allSatisfy { $0 >= 0 && $0 < classes },
                     "cross-entropy needs one class index in 0..<C per row")
        return (rows, classes)
    }
}

/// Each row's maximum and `log(sum(exp(row - max)))`, as the fused cross-entropy's forward pass
/// computed them.
public struct SoftmaxRowStatistics: Sendable {
    /// The maximum of each row.
    public let max: [Float]
    /// `log(sum(exp(row - max)))` of each row.
    public let logSumExp: [Float]
}
