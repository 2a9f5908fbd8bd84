/// A recursive-descent parser for cells (LANGUAGE.md §1-3).
///
/// Newlines: the lexer yields every line end; the parser keeps a stack of modes saying
/// whether a newline is significant. Inside `( )`, `[ ]` and a record's `{ }` it is not; inside a
/// block's `{ }` (and at top level) it ends a statement. After a binary operator or a comma
/// newlines are skipped explicitly.
///
/// Nesting is limited to `maxNestingDepth` levels, so hostile input (100,000 `(`) gives a
/// `SyntaxError` instead of overflowing the stack.
public struct Parser {
    /// How deep expressions and blocks may nest.
    public static let maxNestingDepth = 100

    var tokens: [Token]
    var position = 0
    let scalars: [Unicode.Scalar]
    let baseOffset: Int
    /// True on top when newlines are insignificant (inside brackets or a record).
    var newlineModes: [Bool] = [false]
    var depth = 0
    var loopDepth = 0
    var functionDepth = 0
    /// True while parsing an `if`/`while`/`for` header, where `{` opens the block.
    var inHeader = false

    /// Parses a cell.
    /// - Parameter source: The cell's text.
    /// - Returns: The program: statements plus whether the last one ended with `;`.
    /// - Throws: `SyntaxError` at the first mistake.
    public static func parse(_ source: String) throws(SyntaxError) -> Program {
        var parser = try Parser(source)
        return try parser.parseProgram()
    }

    /// Creates a parser over the tokens of `source`.
    /// - Parameters:
    ///   - source: The text.
    ///   - start: Where the text starts (for embedded sources).
    /// - Throws: `SyntaxError` when the text cannot be tokenized.
    init(_ source: String, start: SourceLocation = .start) throws(SyntaxError) {
        self.tokens = try Lexer.tokenize(source, start: start)
        self.scalars = Array(source.unicodeScalars)
        self.baseOffset = start.offset
    }

    // MARK: - Token access

    private var currentIndex: Int {
        var i = position
        if newlineModes.last == true {
            while tokens[i].kind == .newline { i += 1 }
        }
        return i
    }

    /// The next significant token.
    var current: Token { tokens[currentIndex] }

    /// The significant token after `current`.
    var next: Token {
        var i = currentIndex
        if tokens[i].kind != .endOfInput { i += 1 }
        if newlineModes.last == true {
            while tokens[i].kind == .newline { i += 1 }
        }
        return tokens[i]
    }

    /// The end of the last consumed token.
    var previousEnd: SourceLocation {
        position > 0 ? tokens[position - 1].span.end : tokens[0].span.start
    }

    /// Consumes and returns the current token (never moves past the end).
    @discardableResult
    mutating func advance() -> Token {
        let i = currentIndex
        let token = tokens[i]
        position = token.kind == .endOfInput ? i : i + 1
        return token
    }

    /// Whether the current token is the given punctuation.
    func check(_ p: Punctuation) -> Bool { current.kind == .punctuation(p) }

    /// Whether the current token is the given keyword.
    func check(_ k: Keyword) -> Bool { current.kind == .keyword(k) }

    /// Consumes the punctuation if it is current.
    mutating func accept(_ p: Punctuation) -> Bool {
        guard check(p) else { return false }
        advance()
        return true
    }

    /// Consumes newline tokens.
    mutating func skipNewlines() {
        while tokens[position].kind == .newline { position += 1 }
    }

    /// An error at the current token, flagged as at the end of input when it is.
    func error(_ kind: SyntaxError.Kind, at token: Token? = nil) -> SyntaxError {
        let t = token ?? current
        return SyntaxError(kind, at: t.span.start, isAtEndOfInput: t.kind == .endOfInput)
    }

    /// `expected <what>, found <current>`.
    func expected(_ what: String) -> SyntaxError {
        error(.expected(what, found: current.displayText))
    }

