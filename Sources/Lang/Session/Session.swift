import Foundation

/// A notebook session: one global scope shared by all cells, the builtins, the options set by
/// magics, and the interrupt flag. The kernel and the `run` command both drive it.
///
/// ```swift
/// let session = Session()
/// let outcome = session.execute("x = 1 + 2\nx", cellName: "In[1]", output: sink)
/// // .ok(result: text/plain "3", pages: [])
/// ```
public final class Session {
    /// The language's version, for `kernel_info`.
    public static let languageVersion = "0.1.0"

    /// The stack size of the thread each cell runs on, so deep recursion ends in a
    /// RecursionError long before the native stack overflows.
    static let cellStackSize = 512 << 20

    let interpreter: Interpreter
    private let interruptFlag = InterruptFlag()

    /// Creates a session with every builtin group.
    public convenience init() {
        self.init(registry: BuiltinRegistry())
    }

    /// Creates a session with the given builtins.
    /// - Parameter registry: the builtins and members.
    public init(registry: BuiltinRegistry) {
        interpreter = Interpreter(registry: registry, interruptFlag: interruptFlag)
    }

    deinit {
        // Functions hold closures that hold the globals: break the cycle.
        interpreter.globals.clear()
        interpreter.context.caller = nil
        interpreter.context.userNames = nil
    }

    /// The session's builtins.
    public var registry: BuiltinRegistry { interpreter.registry }

    /// The session's options (figure format...).
    public var options: SessionOptions { interpreter.context.options }

    /// Runs a cell.
    /// - Parameters:
    ///   - code: the cell's source.
    ///   - cellName: e.g. `In[3]` (kernel) or a file path (`run`), used in tracebacks.
    ///   - output: where the cell publishes while it runs (called from the cell's thread).
    /// - Returns: the result to show, or the error with its traceback.
    public func execute(_ code: String, cellName: String, output: any OutputSink) -> CellOutcome {
        run(code, cellName: cellName, output: output, expressionOnly: false)
    }

    /// Evaluates one expression for a frontend (the `user_expressions` of an execute request):
    /// nothing is published, and the value's bundle is returned even when it is `None`.
    ///
    /// A statement (an assignment, a loop) is refused with a SyntaxError, so a frontend's
    /// watch expression cannot change the user's variables by mistake; an expression that
    /// calls a function runs it, as in ipykernel.
    /// - Parameter expression: the expression's source, e.g. `len(data)`.
    /// - Returns: the value's bundle, or the error with its traceback.
    public func evaluate(_ expression: String) -> CellOutcome {
        run(expression, cellName: "<user_expression>", output: NullSink(), expressionOnly: true)
    }

    /// Runs `code` on the cell's large stack; with `expressionOnly`, `code` must be one
    /// expression and its value is always returned.
    private func run(_ code: String, cellName: String, output: any OutputSink, expressionOnly: Bool) -> CellOutcome {
        interruptFlag.clear()
        let source = CellSource(name: cellName, text: code)
        let context = interpreter.context
        let interpreter = interpreter
        context.output = output
        context.pages = []
        interpreter.callDepth = 0
        let frame = interpreter.topFrame
        frame.result = .none
        // Parsing, compiling (both recursive over the tree), running and rendering the result
        // (text forms of deep values recurse too) all happen on the cell's large stack.
        let (error, bundle): (LangError?, RichBundle?) = Session.onLargeStack {
            let program: Program
            do {
                program = try Parser.parse(code)
            } catch let error as SyntaxError {
                return (Session.syntaxError(error, source: source), nil)
            } catch {
                return (LangError.from(error), nil)
            }
            if expressionOnly && !Session.isSingleExpression(program) {
                return (LangError(.syntax, "a user expression must be one expression, such as `loss` or `len(data)`, not a statement"), nil)
            }
            do {
                let exec = try Compiler(interpreter: interpreter, source: source).compile(program)
                _ = try exec(frame)
            } catch {
                return (LangError.from(error), nil)
            }
            let result = frame.result
            if expressionOnly { return (nil, context.bundle(for: result)) }
            guard Session.showsResult(program), !result.isNone else { return (nil, nil) }
            return (nil, context.bundle(for: result))
        }
        frame.result = .none
        let pages = context.pages
        context.pages = []
        context.output = NullSink()
        context.gradEnabled = true
        if let error { return failure(error) }
        return .ok(result: bundle, pages: pages)
    }

