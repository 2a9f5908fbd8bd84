import Autograd
import Tensor

/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight
/// decay (PyTorch's `torch.optim.SGD`):
///
/// ```
/// g = grad + weight_decay * p
/// buf = g                                   (first step)
/// buf = momentum * buf + (1 - dampening) * g  (later steps)
/// g = nesterov ? g + momentum * buf : buf   (when momentum != 0)
/// p = p - lr * g
/// ```
public final class SGD: Optimizer {
    /// The tensors it updates.
    public let parameters: [Variable]
    /// The learning rate.
    public var lr: Double
    /// The momentum factor (0 = plain SGD).
    public var momentum: Double
    /// Dampening of the momentum (0 by default).
    public let dampening: Double
    /// Whether to use Nesterov momentum.
    public let nesterov: Bool
    /// The L2 penalty added to the gradient.
    public let weightDecay: Double
    private var state: OptimizerState

    /// Creates the optimiser.
    ///
    /// - Parameters:
    ///   - parameters: The tensors to update (each requires grad).
    ///   - lr: The learning rate (PyTorch's default 0.001).
    ///   - momentum: Momentum factor, >= 0.
    ///   - dampening: Momentum dampening, >= 0.
    ///   - nesterov: Nesterov momentum (needs momentum > 0 and dampening 0).
    ///   - weightDecay: L2 penalty, >= 0.
    /// - Throws: `NNError.invalidArgument` for a bad value.
    public init(_ parameters: [Variable], lr: Double = 0.001, momentum: Double = 0, dampening: Double = 0,
                nesterov: Bool = false, weightDecay: Double = 0) throws(NNError) {
        try OptimizerCheck.parameters(parameters, "SGD")
        try OptimizerCheck.nonNegative(lr, "lr", "SGD")
        try OptimizerCheck.nonNegative(momentum, "momentum", "SGD")
        try OptimizerCheck.nonNegative(dampening, "dampening", "SGD")
        try OptimizerCheck.nonNegative(weightDecay, "weight_decay", "SGD")
        if nesterov, momentum <= 0 || dampening != 0 {
            throw .invalidArgument("SGD: Nesterov momentum requires a momentum > 0 and zero dampening")
        }
        self.parameters = parameters
        self.lr = lr
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        state = OptimizerState(count: parameters.count)
    }

    /// PyTorch's class name.
    public var typeName: String { "SGD" }
    /// The momentum a schedule may cycle (see `Optimizer.cycledMomentum`).
    public var cycledMomentum: Double? {
        get { momentum }
        set { momentum = newValue ?? momentum }
    }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String {
        "lr=\(LayerSupport.pyFloat(lr)), momentum=\(LayerSupport.pyFloat(momentum)), dampening=\(LayerSupport.pyFloat(dampening)), weight_decay=\(LayerSupport.pyFloat(weightDecay)), nesterov=\(LayerSupport.pyBool(nesterov))"
    }

    /// Applies one update to every parameter that has a gradient (the rule above).
    public func step() {
        let lr = Float(self.lr), mu = Float(momentum), damp = Float(1 - dampening)
        OptimizerState.update(parameters, &state, weightDecay: Float(weightDecay)) { i, g, x, state in
            if mu != 0 {
                var buf: [Float]
                if let old = state.take("momentum", i) {
                    buf = old
                    for k in buf.indices { buf[k] = mu * buf[k] + damp * g[k] }
                } else {
                    buf = g
                }
                state.set("momentum", i, buf)
                if nesterov {
                    for k in g.indices { g[k] += mu * buf[k] }
                } else {
                    g = buf
                }
            }
            for k in x.indices { x[k] -= lr * g[k] }
        }
    }
}
