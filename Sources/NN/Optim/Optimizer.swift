import Autograd
import Tensor

/// An optimiser: updates parameters from their gradients with PyTorch's update rule.
///
/// `step()` skips parameters whose `grad` is nil (as PyTorch does); `zeroGrad()` clears
/// every gradient. The learning rate (and, for schedules that cycle it, the momentum or
/// Adam's beta1) can be changed between steps.
public protocol Optimizer: AnyObject {
    /// PyTorch's class name, e.g. `"Adam"`.
    var typeName: String { get }
    /// The parameters it updates.
    var parameters: [Variable] { get }
    /// The learning rate.
    var lr: Double { get set }
    /// The momentum (SGD, RMSprop) or beta1 (Adam family) a schedule may cycle, or nil when
    /// the optimiser has none (Adagrad, Adadelta).
    var cycledMomentum: Double? { get set }
    /// The hyper-parameters as PyTorch names them: `lr=0.001, betas=(0.9, 0.999), ...`.
    var settingsDescription: String { get }

    /// Applies one update to every parameter that has a gradient.
    func step()
}

extension Optimizer {
    /// Clears the gradient of every parameter (`opt.zero_grad()`; grads become none).
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }

    /// `Adam(lr=0.001, betas=(0.9, 0.999), ...)`.
    public var shortDescription: String { "\(typeName)(\(settingsDescription))" }
}

/// Per-parameter state buffers, created lazily on a parameter's first update.
struct OptimizerState {
    /// `buffers[name][i]` is buffer `name` of parameter `i`.
    private var buffers: [String: [[Float]?]] = [:]
    /// Update counts per parameter.
    var steps: [Int]

    init(count: Int) {
        steps = [Int](repeating: 0, count: count)
    }

    /// Takes buffer `name` of parameter `i` out of the state (nil before it was set), so the
    /// caller holds the only reference and changes it in place without a copy; the rule
    /// stores it back with ``set(_:_:_:)``.
    mutating func take(_ name: String, _ i: Int) -> [Float]? {
        let value = buffers[name]?[i] ?? nil
        buffers[name]?[i] = nil
        return value
    }

    /// Takes buffer `name` of parameter `i` out of the state (see ``take(_:_:)``), or makes
    /// `count` copies of `fill` before it was set.
    mutating func take(_ name: String, _ i: Int, orFilled count: Int, with fill: Float = 0) -> [Float] {
        take(name, i) ?? [Float](repeating: fill, count: count)
    }

    /// Stores buffer `name` of parameter `i`.
    mutating func set(_ name: String, _ i: Int, _ value: [Float]) {
        if buffers[name] == nil { buffers[name] = [[Float]?](repeating: nil, count: steps.count) }
        buffers[name]?[i] = value
    }

    /// The loop every optimiser's `step()` shares. For each parameter that has a gradient
    /// (others are skipped, as in PyTorch) it counts the step in `steps[i]`, adds the L2 penalty
    /// `weightDecay * p` to the gradient when `weightDecay` is not 0, lets `rule` update the
    /// values, and stores them in the parameter.
    ///
    /// - Parameters:
    ///   - parameters: The parameters, in the order the state was made for.
    ///   - state: The optimiser's state (passed on to `rule`).
    ///   - weightDecay: The L2 penalty added to the gradient; 0 for none.
    ///   - rule: The update rule: given the parameter's index, its gradient (penalty added) and
    ///     its values, updates the values in place (they are the parameter's own storage).
    static func update(_ parameters: [Variable], _ state: inout OptimizerState, weightDecay: Float,
                       rule: (_ i: Int, _ g: inout [Float], _ x: inout [Float], _ state: inout OptimizerState) -> Void) {
        for (i, p) in parameters.enumerated() {
            guard var g = p.grad?.scalars else { continue }
            state.steps[i] += 1
            // in place: the parameter's storage is not shared, so nothing is copied
            p.value.withMutableScalars { x in
                if weightDecay != 0 { for k in g.indices { g[k] += weightDecay * x[k] } }
                rule(i, &g, &x, &state)
            }
        }
    }
}

/// Checks shared by the optimiser initialisers.
enum OptimizerCheck {
    static func nonNegative(_ value: Double, _ name: String, _ optimizer: String) throws(NNError) {
        guard value >= 0, value.isFinite else {
            throw .invalidArgument("\(optimizer): \(name) must be >= 0, got \(value)")
        }
    }

    static func beta(_ value: Double, _ name: String, _ optimizer: String) throws(NNError) {
        guard value >= 0, value < 1 else {
            throw .invalidArgument("\(optimizer): \(name) must be in [0, 1), got \(value)")
        }
    }

    /// The checks of the Adam family (Adam, AdamW, Adamax, NAdam): a parameter list, lr >= 0,
    /// betas in [0, 1), eps >= 0 and weight_decay >= 0.
    static func adamFamily(_ params: [Variable], lr: Double, betas: (Double, Double), eps: Double,
                           weightDecay: Double, _ optimizer: String) throws(NNError) {
        try parameters(params, optimizer)
        try nonNegative(lr, "lr", optimizer)
        try beta(betas.0, "beta1", optimizer)
        try beta(betas.1, "beta2", optimizer)
        try nonNegative(eps, "eps", optimizer)
        try nonNegative(weightDecay, "weight_decay", optimizer)
    }

    static func parameters(_ params: [Variable], _ optimizer: String) throws(NNError) {
        guard !params.isEmpty else {
            throw .invalidArgument("\(optimizer) got an empty parameter list: pass model.parameters() or a list of param(...) tensors")
        }
        if params.contains(where: { !$0.requiresGrad }) {
            throw .invalidArgument("\(optimizer): every parameter must require grad (make it with param(...) or .requires_grad())")
        }
    }
}
