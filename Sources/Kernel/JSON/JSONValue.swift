// The JSON values of Jupyter messages. Kernel parses the four JSON frames of a message into
// this enum and writes replies from it; nothing outside Kernel sees JSON.

/// A JSON value. Objects are unordered; `JSONWriter` writes their keys sorted, so output is
/// deterministic.
enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// An integer that fits in `Int` (JSON numbers without fraction or exponent).
    case int(Int)
    /// Any other number. Non-finite values are written as `null` (JSON has no NaN/Infinity).
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `key` of an object; nil for a missing key or a non-object.
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The text of a string value.
    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value of a boolean.
    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The value of an integer, or of a double that is a whole number.
    var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: return Int(d)
        default: return nil
        }
    }

    /// The members of an object.
    var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
    ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    init(nilLiteral: ()) { self = .null }
    init(floatLiteral value: Double) { self = .double(value) }
}
