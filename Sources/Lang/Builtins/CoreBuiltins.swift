import Foundation

/// The kernel-facing and general builtins of LANGUAGE.md §5 (print, help, len, range...).
/// This file is the example every group copies: a static `group` listing `Builtin`s, each
/// declared once with its parameters, docs and implementation.
enum CoreBuiltins {
    /// The group.
    static var group: BuiltinGroup {
        BuiltinGroup(title: "Core", builtins: output + introspection + sequences + numbers)
    }

    // MARK: - Output and input

    private static var output: [Builtin] {
        [
            Builtin("print", [.variadic("values"), .optional("sep", " "), .optional("end", "\n")],
                    summary: "Write the values to standard output, separated by sep and followed by end.",
                    details: "Strings are written raw; other values in their text form.\nExample: print(\"loss\", 0.25)") { args, context in
                let text = args.rest.map(\.printText).joined(separator: try args.string("sep")) + (try args.string("end"))
                context.output.write(text, to: .stdout)
                return .none
            },
            Builtin("eprint", [.variadic("values"), .optional("sep", " "), .optional("end", "\n")],
                    summary: "Write the values to standard error, like print.") { args, context in
                let text = args.rest.map(\.printText).joined(separator: try args.string("sep")) + (try args.string("end"))
                context.output.write(text, to: .stderr)
                return .none
            },
            Builtin("display", [.variadic("values")],
                    summary: "Show each value as a separate output (figures as images, models as tables).") { args, context in
                for value in args.rest { context.output.display(context.bundle(for: value), id: nil) }
                return .none
            },
            Builtin("show", [.required("figure")],
                    summary: "Show a figure (or any value) now, as a separate output.") { args, context in
                context.output.display(context.bundle(for: args["figure"]), id: nil)
                return .none
            },
            Builtin("clear_output", [.optional("wait", false)],
                    summary: "Clear the cell's output; with wait=true, when the next output arrives.") { args, context in
                context.output.clear(wait: try args.bool("wait"))
                return .none
            },
            Builtin("input", [.optional("prompt", ""), .optional("password", false)],
                    summary: "Ask the user for a line of text and return it as a string.") { args, context in
                do {
                    return .string(try context.output.readLine(prompt: try args.string("prompt"), password: try args.bool("password")))
                } catch let error as LangError {
                    throw error
                } catch {
                    throw LangError.valueError(String(describing: error))
                }
            },
        ]
    }

    // MARK: - Introspection

    private static var introspection: [Builtin] {
        [
            Builtin("help", [.optional("name", .none)],
                    summary: "Show the help page of a builtin, function or value: help(Adam) or ?Adam.") { args, context in
                let value = args["name"]
                let text: String
                if value.isNone {
                    text = "Type help(name) or ?name for the help of a builtin, e.g. help(print).\nBuiltins: "
                        + context.registry.builtinNames.joined(separator: ", ")
                } else if case .string(let name) = value, let builtin = context.registry.builtin(named: name) {
                    text = Inspector.builtinHelp(builtin)
                } else {
                    text = Inspector.help(name: "value", value: value, detailLevel: 1)
                }
                context.page(.plainText(text))
                return .none
            },
            Builtin("type", [.required("value")],
                    summary: "The kind of a value as a string: number, bool, string, none, tensor, list, record, function, range, module...") { args, _ in
                .string(args["value"].typeName)
            },
            Builtin("str", [.required("value")],
                    summary: "The value's text form as a string (what print writes).") { args, _ in
                .string(args["value"].printText)
            },
            Builtin("time", [],
                    summary: "Seconds since 1970-01-01 as a number (subtract two calls to time code).") { _, _ in
                .number(Date().timeIntervalSince1970)
            },
        ]
    }

    // MARK: - Sequences

