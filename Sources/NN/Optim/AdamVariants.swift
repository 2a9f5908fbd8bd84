import Autograd
import Foundation
import Tensor

/// Adamax, Adam with the infinity norm (PyTorch's `torch.optim.Adamax`):
///
/// ```
/// t += 1;  g = grad + weight_decay * p
/// m = beta1 * m + (1 - beta1) * g
/// u = max(beta2 * u, |g| + eps)
/// p = p - lr / (1 - beta1^t) * m / u
/// ```
public final class Adamax: Optimizer {
    /// The tensors it updates.
    public let parameters: [Variable]
    /// The learning rate.
    public var lr: Double
    /// `(beta1, beta2)`.
    public var betas: (Double, Double)
    /// Added to |g|.
    public let eps: Double
    /// L2 penalty added to the gradient.
    public let weightDecay: Double
    private var state: OptimizerState

    /// Creates the optimiser (defaults: lr 0.002, betas (0.9, 0.999), eps 1e-8).
    ///
    /// - Throws: `NNError.invalidArgument` for a bad value.
    public init(_ parameters: [Variable], lr: Double = 0.002, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 0) throws(NNError) {
        try OptimizerCheck.adamFamily(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, "Adamax")
        self.parameters = parameters
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        state = OptimizerState(count: parameters.count)
    }

    /// PyTorch's class name.
    public var typeName: String { "Adamax" }
    /// The momentum a schedule may cycle (see `Optimizer.cycledMomentum`).
    public var cycledMomentum: Double? {
        get { betas.0 }
        set { if let newValue { betas.0 = newValue } }
    }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String {
        "lr=\(LayerSupport.pyFloat(lr)), betas=(\(betas.0), \(betas.1)), eps=\(LayerSupport.pyFloat(eps)), weight_decay=\(LayerSupport.pyFloat(weightDecay))"
    }

    /// Applies one update to every parameter that has a gradient (the rule above).
    public func step() {
        let fb1 = Float(betas.0), fb2 = Float(betas.1), e = Float(eps)
        OptimizerState.update(parameters, &state, weightDecay: Float(weightDecay)) { i, g, x, state in
            var m = state.take("exp_avg", i, orFilled: x.count)
            var u = state.take("exp_inf", i, orFilled: x.count)
            for k in g.indices {
                m[k] += (g[k] - m[k]) * (1 - fb1)
                u[k] = Swift.max(u[k] * fb2, abs(g[k]) + e)
            }
            state.set("exp_avg", i, m)
            state.set("exp_inf", i, u)
            let clr = Float(lr / (1 - Foundation.pow(betas.0, Double(state.steps[i]))))
            for k in x.indices { x[k] -= clr * m[k] / u[k] }
        }
    }
}

/// NAdam, Adam with Nesterov momentum and momentum decay (PyTorch's `torch.optim.NAdam`):
///
/// ```
/// t += 1;  g = grad + weight_decay * p
/// mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay));  mu_{t+1} likewise
/// prod = prod * mu_t
/// m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2
/// d = sqrt(v / (1 - beta2^t)) + eps
/// p = p - lr (1 - mu_t) / (1 - prod) * g / d - lr mu_{t+1} / (1 - prod mu_{t+1}) * m / d
/// ```
public final class NAdam: Optimizer {
    /// The tensors it updates.
    public let parameters: [Variable]
    /// The learning rate.
    public var lr: Double
    /// `(beta1, beta2)`.
    public var betas: (Double, Double)
    /// Added to the denominator.
    public let eps: Double
    /// L2 penalty added to the gradient.
    public let weightDecay: Double
    /// The momentum decay (default 0.004).
    public let momentumDecay: Double
    private var state: OptimizerState
    private var muProducts: [Double]

    /// Creates the optimiser (defaults: lr 0.002, betas (0.9, 0.999), eps 1e-8, momentum
    /// decay 0.004).
    ///
    /// - Throws: `NNError.invalidArgument` for a bad value.
    public init(_ parameters: [Variable], lr: Double = 0.002, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 0, momentumDecay: Double = 0.004) throws(NNError) {
        try OptimizerCheck.adamFamily(parameters, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, "NAdam")
        try OptimizerCheck.nonNegative(momentumDecay, "momentum_decay", "NAdam")
        self.parameters = parameters
        self.lr = lr
        self.betas = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentumDecay = momentumDecay
        state = OptimizerState(count: parameters.count)
        muProducts = [Double](repeating: 1, count: parameters.count)
    }

    /// PyTorch's class name.
    public var typeName: String { "NAdam" }
    /// The momentum a schedule may cycle (see `Optimizer.cycledMomentum`).
    public var cycledMomentum: Double? {
        get { betas.0 }
        set { if let newValue { betas.0 = newValue } }
    }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String {
        "lr=\(LayerSupport.pyFloat(lr)), betas=(\(betas.0), \(betas.1)), eps=\(LayerSupport.pyFloat(eps)), weight_decay=\(LayerSupport.pyFloat(weightDecay)), momentum_decay=\(LayerSupport.pyFloat(momentumDecay))"
    }

    /// Applies one update to every parameter that has a gradient (the rule above).
    public func step() {
        let (b1, b2) = betas
        let fb1 = Float(b1), fb2 = Float(b2), e = Float(eps)
        OptimizerState.update(parameters, &state, weightDecay: Float(weightDecay)) { i, g, x, state in
            let t = Double(state.steps[i])
            let mu = b1 * (1 - 0.5 * Foundation.pow(0.96, t * momentumDecay))
            let muNext = b1 * (1 - 0.5 * Foundation.pow(0.96, (t + 1) * momentumDecay))
            muProducts[i] *= mu
            let product = muProducts[i]
            let (m, v) = state.adamMoments(i, g, beta1: fb1, beta2: fb2)
            let correction2 = Float(1 - Foundation.pow(b2, t))
            let gradCoefficient = Float(lr * (1 - mu) / (1 - product))
            let momentumCoefficient = Float(lr * muNext / (1 - product * muNext))
            for k in x.indices {
                let d = (v[k] / correction2).squareRoot() + e
                x[k] -= gradCoefficient * g[k] / d
                x[k] -= momentumCoefficient * m[k] / d
            }
        }
    }
}
