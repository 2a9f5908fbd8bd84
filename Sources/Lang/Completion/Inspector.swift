/// Help texts for `?name`, `help(name)` and inspect requests: registry docs for builtins and
/// members, signatures for functions, and a value summary for variables.
enum Inspector {
    /// Help for a value known by a name (`?x`, `?print`).
    /// - Parameters:
    ///   - name: the expression text, e.g. `print` or `model`.
    ///   - value: its value.
    ///   - detailLevel: 0/1 for a summary, 2 for everything.
    /// - Returns: the help text.
    static func help(name: String, value: Value, detailLevel: Int) -> String {
        switch value {
        case .builtin(let bound):
            return builtinHelp(bound.builtin)
        case .function(let function):
            var text = "\(function.signature)\n\nA function defined in \(function.place.source.name), line \(function.place.span.start.line)."
            if detailLevel >= 2,
               let lines = Optional(function.place.source.lines),
               function.place.span.start.line >= 1, function.place.span.end.line <= lines.count {
                text += "\n\n" + lines[(function.place.span.start.line - 1)...(function.place.span.end.line - 1)].joined(separator: "\n")
            }
            return text
        default:
            return "\(name): \(value.typeName)\n\n\(summary(of: value))"
        }
    }

    /// Help for a member (`?t.sum`, `?model.parameters`).
    /// - Parameters:
    ///   - member: the registry member.
    /// - Returns: the help text.
    static func help(member: Member) -> String {
        switch member.kind {
        case .method(let builtin): return builtinHelp(builtin)
        case .property(_, let setter):
            return "\(member.signature)\(setter == nil ? "" : " (assignable)")\n\n\(member.summary)"
        }
    }

    /// The help page of a builtin: signature, summary and details.
    /// - Parameter builtin: the builtin.
    /// - Returns: the text.
    static func builtinHelp(_ builtin: Builtin) -> String {
        var text = "\(builtin.signature)\n\n\(builtin.summary)"
        if !builtin.details.isEmpty { text += "\n\n\(builtin.details)" }
        return text
    }

    /// A short summary of a value: its kind, shape and text form (truncated).
    /// - Parameter value: the value.
    /// - Returns: the summary.
    static func summary(of value: Value) -> String {
        var text = value.reprText
        if text.count > 1200 { text = String(text.prefix(1200)) + " …" }
        switch value {
        case .tensor(let variable):
            let shape = "[" + variable.value.shape.map(String.init).joined(separator: ", ") + "]"
            return "shape \(shape)\(variable.requiresGrad ? ", requires grad" : "")\n\(text)"
        case .list(let list):
            return "\(list.count) item\(list.count == 1 ? "" : "s")\n\(text)"
        default:
            return text
        }
    }
}
