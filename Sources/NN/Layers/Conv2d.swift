import Autograd
import Tensor

/// A 2-d convolution (PyTorch's `nn.Conv2d`, square kernel, zero padding), computed as
/// im2col followed by one matrix product that adds into the bias (one recorded operation).
///
/// Shape rule: `[N, in, H, W]` gives `[N, out, Ho, Wo]` with
/// `Ho = (H + 2*padding - kernel) / stride + 1` (likewise `Wo`). The weight has shape
/// `[out, in, kernel, kernel]` and the bias `[out]`; both default to PyTorch's
/// U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with `fan_in = in * kernel * kernel`.
public final class Conv2d: WeightedLayer {
    /// Input channels.
    public let inChannels: Int
    /// Output channels (filters).
    public let outChannels: Int
    /// The kernel's side.
    public let kernel: Int
    /// The step between windows.
    public let stride: Int
    /// Zeros added on each side.
    public let padding: Int
    /// The filters, shape `[out, in, k, k]`.
    public var weight: Variable
    /// The bias, shape `[out]`, or nil.
    public var bias: Variable?
    /// Training or evaluation mode (no effect).
    public var isTraining = true
    /// The input shape of the last call.
    public var lastInputShape: [Int]?

    /// Creates the layer with PyTorch's default initialisation.
    ///
    /// - Parameters:
    ///   - inChannels: Input channels (> 0).
    ///   - outChannels: Output channels (> 0).
    ///   - kernel: Kernel side (> 0).
    ///   - stride: Window step (> 0, default 1).
    ///   - padding: Zero padding (>= 0, default 0).
    ///   - bias: Whether to add a bias.
    ///   - rng: The session's random source.
    /// - Throws: `NNError.invalidArgument` for a bad size.
    public init(inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                bias: Bool = true, using rng: inout RandomSource) throws(NNError) {
        guard inChannels > 0, outChannels > 0, kernel > 0, stride > 0, padding >= 0 else {
            throw .invalidArgument("Conv2d needs positive channels, kernel and stride and a padding >= 0, got in=\(inChannels), out=\(outChannels), kernel=\(kernel), stride=\(stride), padding=\(padding)")
        }
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        let shape = [outChannels, inChannels, kernel, kernel]
        try LayerSupport.checkAllocation(shape, "Conv2d")
        weight = Variable(InitScheme.default.sample(shape, using: &rng), requiresGrad: true)
        self.bias = bias
            ? Variable(Linear.defaultBias(count: outChannels, fanIn: inChannels * kernel * kernel, using: &rng), requiresGrad: true)
            : nil
    }

    /// PyTorch's class name.
    public var typeName: String { "Conv2d" }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String {
        var s = "\(inChannels), \(outChannels), kernel_size=(\(kernel), \(kernel)), stride=(\(stride), \(stride))"
        if padding > 0 { s += ", padding=(\(padding), \(padding))" }
        if bias == nil { s += ", bias=False" }
        return s
    }
    /// The learnt tensors of this layer.
    public var ownParameters: [Variable] { bias.map { [weight, $0] } ?? [weight] }

    /// Convolves.
    ///
    /// - Throws: `NNError.shape` for an input that is not `[N, in, H, W]` or smaller than the kernel.
    public func forward(_ input: Variable) throws -> Variable {
        try WindowCheck.check(input.shape, channels: inChannels, kernel: kernel, stride: stride, padding: padding,
                             layer: "Conv2d(\(inChannels), \(outChannels), kernel_size=\(kernel))")
        return try input.conv2d(weight, bias: bias, stride: stride, padding: padding)
    }

    /// The output shape for an input shape (`-1` is the batch size), or nil.
    public func outputShape(for input: [Int]) -> [Int]? {
        guard input.count == 4 else { return nil }
        func side(_ s: Int) -> Int {
            s < 0 ? -1 : WindowCheck.outputSize(s, kernel: kernel, stride: stride, padding: padding)
        }
        return [input[0], outChannels, side(input[2]), side(input[3])]
    }
}

/// Max or average pooling over square windows (PyTorch's `nn.MaxPool2d` / `nn.AvgPool2d`,
/// no padding, stride defaulting to the kernel size).
///
/// Shape rule: `[N, C, H, W]` gives `[N, C, (H - k) / stride + 1, (W - k) / stride + 1]`.
public final class Pool2d: Module {
    /// Which reduction a window gets.
    public enum Kind: Sendable { case max, average }

    /// Max or average.
    public let kind: Kind
    /// The window side.
    public let kernel: Int
    /// The step between windows.
    public let stride: Int
    /// Training or evaluation mode (no effect).
    public var isTraining = true
    /// The input shape of the last call.
    public var lastInputShape: [Int]?

    /// Creates the layer.
    ///
    /// - Parameters:
    ///   - kind: `.max` or `.average`.
    ///   - kernel: Window side (> 0).
    ///   - stride: Window step (> 0); `nil` means `kernel`.
    /// - Throws: `NNError.invalidArgument` for a size < 1.
    public init(_ kind: Kind, kernel: Int, stride: Int? = nil) throws(NNError) {
        guard kernel > 0, (stride ?? kernel) > 0 else {
            throw .invalidArgument("pooling needs a positive kernel and stride, got kernel=\(kernel), stride=\(stride ?? kernel)")
        }
        self.kind = kind
        self.kernel = kernel
        self.stride = stride ?? kernel
    }

    /// PyTorch's class name.
    public var typeName: String { kind == .max ? "MaxPool2d" : "AvgPool2d" }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String { "kernel_size=\(kernel), stride=\(stride), padding=0" }

    /// Pools. - Throws: `NNError.shape` for an input that is not `[N, C, H, W]` or smaller than the window.
    public func forward(_ input: Variable) throws -> Variable {
        try WindowCheck.check(input.shape, channels: nil, kernel: kernel, stride: stride, padding: 0, layer: "\(typeName)(\(kernel))")
        return try input.pool2d(kernel: kernel, stride: stride, max: kind == .max)
    }

    /// The output shape for an input shape (`-1` is the batch size), or nil.
    public func outputShape(for input: [Int]) -> [Int]? {
        guard input.count == 4 else { return nil }
        func side(_ s: Int) -> Int { s < 0 ? -1 : WindowCheck.outputSize(s, kernel: kernel, stride: stride, padding: 0) }
        return [input[0], input[1], side(input[2]), side(input[3])]
    }
}
