/// Completion and inspection over the text of a cell, without running it: names in scope,
/// builtins and keywords by prefix; members after `.` (the receiver is looked up only when
/// it is a plain name or member chain, never a call); named arguments inside a call.
struct Completer {
    /// The session's interpreter (globals and registry).
    let interpreter: Interpreter

    /// The words that can start a statement or expression besides names.
    static var keywords: [String] { Keyword.allCases.map(\.rawValue) + ["no_grad"] }

    /// Completions at `cursor`.
    /// - Parameters:
    ///   - code: the cell text.
    ///   - cursor: the cursor, in Unicode scalars.
    /// - Returns: the matches and the replaced range.
    func complete(_ code: String, cursor: Int) -> CompletionResult {
        let scalars = Array(code.unicodeScalars)
        let cursor = min(max(cursor, 0), scalars.count)
        var start = cursor
        while start > 0, Completer.isIdentifier(scalars[start - 1]) { start -= 1 }
        let prefix = String(String.UnicodeScalarView(scalars[start..<cursor]))
        let empty = CompletionResult(matches: [], start: start, end: cursor)
        if Completer.insideStringOrComment(scalars, cursor) { return empty }

        if start > 0, scalars[start - 1] == "." {
            guard let receiver = chainValue(scalars, endingAt: start - 1) else { return empty }
            let names = Members.names(of: receiver, context: interpreter.context).filter { $0.hasPrefix(prefix) }
            return CompletionResult(matches: names.map { ($0, "member") }, start: start, end: cursor)
        }
        if start > 0, scalars[start - 1] == "%", Completer.lineStartBefore(scalars, start - 1) {
            let magics = Compiler.magics.map(\.name).filter { $0.hasPrefix(prefix) }
            return CompletionResult(matches: magics.map { ($0, "magic") }, start: start, end: cursor)
        }
        if start > 0, Completer.isDigit(scalars[start - 1]) { return empty }
        if let first = prefix.unicodeScalars.first, Completer.isDigit(first) { return empty }

        var matches: [(text: String, kind: String)] = []
        var seen: Set<String> = []
        if let callee = enclosingCallee(scalars, before: start) {
            for parameter in parameterNames(of: callee, in: scalars) where parameter.hasPrefix(prefix) {
                let text = parameter + "="
                if seen.insert(text).inserted { matches.append((text, "parameter")) }
            }
        }
        guard !prefix.isEmpty || !matches.isEmpty else { return empty }
        var names: [(String, String)] = []
        for name in interpreter.globals.definedNames where name.hasPrefix(prefix) {
            guard let value = interpreter.globals[name] else { continue }
            switch value {
            case .builtin, .function: names.append((name, "function"))
            default: names.append((name, "variable"))
            }
        }
        for keyword in Completer.keywords where keyword.hasPrefix(prefix) { names.append((keyword, "keyword")) }
        if !prefix.isEmpty {
            for (name, kind) in names.sorted(by: { $0.0 < $1.0 }) where seen.insert(name).inserted {
                matches.append((name, kind))
            }
        }
        return CompletionResult(matches: matches, start: start, end: cursor)
    }

    /// Help for the name or member chain at `cursor` (or for the function whose call the
    /// cursor is in).
    /// - Parameters:
    ///   - code: the cell text.
    ///   - cursor: the cursor, in Unicode scalars.
    ///   - detailLevel: 0 or 1 for a summary, 2 for more.
    /// - Returns: a text/plain bundle, or nil when there is nothing to show.
    func inspect(_ code: String, cursor: Int, detailLevel: Int) -> RichBundle? {
        let scalars = Array(code.unicodeScalars)
        let cursor = min(max(cursor, 0), scalars.count)
        var end = cursor
        while end < scalars.count, Completer.isIdentifier(scalars[end]) { end += 1 }
        var start = cursor
        while start > 0, Completer.isIdentifier(scalars[start - 1]) { start -= 1 }
        if start == end {
            guard let callee = enclosingCallee(scalars, before: cursor) else { return nil }
            (start, end) = callee
        }
        let name = String(String.UnicodeScalarView(scalars[start..<end]))
        if start > 0, scalars[start - 1] == ".", let receiver = chainValue(scalars, endingAt: start - 1) {
            if let member = interpreter.registry.member(of: receiver.typeName, named: name) {
                return .plainText(Inspector.help(member: member))
            }
            if case .record(let record) = receiver, let field = record[name] {
                return .plainText(Inspector.help(name: name, value: field, detailLevel: detailLevel))
            }
            return nil
        }
        guard let value = interpreter.globals[name] else {
            if Completer.keywords.contains(name) { return .plainText("\(name): a keyword of the language") }
            return nil
        }
        return .plainText(Inspector.help(name: name, value: value, detailLevel: detailLevel))
    }

