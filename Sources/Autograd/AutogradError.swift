import Tensor

/// An error raised by the autograd engine. `description` is the sentence shown to the student.
public enum AutogradError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `backward()` on a tensor with more than one element and no gradient argument.
    case nonScalarBackward(shape: [Int])
    /// `backward()` on a tensor that does not require grad.
    case noGradient
    /// An operation that only leaves allow (named) was applied to a computed node.
    case notALeaf(String)
    /// The gradient passed to `backward(gradient)` has the wrong shape.
    case gradientShape(expected: [Int], got: [Int])
    /// A tensor error raised while running an operation or a gradient rule.
    case tensor(TensorError)
    /// An in-place change of a leaf that requires grad while the graph is being recorded.
    case inPlaceOnLeaf
    /// An argument is unusable (e.g. gradcheck on a non-scalar function).
    case invalidArgument(String)

    /// The user-facing sentence.
    public var description: String {
        switch self {
        case .nonScalarBackward(let shape):
            return "backward() needs a scalar (one-element) tensor, got shape \(TensorError.format(shape)): call .sum() first, or pass a gradient of the same shape"
        case .noGradient:
            return "backward() on a tensor that does not require grad: make the inputs with param(...) or .requires_grad() first"
        case .notALeaf(let what):
            return "\(what) only applies to leaf tensors (made with tensor/param), not to the result of an operation: use .detach() first"
        case let .gradientShape(expected, got):
            return "backward() gradient has shape \(TensorError.format(got)) but the tensor has shape \(TensorError.format(expected))"
        case .tensor(let e):
            return e.description
        case .inPlaceOnLeaf:
            return "a leaf tensor that requires grad cannot be changed in place while gradients are recorded: put the update inside no_grad { ... } (e.g. no_grad { w -= lr * w.grad })"
        case .invalidArgument(let m):
            return m
        }
    }

    /// The error kind as the notebook names it.
    public var kind: String {
        switch self {
        case .tensor(let e): return e.kind
        case .gradientShape: return "ShapeError"
        case .invalidArgument: return "ValueError"
        default: return "RuntimeError"
        }
    }
}
