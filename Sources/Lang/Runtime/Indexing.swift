import Autograd

/// One item of an index `t[...]` after evaluation: a value (a number, a tensor of indices or
/// a 0/1 mask, a record key) or a slice with whole-number bounds.
public enum IndexArgument {
    /// A plain index value.
    case value(Value)
    /// `start:stop:step`, nil parts omitted.
    case slice(start: Int?, stop: Int?, step: Int?)
}

/// Indexing dispatch: lists and strings index like Python, records by key, tensors through
/// the engine (`TensorOperators`).
enum Indexing {
    /// `container[index]`.
    /// - Parameters:
    ///   - container: the indexed value.
    ///   - index: the evaluated items.
    ///   - context: the session context.
    /// - Returns: the element or slice.
    /// - Throws: IndexError, TypeError, engine errors.
    static func read(_ container: Value, _ index: [IndexArgument], context: BuiltinContext) throws -> Value {
        switch container {
        case .tensor(let variable):
            return try TensorOperators.index(variable, index, context: context)
        case .list(let list):
            let items = list.items
            switch try single(index, kind: "list") {
            case .value(let value):
                return items[try position(value, count: items.count, kind: "list")]
            case .slice(let start, let stop, let step):
                return .list(LangList(slice(items, start, stop, step)))
            }
        case .string(let text):
            let characters = Array(text)
            switch try single(index, kind: "string") {
            case .value(let value):
                return .string(String(characters[try position(value, count: characters.count, kind: "string")]))
            case .slice(let start, let stop, let step):
                return .string(String(slice(characters, start, stop, step)))
            }
        case .record(let record):
            guard case .value(.string(let key)) = try single(index, kind: "record") else {
                throw LangError.typeError("a record is indexed by a field name string, e.g. r[\"lr\"]")
            }
            guard let value = record[key] else { throw missingField(key, record) }
            return value
        case .range(let range):
            guard case .value(let value) = try single(index, kind: "range") else {
                throw LangError.typeError("a range cannot be sliced: make a list first")
            }
            return .number(range.element(at: try position(value, count: range.count, kind: "range")))
        default:
            throw LangError.typeError("\(container.typeName) cannot be indexed")
        }
    }

    /// `container[index] = newValue`.
    /// - Parameters:
    ///   - container: the indexed value (mutated in place).
    ///   - index: the evaluated items.
    ///   - newValue: the value to write.
    ///   - context: the session context.
    /// - Throws: IndexError, TypeError, engine errors.
    static func assign(_ container: Value, _ index: [IndexArgument], _ newValue: Value, context: BuiltinContext) throws {
        switch container {
        case .tensor(let variable):
            try TensorOperators.assign(variable, index, newValue, context: context)
        case .list(let list):
            switch try single(index, kind: "list") {
            case .value(let value):
                list.items[try position(value, count: list.items.count, kind: "list")] = newValue
            case .slice(let start, let stop, let step):
                guard step == nil || step == 1 else {
                    throw LangError.valueError("assigning to a list slice with a step is not supported")
                }
                let replacement = try Iteration.items(of: newValue, context: context)
                let (lower, upper) = bounds(list.items.count, start, stop)
                list.items.replaceSubrange(lower..<max(lower, upper), with: replacement)
            }
        case .record(let record):
            guard case .value(.string(let key)) = try single(index, kind: "record") else {
                throw LangError.typeError("a record is indexed by a field name string, e.g. r[\"lr\"]")
            }
            record[key] = newValue
        case .string:
            throw LangError.typeError("strings cannot be changed in place: build a new string instead")
        default:
            throw LangError.typeError("\(container.typeName) does not support item assignment")
        }
    }

    /// The IndexError for a missing record field.
    static func missingField(_ key: String, _ record: LangRecord) -> LangError {
        var message = "record has no field '\(key)'"
        if let suggestion = NameSuggester.suggestion(for: key, among: record.keys) {
            message += ". Did you mean '\(suggestion)'?"
        } else if !record.keys.isEmpty {
            message += "; its fields are " + record.keys.joined(separator: ", ")
        }
        return .indexError(message)
    }

    private static func single(_ index: [IndexArgument], kind: String) throws -> IndexArgument {
        guard index.count == 1, let first = index.first else {
            throw LangError.typeError("a \(kind) takes one index, not \(index.count)")
        }
        return first
    }

    private static func position(_ value: Value, count: Int, kind: String) throws -> Int {
        guard let number = value.asNumber, let integer = Value.exactInteger(number) else {
            throw LangError.typeError("\(kind) indices must be whole numbers, not \(value.typeName)")
        }
        let resolved = integer < 0 ? integer + count : integer
        guard resolved >= 0, resolved < count else {
            throw LangError.indexError("\(kind) index \(integer) is out of range for a \(kind) of length \(count)")
        }
        return resolved
    }

    /// Python's slice bounds for step 1.
    private static func bounds(_ count: Int, _ start: Int?, _ stop: Int?) -> (Int, Int) {
        func clamp(_ value: Int?, _ fallback: Int) -> Int {
            guard let value else { return fallback }
            let resolved = value < 0 ? value + count : value
            return min(max(resolved, 0), count)
        }
        return (clamp(start, 0), clamp(stop, count))
    }

    /// `items[start:stop:step]` with Python's rules (negative indices and steps, clamping).
    static func slice<T>(_ items: [T], _ start: Int?, _ stop: Int?, _ step: Int?) -> [T] {
        let count = items.count
        let step = step ?? 1
        var result: [T] = []
        if step > 0 {
            let (lower, upper) = bounds(count, start, stop)
            var index = lower
            while index < upper { result.append(items[index]); index += step }
        } else {
            func clamp(_ value: Int?, _ fallback: Int) -> Int {
                guard let value else { return fallback }
                let resolved = value < 0 ? value + count : value
                return min(max(resolved, -1), count - 1)
            }
            var index = clamp(start, count - 1)
            let lower = clamp(stop, -1)
            while index > lower { result.append(items[index]); index += step }
        }
        return result
    }
}
