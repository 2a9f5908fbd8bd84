/// An error raised by a tensor operation. `description` is the sentence shown to the student.
public enum TensorError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Shapes do not fit an operation; the message names the op and both shapes.
    case shape(String)
    /// An index is outside an axis, or an index value is unusable.
    case index(String)
    /// An argument has a wrong value (a negative size, a zero step, a singular matrix, ...).
    case invalidArgument(String)
    /// A tensor would be too large to allocate.
    case memory(String)

    /// The user-facing sentence.
    public var description: String {
        switch self {
        case .shape(let m), .index(let m), .invalidArgument(let m), .memory(let m): return m
        }
    }

    /// The error kind as the notebook names it: ShapeError, IndexError, ValueError, MemoryError.
    public var kind: String {
        switch self {
        case .shape: return "ShapeError"
        case .index: return "IndexError"
        case .invalidArgument: return "ValueError"
        case .memory: return "MemoryError"
        }
    }

    /// Formats a shape the way messages show it: `[3, 2]`.
    ///
    /// - Parameter shape: The shape.
    /// - Returns: The text, e.g. `[3, 2]`, or `[]` for a scalar.
    public static func format(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// `cannot broadcast [3] with [4] in add`.
    static func broadcast(_ a: [Int], _ b: [Int], op: String) -> TensorError {
        .shape("cannot broadcast \(format(a)) with \(format(b)) in \(op)")
    }
}
