// Statements: assignment, fn, return, if, for, while, break, continue, assert, no_grad,
// magics and help requests.

extension Parser {
    mutating func parseStatement() throws(SyntaxError) -> Statement {
        try enter()
        defer { leave() }
        let token = current
        switch token.kind {
        case .magic(let name, let argument, let argumentSpan):
            return try parseMagic(token, name: name, argument: argument, argumentSpan: argumentSpan)
        case .help(let level):
            advance()
            return try parseHelp(level: level, start: token.span.start)
        case .punctuation(.rightBrace), .punctuation(.rightParen), .punctuation(.rightBracket):
            if case .punctuation(let p) = token.kind { throw error(.unmatchedClosing(p.rawValue)) }
        case .keyword(let keyword):
            if let statement = try parseKeywordStatement(keyword, token: token) { return statement }
        case .identifier(let word) where Self.pythonKeywords.contains(word):
            if case .identifier = next.kind { throw error(.pythonKeyword(word)) }
            if word == "elif" { throw error(.pythonKeyword(word)) }
        case .identifier("no_grad") where next.kind == .punctuation(.leftBrace):
            advance()
            let body = try parseBlock(for: "no_grad")
            return Statement(.noGrad(body), span: SourceSpan(from: token.span, to: body.span))
        default:
            break
        }
        return try parseExpressionStatement()
    }

    /// Python words that start a statement here only by mistake (when a name follows them).
    static let pythonKeywords: Set<String> = ["def", "elif", "import", "from", "lambda"]

    /// Statements that start with a keyword; nil when the keyword starts an expression.
    private mutating func parseKeywordStatement(_ keyword: Keyword, token: Token) throws(SyntaxError) -> Statement? {
        switch next.kind {
        case .punctuation(.equal), .punctuation(.plusEqual), .punctuation(.minusEqual),
             .punctuation(.starEqual), .punctuation(.slashEqual):
            throw error(.keywordAsName(keyword.rawValue))
        default: break
        }
        switch keyword {
        case .fn:
            guard case .identifier = next.kind else { return nil }
            let function = try parseFunction(named: true)
            return Statement(.function(function), span: function.span)
        case .return:
            advance()
            guard functionDepth > 0 else { throw error(.returnOutsideFunction, at: token) }
            if atStatementEnd {
                return Statement(.returnValue(nil), span: token.span)
            }
            let value = try parseTupleOrExpression()
            return Statement(.returnValue(value), span: SourceSpan(from: token.span, to: value.span))
        case .if:
            let conditional = try parseConditional()
            return Statement(.conditional(conditional.0), span: conditional.1)
        case .for:
            return try parseFor(token)
        case .while:
            advance()
            let condition = try parseHeaderExpression(after: "while")
            let body = try parseLoopBody(for: "while")
            return Statement(.whileLoop(condition: condition, body: body),
                             span: SourceSpan(from: token.span, to: body.span))
        case .break, .continue:
            advance()
            guard loopDepth > 0 else { throw error(.outsideLoop(keyword.rawValue), at: token) }
            return Statement(keyword == .break ? .breakLoop : .continueLoop, span: token.span)
        case .assert:
            advance()
            let condition = try parseExpression()
            var message: Expr?
            if accept(.comma) {
                skipNewlines()
                message = try parseExpression()
            }
            let end = message?.span ?? condition.span
            return Statement(.assert(condition: condition, message: message),
                             span: SourceSpan(from: token.span, to: end))
        case .else:
            throw error(.elseOnNewLine)
        default:
            return nil
        }
    }

    private mutating func parseLoopBody(for owner: String) throws(SyntaxError) -> Block {
        loopDepth += 1
        defer { loopDepth -= 1 }
        return try parseBlock(for: owner)
    }

    private mutating func parseFor(_ token: Token) throws(SyntaxError) -> Statement {
        advance()
        var variables = [try expectIdentifier("a loop variable name after 'for'")]
        if accept(.comma) {
            variables.append(try expectIdentifier("a second loop variable name"))
        }
        guard check(.in) else { throw expected("'in'") }
        advance()
        let iterable = try parseHeaderExpression(after: "for")
        let body = try parseLoopBody(for: "for")
        return Statement(.forIn(ForLoop(variables: variables, iterable: iterable, body: body)),
                         span: SourceSpan(from: token.span, to: body.span))
    }

