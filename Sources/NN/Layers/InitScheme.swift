import Autograd
import Foundation
import Tensor

/// A weight initialisation scheme, with PyTorch's `torch.nn.init` formulas.
///
/// Fans follow `torch.nn.init._calculate_fan_in_and_fan_out`: for a weight of shape
/// `[out, in, k...]`, `fan_in = in * prod(k)` and `fan_out = out * prod(k)`.
///
/// | scheme | distribution |
/// |---|---|
/// | `xavier`/`glorot` (uniform) | U(-b, b), b = gain * sqrt(6 / (fan_in + fan_out)) |
/// | `xavier_normal` | N(0, gain * sqrt(2 / (fan_in + fan_out))) |
/// | `he`/`kaiming` (normal, relu) | N(0, gain / sqrt(fan_in)), gain = sqrt(2) |
/// | `he_uniform`/`kaiming_uniform` | U(-b, b), b = gain * sqrt(3 / fan_in), gain = sqrt(2) |
/// | `lecun` (normal) | N(0, 1 / sqrt(fan_in)) (times gain) |
/// | `lecun_uniform` | U(-b, b), b = gain * sqrt(3 / fan_in), gain = 1 |
/// | `normal` | N(0, std), std = 1 unless given (torch's `normal_`) |
/// | `uniform` | U(0, 1) (torch's `uniform_`) |
/// | `zeros`, `constant` | all zeros, all `value` |
/// | `default` | PyTorch's Linear/Conv2d default: kaiming_uniform(a = sqrt(5)), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)) |
public enum InitScheme: String, Sendable, CaseIterable {
    /// PyTorch's layer default, and the Xavier/Glorot schemes (see the table above).
    case `default`, xavier, glorot, xavierNormal = "xavier_normal", glorotNormal = "glorot_normal"
    /// The He/Kaiming schemes.
    case he, kaiming, heUniform = "he_uniform", kaimingUniform = "kaiming_uniform"
    /// The LeCun schemes, plain distributions and constants.
    case lecun, lecunUniform = "lecun_uniform", normal, uniform, zeros, constant

