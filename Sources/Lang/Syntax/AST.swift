// The syntax tree of a cell: expressions. Statements are in AST+Statements.swift.
// Every node carries the span of source it came from, so errors can point at it.
// Additions only: the interpreter is built on these types.

/// A name as written in the source, with where it was written.
public struct Identifier: Hashable, Sendable {
    /// The name.
    public var name: String
    /// Where the name was written.
    public var span: SourceSpan

    /// Creates an identifier.
    /// - Parameters:
    ///   - name: The name.
    ///   - span: Where it was written.
    public init(_ name: String, span: SourceSpan) {
        self.name = name
        self.span = span
    }
}

/// A prefix operator.
public enum UnaryOperator: String, Hashable, Sendable, CaseIterable {
    /// `-x`
    case negate = "-"
    /// `+x` (no effect on numbers and tensors)
    case plus = "+"
    /// `not x`
    case not = "not"

    /// The operator as written in the source.
    public var symbol: String { rawValue }
}

/// An infix operator. `^` and `**` are both `.power`.
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    /// `+`
    case add = "+"
    /// `-`
    case subtract = "-"
    /// `*` (elementwise on tensors)
    case multiply = "*"
    /// `/`
    case divide = "/"
    /// `%` (remainder with the sign of the divisor, like Python)
    case remainder = "%"
    /// `@` (matrix product)
    case matmul = "@"
    /// `^` or `**` (right-associative)
    case power = "^"
    /// `==`
    case equal = "=="
    /// `!=`
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterEqual = ">="
    /// `and` (short-circuit)
    case and = "and"
    /// `or` (short-circuit)
    case or = "or"

    /// The operator as written in the source (`^` for power).
    public var symbol: String { rawValue }

    /// Whether this is one of the six comparisons.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
        default: return false
        }
    }
}

/// An expression with the source span it covers.
public struct Expr: Equatable, Sendable {
    /// What kind of expression this is, with its parts.
    public var kind: Kind
    /// The source the expression covers.
    public var span: SourceSpan

    /// Creates an expression node.
    /// - Parameters:
    ///   - kind: The expression.
    ///   - span: The source it covers.
    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// Where the expression starts (used for carets in error messages).
    public var location: SourceLocation { span.start }

    /// The kinds of expression.
    public indirect enum Kind: Equatable, Sendable {
        /// A number literal (all numbers are 64-bit floats).
        case number(Double)
        /// A string literal, escapes already decoded.
        case string(String)
        /// `true` or `false`.
        case bool(Bool)
        /// `none`.
        case none
        /// A variable or builtin name.
        case name(String)
        /// `[a, b, ...]`: the runtime decides between a tensor and a list.
        case list([Expr])
        /// `a, b` without brackets, on the right of `=` or after `return`: a list value that is
        /// never turned into a tensor.
        case tuple([Expr])
        /// `{a: 1, b: 2}`: a record with ordered fields.
        case record([RecordField])
        /// A prefix operator applied to an operand.
        case unary(UnaryOperator, Expr)
        /// An infix operator (`and`/`or` short-circuit).
        case binary(BinaryOperator, Expr, Expr)
        /// `f(a, b, name=c)`.
        case call(Call)
        /// `t[i, 1:3, ::2]`: the target and one item per comma.
        case index(Expr, [IndexItem])
        /// `v.name`.
        case member(Expr, Identifier)
        /// `fn(x) = x^2` or `fn(x, y) { ... }` (an anonymous function; `name` is nil).
        case function(FunctionLiteral)
        /// `if c { a } else { b }` used as a value.
        case conditional(Conditional)
    }
}

/// One field of a record literal: `name: value`.
public struct RecordField: Equatable, Sendable {
    /// The field name (a bare name or a string literal key).
    public var name: Identifier
    /// The field value.
    public var value: Expr

    /// Creates a record field.
    /// - Parameters:
    ///   - name: The field name.
    ///   - value: The field value.
    public init(name: Identifier, value: Expr) {
        self.name = name
        self.value = value
    }
}

/// A call `callee(positional..., name=value...)`.
public struct Call: Equatable, Sendable {
    /// The called expression.
    public var callee: Expr
    /// Positional arguments, in order.
    public var arguments: [Expr]
    /// Named arguments, in order; they always follow the positional ones.
    public var namedArguments: [NamedArgument]