    // MARK: - Text analysis

    /// The value of the name/member chain (`a`, `a.b.c`, or a string literal) ending just
    /// before `end`; nil when it is anything else (calls are never run).
    private func chainValue(_ scalars: [Unicode.Scalar], endingAt end: Int) -> Value? {
        if end > 0, scalars[end - 1] == "\"" || scalars[end - 1] == "'" { return .string("") }
        var parts: [String] = []
        var position = end
        while true {
            var start = position
            while start > 0, Completer.isIdentifier(scalars[start - 1]) { start -= 1 }
            guard start < position else { return nil }
            parts.insert(String(String.UnicodeScalarView(scalars[start..<position])), at: 0)
            if start > 0, scalars[start - 1] == "." {
                position = start - 1
                continue
            }
            break
        }
        guard let first = parts.first, let firstScalar = first.unicodeScalars.first, !Completer.isDigit(firstScalar),
              var value = interpreter.globals[first] else { return nil }
        for member in parts.dropFirst() {
            guard let next = try? Members.get(value, member, context: interpreter.context) else { return nil }
            value = next
        }
        return value
    }

    /// The range of the callee name/chain of the innermost call whose `(` is open before
    /// `position`.
    private func enclosingCallee(_ scalars: [Unicode.Scalar], before position: Int) -> (Int, Int)? {
        var depth = 0
        var index = position - 1
        while index >= 0 {
            switch scalars[index] {
            case ")", "]", "}": depth += 1
            case "[", "{":
                if depth == 0 { return nil }
                depth -= 1
            case "(":
                if depth == 0 {
                    var start = index
                    while start > 0, Completer.isIdentifier(scalars[start - 1]) || scalars[start - 1] == "." { start -= 1 }
                    return start < index ? (start, index) : nil
                }
                depth -= 1
            case "\n" where depth == 0:
                break
            default: break
            }
            index -= 1
        }
        return nil
    }

    /// The parameter names of the function or builtin named by the callee range.
    private func parameterNames(of callee: (Int, Int), in scalars: [Unicode.Scalar]) -> [String] {
        let value: Value?
        let text = String(String.UnicodeScalarView(scalars[callee.0..<callee.1]))
        if text.contains(".") {
            let parts = text.split(separator: ".").map(String.init)
            guard let first = parts.first, var current = interpreter.globals[first] else { return [] }
            for member in parts.dropFirst().dropLast() {
                guard let next = try? Members.get(current, member, context: interpreter.context) else { return [] }
                current = next
            }
            guard let last = parts.last, parts.count > 1 else { return [] }
            if let member = interpreter.registry.member(of: current.typeName, named: last), case .method(let builtin) = member.kind {
                return builtin.parameters.compactMap { if case .variadic = $0.kind { nil } else { $0.name } }
            }
            value = try? Members.get(current, last, context: interpreter.context)
        } else {
            value = interpreter.globals[text]
        }
        switch value {
        case .builtin(let bound)?:
            return bound.builtin.parameters.compactMap { if case .variadic = $0.kind { nil } else { $0.name } }
        case .function(let function)?:
            return function.parameterNames
        default:
            return []
        }
    }

    static func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || isDigit(scalar)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// Whether only spaces stand between the previous newline and `index`.
    static func lineStartBefore(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        var position = index - 1
        while position >= 0, scalars[position] != "\n" {
            if scalars[position] != " " && scalars[position] != "\t" { return false }
            position -= 1
        }
        return true
    }

    /// Whether the cursor is inside a string or a comment on its line.
    static func insideStringOrComment(_ scalars: [Unicode.Scalar], _ cursor: Int) -> Bool {
        var lineStart = cursor
        while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        var quote: Unicode.Scalar?
        var index = lineStart
        while index < cursor {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == "\\" { index += 1 } else if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "#" {
                return true
            }
            index += 1
        }
        return quote != nil
    }
}
