import Autograd
import Tensor

/// Gradient clipping by global norm (PyTorch's `clip_grad_norm_`).
public enum GradientClipping {
    /// Scales every gradient by `max_norm / (total + 1e-6)` when that factor is below 1,
    /// where `total` is the L2 norm of all gradients together.
    ///
    /// - Parameters:
    ///   - parameters: The tensors whose `grad` to clip (those without a grad are skipped).
    ///   - maxNorm: The largest allowed total norm (> 0).
    /// - Returns: The total norm before clipping.
    /// - Throws: `NNError.invalidArgument` for max_norm <= 0.
    @discardableResult
    public static func clipNorm(_ parameters: [Variable], maxNorm: Double) throws(NNError) -> Double {
        guard maxNorm > 0 else { throw .invalidArgument("clip_grad_norm: max_norm must be > 0, got \(maxNorm)") }
        var sumSquares = 0.0
        for p in parameters {
            for g in p.grad?.scalars ?? [] { sumSquares += Double(g) * Double(g) }
        }
        let total = sumSquares.squareRoot()
        let coefficient = maxNorm / (total + 1e-6)
        if coefficient < 1 {
            let c = Float(coefficient)
            for p in parameters {
                guard let g = p.grad else { continue }
                p.grad = Tensor(shape: g.shape, scalars: g.scalars.map { $0 * c })
            }
        }
        return total
    }
}
