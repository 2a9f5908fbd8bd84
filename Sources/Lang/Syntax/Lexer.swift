/// Turns cell source into tokens (LANGUAGE.md §1).
///
/// Positions count Unicode scalars. Every line end becomes a `.newline` token (comments and a
/// backslash before the line end are skipped); the parser decides where a newline ends a
/// statement, because only it knows whether a `{` opens a block or a record.
public struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line: Int
    private var column: Int
    private let baseOffset: Int
    /// Open `(` and `[` count: inside them `%` is the remainder operator, never a magic.
    private var parenDepth = 0
    /// True until a token other than a newline is read on the current line.
    private var atLineStart = true

    /// Creates a lexer.
    /// - Parameters:
    ///   - source: The text to read.
    ///   - start: The location of the text's first scalar (for a magic's embedded statement).
    public init(_ source: String, start: SourceLocation = .start) {
        self.scalars = Array(source.unicodeScalars)
        self.line = start.line
        self.column = start.column
        self.baseOffset = start.offset
    }

    /// Reads every token of a source text.
    /// - Parameters:
    ///   - source: The text.
    ///   - start: The location of its first scalar.
    /// - Returns: The tokens, ending with `.endOfInput`.
    /// - Throws: `SyntaxError` for a bad character, string, escape or number.
    public static func tokenize(_ source: String, start: SourceLocation = .start) throws(SyntaxError) -> [Token] {
        var lexer = Lexer(source, start: start)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .endOfInput { return tokens }
        }
    }

    private var location: SourceLocation {
        SourceLocation(line: line, column: column, offset: baseOffset + index)
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let i = index + ahead
        return i < scalars.count ? scalars[i] : nil
    }

    private mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    /// Reads the next token.
    /// - Returns: The token; `.endOfInput` at the end (and on every call after it).
    /// - Throws: `SyntaxError` for a bad character, string, escape or number.
    public mutating func next() throws(SyntaxError) -> Token {
        skipSpaceAndComments()
        let start = location
        guard let c = peek() else {
            return Token(.endOfInput, span: SourceSpan(at: start))
        }
        let wasAtLineStart = atLineStart
        atLineStart = false
        if c == "\n" {
            advance()
            atLineStart = true
            return Token(.newline, span: SourceSpan(start: start, end: location))
        }
        if c == "\r", peek(1) == "\n" {
            advance(); advance()
            atLineStart = true
            return Token(.newline, span: SourceSpan(start: start, end: location))
        }
        if Self.isDigit(c) || (c == "." && peek(1).map(Self.isDigit) == true) {
            return try lexNumber(start: start)
        }
        if c == "\"" || c == "'" {
            return try lexString(quote: c, start: start)
        }
        if Self.isIdentifierStart(c) {
            return lexIdentifier(start: start)
        }
        if wasAtLineStart && parenDepth == 0 {
            if c == "%", let next = peek(1), Self.isIdentifierStart(next) || next == " " || next == "\n" || next == "%" {
                return lexMagic(start: start)
            }
            if c == "%", peek(1) == nil {
                return lexMagic(start: start)
            }
            if c == "?" {
                advance()
                var level = 1
                if peek() == "?" { advance(); level = 2 }
                return Token(.help(level), span: SourceSpan(start: start, end: location))
            }
        }
        return try lexPunctuation(start: start)
    }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\u{0C}" || (c == "\r" && peek(1) != "\n") {
                advance()
            } else if c == "#" {
                while let d = peek(), d != "\n" { advance() }
            } else if c == "\\", peek(1) == "\n" || (peek(1) == "\r" && peek(2) == "\n") {
                advance()
                if peek() == "\r" { advance() }
                advance()
            } else {
                return
            }
        }
    }

    // MARK: - Names and numbers

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isXIDStart
    }

    /// Letters, digits, `_`, and subscripts (`w₁`, `xᵢ`) so maths notation reads naturally.
    static func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isXIDContinue || (0x2080...0x209C).contains(c.value)
            || (0x1D62...0x1D6A).contains(c.value)
    }

    private mutating func lexIdentifier(start: SourceLocation) -> Token {
        var text = String.UnicodeScalarView()
        while let c = peek(), Self.isIdentifierContinue(c) {
            text.append(c)
            advance()
        }
        let name = String(text)
        let span = SourceSpan(start: start, end: location)
        if let keyword = Keyword(rawValue: name) {
            return Token(.keyword(keyword), span: span)
        }
        return Token(.identifier(name), span: span)
    }

    private mutating func lexNumber(start: SourceLocation) throws(SyntaxError) -> Token {
        var text = readDigits()
        if peek() == ".", !(peek(1).map(Self.isIdentifierStart) ?? false) {
            advance()
            text += "." + readDigits()
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1)
            let hasSign = sign == "+" || sign == "-"
            if let d = peek(hasSign ? 2 : 1), Self.isDigit(d) {
                text.append("e")
                advance()
                if hasSign, let s = sign { text.unicodeScalars.append(s); advance() }
                text += readDigits()
            }
        }
        // A number running into more digits, dots or letters is one bad number: `1.2.3`, `3x`.
        if let c = peek(), c == "." && peek(1).map(Self.isDigit) == true || Self.isIdentifierContinue(c) {
            var bad = text
            while let d = peek(), d == "." || Self.isIdentifierContinue(d) {
                bad.unicodeScalars.append(d)
                advance()
            }
            throw SyntaxError(.invalidNumber(bad), at: start)
        }
        guard let value = Double(text) else {
            throw SyntaxError(.invalidNumber(text), at: start)
        }
        return Token(.number(value), span: SourceSpan(start: start, end: location))
    }

    /// Reads digits, skipping `_` separators between digits (`1_000`).
    private mutating func readDigits() -> String {
        var text = ""
        while let c = peek(), Self.isDigit(c) || (c == "_" && peek(1).map(Self.isDigit) == true) {
            if c != "_" { text.unicodeScalars.append(c) }
            advance()
        }
        return text
    }

    // MARK: - Strings

    private mutating func lexString(quote: Unicode.Scalar, start: SourceLocation) throws(SyntaxError) -> Token {
        let triple = peek(1) == quote && peek(2) == quote
        advance()
        if triple { advance(); advance() }
        var text = String.UnicodeScalarView()
        while true {
            guard let c = peek() else {
                throw SyntaxError(triple ? .unterminatedTripleString : .unterminatedString,
                                  at: start, isAtEndOfInput: triple)
            }
            if c == quote {
                if !triple {
                    advance()
                    break
                }
                if peek(1) == quote && peek(2) == quote {
                    advance(); advance(); advance()
                    break
                }
            }
            if c == "\n" && !triple {
                throw SyntaxError(.unterminatedString, at: start)
            }
            if c == "\\" {
                let escapeStart = location
                advance()
                guard let e = peek() else { continue }
                switch e {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "0": text.append("\0")
                case "\\": text.append("\\")
                case "\"": text.append("\"")
                case "'": text.append("'")
                case "\n": break  // a backslash before a line end joins the lines
                default:
                    throw SyntaxError(.invalidEscape("\\" + String(Character(e))), at: escapeStart)
                }
                advance()
                continue
            }
            text.append(c)
            advance()
        }
        return Token(.string(String(text)), span: SourceSpan(start: start, end: location))
    }

    // MARK: - Magics and punctuation

    private mutating func lexMagic(start: SourceLocation) -> Token {
        advance()  // %
        var name = String.UnicodeScalarView()
        while let c = peek(), Self.isIdentifierContinue(c) || (name.isEmpty && c == "%") {
            name.append(c)
            advance()
        }
        let nameText = String(name)
        while peek() == " " || peek() == "\t" { advance() }
        let argumentStart = location
        if nameText == "time" || nameText == "timeit" {
            return Token(.magic(name: nameText, argument: nil, argumentSpan: SourceSpan(at: argumentStart)),
                         span: SourceSpan(start: start, end: location))
        }
        var argument = String.UnicodeScalarView()
        while let c = peek(), c != "\n" {
            argument.append(c)
            advance()
        }
        while let last = argument.last, last == " " || last == "\t" || last == "\r" {
            argument.removeLast()
        }
        let argumentEnd = SourceLocation(line: argumentStart.line,
                                         column: argumentStart.column + argument.count,
                                         offset: argumentStart.offset + argument.count)
        return Token(.magic(name: nameText, argument: String(argument),
                            argumentSpan: SourceSpan(start: argumentStart, end: argumentEnd)),
                     span: SourceSpan(start: start, end: location))
    }

    private mutating func lexPunctuation(start: SourceLocation) throws(SyntaxError) -> Token {
        guard let c = peek() else { return Token(.endOfInput, span: SourceSpan(at: start)) }
        let two = peek(1).map { String(Character(c)) + String(Character($0)) } ?? ""
        switch two {
        case "&&", "||", "//": throw SyntaxError(.symbolOperator(two), at: start)
        default: break
        }
        if c == "&" || c == "|" || (c == "!" && peek(1) != "=") {
            throw SyntaxError(.symbolOperator(String(Character(c))), at: start)
        }
        let punctuation: Punctuation
        if let p = Punctuation(rawValue: two) {
            punctuation = p
            advance(); advance()
        } else if let p = Punctuation(rawValue: String(Character(c))) {
            punctuation = p
            advance()
        } else {
            throw SyntaxError(.unexpectedCharacter(Character(c)), at: start)
        }
        switch punctuation {
        case .leftParen, .leftBracket: parenDepth += 1
        case .rightParen, .rightBracket: parenDepth = max(0, parenDepth - 1)
        default: break
        }
        return Token(.punctuation(punctuation), span: SourceSpan(start: start, end: location))
    }
}
