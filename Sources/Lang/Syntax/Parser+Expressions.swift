// Expressions by precedence (LANGUAGE.md §3), lowest first:
// or < and < not < comparison < sum < product < unary minus < power < postfix < primary.
// `not` sits below the comparisons as in Python (`not a == b` is `not (a == b)`); `-x^2` is
// `-(x^2)` and `2^-1` is allowed, as in Python.
// Every operator in a left-associative chain (`a + b + c`, `a[0][1]`) counts as one nesting
// level too, so no syntax tree is deeper than `Parser.maxNestingDepth` and code that walks it
// recursively cannot overflow the stack.

extension Parser {
    /// Parses one expression (no bare tuple).
    mutating func parseExpression() throws(SyntaxError) -> Expr {
        try enter()
        defer { leave() }
        return try parseBinary(1)
    }

    /// Parses `e` or a bare tuple `e1, e2, ...` (right side of `=`, `return`).
    mutating func parseTupleOrExpression() throws(SyntaxError) -> Expr {
        let first = try parseExpression()
        guard check(.comma) else { return first }
        var items = [first]
        while accept(.comma) {
            skipNewlines()
            if atStatementEnd { break }
            items.append(try parseExpression())
        }
        return Expr(.tuple(items), span: SourceSpan(from: first.span, to: items[items.count - 1].span))
    }

