import Autograd
import Tensor

/// An error from an engine module (NN, Plot...) that knows its user-facing kind. Binding code
/// may conform its module's error enum to this in Lang, so the interpreter keeps its text.
public protocol UserFacingError: Error, CustomStringConvertible {
    /// The kind's name as the notebook shows it, e.g. `ShapeError`.
    var userFacingKind: String { get }
}

extension LangError {
    /// Converts any error thrown while running a cell into a `LangError`, keeping the engine's
    /// text: `TensorError` and `AutogradError` keep their kind (ShapeError, IndexError...).
    /// - Parameter error: the error.
    /// - Returns: the language error.
    public static func from(_ error: any Error) -> LangError {
        switch error {
        case let error as LangError:
            return error
        case let error as TensorError:
            return LangError(ErrorKind(error.kind), error.description)
        case let error as AutogradError:
            return LangError(ErrorKind(error.kind), error.description)
        case let error as any UserFacingError:
            return LangError(ErrorKind(error.userFacingKind), error.description)
        default:
            return LangError(.value, String(describing: error))
        }
    }
}
