import Autograd

/// A value of the notebook language.
///
/// Numbers are 64-bit floats. Lists and records are reference types (mutable and shared, like
/// Python's). Tensors are autograd variables (`Autograd.Variable`), which carry their gradient
/// and graph.
public enum Value {
    /// A number (always a 64-bit float).
    case number(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// A string.
    case string(String)
    /// The empty value `none`.
    case none
    /// A float32 tensor of any rank, with its autograd state.
    case tensor(Variable)
    /// A mutable list of values (shared by reference).
    case list(LangList)
    /// A record with ordered named fields (shared by reference).
    case record(LangRecord)
    /// A function written in the language (a closure).
    case function(LangFunction)
    /// A builtin function, or a builtin method bound to its receiver.
    case builtin(BoundBuiltin)
    /// A range of numbers, `range(a, b, step)`.
    case range(RangeValue)
    /// An object brought in by an engine module: module, optimizer, figure...
    case object(any LangObject)
}

extension Value {
    /// The kind's name, as `type(v)` shows it.
    public var typeName: String {
        switch self {
        case .number: "number"
        case .bool: "bool"
        case .string: "string"
        case .none: "none"
        case .tensor: "tensor"
        case .list: "list"
        case .record: "record"
        case .function: "function"
        case .builtin: "function"
        case .range: "range"
        case .object(let object): object.typeName
        }
    }

    /// Whether the value is `none`.
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// A list value holding `items`.
    /// - Parameter items: the items.
    /// - Returns: a new list.
    public static func makeList(_ items: [Value]) -> Value { .list(LangList(items)) }

    /// A record value with the given ordered fields.
    /// - Parameter fields: the fields, in order.
    /// - Returns: a new record.
    public static func makeRecord(_ fields: [(String, Value)]) -> Value {
        .record(LangRecord(fields))
    }
}
