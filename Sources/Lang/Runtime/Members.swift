/// Member access `v.name` and assignment `v.name = x`: record fields, registry members of
/// the value's kind, and objects' dynamic members.
enum Members {
    /// `value.name`.
    /// - Parameters:
    ///   - value: the receiver.
    ///   - name: the member.
    ///   - context: the session context.
    /// - Returns: the member's value (methods come back bound to the receiver).
    /// - Throws: AttributeError (with a "did you mean" hint), or what the getter throws.
    static func get(_ value: Value, _ name: String, context: BuiltinContext) throws -> Value {
        if case .record(let record) = value {
            if let field = record[name] { return field }
            if context.registry.member(of: "record", named: name) == nil {
                throw missing(name, of: value, context: context)
            }
        }
        if let member = context.registry.member(of: value.typeName, named: name) {
            switch member.kind {
            case .property(let get, _): return try get(value, context)
            case .method(let builtin): return .builtin(BoundBuiltin(builtin, receiver: value))
            }
        }
        if case .object(let object) = value, let dynamic = try object.member(named: name) {
            return dynamic
        }
        throw missing(name, of: value, context: context)
    }

    /// `value.name = newValue`.
    /// - Parameters:
    ///   - value: the receiver.
    ///   - name: the member.
    ///   - newValue: the value to assign.
    ///   - context: the session context.
    /// - Throws: AttributeError when there is no assignable member of that name.
    static func set(_ value: Value, _ name: String, _ newValue: Value, context: BuiltinContext) throws {
        if case .record(let record) = value {
            record[name] = newValue
            return
        }
        if let member = context.registry.member(of: value.typeName, named: name) {
            if case .property(_, let set?) = member.kind {
                try set(value, newValue, context)
                return
            }
            throw LangError(.attribute, "\(value.typeName).\(name) cannot be assigned")
        }
        if case .object(let object) = value, try object.setMember(name, to: newValue) { return }
        throw missing(name, of: value, context: context)
    }

    /// The member names of a value, for completion and error hints.
    /// - Parameters:
    ///   - value: the value.
    ///   - context: the session context.
    /// - Returns: the names, sorted.
    static func names(of value: Value, context: BuiltinContext) -> [String] {
        var names = Set(context.registry.memberNames(of: value.typeName))
        if case .record(let record) = value { names.formUnion(record.keys) }
        if case .object(let object) = value { names.formUnion(object.dynamicMemberNames) }
        return names.sorted()
    }

    private static func missing(_ name: String, of value: Value, context: BuiltinContext) -> LangError {
        let kind = value.typeName
        var message = case_(value) ? "record has no field '\(name)'" : "\(kind) has no member '\(name)'"
        if let suggestion = NameSuggester.suggestion(for: name, among: names(of: value, context: context)) {
            message += ". Did you mean '\(suggestion)'?"
        } else if kind == "tensor", context.registry.memberNames(of: "list").contains(name) {
            // `[[1, 2]]` is a tensor, not a list: the classic surprise when collecting points.
            message += ": a list literal of numbers is a tensor. To collect items, start from an empty list (`xs = []`) and append to it, or use cat/stack to grow a tensor"
        }
        return LangError(.attribute, message)
    }

    private static func case_(_ value: Value) -> Bool {
        if case .record = value { return true }
        return false
    }
}
