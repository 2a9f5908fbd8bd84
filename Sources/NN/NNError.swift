import Autograd
import Tensor

/// An error raised by the NN module (layers, losses, optimisers, data, training).
///
/// `description` is the sentence shown to the student; `kind` is the error's name in the
/// notebook (`ShapeError`, `ValueError`, ...). Errors of the engine keep their own text.
public enum NNError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Shapes do not fit (a layer's input, a loss's target): the message names both shapes.
    case shape(String)
    /// An argument has the right type but an unusable value (an unknown data set name, a
    /// negative size, a probability outside [0, 1], ...).
    case invalidArgument(String)
    /// An index or label is out of range (a class label >= the number of classes).
    case index(String)
    /// A file could not be read or written, or its content is malformed.
    case file(String)
    /// An error of the tensor engine, passed through with its text.
    case tensor(TensorError)
    /// An error of the autograd engine, passed through with its text.
    case autograd(AutogradError)

    /// The user-facing sentence.
    public var description: String {
        switch self {
        case .shape(let m), .invalidArgument(let m), .index(let m), .file(let m): return m
        case .tensor(let e): return e.description
        case .autograd(let e): return e.description
        }
    }

    /// The error kind as the notebook names it: ShapeError, ValueError, IndexError, IOError,
    /// or the engine error's own kind.
    public var kind: String {
        switch self {
        case .shape: return "ShapeError"
        case .invalidArgument: return "ValueError"
        case .index: return "IndexError"
        case .file: return "IOError"
        case .tensor(let e): return e.kind
        case .autograd(let e): return e.kind
        }
    }

    /// Formats a shape the way messages show it: `[3, 2]`.
    ///
    /// - Parameter shape: The shape.
    /// - Returns: The text, e.g. `[3, 2]`.
    static func format(_ shape: [Int]) -> String { TensorError.format(shape) }
}
