/// A mistake in the source of a cell, found by the lexer or the parser.
///
/// `description` is the sentence shown to the student after `SyntaxError: `; `location` is
/// where the caret goes.
public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, with the facts.
    public var kind: Kind
    /// Where the caret goes.
    public var location: SourceLocation
    /// True when the error was met at the end of the input, so that typing more lines could
    /// fix it (an open bracket or block, a trailing operator). Used by `completeness(of:)`.
    public var isAtEndOfInput: Bool

    /// Creates a syntax error.
    /// - Parameters:
    ///   - kind: What went wrong.
    ///   - location: Where.
    ///   - isAtEndOfInput: Whether more input could fix it.
    public init(_ kind: Kind, at location: SourceLocation, isAtEndOfInput: Bool = false) {
        self.kind = kind
        self.location = location
        self.isAtEndOfInput = isAtEndOfInput
    }

    /// The kinds of syntax error (indirect: keeps the parser's debug-build stack frames small).
    public indirect enum Kind: Equatable, Sendable {
        /// A character that starts no token.
        case unexpectedCharacter(Character)
        /// A string whose closing quote is missing on its line.
        case unterminatedString
        /// A `"""` string that never closes.
        case unterminatedTripleString
        /// A backslash escape other than `\n \t \r \0 \\ \" \'`.
        case invalidEscape(String)
        /// A malformed number such as `1.2.3` or `3x`.
        case invalidNumber(String)
        /// Something else was found where `expected` was needed.
        case expected(String, found: String)
        /// A bracket was not closed (`close` expected, `open` at `openedAt`).
        case unclosed(open: String, close: String, openedAt: SourceLocation)
        /// A closing bracket with no matching opening one.
        case unmatchedClosing(String)
        /// `if x = 1 {`.
        case assignmentInCondition
        /// `else` at the start of a line.
        case elseOnNewLine
        /// A keyword used where a name is needed.
        case keywordAsName(String)
        /// The left side of `=` cannot be assigned to.
        case invalidAssignmentTarget(String)
        /// `x++` or `x--`.
        case incrementOperator(String)
        /// `fn f(x)` with neither `{ ... }` nor `= expr`.
        case functionWithoutBody(String)
        /// `f(a=1, 2)`.
        case positionalAfterNamed
        /// `f(a=1, a=2)`.
        case duplicateNamedArgument(String)
        /// `fn f(a, a)`.
        case duplicateParameter(String)
        /// `fn f(a=1, b)`.
        case requiredAfterDefault(String)
        /// `break`/`continue` outside a loop.
        case outsideLoop(String)
        /// `return` outside a function.
        case returnOutsideFunction
        /// More nesting than the parser allows.
        case tooDeeplyNested(limit: Int)
        /// A magic line with no name (`%` alone) .
        case emptyMagic
        /// Two statements on one line with no `;` between them.
        case missingSeparator(found: String)
        /// `a < b < c`.
        case chainedComparison
        /// A Python keyword with no place here: `def`, `elif`, `lambda`, `import`, `from`.
        case pythonKeyword(String)
        /// `if x > 0:`: a Python-style block opener (the payload names the block's owner).
        case colonBlock(String)
        /// `&&`, `||`, `!`, `&`, `|` or `//`.
        case symbolOperator(String)
        /// Python's `a if c else b`.
        case conditionalExpression
        /// `[x for x in xs]`.
        case comprehension
    }

    /// The student-facing sentence.
    public var description: String {
        switch kind {
        case .unexpectedCharacter(let c):
            let shown = c.unicodeScalars.first.map { $0.properties.isWhitespace } == true
                ? "U+" + String(c.unicodeScalars.first?.value ?? 0, radix: 16, uppercase: true)
                : String(c)
            return "unexpected character '\(shown)'"
        case .unterminatedString:
            return "unterminated string: add the closing quote on the same line"
        case .unterminatedTripleString:
            return "unterminated string: a \"\"\" string needs a closing \"\"\""
        case .invalidEscape(let e):
            return "invalid escape '\(e)' in a string: use \\n \\t \\\\ \\\" or \\'"
        case .invalidNumber(let text):
            return "invalid number '\(text)'"
        case .expected(let what, let found):
            return "expected \(what), found \(found)"
        case .unclosed(let open, let close, let at):
            return "expected '\(close)' to close '\(open)' opened at \(at)"
        case .unmatchedClosing(let c):
            return "unmatched '\(c)': there is no opening '\(Self.opening(of: c))' for it"
        case .assignmentInCondition:
            return "'=' in a condition: did you mean '=='?"
        case .elseOnNewLine:
            return "unexpected 'else': an else must follow the '}' of an if on the same line"
        case .keywordAsName(let k):
            return "'\(k)' is a keyword and cannot be used as a name"
        case .invalidAssignmentTarget(let what):
            return "cannot assign to \(what)"
        case .incrementOperator(let op):
            let fix = op == "++" ? "+= 1" : "-= 1"
            return "'\(op)' is not an operator here: write 'x \(fix)'"
        case .functionWithoutBody(let name):
            return "function '\(name)' has no body: add '{ ... }' or '= expression'"
        case .positionalAfterNamed:
            return "positional argument after a named argument"
        case .duplicateNamedArgument(let n):
            return "argument '\(n)' is given twice"
        case .duplicateParameter(let n):
            return "parameter '\(n)' appears twice"
        case .requiredAfterDefault(let n):
            return "parameter '\(n)' without a default follows a parameter with a default"
        case .outsideLoop(let k):
            return "'\(k)' outside a loop"
        case .returnOutsideFunction:
            return "'return' outside a function"
        case .tooDeeplyNested(let limit):
            return "too deeply nested (more than \(limit) levels)"
        case .emptyMagic:
            return "expected a magic name after '%', e.g. %time"
        case .missingSeparator(let found):
            return "expected a new line or ';' before \(found)"
        case .chainedComparison:
            return "comparisons cannot be chained: write 'a < b and b < c'"
        case .pythonKeyword(let word):
            switch word {
            case "def": return "'def' is Python: define a function with 'fn name(x) { ... }'"
            case "elif": return "'elif' is Python: write 'else if'"
            case "lambda": return "'lambda' is Python: write 'fn(x) = expression'"
            default: return "'\(word)' is not needed: tensors, layers and plots are built in"
            }
        case .colonBlock(let owner):
            return "expected '{' to start the block of '\(owner)', found ':': blocks are written '{ ... }'"
        case .symbolOperator(let symbol):
            switch symbol {
            case "&&": return "'&&' is written 'and'"
            case "||": return "'||' is written 'or'"
            case "!": return "'!' is written 'not'"
            case "&": return "'&' is not an operator: use 'and' for booleans, or '*' to combine 0/1 masks"
            case "|": return "'|' is not an operator: use 'or' for booleans, or 'maximum(a, b)' to combine 0/1 masks"
            default: return "'\(symbol)' is not an operator: use floor(a / b)"
            }
        case .conditionalExpression:
            return "Python's 'a if c else b' is written 'if c { a } else { b }'"
        case .comprehension:
            return "list comprehensions are not supported: build the list with a for loop"
        }
    }

    private static func opening(of close: String) -> String {
        switch close {
        case ")": return "("
        case "]": return "["
        default: return "{"
        }
    }
}
