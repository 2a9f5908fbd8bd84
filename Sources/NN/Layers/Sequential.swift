import Autograd
import Tensor

/// A chain of layers applied in order (PyTorch's `nn.Sequential`).
///
/// Shape rule: each layer's output is the next one's input.
public final class Sequential: Module {
    /// The layers, in order.
    public var layers: [any Module]
    /// Training or evaluation mode (set on all layers by `train()` / `eval()`).
    public var isTraining = true
    /// The input shape of the last call.
    public var lastInputShape: [Int]?

    /// Creates a chain.
    ///
    /// - Parameter layers: The layers, applied first to last.
    public init(_ layers: [any Module]) {
        self.layers = layers
    }

    /// PyTorch's class name.
    public var typeName: String { "Sequential" }
    /// The layers, in order.
    public var children: [any Module] { layers }

    /// Applies every layer in turn.
    ///
    /// - Throws: The first layer error, prefixed with the layer's position when it is a
    ///   shape error: `layer 2 (Linear): ...`.
    public func forward(_ input: Variable) throws -> Variable {
        var x = input
        for (i, layer) in layers.enumerated() {
            do {
                x = try layer(x)
            } catch let error as NNError {
                if case .shape(let message) = error, layers.count > 1 {
                    throw NNError.shape("layer \(i) (\(layer.typeName)): \(message)")
                }
                throw error
            }
        }
        return x
    }

    /// The output shape for an input shape (`-1` is the batch size), or nil.
    public func outputShape(for input: [Int]) -> [Int]? {
        var shape = input
        for layer in layers {
            guard let next = layer.outputShape(for: shape) else { return nil }
            shape = next
        }
        return shape
    }

    /// A multi-layer perceptron: Linear layers of the given sizes with an activation between
    /// them, and an optional activation after the last one.
    ///
    /// `mlp([2, 16, 16, 3])` is `Linear(2, 16), ReLU, Linear(16, 16), ReLU, Linear(16, 3)`.
    ///
    /// - Parameters:
    ///   - sizes: At least two sizes: input, hidden..., output.
    ///   - activation: The hidden activation's name (`"relu"`, `"tanh"`, ...).
    ///   - output: The output activation's name, or nil for none (logits).
    ///   - rng: The session's random source (PyTorch default init).
    /// - Returns: The model.
    /// - Throws: `NNError.invalidArgument` for fewer than two sizes or an unknown activation.
    public static func mlp(_ sizes: [Int], activation: String = "relu", output: String? = nil,
                           using rng: inout RandomSource) throws(NNError) -> Sequential {
        guard sizes.count >= 2 else {
            throw .invalidArgument("mlp needs at least two sizes (inputs and outputs), e.g. mlp([2, 16, 1]); got \(sizes)")
        }
        let hidden = try Activation.Kind(named: activation)
        let out = try output.map { (name) throws(NNError) in try Activation.Kind(named: name) }
        var layers: [any Module] = []
        for i in 0..<(sizes.count - 1) {
            layers.append(try Linear(inFeatures: sizes[i], outFeatures: sizes[i + 1], using: &rng))
            if i < sizes.count - 2 { layers.append(Activation(hidden)) }
        }
        if let out { layers.append(Activation(out)) }
        return Sequential(layers)
    }
}

/// Flattens all axes but the first: `[N, C, H, W]` gives `[N, C*H*W]` (PyTorch's `nn.Flatten`).
public final class Flatten: Module {
    /// Training or evaluation mode (no effect).
    public var isTraining = true
    /// The input shape of the last call.
    public var lastInputShape: [Int]?

    /// Creates the layer.
    public init() {}

    /// PyTorch's class name.
    public var typeName: String { "Flatten" }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String { "start_dim=1, end_dim=-1" }

    /// Reshapes to `[N, -1]` (a 1-d input is left as it is).
    public func forward(_ input: Variable) throws -> Variable {
        guard input.rank >= 2 else { return input }
        return try input.reshaped([input.shape[0], -1])
    }

    /// The output shape for an input shape (`-1` is the batch size), or nil.
    public func outputShape(for input: [Int]) -> [Int]? {
        guard input.count >= 2 else { return input }
        let rest = input.dropFirst()
        if rest.contains(-1) { return [input[0], -1] }
        return [input[0], rest.reduce(1, *)]
    }
}
