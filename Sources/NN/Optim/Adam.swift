import Autograd
import Foundation
import Tensor

/// Adam and AdamW (PyTorch's `torch.optim.Adam` / `AdamW`), with optional AMSGrad:
///
/// ```
/// t += 1
/// Adam:  g = grad + weight_decay * p        AdamW:  p = p * (1 - lr * weight_decay)
/// m = beta1 * m + (1 - beta1) * g
/// v = beta2 * v + (1 - beta2) * g^2
/// vmax = max(vmax, v)                        (amsgrad; then v = vmax below)
/// p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
/// ```
public final class Adam: Optimizer {
    /// The tensors it updates.
    public let parameters: [Variable]
    /// The learning rate.
    public var lr: Double
    /// `(beta1, beta2)`: decay rates of the first and second moment estimates.
    public var betas: (Double, Double)
    /// Added to the denominator.
    public let eps: Double
    /// The weight decay (L2 in the gradient for Adam, decoupled for AdamW).
    public let weightDecay: Double
    /// Whether to use the AMSGrad variant.
    public let amsgrad: Bool
    /// Whether the weight decay is decoupled (AdamW).
    public let decoupled: Bool
    private var state: OptimizerState

    /// Creates Adam (or AdamW with `decoupled: true`).
    ///
    /// - Parameters:
    ///   - parameters: The tensors to update.
    ///   - lr: Learning rate (default 0.001).
    ///   - betas: Moment decay rates, each in [0, 1) (default (0.9, 0.999)).
    ///   - eps: Denominator term (default 1e-8).
    ///   - weightDecay: Weight decay (default 0 for Adam; AdamW's default is 0.01).
    ///   - amsgrad: Use AMSGrad.
    ///   - decoupled: AdamW's decoupled weight decay.
    /// - Throws: `NNError.invalidArgument` for a bad value.
    public init(_ parameters: [Variable], lr: Double = 0.001, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false,
                decoupled: Bool = false) throws(NNError) {
        let name = decoupled ? "AdamW" : "Adam"
        try OptimizerCheck.parameters(parameters, name)
        try OptimizerCheck.nonNegative(lr, "lr", name)
        try OptimizerCheck.beta(betas.0, "beta1", name)
        try OptimizerCheck.beta(betas.1, "beta2", name)
        try OptimizerCheck.nonNegative(eps, "eps", name)
        try OptimizerCheck.nonNegative(weightDecay, "weight_decay", name)
        self.parameters = parameters
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
        self.decoupled = decoupled
        state = OptimizerState(count: parameters.count)
    }

    /// PyTorch's class name.
    public var typeName: String { decoupled ? "AdamW" : "Adam" }
    /// The momentum a schedule may cycle (see `Optimizer.cycledMomentum`).
    public var cycledMomentum: Double? {
        get { betas.0 }
        set { if let newValue { betas.0 = newValue } }
    }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String {
        "lr=\(LayerSupport.pyFloat(lr)), betas=(\(betas.0), \(betas.1)), eps=\(LayerSupport.pyFloat(eps)), weight_decay=\(LayerSupport.pyFloat(weightDecay)), amsgrad=\(LayerSupport.pyBool(amsgrad))"
    }

    /// Applies one update to every parameter that has a gradient (the rule above).
    public func step() {
        let (b1, b2) = betas
        for (i, p) in parameters.enumerated() {
            guard var g = p.grad?.scalars else { continue }
            var x = p.value.scalars
            state.steps[i] += 1
            let t = Double(state.steps[i])
            if weightDecay != 0 {
                if decoupled {
                    let factor = Float(1 - lr * weightDecay)
                    for k in x.indices { x[k] *= factor }
                } else {
                    let wd = Float(weightDecay)
                    for k in g.indices { g[k] += wd * x[k] }
                }
            }
            var m = state.buffer("exp_avg", i) ?? [Float](repeating: 0, count: x.count)
            var v = state.buffer("exp_avg_sq", i) ?? [Float](repeating: 0, count: x.count)
            let fb1 = Float(b1), fb2 = Float(b2)
            for k in g.indices {
                m[k] += (g[k] - m[k]) * (1 - fb1)
                v[k] = fb2 * v[k] + (1 - fb2) * g[k] * g[k]
            }
            state.set("exp_avg", i, m)
            state.set("exp_avg_sq", i, v)
            if amsgrad {
                var vmax = state.buffer("max_exp_avg_sq", i) ?? [Float](repeating: 0, count: x.count)
                for k in vmax.indices { vmax[k] = Swift.max(vmax[k], v[k]) }
                state.set("max_exp_avg_sq", i, vmax)
                v = vmax
            }
            let stepSize = Float(lr / (1 - Foundation.pow(b1, t)))
            let correction2 = Float((1 - Foundation.pow(b2, t)).squareRoot())
            let e = Float(eps)
            for k in x.indices {
                x[k] -= stepSize * m[k] / (v[k].squareRoot() / correction2 + e)
            }
            p.update(x)
        }
    }
}
