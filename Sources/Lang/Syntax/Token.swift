/// A reserved word of the language (LANGUAGE.md §1).
/// `no_grad` is not a keyword: it is a name that starts a block when `{` follows it.
public enum Keyword: String, Hashable, Sendable, CaseIterable {
    /// Declarations and control flow.
    case fn, `return`, `if`, `else`, `for`, `in`, `while`, `break`, `continue`
    /// Logical operators, literals and `assert`.
    case and, or, not, `true`, `false`, none, assert
}

/// Operators and punctuation.
public enum Punctuation: String, Hashable, Sendable, CaseIterable {
    /// Arithmetic operators (`^` and `**` are both power).
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%", at = "@"
    case caret = "^", starStar = "**"
    /// Comparisons.
    case equalEqual = "==", bangEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
    case greaterEqual = ">="
    /// Assignment and compound assignment.
    case equal = "=", plusEqual = "+=", minusEqual = "-=", starEqual = "*=", slashEqual = "/="
    /// `++` and `--`: an error after an operand (`x++`), two signs elsewhere (`a -- b`).
    case plusPlus = "++", minusMinus = "--"
    /// Brackets.
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}"
    /// Separators.
    case comma = ",", colon = ":", dot = ".", semicolon = ";"
    /// `name?` and `name??` help requests.
    case question = "?", questionQuestion = "??"

    /// The binary operator this punctuation spells, if any (`and`/`or` are keywords).
    public var binaryOperator: BinaryOperator? {
        switch self {
        case .plus: return .add
        case .minus: return .subtract
        case .star: return .multiply
        case .slash: return .divide
        case .percent: return .remainder
        case .at: return .matmul
        case .caret, .starStar: return .power
        case .equalEqual: return .equal
        case .bangEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        default: return nil
        }
    }
}

/// One lexical token with its source span.
public struct Token: Equatable, Sendable {
    /// What was read.
    public var kind: Kind
    /// Where it was read.
    public var span: SourceSpan

    /// Creates a token.
    /// - Parameters:
    ///   - kind: The token.
    ///   - span: Its source span.
    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The kinds of token.
    public enum Kind: Equatable, Sendable {
        /// A number literal.
        case number(Double)
        /// A string literal with escapes decoded.
        case string(String)
        /// A name.
        case identifier(String)
        /// A reserved word.
        case keyword(Keyword)
        /// An operator or punctuation mark.
        case punctuation(Punctuation)
        /// The end of a line (statement end unless inside brackets or after an operator).
        case newline
        /// `%name` at the start of a line. `argument` is the raw rest of the line, or nil for
        /// `%time`/`%timeit`, whose statement is lexed as ordinary tokens that follow.
        indirect case magic(name: String, argument: String?, argumentSpan: SourceSpan)
        /// `?` or `??` at the start of a line (a help request); the payload is 1 or 2.
        case help(Int)
        /// The end of the source.
        case endOfInput
    }

    /// How the token reads in an error message, e.g. `')'`, `a new line`, `the end of the cell`.
    public var displayText: String {
        switch kind {
        case .number(let v): return "number " + NumberFormatting.text(v)
        case .string: return "a string"
        case .identifier(let n): return "'\(n)'"
        case .keyword(let k): return "'\(k.rawValue)'"
        case .punctuation(let p): return "'\(p.rawValue)'"
        case .newline: return "a new line"
        case .magic(let name, _, _): return "'%\(name)'"
        case .help(let n): return n == 1 ? "'?'" : "'??'"
        case .endOfInput: return "the end of the cell"
        }
    }
}

/// Number formatting shared by error messages and AST dumps: integral values print without
/// a trailing `.0`.
enum NumberFormatting {
    /// Formats a number the way the language prints it.
    /// - Parameter value: The number.
    /// - Returns: `3` for 3.0, `0.5` for 0.5.
    static func text(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }
}
