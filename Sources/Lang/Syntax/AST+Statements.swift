// The syntax tree of a cell: statements, blocks and the program.

/// A statement with the source span it covers.
public struct Statement: Equatable, Sendable {
    /// What kind of statement this is, with its parts.
    public var kind: Kind
    /// The source the statement covers.
    public var span: SourceSpan

    /// Creates a statement node.
    /// - Parameters:
    ///   - kind: The statement.
    ///   - span: The source it covers.
    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// Where the statement starts.
    public var location: SourceLocation { span.start }

    /// The kinds of statement.
    public indirect enum Kind: Equatable, Sendable {
        /// An expression evaluated for its value (the last one may be the cell's result).
        case expression(Expr)
        /// `target = value`.
        case assignment(AssignmentTarget, Expr)
        /// `target += value` (also `-=`, `*=`, `/=`): the operator is `.add`, `.subtract`,
        /// `.multiply` or `.divide`.
        case compoundAssignment(AssignmentTarget, BinaryOperator, Expr)
        /// `fn name(params) { ... }` or `fn name(params) = expr` (the literal has a name).
        case function(FunctionLiteral)
        /// `return` or `return expr`.
        case returnValue(Expr?)
        /// `if ... { } else if ... { } else { }` as a statement; its value is the value of the
        /// taken branch (so a cell or function ending with it yields that value).
        case conditional(Conditional)
        /// `for x in e { }` or `for i, x in e { }`.
        case forIn(ForLoop)
        /// `while cond { }`.
        case whileLoop(condition: Expr, body: Block)
        /// `break`.
        case breakLoop
        /// `continue`.
        case continueLoop
        /// `assert cond` or `assert cond, message`.
        case assert(condition: Expr, message: Expr?)
        /// `no_grad { ... }`.
        case noGrad(Block)
        /// A line `%name rest-of-line`.
        case magic(Magic)
        /// `?name`, `??name` or `name?`: a help request.
        case help(HelpRequest)
    }
}

/// What an assignment writes to.
public enum AssignmentTarget: Equatable, Sendable {
    /// `x = ...`
    case name(Identifier)
    /// `a, b = ...` (only plain names; not allowed with compound assignment).
    case destructure([Identifier])
    /// `t[i, j] = ...`: the indexed expression and the index items.
    case index(Expr, [IndexItem])
    /// `r.name = ...`: the receiver and the member name.
    case member(Expr, Identifier)
}

/// A braced block of statements `{ ... }`.
public struct Block: Equatable, Sendable {
    /// The statements, in order.
    public var statements: [Statement]
    /// The source from `{` to `}` inclusive.
    public var span: SourceSpan

    /// Creates a block.
    /// - Parameters:
    ///   - statements: The statements.
    ///   - span: The source it covers.
    public init(statements: [Statement], span: SourceSpan) {
        self.statements = statements
        self.span = span
    }
}

/// `for x in iterable { ... }` or `for i, x in iterable { ... }`.
public struct ForLoop: Equatable, Sendable {
    /// One or two loop variables (two destructure each item, e.g. with `enumerate`).
    public var variables: [Identifier]
    /// The iterated expression.
    public var iterable: Expr
    /// The loop body.
    public var body: Block

    /// Creates a for loop.
    /// - Parameters:
    ///   - variables: The loop variables.
    ///   - iterable: The iterated expression.
    ///   - body: The body.
    public init(variables: [Identifier], iterable: Expr, body: Block) {
        self.variables = variables
        self.iterable = iterable
        self.body = body
    }
}

/// A magic line `%name argument`.
public struct Magic: Equatable, Sendable {
    /// The magic's name without `%` (e.g. `time`, `seed`).
    public var name: Identifier
    /// The rest of the line (or, for `%time`/`%timeit`, the source of the timed statement),
    /// trimmed of surrounding spaces.
    public var argument: String
    /// Where the argument is in the source.
    public var argumentSpan: SourceSpan
    /// For `%time` and `%timeit`: the parsed timed statement(s); nil for other magics.
    public var body: [Statement]?

    /// Creates a magic.
    /// - Parameters:
    ///   - name: The magic name.
    ///   - argument: The argument text.
    ///   - argumentSpan: Where the argument is.
    ///   - body: The parsed statement for `%time`/`%timeit`, else nil.
    public init(name: Identifier, argument: String, argumentSpan: SourceSpan, body: [Statement]?) {
        self.name = name
        self.argument = argument
        self.argumentSpan = argumentSpan
        self.body = body
    }
}

/// A help request: `?Adam`, `??t.sum` or `Adam?`.
public struct HelpRequest: Equatable, Sendable {
    /// The name or member chain asked about.
    public var target: Expr
    /// The target as written, e.g. `t.sum`.
    public var text: String
    /// 1 for `?`, 2 for `??` (more detail, like IPython).
    public var detailLevel: Int

    /// Creates a help request.
    /// - Parameters:
    ///   - target: The name or member chain.
    ///   - text: Its source text.
    ///   - detailLevel: 1 or 2.
    public init(target: Expr, text: String, detailLevel: Int) {
        self.target = target
        self.text = text
        self.detailLevel = detailLevel
    }
}

/// A parsed cell.
public struct Program: Equatable, Sendable {
    /// The statements, in order.
    public var statements: [Statement]
    /// True when the last statement ends with `;`: the cell shows no result.
    public var suppressesDisplay: Bool

    /// Creates a program.
    /// - Parameters:
    ///   - statements: The statements.
    ///   - suppressesDisplay: Whether the last statement ended with `;`.
    public init(statements: [Statement], suppressesDisplay: Bool) {
        self.statements = statements
        self.suppressesDisplay = suppressesDisplay
    }
}
