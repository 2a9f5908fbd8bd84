/// The kind of a language error, as the user sees it (`NameError`, `ShapeError`...).
///
/// A struct rather than an enum so that engine bindings can name further kinds; the common
/// kinds of LANGUAGE.md §8 are the static members.
public struct ErrorKind: Hashable, Sendable, CustomStringConvertible {
    /// The name shown to the user, e.g. `TypeError`.
    public var name: String

    /// Creates a kind.
    /// - Parameter name: the name shown to the user.
    public init(_ name: String) {
        self.name = name
    }

    /// The name shown to the user.
    public var description: String { name }

    /// The source cannot be parsed.
    public static let syntax = ErrorKind("SyntaxError")
    /// A name that is not defined.
    public static let name = ErrorKind("NameError")
    /// A value of the wrong kind, or a call with the wrong arguments.
    public static let type = ErrorKind("TypeError")
    /// Tensor shapes that do not fit an operation.
    public static let shape = ErrorKind("ShapeError")
    /// An index out of range, or a missing key.
    public static let index = ErrorKind("IndexError")
    /// A value of the right kind but a wrong value.
    public static let value = ErrorKind("ValueError")
    /// A failed `assert`.
    public static let assertion = ErrorKind("AssertionError")
    /// Too many nested calls.
    public static let recursion = ErrorKind("RecursionError")
    /// A tensor too large to allocate.
    public static let memory = ErrorKind("MemoryError")
    /// A division of a number by zero.
    public static let zeroDivision = ErrorKind("ZeroDivisionError")
    /// The user interrupted the cell.
    public static let interrupted = ErrorKind("Interrupted")
    /// A member that the value does not have.
    public static let attribute = ErrorKind("AttributeError")
}
