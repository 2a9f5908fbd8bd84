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

    /// The buffer `name` of parameter `i`, or nil before it was set.
    func buffer(_ name: String, _ i: Int) -> [Float]? {
        buffers[name]?[i] ?? nil
    }

    /// Stores buffer `name` of parameter `i`.
    mutating func set(_ name: String, _ i: Int, _ value: [Float]) {
        if buffers[name] == nil { buffers[name] = [[Float]?](repeating: nil, count: steps.count) }
        buffers[name]?[i] = value
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

    static func parameters(_ params: [Variable], _ optimizer: String) throws(NNError) {
        guard !params.isEmpty else {
            throw .invalidArgument("\(optimizer) got an empty parameter list: pass model.parameters() or a list of param(...) tensors")
        }
        if params.contains(where: { !$0.requiresGrad }) {
            throw .invalidArgument("\(optimizer): every parameter must require grad (make it with param(...) or .requires_grad())")
        }
    }
}

extension Variable {
    /// Replaces the value by `scalars` (same shape), as an in-place parameter update.
    func update(_ scalars: [Float]) {
        value = Tensor(shape: value.shape, scalars: scalars)
    }
}
