import Synchronization

/// The options a session keeps across cells (changed by magics such as `%format`).
public struct SessionOptions: Sendable {
    /// Which image formats figures carry.
    public var figureFormat: FigureFormat = .both

    /// Default options.
    public init() {}
}

/// A thread-safe interrupt flag: any thread sets it, the running cell checks it at loop
/// back-edges and calls.
public final class InterruptFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Creates a cleared flag.
    public init() {}

    /// Sets the flag (any thread).
    public func set() { flag.store(true, ordering: .relaxed) }
    /// Clears the flag.
    public func clear() { flag.store(false, ordering: .relaxed) }
    /// Whether the flag is set.
    public var isSet: Bool { flag.load(ordering: .relaxed) }
}

/// What a builtin may use while it runs: the output sink, session options, grad mode, the
/// interrupt check, and calls back into the language (for builtins that take functions, like
/// `grad(f)` or `fit(..., loss=cross_entropy)`).
///
/// One context lives as long as its session. Modules that need session-wide state (the random
/// generator, a display counter) keep it with `state(_:)` instead of globals.
public final class BuiltinContext {
    /// Where the running cell publishes.
    public internal(set) var output: any OutputSink
    /// The session's options.
    public var options = SessionOptions()
    /// False inside `no_grad { }`: operations are not recorded for autograd.
    public internal(set) var gradEnabled = true
    /// The registry of builtins and members.
    public let registry: BuiltinRegistry
    /// The session's interrupt flag.
    public let interruptFlag: InterruptFlag
    /// Help pages produced by the running cell (the `page` payload).
    var pages: [RichBundle] = []
    /// Calls a language value; installed by the interpreter.
    var caller: ((Value, [Value], [(String, Value)]) throws -> Value)?
    /// The user's variables with their kinds; installed by the interpreter.
    var userNames: (() -> [(name: String, kind: String)])?
    private var states: [ObjectIdentifier: AnyObject] = [:]
    private var displayCounter = 0

    /// Creates a context.
    /// - Parameters:
    ///   - registry: the builtins.
    ///   - interruptFlag: the session's interrupt flag.
    ///   - output: the initial sink.
    init(registry: BuiltinRegistry, interruptFlag: InterruptFlag, output: any OutputSink) {
        self.registry = registry
        self.interruptFlag = interruptFlag
        self.output = output
    }

    /// Throws `Interrupted` when the user asked to stop. Long-running builtins (`fit`) call it
    /// between steps.
    /// - Throws: `LangError` of kind `Interrupted`.
    public func checkInterrupt() throws {
        if interruptFlag.isSet { throw LangError(.interrupted, "the cell was interrupted") }
    }

    /// Calls a function value (a language function, a builtin or a callable object).
    /// - Parameters:
    ///   - callee: what to call.
    ///   - arguments: positional arguments.
    ///   - named: named arguments.
    /// - Returns: the result.
    /// - Throws: whatever the call throws, as a `LangError`.
    public func call(_ callee: Value, _ arguments: [Value], named: [(String, Value)] = []) throws -> Value {
        guard let caller else { throw LangError.typeError("cannot call functions outside a running session") }
        return try caller(callee, arguments, named)
    }

    /// The session-wide state object of type `T`, made by `make` the first time.
    /// - Parameters:
    ///   - type: the state's class.
    ///   - make: creates it.
    /// - Returns: the one instance for this session.
    public func state<T: AnyObject>(_ type: T.Type, make: () -> T) -> T {
        let key = ObjectIdentifier(type)
        if let existing = states[key] as? T { return existing }
        let made = make()
        states[key] = made
        return made
    }

    /// Forgets every state object (`%reset`).
    func resetStates() { states = [:] }

    /// A fresh display id for `OutputSink.display(_:id:)` and later updates.
    /// - Returns: an id unique in this session.
    public func newDisplayID() -> String {
        displayCounter += 1
        return "swift-nn-display-\(displayCounter)"
    }

    /// Shows `bundle` in the display `id` names, first making that display (and setting `id`)
    /// when `id` is nil: for output shown once and then updated in place (live figures,
    /// progress lines).
    /// - Parameters:
    ///   - bundle: the output.
    ///   - id: the display's id, nil before the first call.
    func show(_ bundle: RichBundle, inDisplay id: inout String?) {
        if let id {
            output.update(bundle, id: id)
        } else {
            let newID = newDisplayID()
            id = newID
            output.display(bundle, id: newID)
        }
    }

    /// Writes text to the cell's standard output.
    /// - Parameter text: the text.
    public func print(_ text: String) { output.write(text, to: .stdout) }

    /// The bundle showing `value` under the session's options: rich forms for objects,
    /// `text/plain` for everything.
    /// - Parameter value: the value.
    /// - Returns: the bundle.
    public func bundle(for value: Value) -> RichBundle {
        if case .object(let object) = value, let rich = object.richBundle(format: options.figureFormat) {
            return rich
        }
        return .plainText(value.reprText)
    }

    /// Adds a help page for the frontend's pager.
    /// - Parameter bundle: the page.
    public func page(_ bundle: RichBundle) { pages.append(bundle) }
}

/// A sink that drops everything (used when no cell is running).
final class NullSink: OutputSink {
    func write(_ text: String, to stream: OutputStreamKind) {}
    func display(_ bundle: RichBundle, id: String?) {}
    func update(_ bundle: RichBundle, id: String) {}
    func clear(wait: Bool) {}
    func readLine(prompt: String, password: Bool) throws -> String {
        throw LangError.valueError("input() is not available here")
    }
}