    private func binary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr) -> Expr {
        Expr(.binary(op, lhs, rhs), span: SourceSpan(from: lhs.span, to: rhs.span))
    }

    /// Binding levels of the infix operators; `not` sits at level 3, between `and` and the
    /// comparisons.
    private static func level(of op: BinaryOperator) -> Int {
        switch op {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return 4
        case .add, .subtract: return 5
        case .multiply, .divide, .remainder, .matmul: return 6
        case .power: return 8
        }
    }

    /// The infix operator at the current token (`and`, `or`, `++`/`--` included), if any.
    private func currentBinaryOperator() -> BinaryOperator? {
        switch current.kind {
        case .keyword(.and): return .and
        case .keyword(.or): return .or
        case .punctuation(.plusPlus): return .add
        case .punctuation(.minusMinus): return .subtract
        case .punctuation(let p): return p.binaryOperator
        default: return nil
        }
    }

    /// Precedence climbing over the levels `or` (1) to product (6); operands below are unary.
    private mutating func parseBinary(_ minLevel: Int) throws(SyntaxError) -> Expr {
        var lhs: Expr
        if minLevel <= 3, check(.not) {
            let token = advance()
            try enter()
            let operand = try parseBinary(3)
            leave()
            lhs = Expr(.unary(.not, operand), span: SourceSpan(from: token.span, to: operand.span))
        } else {
            lhs = try parseUnary()
        }
        let entry = depth
        defer { depth = entry }
        while let op = currentBinaryOperator(), op != .power, Self.level(of: op) >= minLevel {
            let level = Self.level(of: op)
            try enter()
            let opToken = advance()
            var rhs: Expr
            if opToken.kind == .punctuation(.plusPlus) || opToken.kind == .punctuation(.minusMinus) {
                // `x++` is a C habit; `a -- b` is `a - (-b)`.
                if atStatementEnd || check(.rightParen) || check(.rightBracket) || check(.comma) {
                    throw error(.incrementOperator(op == .add ? "++" : "--"), at: opToken)
                }
                let operand = try parseBinary(level + 1)
                rhs = Expr(.unary(op == .add ? .plus : .negate, operand),
                           span: SourceSpan(start: opToken.span.start.advanced(by: 1), end: operand.span.end))
            } else {
                skipNewlines()
                rhs = try parseBinary(level + 1)
            }
            if op.isComparison, let again = currentBinaryOperator(), again.isComparison {
                throw error(.chainedComparison)
            }
            lhs = binary(op, lhs, rhs)
        }
        return lhs
    }

    mutating func parseUnary() throws(SyntaxError) -> Expr {
        let token = current
        let ops: [UnaryOperator]
        switch token.kind {
        case .punctuation(.minus): ops = [.negate]
        case .punctuation(.plus): ops = [.plus]
        case .punctuation(.minusMinus): ops = [.negate, .negate]
        case .punctuation(.plusPlus): ops = [.plus, .plus]
        default: return try parsePower()
        }
        advance()
        try enter()
        defer { leave() }
        var operand = try parseUnary()
        for op in ops.reversed() {
            let span = SourceSpan(start: token.span.start, end: operand.span.end)
            if op == .negate, case .number(let value) = operand.kind {
                // `-2.5` is a number literal (LANGUAGE.md §1), so `[-1, 2]` is all numbers.
                operand = Expr(.number(-value), span: span)
            } else {
                operand = Expr(.unary(op, operand), span: span)
            }
        }
        return operand
    }

    private mutating func parsePower() throws(SyntaxError) -> Expr {
        let base = try parsePostfix()
        guard check(.caret) || check(.starStar) else { return base }
        advance()
        skipNewlines()
        try enter()
        defer { leave() }
        let exponent = try parseUnary()
        return binary(.power, base, exponent)
    }

    // MARK: - Postfix

    mutating func parsePostfix() throws(SyntaxError) -> Expr {
        var expression = try parsePrimary()
        let entry = depth
        defer { depth = entry }
        while true {
            switch current.kind {
            case .punctuation(.leftParen), .punctuation(.leftBracket), .punctuation(.dot):
                try enter()
            default:
                break
            }
            switch current.kind {
            case .punctuation(.leftParen):
                expression = try parseCall(expression)
            case .punctuation(.leftBracket):
                let open = advance()
                let items = try parseIndexItems(open)
                expression = Expr(.index(expression, items), span: SourceSpan(start: expression.span.start, end: previousEnd))
            case .punctuation(.dot):
                advance()
                let name = try expectIdentifier("a member name after '.'")
                expression = Expr(.member(expression, name), span: SourceSpan(from: expression.span, to: name.span))
            default:
                return expression
            }
        }
    }

    private mutating func parseCall(_ callee: Expr) throws(SyntaxError) -> Expr {
        let open = advance()
        let saved = enterBrackets()
        defer { leaveBrackets(saved) }
        var arguments: [Expr] = []
        var named: [NamedArgument] = []
        while !check(.rightParen) && current.kind != .endOfInput {
            if next.kind == .punctuation(.equal) {
                let name = try expectIdentifier("an argument name")
                advance()  // =
                if named.contains(where: { $0.name.name == name.name }) {
                    throw SyntaxError(.duplicateNamedArgument(name.name), at: name.span.start)
                }
                named.append(NamedArgument(name: name, value: try parseExpression()))
            } else {
                if !named.isEmpty { throw error(.positionalAfterNamed) }
                arguments.append(try parseExpression())
            }
            if !accept(.comma) { break }
        }
        try expectClosing(.rightParen, opening: open)
        let call = Call(callee: callee, arguments: arguments, namedArguments: named)
        return Expr(.call(call), span: SourceSpan(start: callee.span.start, end: previousEnd))
    }

    private mutating func parseIndexItems(_ open: Token) throws(SyntaxError) -> [IndexItem] {
        let saved = enterBrackets()
        defer { leaveBrackets(saved) }
        var items: [IndexItem] = []
        while !check(.rightBracket) && current.kind != .endOfInput {
            items.append(try parseIndexItem())
            if !accept(.comma) { break }
        }
        if items.isEmpty && check(.rightBracket) {
            throw expected("an index")
        }
        try expectClosing(.rightBracket, opening: open)
        return items
    }

    private mutating func parseIndexItem() throws(SyntaxError) -> IndexItem {
        let start = current.span.start
        var first: Expr?
        if !check(.colon) {
            first = try parseExpression()
            if !check(.colon), let first { return .expression(first) }
        }
        advance()  // first ':'
        func endsPart(_ parser: Parser) -> Bool {
            parser.check(.colon) || parser.check(.comma) || parser.check(.rightBracket)
        }
        var stop: Expr?
        var step: Expr?
        if !endsPart(self) { stop = try parseExpression() }
        if accept(.colon), !endsPart(self) { step = try parseExpression() }
        return .slice(Slice(start: first, stop: stop, step: step, span: SourceSpan(start: start, end: previousEnd)))
    }
}