    /// Creates a call.
    /// - Parameters:
    ///   - callee: The called expression.
    ///   - arguments: Positional arguments.
    ///   - namedArguments: Named arguments.
    public init(callee: Expr, arguments: [Expr], namedArguments: [NamedArgument]) {
        self.callee = callee
        self.arguments = arguments
        self.namedArguments = namedArguments
    }
}

/// A named argument `name=value` of a call.
public struct NamedArgument: Equatable, Sendable {
    /// The parameter name, with its location (for "unexpected keyword argument" carets).
    public var name: Identifier
    /// The argument value.
    public var value: Expr

    /// Creates a named argument.
    /// - Parameters:
    ///   - name: The parameter name.
    ///   - value: The argument value.
    public init(name: Identifier, value: Expr) {
        self.name = name
        self.value = value
    }
}

/// One comma-separated item inside `[...]` of an index expression.
public enum IndexItem: Equatable, Sendable {
    /// A plain index: a number, a tensor of indices or a mask, or a record key.
    case expression(Expr)
    /// `start:stop:step` with every part optional (`:` alone is the whole axis).
    case slice(Slice)
}

/// A slice `start:stop:step` inside an index; missing parts are nil.
public struct Slice: Equatable, Sendable {
    /// The first index, or nil for the start of the axis.
    public var start: Expr?
    /// The index after the last, or nil for the end of the axis.
    public var stop: Expr?
    /// The step, or nil for 1.
    public var step: Expr?
    /// The source the slice covers.
    public var span: SourceSpan

    /// Creates a slice.
    /// - Parameters:
    ///   - start: The first index or nil.
    ///   - stop: The end index or nil.
    ///   - step: The step or nil.
    ///   - span: The source it covers.
    public init(start: Expr?, stop: Expr?, step: Expr?, span: SourceSpan) {
        self.start = start
        self.stop = stop
        self.step = step
        self.span = span
    }
}

/// A function: `fn name(a, b=1) { ... }`, `fn name(a) = expr`, or anonymous `fn(x) = x^2`.
public struct FunctionLiteral: Equatable, Sendable {
    /// The declared name; nil for an anonymous function.
    public var name: Identifier?
    /// The parameters in order; those with defaults come last.
    public var parameters: [Parameter]
    /// The body.
    public var body: FunctionBody
    /// The whole function, from `fn` to the end of the body.
    public var span: SourceSpan

    /// Creates a function literal.
    /// - Parameters:
    ///   - name: The declared name, or nil.
    ///   - parameters: The parameters.
    ///   - body: The body.
    ///   - span: The source it covers.
    public init(name: Identifier?, parameters: [Parameter], body: FunctionBody, span: SourceSpan) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.span = span
    }
}

/// A function parameter, optionally with a default value (evaluated at each call, in the
/// defining scope).
public struct Parameter: Equatable, Sendable {
    /// The parameter name.
    public var name: Identifier
    /// The default value, or nil when the argument is required.
    public var defaultValue: Expr?

    /// Creates a parameter.
    /// - Parameters:
    ///   - name: The name.
    ///   - defaultValue: The default, or nil.
    public init(name: Identifier, defaultValue: Expr?) {
        self.name = name
        self.defaultValue = defaultValue
    }
}

/// The body of a function.
public enum FunctionBody: Equatable, Sendable {
    /// `{ ... }`: the value of the last statement is returned (or an explicit `return`).
    case block(Block)
    /// `= expr`: the one-line form.
    case expression(Expr)
}

/// `if c { ... } else if d { ... } else { ... }`, as a statement or as an expression.
/// Its value is the value of the taken branch's last statement, or none.
public struct Conditional: Equatable, Sendable {
    /// The `if` branch followed by each `else if` branch, tried in order.
    public var branches: [ConditionalBranch]
    /// The final `else` block, if any.
    public var elseBlock: Block?

    /// Creates a conditional.
    /// - Parameters:
    ///   - branches: The `if` and `else if` branches (at least one).
    ///   - elseBlock: The `else` block or nil.
    public init(branches: [ConditionalBranch], elseBlock: Block?) {
        self.branches = branches
        self.elseBlock = elseBlock
    }
}

/// One `if cond { ... }` or `else if cond { ... }` branch.
public struct ConditionalBranch: Equatable, Sendable {
    /// The condition.
    public var condition: Expr
    /// The block run when the condition is true.
    public var body: Block

    /// Creates a branch.
    /// - Parameters:
    ///   - condition: The condition.
    ///   - body: The block.
    public init(condition: Expr, body: Block) {
        self.condition = condition
        self.body = body
    }
}