    private static var sequences: [Builtin] {
        [
            Builtin("len", [.required("value")],
                    summary: "The number of items of a list, string, record or range, or the first size of a tensor.") { args, _ in
                let value = args["value"]
                if case .tensor(let variable) = value, variable.value.rank == 0 {
                    throw LangError.typeError("len() of a 0-d tensor: it has no first axis; use .size for its element count")
                }
                guard let length = Iteration.length(of: value) else {
                    throw LangError.typeError("len() of a \(value.typeName): it has no length")
                }
                return .number(Double(length))
            },
            Builtin("range", [.required("start"), .optional("stop", .none), .optional("step", 1)],
                    summary: "The numbers start, start+step, ... before stop; range(n) is 0, 1, ..., n-1.",
                    details: "Like Python's range, with whole or fractional numbers. Example: for i in range(3) { print(i) }") { args, _ in
                var start = try args.number("start")
                var stop = 0.0
                if let given = try args.optionalNumber("stop") { stop = given } else { (start, stop) = (0, start) }
                let step = try args.number("step")
                guard step != 0 else { throw LangError.valueError("range() step must not be zero") }
                guard start.isFinite, stop.isFinite, step.isFinite else {
                    throw LangError.valueError("range() bounds must be finite numbers")
                }
                return .range(RangeValue(start: start, stop: stop, step: step))
            },
            Builtin("enumerate", [.required("iterable"), .optional("start", 0)],
                    summary: "Pairs [i, item] for each item: for i, x in enumerate(xs) { ... }") { args, context in
                let start = try args.number("start")
                let items = try args.items("iterable", context: context)
                return .list(LangList(items.enumerated().map { .list(LangList([.number(start + Double($0.offset)), $0.element])) }))
            },
            Builtin("zip", [.variadic("iterables")],
                    summary: "Lists of corresponding items, stopping at the shortest: for x, y in zip(xs, ys) { ... }") { args, context in
                let lists = try args.rest.map { try Iteration.items(of: $0, context: context, what: "zip() argument") }
                let count = lists.map(\.count).min() ?? 0
                return .list(LangList((0..<count).map { index in .list(LangList(lists.map { $0[index] })) }))
            },
            Builtin("list", [.optional("iterable", .none)],
                    summary: "A new list of the items of a list, range, tensor, record or string.") { args, context in
                if args.isNone("iterable") { return .list(LangList()) }
                return .list(LangList(try args.items("iterable", context: context)))
            },
            Builtin("who", [],
                    summary: "List the variables you defined, with their kinds.") { _, context in
                context.print(try context.whoTable())
                return .none
            },
        ]
    }

    // MARK: - Numbers

    private static var numbers: [Builtin] {
        [
            Builtin("round", [.required("x"), .optional("digits", 0)],
                    summary: "x rounded to the given number of decimals (half away from zero); tensors elementwise.") { args, context in
                let digits = try args.integer("digits")
                if case .tensor = args["x"] { return try tensorMember("round", args["x"], context) }
                let scale = Foundation.pow(10.0, Double(digits))
                return .number((try args.number("x") * scale).rounded() / scale)
            },
            Builtin("abs", [.required("x")],
                    summary: "The absolute value; tensors elementwise.") { args, context in
                if case .tensor = args["x"] { return try tensorMember("abs", args["x"], context) }
                return .number(Swift.abs(try args.number("x")))
            },
            Builtin("min", [.variadic("values")],
                    summary: "The smallest of several numbers, of a list, or of a tensor's elements.") { args, context in
                try extreme(args, context, name: "min", smaller: true)
            },
            Builtin("max", [.variadic("values")],
                    summary: "The largest of several numbers, of a list, or of a tensor's elements.") { args, context in
                try extreme(args, context, name: "max", smaller: false)
            },
            Builtin("number", [.required("value")],
                    summary: "A number from a string (\"2.5\"), a bool or a one-element tensor.") { args, _ in
                let value = args["value"]
                if case .string(let text) = value {
                    guard let number = Double(text.trimmingCharacters(in: .whitespaces)) else {
                        throw LangError.valueError("number() cannot read \(Value.quote(text)) as a number")
                    }
                    return .number(number)
                }
                return .number(try args.number("value"))
            },
        ]
    }

    /// Calls the tensor member `name` (registered by the tensor group) on `value`.
    private static func tensorMember(_ name: String, _ value: Value, _ context: BuiltinContext) throws -> Value {
        guard let member = context.registry.member(of: "tensor", named: name), case .method(let builtin) = member.kind else {
            throw LangError.typeError("\(name)() of a tensor is not available")
        }
        return try builtin.implementation(try ArgumentBinder.bind(builtin, positional: [], named: [], receiver: value), context)
    }

    private static func extreme(_ args: Arguments, _ context: BuiltinContext, name: String, smaller: Bool) throws -> Value {
        var values = args.rest
        if values.count == 1, let only = values.first {
            if case .tensor = only, context.registry.member(of: "tensor", named: name) != nil {
                return try tensorMember(name, only, context)
            }
            values = try Iteration.items(of: only, context: context, what: "\(name)() argument")
        }
        guard var best = values.first else { throw LangError.valueError("\(name)() of an empty sequence") }
        for value in values.dropFirst() {
            let less = try Operators.binary(.less, value, best, context: context)
            let greater = try Operators.binary(.greater, value, best, context: context)
            if try Operators.truth(smaller ? less : greater) { best = value }
        }
        return best
    }
}

extension BuiltinContext {
    /// The `who()` table: one line per user variable with its kind.
    func whoTable() throws -> String {
        guard let names = userNames?(), !names.isEmpty else { return "No variables defined.\n" }
        return names.map { "\($0.name)\t\($0.kind)" }.joined(separator: "\n") + "\n"
    }
}
