import Autograd

/// What `for` loops, destructuring and builtins such as `zip` iterate over: lists, ranges,
/// tensors (along the first axis), records (their keys) and strings (their characters).
enum Iteration {
    /// The items of an iterable value.
    /// - Parameters:
    ///   - value: the iterable.
    ///   - context: the session context (tensor rows may record a graph).
    ///   - what: how to name the value in a TypeError, e.g. `zip() argument 'lists'`.
    /// - Returns: the items.
    /// - Throws: TypeError when the value cannot be iterated.
    static func items(of value: Value, context: BuiltinContext, what: String = "the value") throws -> [Value] {
        switch value {
        case .list(let list): return list.items
        case .range(let range):
            guard range.count <= maxItems else { throw tooMany(range.count) }
            return (0..<range.count).map { .number(range.element(at: $0)) }
        case .tensor(let variable):
            guard let count = variable.value.shape.first else {
                throw LangError.typeError("cannot iterate over a 0-d tensor: use .item() to get its number")
            }
            return try (0..<count).map { try TensorOperators.element(variable, at: $0, context: context) }
        case .record(let record): return record.keys.map { .string($0) }
        case .string(let text): return text.map { .string(String($0)) }
        default:
            throw LangError.typeError("cannot iterate over \(what): \(value.typeName) is not a list, tensor, range, record or string")
        }
    }

    /// The most items a range may be turned into a list of (a for loop over a range makes no
    /// list and has no limit).
    static let maxItems = 50_000_000

    /// The MemoryError for a sequence too long to build.
    static func tooMany(_ count: Int) -> LangError {
        LangError(.memory, "a list of \(count) items is too large to build: loop over the range with for instead")
    }

    /// The number of items `len(v)` reports.
    /// - Parameter value: the value.
    /// - Returns: the length, or nil when it has none.
    static func length(of value: Value) -> Int? {
        switch value {
        case .list(let list): return list.count
        case .range(let range): return range.count
        case .tensor(let variable): return variable.value.shape.first ?? nil
        case .record(let record): return record.count
        case .string(let text): return text.count
        default: return nil
        }
    }
}