    /// Asks the running cell to stop with `Interrupted` at its next loop back-edge or call.
    /// Thread-safe: call it from any thread.
    public func interrupt() { interruptFlag.set() }

    /// The session's interrupt flag, a `Sendable` handle that another thread (a control
    /// socket, a signal handler's watcher) can keep and `set()` without touching the session.
    public var interruptHandle: InterruptFlag { interruptFlag }

    /// Forgets every variable and option (`%reset`); builtins stay.
    public func reset() { interpreter.reset() }

    /// Whether `code` is ready to run (the `is_complete` request).
    /// - Parameter code: the text typed so far.
    /// - Returns: complete, incomplete with the next line's indent, or invalid.
    public func isComplete(_ code: String) -> CompletenessVerdict { completeness(of: code) }

    /// The names the user defined, sorted.
    public var variableNames: [String] { interpreter.userNames.sorted() }

    /// The value of a global variable, if defined (for tests and tools).
    /// - Parameter name: the variable.
    /// - Returns: its value, or nil.
    public func value(of name: String) -> Value? { interpreter.globals[name] }

    // MARK: - Helpers

    private func failure(_ error: LangError) -> CellOutcome {
        let formatted = TracebackFormatter(colors: true).format(error)
        return .error(kind: formatted.name, message: formatted.message, traceback: formatted.traceback)
    }

    /// The LangError for a parse error.
    static func syntaxError(_ error: SyntaxError, source: CellSource) -> LangError {
        var end = error.location
        end.column += 1
        end.offset += 1
        return LangError(.syntax, error.description)
            .located(SourcePlace(source: source, span: SourceSpan(start: error.location, end: end)))
    }

    /// Whether the cell's last statement yields a value to show.
    static func showsResult(_ program: Program) -> Bool {
        guard !program.suppressesDisplay, let last = program.statements.last else { return false }
        switch last.kind {
        case .expression, .conditional: return true
        case .magic(let magic): return magic.name.name == "time"
        default: return false
        }
    }

    /// Whether the program is exactly one expression statement.
    static func isSingleExpression(_ program: Program) -> Bool {
        guard program.statements.count == 1, let only = program.statements.first,
              case .expression = only.kind else { return false }
        return true
    }

    /// Runs `body` on a thread with a large stack and waits for it.
    static func onLargeStack<T>(_ body: () -> T) -> T {
        withoutActuallyEscaping(body) { escapable in
            let box = ThreadBox(escapable)
            LargeStackThread.run(stackSizes: [cellStackSize, 64 << 20]) {
                box.result = box.body?()
                box.body = nil  // the closure must not outlive withoutActuallyEscaping
            }
            // Every stack size refused (a strict overcommit policy): run here instead.
            if box.result == nil, let body = box.body {
                box.result = body()
                box.body = nil
            }
            guard let result = box.result else { preconditionFailure("cell thread ended without a result") }
            return result
        }
    }
}

/// Carries a cell's closure and result across the thread boundary. The calling thread waits
/// for the cell thread, so the two never touch it at the same time.
private final class ThreadBox<T>: @unchecked Sendable {
    var body: (() -> T)?
    var result: T?
    init(_ body: @escaping () -> T) { self.body = body }
}

extension Session {
    /// Completions at `cursor`: names in scope, builtins and keywords by prefix; members after
    /// `.`; named arguments inside a call (`Adam(params, l` offers `lr=`). Nothing is run.
    /// - Parameters:
    ///   - code: the cell text.
    ///   - cursor: the cursor, in Unicode scalars.
    /// - Returns: the matches and the range they replace (Unicode scalars).
    public func complete(_ code: String, cursor: Int) -> CompletionResult {
        Completer(interpreter: interpreter).complete(code, cursor: cursor)
    }

    /// Help for the name at `cursor`: registry docs for builtins and members, a summary for
    /// variables.
    /// - Parameters:
    ///   - code: the cell text.
    ///   - cursor: the cursor, in Unicode scalars.
    ///   - detailLevel: 0 for a summary, 1 or more for more detail.
    /// - Returns: a bundle with `text/plain`, or nil when there is nothing to show.
    public func inspect(_ code: String, cursor: Int, detailLevel: Int) -> RichBundle? {
        Completer(interpreter: interpreter).inspect(code, cursor: cursor, detailLevel: detailLevel)
    }
}
