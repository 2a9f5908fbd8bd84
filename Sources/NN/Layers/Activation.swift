import Autograd
import Tensor

/// A parameter-free activation layer: ReLU, LeakyReLU, Sigmoid, Tanh, GELU, ELU, SELU,
/// Softplus, Softmax, LogSoftmax, Identity or Step (PyTorch's formulas and defaults).
///
/// Shape rule: unchanged.
public final class Activation: Module {
    /// Which function the layer applies.
    public enum Kind: Equatable, Sendable {
        /// `max(0, x)`.
        case relu
        /// `max(0, x) + slope * min(0, x)` (default slope 0.01).
        case leakyReLU(slope: Float)
        /// `1 / (1 + exp(-x))` and the hyperbolic tangent.
        case sigmoid, tanh
        /// Exact (erf) GELU, or the tanh approximation.
        case gelu(approximate: Bool)
        /// `x` for x > 0, `alpha * (exp(x) - 1)` otherwise (default alpha 1).
        case elu(alpha: Float)
        /// SELU and `log(1 + exp(x))`, with PyTorch's constants.
        case selu, softplus
        /// Softmax or its logarithm along `dim`.
        case softmax(dim: Int), logSoftmax(dim: Int)
        /// `x` unchanged.
        case identity
        /// The perceptron's step: 1 where x > 0, else 0 (no useful gradient).
        case step

        /// Parses a name as `mlp(act=...)` spells it: `relu`, `leaky_relu`, `sigmoid`, `tanh`,
        /// `gelu`, `elu`, `selu`, `softplus`, `softmax`, `log_softmax`, `identity`/`none`/`linear`,
        /// `step` (case-insensitive; `ReLU` works too).
        ///
        /// - Throws: `NNError.invalidArgument` listing the known names.
        public init(named name: String) throws(NNError) {
            switch name.lowercased() {
            case "relu": self = .relu
            case "leaky_relu", "leakyrelu": self = .leakyReLU(slope: 0.01)
            case "sigmoid": self = .sigmoid
            case "tanh": self = .tanh
            case "gelu": self = .gelu(approximate: false)
            case "elu": self = .elu(alpha: 1)
            case "selu": self = .selu
            case "softplus": self = .softplus
            case "softmax": self = .softmax(dim: -1)
            case "log_softmax", "logsoftmax": self = .logSoftmax(dim: -1)
            case "identity", "none", "linear": self = .identity
            case "step": self = .step
            default:
                throw .invalidArgument("unknown activation '\(name)': choose one of \"relu\", \"leaky_relu\", \"sigmoid\", \"tanh\", \"gelu\", \"elu\", \"selu\", \"softplus\", \"softmax\", \"log_softmax\", \"identity\", \"step\"")
            }
        }

        /// PyTorch's layer class name (`ReLU`, `LeakyReLU`, ...).
        public var typeName: String {
            switch self {
            case .relu: return "ReLU"
            case .leakyReLU: return "LeakyReLU"
            case .sigmoid: return "Sigmoid"
            case .tanh: return "Tanh"
            case .gelu: return "GELU"
            case .elu: return "ELU"
            case .selu: return "SELU"
            case .softplus: return "Softplus"
            case .softmax: return "Softmax"
            case .logSoftmax: return "LogSoftmax"
            case .identity: return "Identity"
            case .step: return "Step"
            }
        }

        /// The settings PyTorch's repr shows.
        var settings: String {
            switch self {
            case .leakyReLU(let s): return "negative_slope=\(LayerSupport.pyFloat(Double(s)))"
            case .gelu(let approximate): return approximate ? "approximate='tanh'" : "approximate='none'"
            case .elu(let a): return "alpha=\(LayerSupport.pyFloat(Double(a)))"
            case .softplus: return "beta=1.0, threshold=20.0"
            case .softmax(let d), .logSoftmax(let d): return "dim=\(d)"
            default: return ""
            }
        }

        /// Applies the function.
        ///
        /// - Parameter x: The input.
        /// - Returns: The output, same shape.
        /// - Throws: `TensorError.index` for a softmax dim out of range.
        public func apply(_ x: Variable) throws -> Variable {
            switch self {
            case .relu: return x.map(.relu)
            case .leakyReLU(let s): return x.map(.leakyRelu(s))
            case .sigmoid: return x.map(.sigmoid)
            case .tanh: return x.map(.tanh)
            case .gelu(let approximate): return x.map(.gelu(approximate: approximate))
            case .elu(let a): return x.map(.elu(a))
            case .selu: return x.map(.selu)
            case .softplus: return x.map(.softplus)
            case .softmax(let d): return try x.softmax(dim: d)
            case .logSoftmax(let d): return try x.logSoftmax(dim: d)
            case .identity: return x
            case .step: return x.map(.step)
            }
        }
    }

    /// The function this layer applies.
    public let kind: Kind
    /// Training or evaluation mode (no effect).
    public var isTraining = true
    /// The input shape of the last call.
    public var lastInputShape: [Int]?

    /// Creates the layer.
    ///
    /// - Parameter kind: The function.
    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// PyTorch's class name.
    public var typeName: String { kind.typeName }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String { kind.settings }

    /// Applies the function. - Throws: `TensorError.index` for a bad softmax dim.
    public func forward(_ input: Variable) throws -> Variable { try kind.apply(input) }
}

/// A leaky ReLU whose negative slope is learnt (PyTorch's `nn.PReLU`, one shared slope,
/// initialised to 0.25): `max(0, x) + a * min(0, x)`.
///
/// Shape rule: unchanged.
public final class PReLU: Module {
    /// The learnt slope, shape `[1]`.
    public var weight: Variable
    /// Training or evaluation mode (no effect).
    public var isTraining = true
    /// The input shape of the last call.
    public var lastInputShape: [Int]?

    /// Creates the layer.
    ///
    /// - Parameter initial: The initial slope (0.25 like PyTorch).
    public init(initial: Float = 0.25) {
        weight = Variable(Tensor(shape: [1], scalars: [initial]), requiresGrad: true)
    }

    /// PyTorch's class name.
    public var typeName: String { "PReLU" }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String { "num_parameters=1" }
    /// The learnt tensors of this layer.
    public var ownParameters: [Variable] { [weight] }

    /// `where(x > 0, x, a * x)` (at 0 the gradient is `a`, as in PyTorch).
    public func forward(_ input: Variable) throws -> Variable {
        let positive = try input.value.binary(.greater, Tensor(0))
        return try Variable.select(Variable(positive), input, weight * input)
    }
}