    /// `if c { } else if d { } else { }` with `if` current; also used for `if` expressions.
    mutating func parseConditional() throws(SyntaxError) -> (Conditional, SourceSpan) {
        let start = advance()
        var branches: [ConditionalBranch] = []
        var elseBlock: Block?
        var end = start.span
        var condition = try parseHeaderExpression(after: "if")
        while true {
            let body = try parseBlock(for: "if")
            branches.append(ConditionalBranch(condition: condition, body: body))
            end = body.span
            if !check(.else) {
                if newlineModes.last == false, tokens[position].kind == .newline {
                    var i = position
                    while tokens[i].kind == .newline { i += 1 }
                    if tokens[i].kind == .keyword(.else) {
                        throw error(.elseOnNewLine, at: tokens[i])
                    }
                }
                break
            }
            advance()
            if check(.if) {
                advance()
                condition = try parseHeaderExpression(after: "if")
                continue
            }
            let block = try parseBlock(for: "else")
            elseBlock = block
            end = block.span
            break
        }
        return (Conditional(branches: branches, elseBlock: elseBlock), SourceSpan(from: start.span, to: end))
    }

    /// An `if`/`while`/`for` header expression, which stops at the block's `{`.
    mutating func parseHeaderExpression(after keyword: String) throws(SyntaxError) -> Expr {
        if check(.leftBrace) || atStatementEnd && current.kind != .endOfInput {
            throw expected(keyword == "for" ? "something to loop over" : "a condition after '\(keyword)'")
        }
        let saved = inHeader
        inHeader = true
        let condition = try parseExpression()
        inHeader = saved
        if check(.equal) {
            throw error(.assignmentInCondition)
        }
        return condition
    }

    /// `fn name(params) { }` / `fn name(params) = expr`, or anonymous when `named` is false.
    mutating func parseFunction(named: Bool) throws(SyntaxError) -> FunctionLiteral {
        let start = advance()  // fn
        var name: Identifier?
        if named {
            name = try expectIdentifier("a function name after 'fn'")
        }
        guard check(.leftParen) else {
            throw expected("'(' to start the parameter list")
        }
        let parameters = try parseParameters()
        let savedLoops = loopDepth
        loopDepth = 0
        functionDepth += 1
        defer {
            loopDepth = savedLoops
            functionDepth -= 1
        }
        let body: FunctionBody
        let end: SourceSpan
        if accept(.equal) {
            skipNewlines()
            let expression = try parseExpression()
            body = .expression(expression)
            end = expression.span
        } else {
            var lookahead = position
            if newlineModes.last == false {
                while tokens[lookahead].kind == .newline { lookahead += 1 }
            }
            guard tokens[lookahead].kind == .punctuation(.leftBrace) || check(.leftBrace) else {
                if check(.colon) { throw error(.colonBlock("fn")) }
                let displayName = name?.name ?? "fn"
                throw error(.functionWithoutBody(displayName), at: tokens[lookahead])
            }
            let block = try parseBlock(for: "fn")
            body = .block(block)
            end = block.span
        }
        return FunctionLiteral(name: name, parameters: parameters, body: body,
                               span: SourceSpan(from: start.span, to: end))
    }

    private mutating func parseParameters() throws(SyntaxError) -> [Parameter] {
        let open = advance()
        newlineModes.append(true)
        defer { newlineModes.removeLast() }
        var parameters: [Parameter] = []
        while !check(.rightParen) {
            let name = try expectIdentifier("a parameter name")
            if parameters.contains(where: { $0.name.name == name.name }) {
                throw SyntaxError(.duplicateParameter(name.name), at: name.span.start)
            }
            var defaultValue: Expr?
            if accept(.equal) {
                defaultValue = try parseExpression()
            } else if parameters.last?.defaultValue != nil {
                throw SyntaxError(.requiredAfterDefault(name.name), at: name.span.start)
            }
            parameters.append(Parameter(name: name, defaultValue: defaultValue))
            if !accept(.comma) { break }
        }
        try expectClosing(.rightParen, opening: open)
        return parameters
    }

    /// Consumes a name, with a clear error for a keyword.
    mutating func expectIdentifier(_ what: String) throws(SyntaxError) -> Identifier {
        let token = current
        switch token.kind {
        case .identifier(let name):
            advance()
            return Identifier(name, span: token.span)
        case .keyword(let k):
            throw error(.keywordAsName(k.rawValue))
        default:
            throw expected(what)
        }
    }
}
