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
        try OptimizerCheck.adamFamily(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                                      decoupled ? "AdamW" : "Adam")
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
        let fb1 = Float(b1), fb2 = Float(b2), e = Float(eps)
        let l2 = decoupled ? 0 : Float(weightDecay)
        OptimizerState.update(parameters, &state, weightDecay: l2) { i, g, x, state in
            let t = Double(state.steps[i])
            if decoupled, weightDecay != 0 {
                let factor = Float(1 - lr * weightDecay)
                for k in x.indices { x[k] *= factor }
            }
            let stepSize = Float(lr / (1 - Foundation.pow(b1, t)))
            let correction2 = Float((1 - Foundation.pow(b2, t)).squareRoot())
            if !amsgrad {
                // one pass over parameter, gradient and both moments (same arithmetic as the
                // two passes below, so the same numbers)
                var m = state.take("exp_avg", i, orFilled: g.count)
                var v = state.take("exp_avg_sq", i, orFilled: g.count)
                OptimizerKernels.adam(&x, g, &m, &v, beta1: fb1, beta2: fb2, stepSize: stepSize,
                                      correction2: correction2, eps: e)
                state.set("exp_avg", i, m)
                state.set("exp_avg_sq", i, v)
                return
            }
            // AMSGrad: the running maximum of v takes v's place
            let (m, moment2) = state.adamMoments(i, g, beta1: fb1, beta2: fb2)
            var v = state.take("max_exp_avg_sq", i, orFilled: x.count)
            for k in v.indices { v[k] = Swift.max(v[k], moment2[k]) }
            state.set("max_exp_avg_sq", i, v)
            for k in x.indices {
                x[k] -= stepSize * m[k] / (v[k].squareRoot() / correction2 + e)
            }
        }
    }
}

extension OptimizerState {
    /// Updates and stores Adam's moment estimates of parameter `i` (buffers `exp_avg` and
    /// `exp_avg_sq`, zero at first): `m = beta1 * m + (1 - beta1) * g` and
    /// `v = beta2 * v + (1 - beta2) * g^2`.
    ///
    /// - Returns: The new `m` and `v`.
    mutating func adamMoments(_ i: Int, _ g: [Float], beta1: Float, beta2: Float) -> (m: [Float], v: [Float]) {
        var m = take("exp_avg", i, orFilled: g.count)
        var v = take("exp_avg_sq", i, orFilled: g.count)
        for k in g.indices {
            m[k] += (g[k] - m[k]) * (1 - beta1)
            v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k]
        }
        set("exp_avg", i, m)
        set("exp_avg_sq", i, v)
        return (m, v)
    }
}
