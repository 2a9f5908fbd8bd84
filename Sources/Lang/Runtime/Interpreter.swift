/// The running state of a session's language: global variables, the builtin context, the
/// call depth, and the machinery to call functions and builtins.
final class Interpreter {
    /// The deepest nesting of function calls before a RecursionError.
    static let maxCallDepth = 1000

    /// The global variables (builtins pre-assigned).
    let globals = Globals()
    /// The builtins and members.
    let registry: BuiltinRegistry
    /// What builtins see.
    let context: BuiltinContext
    /// The builtin values installed as globals, by name (to tell user variables apart).
    private(set) var builtinValues: [String: BoundBuiltin] = [:]
    /// The current depth of function calls (no dynamic exclusivity checks: it is only touched
    /// by the cell's thread, around each call).
    @exclusivity(unchecked) var callDepth = 0
    /// The frame top-level code runs in (it has no slots: top-level names are globals).
    let topFrame = Frame.make(slotCount: 0, parent: nil)

    /// Creates an interpreter.
    /// - Parameters:
    ///   - registry: the builtins.
    ///   - interruptFlag: the flag checked at loop back-edges and calls.
    init(registry: BuiltinRegistry, interruptFlag: InterruptFlag) {
        self.registry = registry
        self.context = BuiltinContext(registry: registry, interruptFlag: interruptFlag, output: NullSink())
        context.caller = { [unowned self] callee, arguments, named in
            try self.call(callee, arguments, named, place: nil)
        }
        context.userNames = { [unowned self] in
            self.userNames.map { ($0, self.globals[$0]?.typeName ?? "none") }
        }
        installBuiltins()
    }

    /// Assigns every builtin to its global name.
    func installBuiltins() {
        for (name, builtin) in registry.builtins {
            let bound = BoundBuiltin(builtin)
            builtinValues[name] = bound
            globals[name] = .builtin(bound)
        }
    }

    /// Forgets every variable and session state, keeping the builtins (`%reset`).
    func reset() {
        globals.clear()
        context.resetStates()
        context.options = SessionOptions()
        installBuiltins()
    }

    /// The names the user defined (not the untouched builtins), in definition order.
    var userNames: [String] {
        globals.definedNames.filter { name in
            if case .builtin(let bound)? = globals[name], bound === builtinValues[name] { return false }
            return true
        }
    }

    // MARK: - Calls

    /// Calls any callable value.
    /// - Parameters:
    ///   - callee: the function, builtin or callable object.
    ///   - positional: positional arguments.
    ///   - named: named arguments.
    ///   - place: where the call is written (nil when a builtin calls back).
    /// - Returns: the result.
    /// - Throws: `LangError`.
    func call(_ callee: Value, _ positional: [Value], _ named: [(String, Value)], place: SourcePlace?) throws -> Value {
        switch callee {
        case .function(let function):
            return try callFunction(function, positional, named, place: place)
        case .builtin(let bound):
            let arguments = try ArgumentBinder.bind(
                bound.builtin, positional: positional, named: named, receiver: bound.receiver ?? .none)
            return try bound.builtin.implementation(arguments, context)
        case .object(let object):
            guard let callable = object as? any CallableObject else { break }
            return try callable.call(positional, named: named, context: context)
        default: break
        }
        throw LangError.typeError("\(callee.typeName) is not callable")
    }

    /// Calls a language function: binds arguments into a new frame, runs the body, and on an
    /// error adds the function's frame to the traceback.
    /// - Parameters:
    ///   - function: the function.
    ///   - positional: positional arguments.
    ///   - named: named arguments.
    ///   - place: where the call is written.
    /// - Returns: the function's value.
    /// - Throws: `LangError`.
    func callFunction(_ function: LangFunction, _ positional: [Value], _ named: [(String, Value)], place: SourcePlace?) throws -> Value {
        let frame = Frame.make(slotCount: function.slotCount, parent: function.definingFrame)
        let parameterCount = function.parameterNames.count
        if positional.count > parameterCount {
            throw LangError.typeError(
                "\(function.name)() takes \(plural(parameterCount, "argument")) but \(positional.count) were given; signature: \(function.signature)")
        }
        for index in positional.indices { frame[index] = positional[index] }
        for (name, value) in named {
            guard let index = function.parameterNames.firstIndex(of: name) else {
                throw ArgumentBinder.unexpected(name, callee: function.name, signature: function.signature,
                                                candidates: function.parameterNames)
            }
            if frame[index] != nil {
                throw LangError.typeError("\(function.name)() got multiple values for argument '\(name)'; signature: \(function.signature)")
            }
            frame[index] = value
        }
        if positional.count < parameterCount {
            for index in positional.count..<parameterCount where frame[index] == nil {
                guard let makeDefault = function.defaults[index] else {
                    throw LangError.typeError(
                        "\(function.name)() missing required argument '\(function.parameterNames[index])'; signature: \(function.signature)")
                }
                frame[index] = try makeDefault.run(function.defaultsFrame)
            }
        }
        return try run(function, in: frame, place: place)
    }

    /// Runs a function whose arguments are already bound into `frame`: checks the call depth
    /// and the interrupt flag, runs the body, and on an error adds the function's frame.
    /// - Parameters:
    ///   - function: the function.
    ///   - frame: its new frame, parameters assigned.
    ///   - place: where the call is written.
    /// - Returns: the function's value.
    /// - Throws: `LangError`.
    func run(_ function: LangFunction, in frame: Frame, place: SourcePlace?) throws -> Value {
        if callDepth >= Interpreter.maxCallDepth {
            throw LangError(.recursion,
                "maximum recursion depth (\(Interpreter.maxCallDepth)) exceeded in \(function.name)(): does the function always reach a case that stops calling itself?")
        }
        try context.checkInterrupt()
        callDepth += 1
        defer { callDepth -= 1 }
        do {
            _ = try function.body(frame)
        } catch {
            var langError = LangError.from(error)
            if langError.kind != .recursion || langError.frames.count < 8 {
                langError = langError.unwound(through: function.name, calledAt: place)
            } else {
                langError.place = place
                langError.omittedFrames += 1
            }
            throw langError
        }
        return frame.result
    }

    private func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}

/// An object that can be called like a function (`model(X)`).
public protocol CallableObject: LangObject {
    /// Calls the object.
    /// - Parameters:
    ///   - arguments: positional arguments.
    ///   - named: named arguments.
    ///   - context: the session context.
    /// - Returns: the result.
    /// - Throws: `LangError` or engine errors.
    func call(_ arguments: [Value], named: [(String, Value)], context: BuiltinContext) throws -> Value
}
