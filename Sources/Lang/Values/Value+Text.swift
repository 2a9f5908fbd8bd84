import Autograd

extension Value {
    /// The text `print` writes: strings raw, everything else as `reprText`.
    public var printText: String {
        if case .string(let text) = self { return text }
        return reprText
    }

    /// The text form shown as a cell's result: strings in double quotes, integral numbers
    /// without `.0`, tensors like PyTorch, lists and records with their items' forms.
    public var reprText: String {
        var visiting: Set<ObjectIdentifier> = []
        return repr(visiting: &visiting)
    }

    private func repr(visiting: inout Set<ObjectIdentifier>) -> String {
        switch self {
        case .number(let number): return Value.format(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .string(let text): return Value.quote(text)
        case .none: return "none"
        case .tensor(let variable): return variable.description
        case .list(let list):
            let id = ObjectIdentifier(list)
            guard visiting.insert(id).inserted else { return "[...]" }
            defer { visiting.remove(id) }
            var parts: [String] = []
            for item in list.items { parts.append(item.repr(visiting: &visiting)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .record(let record):
            let id = ObjectIdentifier(record)
            guard visiting.insert(id).inserted else { return "{...}" }
            defer { visiting.remove(id) }
            var parts: [String] = []
            for (key, value) in zip(record.keys, record.values) {
                parts.append("\(key): " + value.repr(visiting: &visiting))
            }
            return "{" + parts.joined(separator: ", ") + "}"
        case .function(let function): return "<fn \(function.signature)>"
        case .builtin(let bound): return "<builtin \(bound.builtin.signature)>"
        case .range(let range):
            let start = Value.format(range.start), stop = Value.format(range.stop)
            return range.step == 1 ? "range(\(start), \(stop))"
                : "range(\(start), \(stop), \(Value.format(range.step)))"
        case .object(let object): return object.textForm
        }
    }

    /// A number as the language shows it: `3`, `3.5`, `1e-08`, `inf`, `nan`.
    /// - Parameter number: the number.
    /// - Returns: its text; integral values below 1e16 have no `.0`.
    public static func format(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        if number == number.rounded(), abs(number) < 1e16 {
            return String(Int64(number))
        }
        return "\(number)"
    }

    /// A string in double quotes with `\\ \" \n \t \r` escaped.
    /// - Parameter text: the string.
    /// - Returns: the quoted text.
    public static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
