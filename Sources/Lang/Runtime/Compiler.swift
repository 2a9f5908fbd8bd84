/// Evaluates an expression in a frame.
typealias Eval = (Frame) throws -> Value
/// Runs a statement in a frame and says how it ended.
typealias Exec = (Frame) throws -> Flow
/// Stores a value into a variable.
typealias Store = (Frame, Value) -> Void

/// A compiled statement in a class, so that arrays of statements call it directly (closures
/// kept in arrays, tuples or generics go through reabstraction thunks on every call; removing
/// them was most of the 252 ms -> 22 ms gain on the 1e6-iteration loop, see SlotStorage.swift).
final class ExecBox {
    let run: Exec
    init(_ run: @escaping Exec) { self.run = run }
}

/// A compiled expression in a class (see `ExecBox`).
final class EvalBox {
    let run: Eval
    init(_ run: @escaping Eval) { self.run = run }
}

/// A compiled variable store in a class (see `ExecBox`).
final class StoreBox {
    let run: Store
    init(_ run: @escaping Store) { self.run = run }
}

/// A compiled `if`/`else if` branch.
final class BranchBox {
    let test: (Frame) throws -> Bool
    let body: Exec
    init(test: @escaping (Frame) throws -> Bool, body: @escaping Exec) {
        self.test = test
        self.body = body
    }
}

/// Turns a parsed cell into closures with every name resolved to a slot (locals of the
/// function, locals of enclosing functions, or globals), so running does no dictionary
/// look-ups. One compiler compiles one cell; functions defined in it keep their closures.
final class Compiler {
    /// The session's interpreter (globals, context, calls).
    let interpreter: Interpreter
    /// The cell being compiled, for tracebacks.
    let source: CellSource
    /// The function scope being compiled; nil at top level.
    var scope: Scope?
    /// Loops enclosing top-level code being compiled.
    var topLoopDepth = 0
    /// Inside an `if` used as an expression, where `return`, `break` and `continue` cannot go.
    var inConditionalExpression = false

    /// Creates a compiler for one cell.
    /// - Parameters:
    ///   - interpreter: the session's interpreter.
    ///   - source: the cell.
    init(interpreter: Interpreter, source: CellSource) {
        self.interpreter = interpreter
        self.source = source
    }

    /// A place in this cell.
    func place(_ span: SourceSpan) -> SourcePlace { SourcePlace(source: source, span: span) }

    /// A SyntaxError at `span`, for mistakes found while compiling.
    func syntaxError(_ message: String, at span: SourceSpan) -> LangError {
        LangError(.syntax, message).located(place(span))
    }

    /// Compiles a cell's statements; the last one yields the cell's value into
    /// `Frame.result` when it is an expression (or an `if`).
    /// - Parameter program: the parsed cell.
    /// - Returns: the runnable cell.
    /// - Throws: SyntaxError for misplaced `return`, `break` or `continue`.
    func compile(_ program: Program) throws -> Exec {
        try compileBlock(program.statements, valued: true)
    }

    // MARK: - Blocks

    /// Compiles statements run in order; with `valued`, the last one sets `Frame.result`.
    func compileBlock(_ statements: [Statement], valued: Bool) throws -> Exec {
        let last = statements.count - 1
        switch statements.count {
        case 0:
            if valued { return { frame in frame.result = .none; return .next } }
            return { _ in .next }
        case 1:
            return try compileStatement(statements[0], valued: valued)
        case 2:
            let first = try compileStatement(statements[0], valued: false)
            let second = try compileStatement(statements[1], valued: valued)
            return { frame in
                let flow = try first(frame)
                guard case .next = flow else { return flow }
                return try second(frame)
            }
        default:
            var boxes: [ExecBox] = []
            for (index, statement) in statements.enumerated() {
                boxes.append(ExecBox(try compileStatement(statement, valued: valued && index == last)))
            }
            return { frame in
                for box in boxes {
                    let flow = try box.run(frame)
                    guard case .next = flow else { return flow }
                }
                return .next
            }
        }
    }

    // MARK: - Statements

    /// Compiles one statement.
    func compileStatement(_ statement: Statement, valued: Bool) throws -> Exec {
        switch statement.kind {
        case .expression(let expr):
            let eval = try compileExpr(expr)
            if valued { return { frame in frame.result = try eval(frame); return .next } }
            return { frame in _ = try eval(frame); return .next }
        case .conditional(let conditional):
            return try compileConditionalStatement(conditional, valued: valued)
        case .magic(let magic):
            return try compileMagic(magic, span: statement.span, valued: valued)
        default:
            let exec = try compilePlainStatement(statement)
            guard valued else { return exec }
            return { frame in
                let flow = try exec(frame)
                if case .next = flow { frame.result = .none }
                return flow
            }
        }
    }

