// Expression statements, assignments (plain, destructuring, compound), magics and help.

extension Parser {
    /// An expression statement, an assignment `target = value`, `a, b = value`, or `x += e`.
    mutating func parseExpressionStatement() throws(SyntaxError) -> Statement {
        let first = try parseExpression()
        var targets = [first]
        while check(.comma) {
            advance()
            skipNewlines()
            if atStatementEnd || check(.equal) { break }
            targets.append(try parseExpression())
        }
        let left: Expr = targets.count == 1 && !isTupleTrailingComma(first)
            ? first
            : Expr(.tuple(targets), span: SourceSpan(start: first.span.start, end: previousEnd))

        switch current.kind {
        case .punctuation(.equal):
            let equal = advance()
            let target = try assignmentTarget(left, equal: equal)
            skipNewlines()
            let value = try parseTupleOrExpression()
            return Statement(.assignment(target, value), span: SourceSpan(from: left.span, to: value.span))
        case .punctuation(let p) where Self.compoundOperators[p] != nil:
            let opToken = advance()
            let target = try assignmentTarget(left, equal: opToken)
            if case .destructure = target {
                throw SyntaxError(.invalidAssignmentTarget("several names with '\(p.rawValue)'"), at: left.span.start)
            }
            skipNewlines()
            let value = try parseExpression()
            return Statement(.compoundAssignment(target, Self.compoundOperators[p] ?? .add, value),
                             span: SourceSpan(from: left.span, to: value.span))
        case .punctuation(let p) where p == .question || p == .questionQuestion:
            if isNameChain(left) {
                advance()
                let request = HelpRequest(target: left, text: sourceText(from: left.span.start, to: left.span.end),
                                          detailLevel: p == .question ? 1 : 2)
                return Statement(.help(request), span: SourceSpan(start: left.span.start, end: previousEnd))
            }
            return Statement(.expression(left), span: left.span)
        default:
            return Statement(.expression(left), span: left.span)
        }
    }

    private func isTupleTrailingComma(_ first: Expr) -> Bool {
        position > 0 && tokens[position - 1].kind == .punctuation(.comma)
    }

    static let compoundOperators: [Punctuation: BinaryOperator] = [
        .plusEqual: .add, .minusEqual: .subtract, .starEqual: .multiply, .slashEqual: .divide,
    ]

    /// Turns the left side of `=` into a target, or explains why it cannot be one.
    private func assignmentTarget(_ expression: Expr, equal: Token) throws(SyntaxError) -> AssignmentTarget {
        switch expression.kind {
        case .name(let name):
            return .name(Identifier(name, span: expression.span))
        case .index(let target, let items):
            return .index(target, items)
        case .member(let target, let name):
            return .member(target, name)
        case .tuple(let items):
            var names: [Identifier] = []
            for item in items {
                guard case .name(let name) = item.kind else {
                    throw SyntaxError(.invalidAssignmentTarget(Self.describe(item) + " in a destructuring"),
                                      at: item.span.start)
                }
                names.append(Identifier(name, span: item.span))
            }
            return .destructure(names)
        case .binary(.equal, _, _) where equal.kind == .punctuation(.equal):
            throw SyntaxError(.invalidAssignmentTarget("a comparison"), at: expression.span.start)
        default:
            throw SyntaxError(.invalidAssignmentTarget(Self.describe(expression)), at: expression.span.start)
        }
    }

    /// A short phrase naming an expression's kind, for "cannot assign to ...".
    static func describe(_ expression: Expr) -> String {
        switch expression.kind {
        case .number, .string, .bool, .none: return "a literal"
        case .call: return "a function call"
        case .list: return "a list literal"
        case .tuple: return "several values"
        case .record: return "a record literal"
        case .binary(let op, _, _): return op.isComparison ? "a comparison" : "an operator expression"
        case .unary: return "an operator expression"
        case .function: return "a function"
        case .conditional: return "an if expression"
        case .name, .index, .member: return "this expression"
        }
    }

    private func isNameChain(_ expression: Expr) -> Bool {
        switch expression.kind {
        case .name: return true
        case .member(let target, _): return isNameChain(target)
        default: return false
        }
    }

    // MARK: - Help and magics

    /// `?name` / `??name` (the `?` already consumed).
    mutating func parseHelp(level: Int, start: SourceLocation) throws(SyntaxError) -> Statement {
        guard case .identifier = current.kind else {
            throw expected("a name after '\(level == 1 ? "?" : "??")', e.g. ?Adam")
        }
        let target = try parsePostfix()
        guard isNameChain(target) else {
            throw SyntaxError(.expected("a name or 'name.member' after '?'", found: "a call or index"),
                              at: target.span.start)
        }
        let request = HelpRequest(target: target, text: sourceText(from: target.span.start, to: target.span.end),
                                  detailLevel: level)
        return Statement(.help(request), span: SourceSpan(start: start, end: target.span.end))
    }

    /// `%name rest` (raw) or `%time stmt` / `%timeit stmt` (parsed).
    mutating func parseMagic(_ token: Token, name: String, argument: String?,
                             argumentSpan: SourceSpan) throws(SyntaxError) -> Statement {
        advance()
        guard !name.isEmpty else { throw error(.emptyMagic, at: token) }
        let nameSpan = SourceSpan(start: token.span.start.advanced(by: 1),
                                  end: token.span.start.advanced(by: 1 + name.unicodeScalars.count))
        let identifier = Identifier(name, span: nameSpan)
        if let argument {
            let magic = Magic(name: identifier, argument: argument, argumentSpan: argumentSpan, body: nil)
            return Statement(.magic(magic), span: SourceSpan(start: token.span.start, end: argumentSpan.end))
        }
        // %time / %timeit: the statements up to the end of the line are parsed as code.
        var body: [Statement] = []
        let bodyStart = current.span.start
        while !(current.kind == .newline || current.kind == .endOfInput || check(.rightBrace)) {
            body.append(try parseStatement())
            if check(.semicolon), !(next.kind == .newline || next.kind == .endOfInput) {
                advance()
                continue
            }
            break
        }
        let end = body.last?.span.end ?? bodyStart
        let magic = Magic(name: identifier, argument: sourceText(from: bodyStart, to: end),
                          argumentSpan: SourceSpan(start: bodyStart, end: end), body: body)
        return Statement(.magic(magic), span: SourceSpan(start: token.span.start, end: end))
    }
}

extension SourceLocation {
    /// The location `count` scalars further on the same line.
    func advanced(by count: Int) -> SourceLocation {
        SourceLocation(line: line, column: column + count, offset: offset + count)
    }
}
