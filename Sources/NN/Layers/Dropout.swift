import Autograd
import Tensor

/// Inverted dropout (PyTorch's `nn.Dropout`): in training mode each element is zeroed with
/// probability `p` and the survivors are scaled by `1 / (1 - p)`; in evaluation mode the
/// layer does nothing.
///
/// The layer owns its random source, seeded from the session's at construction, so there is
/// no global generator and a seeded notebook gives the same masks on every run.
///
/// Shape rule: unchanged.
public final class Dropout: Module {
    /// The probability of zeroing an element, in [0, 1].
    public let p: Double
    /// Training (dropout on) or evaluation (identity) mode.
    public var isTraining = true
    /// The input shape of the last call.
    public var lastInputShape: [Int]?
    private var rng: RandomSource

    /// Creates the layer.
    ///
    /// - Parameters:
    ///   - p: The drop probability, 0 <= p <= 1 (default 0.5).
    ///   - rng: The session's random source; the layer draws its own seed from it.
    /// - Throws: `NNError.invalidArgument` for p outside [0, 1].
    public init(p: Double = 0.5, using rng: inout RandomSource) throws(NNError) {
        guard p >= 0, p <= 1 else {
            throw .invalidArgument("dropout probability has to be between 0 and 1, but got \(p)")
        }
        self.p = p
        self.rng = RandomSource(seed: rng.next())
    }

    /// PyTorch's class name.
    public var typeName: String { "Dropout" }
    /// The settings PyTorch's repr shows.
    public var settingsDescription: String { "p=\(LayerSupport.pyFloat(p)), inplace=False" }

    /// Applies a fresh mask in training mode; the identity in evaluation mode.
    public func forward(_ input: Variable) throws -> Variable {
        guard isTraining, p > 0 else { return input }
        let n = input.value.scalarCount
        var mask = [Float](repeating: 0, count: n)
        if p < 1 {
            let scale = Float(1 / (1 - p))
            for i in 0..<n where rng.nextUniform() >= p { mask[i] = scale }
        }
        return try input * Variable(Tensor(shape: input.shape, scalars: mask))
    }
}