    /// Parses a scheme name as the notebook spells it (case-insensitive).
    ///
    /// - Parameter name: e.g. `"xavier"`, `"he"`.
    /// - Throws: `NNError.invalidArgument` listing the known names.
    public init(named name: String) throws(NNError) {
        guard let scheme = InitScheme(rawValue: name.lowercased()) else {
            throw .invalidArgument("unknown init scheme '\(name)': choose one of "
                + InitScheme.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        self = scheme
    }

    /// The gain this scheme uses when none is given (sqrt(2) for He/Kaiming, else 1).
    public var defaultGain: Double {
        switch self {
        case .he, .kaiming, .heUniform, .kaimingUniform: return 2.0.squareRoot()
        default: return 1
        }
    }

    /// PyTorch's `calculate_gain` for a nonlinearity name.
    ///
    /// - Parameters:
    ///   - nonlinearity: `"linear"`, `"sigmoid"`, `"tanh"`, `"relu"`, `"leaky_relu"`, `"selu"`.
    ///   - slope: The negative slope for `leaky_relu` (default 0.01).
    /// - Returns: The gain, or `nil` for an unknown name.
    public static func gain(for nonlinearity: String, slope: Double = 0.01) -> Double? {
        switch nonlinearity.lowercased() {
        case "linear", "identity", "sigmoid", "conv2d": return 1
        case "tanh": return 5.0 / 3
        case "relu": return 2.0.squareRoot()
        case "leaky_relu": return (2.0 / (1 + slope * slope)).squareRoot()
        case "selu": return 3.0 / 4
        default: return nil
        }
    }

    /// `(fan_in, fan_out)` of a weight shape, as PyTorch computes them.
    ///
    /// - Parameter shape: A weight shape of rank >= 2 (rank 1 counts as `[n]`: fans n, n).
    /// - Returns: The fans.
    public static func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        if shape.count < 2 { let n = shape.first ?? 1; return (n, n) }
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }

    /// A new tensor of `shape` drawn from this scheme.
    ///
    /// - Parameters:
    ///   - shape: The weight shape.
    ///   - gain: The gain (the scheme's ``defaultGain`` when nil).
    ///   - std: The standard deviation for `normal` (default 1).
    ///   - value: The constant for `constant` (default 0).
    ///   - rng: The session's random source.
    /// - Returns: The tensor.
    public func sample(_ shape: [Int], gain: Double? = nil, std: Double? = nil, value: Double? = nil,
                       using rng: inout RandomSource) -> Tensor {
        let (fanIn, fanOut) = InitScheme.fans(of: shape)
        let g = gain ?? defaultGain
        let n = Tensor.count(of: shape)
        func uniform(_ lo: Double, _ hi: Double) -> Tensor {
            var out = [Float](repeating: 0, count: n)
            for i in 0..<n { out[i] = Float(lo + (hi - lo) * rng.nextUniform()) }
            return Tensor(shape: shape, scalars: out)
        }
        func normal(_ sd: Double) -> Tensor {
            var out = [Float](repeating: 0, count: n)
            for i in 0..<n { out[i] = Float(sd * rng.nextNormal()) }
            return Tensor(shape: shape, scalars: out)
        }
        switch self {
        case .default:
            let b = 1 / Double(max(fanIn, 1)).squareRoot()
            return uniform(-b, b)
        case .xavier, .glorot:
            let b = g * (6.0 / Double(max(fanIn + fanOut, 1))).squareRoot()
            return uniform(-b, b)
        case .xavierNormal, .glorotNormal:
            return normal(g * (2.0 / Double(max(fanIn + fanOut, 1))).squareRoot())
        case .he, .kaiming, .lecun:
            return normal(g / Double(max(fanIn, 1)).squareRoot())
        case .heUniform, .kaimingUniform, .lecunUniform:
            let b = g * (3.0 / Double(max(fanIn, 1))).squareRoot()
            return uniform(-b, b)
        case .normal:
            return normal(std ?? 1)
        case .uniform:
            return uniform(0, 1)
        case .zeros:
            return Tensor(shape: shape, scalars: [Float](repeating: 0, count: n))
        case .constant:
            return Tensor(shape: shape, scalars: [Float](repeating: Float(value ?? 0), count: n))
        }
    }

    /// Re-initialises every weight of `model` (Linear and Conv2d) with this scheme and sets
    /// their biases to zero (PyTorch's `default` scheme redraws biases from
    /// U(-1/sqrt(fan_in), 1/sqrt(fan_in)) instead; `constant` sets biases to `value` too).
    ///
    /// - Parameters:
    ///   - model: The model; its layers are visited depth first.
    ///   - gain: The gain (scheme default when nil).
    ///   - std: The standard deviation for `normal`.
    ///   - value: The constant for `constant`.
    ///   - rng: The session's random source.
    public func apply(to model: any Module, gain: Double? = nil, std: Double? = nil, value: Double? = nil,
                      using rng: inout RandomSource) {
        var stack: [any Module] = [model]
        while let m = stack.popLast() {
            stack.append(contentsOf: m.children.reversed())
            guard let layer = m as? any WeightedLayer else { continue }
            let w = layer.weight
            w.value = sample(w.shape, gain: gain, std: std, value: value, using: &rng)
            w.grad = nil
            if let b = layer.bias {
                switch self {
                case .default:
                    b.value = Linear.defaultBias(count: b.value.scalarCount,
                                                 fanIn: InitScheme.fans(of: w.shape).fanIn, using: &rng)
                case .constant:
                    b.value = Tensor(shape: b.shape, scalars: [Float](repeating: Float(value ?? 0), count: b.value.scalarCount))
                default:
                    b.value = Tensor(shape: b.shape, scalars: [Float](repeating: 0, count: b.value.scalarCount))
                }
                b.grad = nil
            }
        }
    }
}

/// A layer with a weight and an optional bias (Linear, Conv2d), which `init` re-initialises.
public protocol WeightedLayer: Module {
    /// The weight parameter.
    var weight: Variable { get }
    /// The bias parameter, if the layer has one.
    var bias: Variable? { get }
}
