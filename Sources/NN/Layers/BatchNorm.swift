import Autograd
import Tensor

/// Batch normalisation over the channel axis 1 (PyTorch's `nn.BatchNorm1d`/`2d`, momentum
/// 0.1, eps 1e-5, learnt affine weight and bias).
///
/// Training mode normalises with the batch mean and biased variance over every axis but 1
/// and updates the running statistics: `running = (1 - momentum) * running + momentum *
/// batch`, using the *unbiased* batch variance for `running_var`. Evaluation mode normalises
/// with the running statistics.
///
/// Shape rule: `[N, C]`, `[N, C, L]` or `[N, C, H, W]` with `C = features`; unchanged.
public final class BatchNorm: Module {
    /// The number of channels `C`.
    public let features: Int
    /// Added to the variance before the square root.
    public let eps: Double
    /// The weight of the new batch in the running statistics.
    public let momentum: Double
    /// The learnt scale, shape `[C]` (initially ones).
    public var weight: Variable
    /// The learnt shift, shape `[C]` (initially zeros).
    public var bias: Variable
    /// The running mean, shape `[C]` (initially zeros).
    public private(set) var runningMean: Tensor
    /// The running variance, shape `[C]` (initially ones).
    public private(set) var runningVar: Tensor
    /// Training (batch statistics) or evaluation (running statistics) mode.
    public var isTraining = true
    /// The input shape of the last call.
    public var lastInputShape: [Int]?

    /// Creates the layer.
    ///
    /// - Parameters:
    ///   - features: The channel count `C` (> 0).
    ///   - eps: Added to the variance (default 1e-5).
    ///   - momentum: Running-statistics momentum (default 0.1).
    /// - Throws: `NNError.invalidArgument` for features < 1.
    public init(features: Int, eps: Double = 1e-5, momentum: Double = 0.1) throws(NNError) {
        guard features > 0 else {
            throw .invalidArgument("BatchNorm needs a positive number of features, got \(features)")
        }
        try LayerSupport.checkAllocation([features], "BatchNorm")
        self.features = features
        self.eps = eps
        self.momentum = momentum
        weight = Variable(Tensor(shape: [features], scalars: [Float](repeating: 1, count: features)), requiresGrad: true)
        bias = Variable(Tensor(shape: [features], scalars: [Float](repeating: 0, count: features)), requiresGrad: true)
        runningMean = Tensor(shape: [features], scalars: [Float](repeating: 0, count: features))
        runningVar = Tensor(shape: [features], scalars: [Float](repeating: 1, count: features))
    }

    /// PyTorch's class name.
    public var typeName: String { "BatchNorm" }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String {
        "\(features), eps=\(LayerSupport.pyFloat(eps)), momentum=\(LayerSupport.pyFloat(momentum)), affine=True"
    }
    /// The learnt tensors of this layer.
    public var ownParameters: [Variable] { [weight, bias] }

    /// Normalises, scales and shifts.
    ///
    /// - Throws: `NNError.shape` when axis 1 is not `features`, or when a training batch has
    ///   a single value per channel (the variance is undefined).
    public func forward(_ input: Variable) throws -> Variable {
        guard input.rank >= 2, input.shape[1] == features else {
            throw NNError.shape("BatchNorm(\(features)) expects inputs of shape [N, \(features)] or [N, \(features), H, W], got \(NNError.format(input.shape))")
        }
        let axes = [0] + Array(2..<input.rank)
        var channelShape = [Int](repeating: 1, count: input.rank)
        channelShape[1] = features
        let w = try weight.reshaped(channelShape)
        let b = try bias.reshaped(channelShape)
        if !isTraining {
            let mean = Variable(try runningMean.reshaped(channelShape))
            let scale = try (runningVar + Tensor(Float(eps))).map(.sqrt).reshaped(channelShape)
            return try (input - mean) / Variable(scale) * w + b
        }
        let count = input.value.scalarCount / features
        guard count > 1 else {
            throw NNError.shape("BatchNorm in training mode needs more than one value per channel, got input shape \(NNError.format(input.shape)); use a batch of at least 2 samples or call model.eval()")
        }
        var mean = input
        for axis in axes { mean = try mean.reduce(.mean, dim: axis, keepDim: true) }
        let centered = try input - mean
        var variance = try centered * centered
        for axis in axes { variance = try variance.reduce(.mean, dim: axis, keepDim: true) }
        let normalised = try centered / (variance + Variable(Tensor(Float(eps)))).map(.sqrt)
        // Running statistics (no graph).
        let m = Float(momentum)
        let batchMean = try mean.value.reshaped([features])
        let unbiased = try variance.value.reshaped([features]) * Tensor(Float(count) / Float(count - 1))
        runningMean = try runningMean * Tensor(1 - m) + batchMean * Tensor(m)
        runningVar = try runningVar * Tensor(1 - m) + unbiased * Tensor(m)
        return try normalised * w + b
    }

    /// Replaces the running statistics (used by `load`).
    ///
    /// - Parameters:
    ///   - mean: Shape `[C]`.
    ///   - variance: Shape `[C]`.
    /// - Throws: `NNError.shape` for a wrong shape.
    public func setRunningStatistics(mean: Tensor, variance: Tensor) throws(NNError) {
        guard mean.shape == [features], variance.shape == [features] else {
            throw .shape("BatchNorm(\(features)) running statistics must have shape [\(features)], got \(NNError.format(mean.shape)) and \(NNError.format(variance.shape))")
        }
        runningMean = mean
        runningVar = variance
    }
}
