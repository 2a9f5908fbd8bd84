import Autograd
import Tensor

/// Adagrad (PyTorch's `torch.optim.Adagrad`):
///
/// ```
/// t += 1;  g = grad + weight_decay * p
/// s = s + g^2                       (s starts at initial_accumulator_value)
/// p = p - lr / (1 + (t - 1) lr_decay) * g / (sqrt(s) + eps)
/// ```
public final class Adagrad: Optimizer {
    /// The tensors it updates.
    public let parameters: [Variable]
    /// The learning rate.
    public var lr: Double
    /// Learning-rate decay per step.
    public let lrDecay: Double
    /// L2 penalty added to the gradient.
    public let weightDecay: Double
    /// The accumulator's initial value.
    public let initialAccumulatorValue: Double
    /// Added to the denominator.
    public let eps: Double
    private var state: OptimizerState

    /// Creates the optimiser (defaults: lr 0.01, eps 1e-10).
    ///
    /// - Throws: `NNError.invalidArgument` for a bad value.
    public init(_ parameters: [Variable], lr: Double = 0.01, lrDecay: Double = 0, weightDecay: Double = 0,
                initialAccumulatorValue: Double = 0, eps: Double = 1e-10) throws(NNError) {
        try OptimizerCheck.parameters(parameters, "Adagrad")
        try OptimizerCheck.nonNegative(lr, "lr", "Adagrad")
        try OptimizerCheck.nonNegative(lrDecay, "lr_decay", "Adagrad")
        try OptimizerCheck.nonNegative(weightDecay, "weight_decay", "Adagrad")
        try OptimizerCheck.nonNegative(initialAccumulatorValue, "initial_accumulator_value", "Adagrad")
        try OptimizerCheck.nonNegative(eps, "eps", "Adagrad")
        self.parameters = parameters
        self.lr = lr
        self.lrDecay = lrDecay
        self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue
        self.eps = eps
        state = OptimizerState(count: parameters.count)
    }

    /// PyTorch's class name.
    public var typeName: String { "Adagrad" }
    /// The momentum a schedule may cycle (see `Optimizer.cycledMomentum`).
    public var cycledMomentum: Double? { get { nil } set {} }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String {
        "lr=\(LayerSupport.pyFloat(lr)), lr_decay=\(LayerSupport.pyFloat(lrDecay)), weight_decay=\(LayerSupport.pyFloat(weightDecay)), initial_accumulator_value=\(LayerSupport.pyFloat(initialAccumulatorValue)), eps=\(LayerSupport.pyFloat(eps))"
    }

    /// Applies one update to every parameter that has a gradient (the rule above).
    public func step() {
        let e = Float(eps)
        OptimizerState.update(parameters, &state, weightDecay: Float(weightDecay)) { i, g, x, state in
            var s = state.take("sum", i, orFilled: x.count, with: Float(initialAccumulatorValue))
            let clr = Float(lr / (1 + Double(state.steps[i] - 1) * lrDecay))
            for k in x.indices {
                s[k] += g[k] * g[k]
                x[k] -= clr * g[k] / (s[k].squareRoot() + e)
            }
            state.set("sum", i, s)
        }
    }
}

/// RMSprop (PyTorch's `torch.optim.RMSprop`), optionally centred and with momentum:
///
/// ```
/// g = grad + weight_decay * p
/// s = alpha * s + (1 - alpha) * g^2
/// centred: a = alpha * a + (1 - alpha) * g;  d = sqrt(s - a^2) + eps   else  d = sqrt(s) + eps
/// momentum > 0: b = momentum * b + g / d;  p = p - lr * b       else  p = p - lr * g / d
/// ```
public final class RMSprop: Optimizer {
    /// The tensors it updates.
    public let parameters: [Variable]
    /// The learning rate.
    public var lr: Double
    /// The smoothing constant (default 0.99).
    public let alpha: Double
    /// Added to the denominator (default 1e-8).
    public let eps: Double
    /// L2 penalty added to the gradient.
    public let weightDecay: Double
    /// The momentum factor.
    public var momentum: Double
    /// Whether to normalise by the centred second moment.
    public let centered: Bool
    private var state: OptimizerState

    /// Creates the optimiser (defaults: lr 0.01, alpha 0.99, eps 1e-8).
    ///
    /// - Throws: `NNError.invalidArgument` for a bad value.
    public init(_ parameters: [Variable], lr: Double = 0.01, alpha: Double = 0.99, eps: Double = 1e-8,
                weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false) throws(NNError) {
        try OptimizerCheck.parameters(parameters, "RMSprop")
        try OptimizerCheck.nonNegative(lr, "lr", "RMSprop")
        try OptimizerCheck.nonNegative(alpha, "alpha", "RMSprop")
        try OptimizerCheck.nonNegative(eps, "eps", "RMSprop")
        try OptimizerCheck.nonNegative(weightDecay, "weight_decay", "RMSprop")
        try OptimizerCheck.nonNegative(momentum, "momentum", "RMSprop")
        self.parameters = parameters
        self.lr = lr
        self.alpha = alpha
        self.eps = eps
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
        state = OptimizerState(count: parameters.count)
    }

