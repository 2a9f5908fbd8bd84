import Autograd
import Tensor

/// A fully connected layer: `y = x @ W.T + b` (PyTorch's `nn.Linear`).
///
/// Shape rule: `[..., in]` gives `[..., out]`; the weight has shape `[out, in]` and the bias
/// `[out]`. Default initialisation is PyTorch's: weight and bias from
/// U(-1/sqrt(in), 1/sqrt(in)) (kaiming_uniform with a = sqrt(5)).
public final class Linear: WeightedLayer {
    /// The number of input features.
    public let inFeatures: Int
    /// The number of output features.
    public let outFeatures: Int
    /// The weight, shape `[out, in]` (assignable through `weight.value`).
    public var weight: Variable
    /// The bias, shape `[out]`, or `nil` when built with `bias: false`.
    public var bias: Variable?
    /// Training or evaluation mode (no effect on this layer).
    public var isTraining = true
    /// The input shape of the last call.
    public var lastInputShape: [Int]?

    /// Creates a layer with freshly initialised parameters.
    ///
    /// - Parameters:
    ///   - inFeatures: Input size (> 0).
    ///   - outFeatures: Output size (> 0).
    ///   - bias: Whether to add a bias.
    ///   - scheme: The weight initialisation (`.default` is PyTorch's).
    ///   - rng: The session's random source.
    /// - Throws: `NNError.invalidArgument` for a size < 1.
    public init(inFeatures: Int, outFeatures: Int, bias: Bool = true, scheme: InitScheme = .default,
                using rng: inout RandomSource) throws(NNError) {
        guard inFeatures > 0, outFeatures > 0 else {
            throw .invalidArgument("Linear needs positive sizes, got in=\(inFeatures), out=\(outFeatures)")
        }
        try LayerSupport.checkAllocation([outFeatures, inFeatures], "Linear")
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = Variable(scheme.sample([outFeatures, inFeatures], using: &rng), requiresGrad: true)
        if bias {
            let b: Tensor
            if scheme == .default {
                b = Linear.defaultBias(count: outFeatures, fanIn: inFeatures, using: &rng)
            } else {
                b = Tensor(shape: [outFeatures], scalars: [Float](repeating: 0, count: outFeatures))
            }
            self.bias = Variable(b, requiresGrad: true)
        } else {
            self.bias = nil
        }
    }

    /// Creates a layer from given parameter values (copied).
    ///
    /// - Parameters:
    ///   - weight: Shape `[out, in]`.
    ///   - bias: Shape `[out]`, or nil.
    /// - Throws: `NNError.shape` when the shapes do not fit.
    public init(weight: Tensor, bias: Tensor?) throws(NNError) {
        guard weight.rank == 2 else {
            throw .shape("Linear weight must have shape [out, in], got \(NNError.format(weight.shape))")
        }
        if let bias, bias.shape != [weight.shape[0]] {
            throw .shape("Linear bias must have shape [\(weight.shape[0])] to match the weight \(NNError.format(weight.shape)), got \(NNError.format(bias.shape))")
        }
        outFeatures = weight.shape[0]
        inFeatures = weight.shape[1]
        self.weight = Variable(weight, requiresGrad: true)
        self.bias = bias.map { Variable($0, requiresGrad: true) }
    }

    /// PyTorch's class name.
    public var typeName: String { "Linear" }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(LayerSupport.pyBool(bias != nil))"
    }
    /// The learnt tensors of this layer.
    public var ownParameters: [Variable] { bias.map { [weight, $0] } ?? [weight] }

    /// `x @ W.T + b`, as one recorded operation (one sgemm adding into the broadcast bias).
    ///
    /// - Throws: `NNError.shape` when the last axis of `x` is not `in`:
    ///   `Linear(in_features=3, ...) expects inputs with 3 features (last axis), got shape [4, 2]`.
    public func forward(_ input: Variable) throws -> Variable {
        guard input.rank >= 1, input.shape[input.rank - 1] == inFeatures else {
            throw NNError.shape("Linear(in_features=\(inFeatures), out_features=\(outFeatures)) expects inputs with \(inFeatures) features (last axis), got shape \(NNError.format(input.shape))")
        }
        return try input.linear(weight, bias: bias)
    }

    /// The output shape for an input shape (`-1` is the batch size), or nil.
    public func outputShape(for input: [Int]) -> [Int]? {
        guard let last = input.last, last == inFeatures || last == -1 else { return nil }
        return input.dropLast() + [outFeatures]
    }
}

extension Linear {
    /// PyTorch's default bias: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    static func defaultBias(count: Int, fanIn: Int, using rng: inout RandomSource) -> Tensor {
        let bound = 1 / Double(max(fanIn, 1)).squareRoot()
        var out = [Float](repeating: 0, count: count)
        for i in 0..<count { out[i] = Float(-bound + 2 * bound * rng.nextUniform()) }
        return Tensor(shape: [count], scalars: out)
    }
}