    /// Consumes the closing bracket or throws "expected ')' to close '(' opened at ...".
    mutating func expectClosing(_ close: Punctuation, opening: Token) throws(SyntaxError) {
        if accept(close) { return }
        if check(.if) { throw error(.conditionalExpression) }
        if check(.for) && close != .rightBrace { throw error(.comprehension) }
        let open: String
        if case .punctuation(let p) = opening.kind { open = p.rawValue } else { open = "(" }
        throw error(.unclosed(open: open, close: close.rawValue, openedAt: opening.span.start))
    }

    /// Enters one nesting level, failing past `maxNestingDepth`.
    mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > Self.maxNestingDepth {
            throw error(.tooDeeplyNested(limit: Self.maxNestingDepth))
        }
    }

    /// Leaves one nesting level.
    mutating func leave() { depth -= 1 }

    /// The source text between two locations.
    func sourceText(from start: SourceLocation, to end: SourceLocation) -> String {
        let lo = max(0, start.offset - baseOffset)
        let hi = min(scalars.count, end.offset - baseOffset)
        guard lo < hi else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lo..<hi])
        return String(view)
    }

    // MARK: - Program and blocks

    /// Whether the current token ends a statement (new line, `;`, `}` or the end).
    var atStatementEnd: Bool {
        switch current.kind {
        case .newline, .endOfInput, .punctuation(.semicolon), .punctuation(.rightBrace): return true
        default: return false
        }
    }

    mutating func parseProgram() throws(SyntaxError) -> Program {
        var statements: [Statement] = []
        var suppresses = false
        while true {
            skipSeparators()
            if current.kind == .endOfInput { break }
            statements.append(try parseStatement())
            suppresses = false
            if accept(.semicolon) {
                skipSeparators()
                suppresses = current.kind == .endOfInput
                continue
            }
            try expectStatementEnd()
        }
        return Program(statements: statements, suppressesDisplay: suppresses)
    }

    /// Skips newlines and `;`.
    mutating func skipSeparators() {
        while current.kind == .newline || check(.semicolon) { advance() }
    }

    /// After a statement: a newline, `;`, `}` or the end must follow.
    mutating func expectStatementEnd() throws(SyntaxError) {
        switch current.kind {
        case .newline:
            advance()
        case .endOfInput, .punctuation(.rightBrace), .punctuation(.semicolon):
            return
        case .punctuation(.rightParen), .punctuation(.rightBracket):
            if case .punctuation(let p) = current.kind { throw error(.unmatchedClosing(p.rawValue)) }
        case .keyword(.else):
            throw error(.elseOnNewLine)
        case .keyword(.if):
            throw error(.conditionalExpression)
        case .identifier("elif"):
            throw error(.pythonKeyword("elif"))
        default:
            throw error(.missingSeparator(found: current.displayText))
        }
    }

    /// Parses `{ statements }` (the `{` is current). Newlines inside are significant.
    mutating func parseBlock(for owner: String) throws(SyntaxError) -> Block {
        if newlineModes.last == false, tokens[position].kind == .newline {
            // Allow the block's `{` on the line after its header.
            let save = position
            skipNewlines()
            if !check(.leftBrace) { position = save }
        }
        guard check(.leftBrace) else {
            if check(.colon) { throw error(.colonBlock(owner)) }
            throw expected("'{' to start the block of '\(owner)'")
        }
        let open = advance()
        try enter()
        newlineModes.append(false)
        var statements: [Statement] = []
        while true {
            skipSeparators()
            if check(.rightBrace) { break }
            if current.kind == .endOfInput {
                throw error(.unclosed(open: "{", close: "}", openedAt: open.span.start))
            }
            statements.append(try parseStatement())
            if accept(.semicolon) { continue }
            try expectStatementEnd()
        }
        newlineModes.removeLast()
        let close = advance()
        leave()
        return Block(statements: statements, span: SourceSpan(from: open.span, to: close.span))
    }
}
