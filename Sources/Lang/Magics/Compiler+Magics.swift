extension Compiler {
    /// The magics, with a one-line description each (for errors, completion and docs).
    static let magics: [(name: String, summary: String)] = [
        ("time", "%time statement: run it once and print the wall time"),
        ("timeit", "%timeit statement: run it many times and print the median time per run"),
        ("who", "%who: list the variables you defined"),
        ("reset", "%reset: forget every variable (builtins stay)"),
        ("seed", "%seed n: seed the random generator (same as seed(n))"),
        ("format", "%format svg|png|both: choose the image formats of figures"),
    ]

    /// Compiles a magic line. `%time` yields the value of its statement when `valued`.
    func compileMagic(_ magic: Magic, span: SourceSpan, valued: Bool) throws -> Exec {
        let context = interpreter.context
        let place = place(span)
        let argument = magic.argument
        switch magic.name.name {
        case "time":
            let body = try compileBlock(magic.body ?? [], valued: valued)
            return { frame in
                let clock = ContinuousClock()
                let start = clock.now
                let flow = try body(frame)
                let elapsed = clock.now - start
                context.print("Wall time: \(MagicTiming.format(seconds: elapsed.seconds))\n")
                return flow
            }
        case "timeit":
            let body = try compileBlock(magic.body ?? [], valued: false)
            return { frame in
                let report = try MagicTiming.timeit(context: context) { _ = try body(frame) }
                context.print(report + "\n")
                if valued { frame.result = .none }
                return .next
            }
        case "who":
            let interpreter = interpreter
            return { frame in
                let names = interpreter.userNames.sorted()
                context.print(names.isEmpty ? "No variables defined.\n" : names.joined(separator: "\t") + "\n")
                if valued { frame.result = .none }
                return .next
            }
        case "reset":
            let interpreter = interpreter
            return { frame in
                interpreter.reset()
                if valued { frame.result = .none }
                return .next
            }
        case "seed":
            let interpreter = interpreter
            return { frame in
                guard let number = Double(argument), Value.exactInteger(number) != nil else {
                    throw LangError.valueError("%seed takes a whole number, e.g. %seed 0").located(place)
                }
                guard let seed = interpreter.globals["seed"] ?? interpreter.builtinValues["seed"].map({ .builtin($0) }) else {
                    throw LangError.valueError("seed() is not available in this session").located(place)
                }
                _ = try Compiler.locating(place) { try interpreter.call(seed, [.number(number)], [], place: place) }
                if valued { frame.result = .none }
                return .next
            }
        case "format":
            return { frame in
                guard let format = FigureFormat(rawValue: argument.lowercased()) else {
                    throw LangError.valueError("%format takes svg, png or both, not '\(argument)'").located(place)
                }
                context.options.figureFormat = format
                if valued { frame.result = .none }
                return .next
            }
        default:
            var message = "unknown magic %\(magic.name.name)"
            if let suggestion = NameSuggester.suggestion(for: magic.name.name, among: Compiler.magics.map(\.name)) {
                message += ". Did you mean %\(suggestion)?"
            }
            message += " Magics: " + Compiler.magics.map { "%" + $0.name }.joined(separator: ", ")
            throw LangError.valueError(message).located(self.place(magic.name.span))
        }
    }
}
