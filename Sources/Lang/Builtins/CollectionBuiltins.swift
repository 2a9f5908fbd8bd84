import Foundation

/// Members of lists, strings and records, and `sorted`.
enum CollectionBuiltins {
    /// The group.
    static var group: BuiltinGroup {
        BuiltinGroup(title: "Lists and strings", builtins: builtins, members: listMembers + stringMembers)
    }

    private static var builtins: [Builtin] {
        [
            Builtin("sorted", [.required("items"), .optional("reverse", false)],
                    summary: "A new list of the items in increasing order (numbers or strings).") { args, context in
                let items = try args.items("items", context: context)
                var failure: (any Error)?
                let sorted = items.sorted { a, b in
                    do { return try Operators.truth(try Operators.binary(.less, a, b, context: context)) } catch {
                        failure = error
                        return false
                    }
                }
                if let failure { throw failure }
                return .list(LangList(try args.bool("reverse") ? sorted.reversed() : sorted))
            },
            Builtin("keys", [.required("record")],
                    summary: "The field names of a record, as a list of strings.") { args, _ in
                guard case .record(let record) = args["record"] else {
                    throw args.wrongType("record", expected: "a record", got: args["record"])
                }
                return .list(LangList(record.keys.map { .string($0) }))
            },
        ]
    }

    private static func receiverList(_ args: Arguments) throws -> LangList {
        guard case .list(let list) = args.receiver else { throw LangError.typeError("\(args.builtin.qualifiedName)() needs a list") }
        return list
    }

    private static func receiverString(_ args: Arguments) throws -> String {
        guard case .string(let text) = args.receiver else { throw LangError.typeError("\(args.builtin.qualifiedName)() needs a string") }
        return text
    }

    private static var listMembers: [Member] {
        [
            .method(of: "list", Builtin("append", [.required("item")], summary: "Add an item at the end of the list.") { args, _ in
                try receiverList(args).items.append(args["item"])
                return .none
            }),
            .method(of: "list", Builtin("extend", [.required("items")], summary: "Add every item of another list at the end.") { args, context in
                try receiverList(args).items.append(contentsOf: try args.items("items", context: context))
                return .none
            }),
            .method(of: "list", Builtin("insert", [.required("index"), .required("item")], summary: "Insert an item before position index.") { args, _ in
                let list = try receiverList(args)
                var index = try args.integer("index")
                if index < 0 { index += list.count }
                list.items.insert(args["item"], at: min(max(index, 0), list.count))
                return .none
            }),
            .method(of: "list", Builtin("pop", [.optional("index", -1)], summary: "Remove and return the item at index (the last by default).") { args, _ in
                let list = try receiverList(args)
                var index = try args.integer("index")
                if index < 0 { index += list.count }
                guard index >= 0, index < list.count else {
                    throw LangError.indexError(list.count == 0 ? "pop from an empty list" : "pop index out of range for a list of length \(list.count)")
                }
                return list.items.remove(at: index)
            }),
            .method(of: "list", Builtin("copy", [], summary: "A shallow copy of the list.") { args, _ in
                .list(LangList(try receiverList(args).items))
            }),
            .method(of: "list", Builtin("index", [.required("item")], summary: "The position of the first item equal to item.") { args, _ in
                guard let index = try receiverList(args).items.firstIndex(where: { Operators.equals($0, args["item"]) }) else {
                    throw LangError.valueError("\(args["item"].reprText) is not in the list")
                }
                return .number(Double(index))
            }),
        ]
    }

    private static var stringMembers: [Member] {
        [
            .method(of: "string", Builtin("upper", [], summary: "The string in upper case.") { args, _ in
                .string(try receiverString(args).uppercased())
            }),
            .method(of: "string", Builtin("lower", [], summary: "The string in lower case.") { args, _ in
                .string(try receiverString(args).lowercased())
            }),
            .method(of: "string", Builtin("strip", [], summary: "The string without leading and trailing spaces and newlines.") { args, _ in
                .string(try receiverString(args).trimmingCharacters(in: .whitespacesAndNewlines))
            }),
            .method(of: "string", Builtin("split", [.optional("separator", .none)],
                                          summary: "The parts between separators (runs of spaces by default), as a list.") { args, _ in
                let text = try receiverString(args)
                if args.isNone("separator") {
                    return .list(LangList(text.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) }))
                }
                let separator = try args.string("separator")
                guard !separator.isEmpty else { throw LangError.valueError("split() separator must not be empty") }
                return .list(LangList(text.components(separatedBy: separator).map { .string($0) }))
            }),
            .method(of: "string", Builtin("join", [.required("items")], summary: "The items' text forms joined with this string between them.") { args, context in
                .string(try args.items("items", context: context).map(\.printText).joined(separator: try receiverString(args)))
            }),
            .method(of: "string", Builtin("replace", [.required("old"), .required("new")], summary: "The string with every old replaced by new.") { args, _ in
                .string(try receiverString(args).replacingOccurrences(of: try args.string("old"), with: try args.string("new")))
            }),
            .method(of: "string", Builtin("startswith", [.required("prefix")], summary: "Whether the string starts with prefix.") { args, _ in
                .bool(try receiverString(args).hasPrefix(try args.string("prefix")))
            }),
            .method(of: "string", Builtin("endswith", [.required("suffix")], summary: "Whether the string ends with suffix.") { args, _ in
                .bool(try receiverString(args).hasSuffix(try args.string("suffix")))
            }),
        ]
    }
}