    private func compilePlainStatement(_ statement: Statement) throws -> Exec {
        switch statement.kind {
        case .expression, .conditional:
            preconditionFailure("handled by compileStatement")
        case .assignment(let target, let value):
            return try compileAssignment(target, value, span: statement.span)
        case .compoundAssignment(let target, let op, let value):
            return try compileCompoundAssignment(target, op, value, span: statement.span)
        case .function(let literal):
            let make = try compileFunction(literal)
            guard let name = literal.name else { return { frame in _ = try make(frame); return .next } }
            let store = storeName(name.name)
            return { frame in store(frame, try make(frame)); return .next }
        case .returnValue(let expr):
            guard scope != nil else { throw syntaxError("'return' outside a function", at: statement.span) }
            if inConditionalExpression {
                throw syntaxError("'return' cannot be used inside an if expression: use an if statement", at: statement.span)
            }
            guard let expr else { return { frame in frame.result = .none; return .returned } }
            let eval = try compileExpr(expr)
            return { frame in frame.result = try eval(frame); return .returned }
        case .forIn(let loop):
            return try compileFor(loop, span: statement.span)
        case .whileLoop(let condition, let body):
            return try compileWhile(condition, body)
        case .breakLoop:
            try checkInLoop("break", statement.span)
            return { _ in .breakLoop }
        case .continueLoop:
            try checkInLoop("continue", statement.span)
            return { _ in .continueLoop }
        case .assert(let condition, let message):
            return try compileAssert(condition, message, span: statement.span)
        case .noGrad(let block):
            let body = try compileBlock(block.statements, valued: false)
            let context = interpreter.context
            return { frame in
                let saved = context.gradEnabled
                context.gradEnabled = false
                TensorOperators.setGradEnabled(false, context: context)
                defer {
                    context.gradEnabled = saved
                    TensorOperators.setGradEnabled(saved, context: context)
                }
                return try body(frame)
            }
        case .magic(let magic):
            return try compileMagic(magic, span: statement.span, valued: false)
        case .help(let request):
            return try compileHelp(request, span: statement.span)
        }
    }

    private func checkInLoop(_ keyword: String, _ span: SourceSpan) throws {
        let depth = scope?.loopDepth ?? topLoopDepth
        if depth == 0 { throw syntaxError("'\(keyword)' outside a loop", at: span) }
        if inConditionalExpression {
            throw syntaxError("'\(keyword)' cannot be used inside an if expression: use an if statement", at: span)
        }
    }

    /// Compiles a loop body with the loop depth raised (for `break`/`continue` checks).
    func compileLoopBody(_ block: Block) throws -> Exec {
        if let scope {
            scope.loopDepth += 1
            defer { scope.loopDepth -= 1 }
            return try compileBlock(block.statements, valued: false)
        }
        topLoopDepth += 1
        defer { topLoopDepth -= 1 }
        return try compileBlock(block.statements, valued: false)
    }

    private func compileConditionalStatement(_ conditional: Conditional, valued: Bool) throws -> Exec {
        let elseBlock: Exec
        if let block = conditional.elseBlock {
            elseBlock = try compileBlock(block.statements, valued: valued)
        } else if valued {
            elseBlock = { frame in frame.result = .none; return .next }
        } else {
            elseBlock = { _ in .next }
        }
        if conditional.branches.count == 1 {
            let test = try compileCondition(conditional.branches[0].condition)
            let body = try compileBlock(conditional.branches[0].body.statements, valued: valued)
            return { frame in try test(frame) ? try body(frame) : try elseBlock(frame) }
        }
        var branches: [BranchBox] = []
        for branch in conditional.branches {
            branches.append(BranchBox(test: try compileCondition(branch.condition),
                                      body: try compileBlock(branch.body.statements, valued: valued)))
        }
        return { frame in
            for branch in branches {
                if try branch.test(frame) { return try branch.body(frame) }
            }
            return try elseBlock(frame)
        }
    }

    /// Compiles a condition to a Bool (truthiness, with a fast path for bools).
    func compileCondition(_ expr: Expr) throws -> (Frame) throws -> Bool {
        let eval = try compileExpr(expr)
        let place = place(expr.span)
        return { frame in try Compiler.truth(of: try eval(frame), at: place) }
    }

    /// The truth of a condition's value (`if`, `while`, `assert`, `and`, `or`), with a fast path
    /// for bools; an error (an ambiguous tensor) is located at `place`.
    @inline(__always)
    static func truth(of value: Value, at place: SourcePlace) throws -> Bool {
        if case .bool(let flag) = value { return flag }
        do { return try Operators.truth(value) } catch { throw LangError.from(error).located(place) }
    }

    /// Runs `body`, locating an error it throws at `place` (an error that already has a place
    /// keeps it).
    @inline(__always)
    static func locating<T>(_ place: SourcePlace, _ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw LangError.from(error).located(place) }
    }

    private func compileAssert(_ condition: Expr, _ message: Expr?, span: SourceSpan) throws -> Exec {
        let test = try compileCondition(condition)
        let messageEval = try message.map { try compileExpr($0) }
        let place = place(span)
        let conditionText = sourceText(of: condition.span)
        return { frame in
            if try test(frame) { return .next }
            let text: String
            if let messageEval {
                text = try messageEval(frame).printText
            } else {
                text = conditionText.map { "\($0) is false" } ?? "the assertion is false"
            }
            throw LangError(.assertion, text).located(place)
        }
    }

    /// The source text a one-line span covers.
    func sourceText(of span: SourceSpan) -> String? {
        guard span.start.line == span.end.line, let line = source.line(span.start.line) else { return nil }
        let scalars = Array(line.unicodeScalars)
        let from = span.start.column - 1, to = min(span.end.column - 1, scalars.count)
        guard from >= 0, from < to else { return nil }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[from..<to])
        return text
    }
}