    /// PyTorch's class name.
    public var typeName: String { "RMSprop" }
    /// The momentum a schedule may cycle (see `Optimizer.cycledMomentum`).
    public var cycledMomentum: Double? {
        get { momentum }
        set { momentum = newValue ?? momentum }
    }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String {
        "lr=\(LayerSupport.pyFloat(lr)), alpha=\(LayerSupport.pyFloat(alpha)), eps=\(LayerSupport.pyFloat(eps)), weight_decay=\(LayerSupport.pyFloat(weightDecay)), momentum=\(LayerSupport.pyFloat(momentum)), centered=\(LayerSupport.pyBool(centered))"
    }

    /// Applies one update to every parameter that has a gradient (the rule above).
    public func step() {
        let a = Float(alpha), e = Float(eps), mu = Float(momentum), lr = Float(self.lr)
        OptimizerState.update(parameters, &state, weightDecay: Float(weightDecay)) { i, g, x, state in
            var s = state.take("square_avg", i, orFilled: x.count)
            for k in g.indices { s[k] = a * s[k] + (1 - a) * g[k] * g[k] }
            state.set("square_avg", i, s)
            var d = [Float](repeating: 0, count: x.count)
            if centered {
                var avg = state.take("grad_avg", i, orFilled: x.count)
                for k in g.indices {
                    avg[k] += (g[k] - avg[k]) * (1 - a)
                    d[k] = (s[k] - avg[k] * avg[k]).squareRoot() + e
                }
                state.set("grad_avg", i, avg)
            } else {
                for k in g.indices { d[k] = s[k].squareRoot() + e }
            }
            if mu > 0 {
                var b = state.take("momentum_buffer", i, orFilled: x.count)
                for k in g.indices {
                    b[k] = mu * b[k] + g[k] / d[k]
                    x[k] -= lr * b[k]
                }
                state.set("momentum_buffer", i, b)
            } else {
                for k in x.indices { x[k] -= lr * g[k] / d[k] }
            }
        }
    }
}

/// Adadelta (PyTorch's `torch.optim.Adadelta`):
///
/// ```
/// g = grad + weight_decay * p
/// s = rho * s + (1 - rho) * g^2
/// delta = sqrt(u + eps) / sqrt(s + eps) * g
/// u = rho * u + (1 - rho) * delta^2
/// p = p - lr * delta
/// ```
public final class Adadelta: Optimizer {
    /// The tensors it updates.
    public let parameters: [Variable]
    /// The learning rate.
    public var lr: Double
    /// The decay rate (default 0.9).
    public let rho: Double
    /// Added inside the square roots (default 1e-6).
    public let eps: Double
    /// L2 penalty added to the gradient.
    public let weightDecay: Double
    private var state: OptimizerState

    /// Creates the optimiser (defaults: lr 1.0, rho 0.9, eps 1e-6).
    ///
    /// - Throws: `NNError.invalidArgument` for a bad value.
    public init(_ parameters: [Variable], lr: Double = 1.0, rho: Double = 0.9, eps: Double = 1e-6,
                weightDecay: Double = 0) throws(NNError) {
        try OptimizerCheck.parameters(parameters, "Adadelta")
        try OptimizerCheck.nonNegative(lr, "lr", "Adadelta")
        guard rho >= 0, rho <= 1 else { throw .invalidArgument("Adadelta: rho must be in [0, 1], got \(rho)") }
        try OptimizerCheck.nonNegative(eps, "eps", "Adadelta")
        try OptimizerCheck.nonNegative(weightDecay, "weight_decay", "Adadelta")
        self.parameters = parameters
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.weightDecay = weightDecay
        state = OptimizerState(count: parameters.count)
    }

    /// PyTorch's class name.
    public var typeName: String { "Adadelta" }
    /// The momentum a schedule may cycle (see `Optimizer.cycledMomentum`).
    public var cycledMomentum: Double? { get { nil } set {} }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String {
        "lr=\(LayerSupport.pyFloat(lr)), rho=\(LayerSupport.pyFloat(rho)), eps=\(LayerSupport.pyFloat(eps)), weight_decay=\(LayerSupport.pyFloat(weightDecay))"
    }

    /// Applies one update to every parameter that has a gradient (the rule above).
    public func step() {
        let r = Float(rho), e = Float(eps), lr = Float(self.lr)
        OptimizerState.update(parameters, &state, weightDecay: Float(weightDecay)) { i, g, x, state in
            var s = state.take("square_avg", i, orFilled: x.count)
            var u = state.take("acc_delta", i, orFilled: x.count)
            for k in g.indices {
                s[k] = r * s[k] + (1 - r) * g[k] * g[k]
                let delta = (u[k] + e).squareRoot() / (s[k] + e).squareRoot() * g[k]
                u[k] = r * u[k] + (1 - r) * delta * delta
                x[k] -= lr * delta
            }
            state.set("square_avg", i, s)
            state.set("acc_delta", i, u)
        }
    }
}
