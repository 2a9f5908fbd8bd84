// Primary expressions: literals, names, parentheses, lists, records, anonymous functions and
// `if` expressions.

extension Parser {
    mutating func parsePrimary() throws(SyntaxError) -> Expr {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return Expr(.number(value), span: token.span)
        case .string(let text):
            advance()
            return Expr(.string(text), span: token.span)
        case .identifier(let name):
            if name == "lambda" {
                switch next.kind {
                case .identifier, .punctuation(.colon): throw error(.pythonKeyword("lambda"))
                default: break
                }
            }
            advance()
            return Expr(.name(name), span: token.span)
        case .keyword(.true), .keyword(.false):
            advance()
            return Expr(.bool(token.kind == .keyword(.true)), span: token.span)
        case .keyword(.none):
            advance()
            return Expr(.none, span: token.span)
        case .keyword(.fn):
            let function = try parseFunction(named: false)
            return Expr(.function(function), span: function.span)
        case .keyword(.if):
            let (conditional, span) = try parseConditional()
            return Expr(.conditional(conditional), span: span)
        case .punctuation(.leftParen):
            return try parseParenthesized()
        case .punctuation(.leftBracket):
            return try parseList()
        case .punctuation(.leftBrace) where !inHeader:
            return try parseRecord()
        case .punctuation(.rightParen), .punctuation(.rightBracket), .punctuation(.rightBrace):
            if case .punctuation(let p) = token.kind, !isInsideBrackets {
                throw error(.unmatchedClosing(p.rawValue))
            }
            throw expected("an expression")
        default:
            throw expected("an expression")
        }
    }

    /// Whether a closing bracket could belong to an enclosing bracket or block.
    private var isInsideBrackets: Bool { newlineModes.count > 1 }

    /// Enters brackets: newlines become insignificant and record literals are allowed again.
    /// Returns the saved header flag for `leaveBrackets`.
    mutating func enterBrackets() -> Bool {
        newlineModes.append(true)
        let saved = inHeader
        inHeader = false
        return saved
    }

    /// Leaves brackets entered with `enterBrackets`.
    mutating func leaveBrackets(_ savedHeader: Bool) {
        newlineModes.removeLast()
        inHeader = savedHeader
    }

    private mutating func parseParenthesized() throws(SyntaxError) -> Expr {
        let open = advance()
        let saved = enterBrackets()
        defer { leaveBrackets(saved) }
        if check(.rightParen) {
            throw expected("an expression inside '( )'")
        }
        var items = [try parseExpression()]
        var isTuple = false
        while accept(.comma) {
            isTuple = true
            if check(.rightParen) { break }
            items.append(try parseExpression())
        }
        try expectClosing(.rightParen, opening: open)
        let span = SourceSpan(start: open.span.start, end: previousEnd)
        return isTuple ? Expr(.tuple(items), span: span) : Expr(items[0].kind, span: span)
    }

    private mutating func parseList() throws(SyntaxError) -> Expr {
        let open = advance()
        let saved = enterBrackets()
        defer { leaveBrackets(saved) }
        var items: [Expr] = []
        while !check(.rightBracket) && current.kind != .endOfInput {
            items.append(try parseExpression())
            if !accept(.comma) { break }
        }
        try expectClosing(.rightBracket, opening: open)
        return Expr(.list(items), span: SourceSpan(start: open.span.start, end: previousEnd))
    }

    private mutating func parseRecord() throws(SyntaxError) -> Expr {
        let open = advance()
        let saved = enterBrackets()
        defer { leaveBrackets(saved) }
        var fields: [RecordField] = []
        while !check(.rightBrace) && current.kind != .endOfInput {
            let token = current
            let name: Identifier
            if case .string(let key) = token.kind {
                advance()
                name = Identifier(key, span: token.span)
            } else {
                name = try expectIdentifier("a field name")
            }
            guard accept(.colon) else {
                throw expected("':' after the field name '\(name.name)'")
            }
            fields.append(RecordField(name: name, value: try parseExpression()))
            if !accept(.comma) { break }
        }
        try expectClosing(.rightBrace, opening: open)
        return Expr(.record(fields), span: SourceSpan(start: open.span.start, end: previousEnd))
    }
}
