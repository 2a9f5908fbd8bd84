/// Checks a call's arguments against a builtin's parameters and binds them: positional in
/// order (the variadic parameter takes the rest), named by name, defaults for the others.
enum ArgumentBinder {
    /// Binds arguments.
    /// - Parameters:
    ///   - builtin: the builtin.
    ///   - positional: positional arguments.
    ///   - named: named arguments.
    ///   - receiver: the receiver of a method, or `.none`.
    /// - Returns: the bound arguments.
    /// - Throws: TypeError naming the parameter and showing the signature.
    static func bind(_ builtin: Builtin, positional: [Value], named: [(String, Value)], receiver: Value) throws -> Arguments {
        let parameters = builtin.parameters
        if named.isEmpty, builtin.variadicIndex == nil, positional.count == parameters.count {
            return Arguments(builtin: builtin, values: positional, receiver: receiver)
        }
        var values = [Value?](repeating: nil, count: parameters.count)
        var next = 0
        for (index, value) in positional.enumerated() {
            if let variadic = builtin.variadicIndex, next == variadic {
                values[variadic] = .list(LangList(Array(positional[index...])))
                next = parameters.count
                break
            }
            guard next < parameters.count else {
                let limit = builtin.variadicIndex ?? parameters.count
                throw LangError.typeError(
                    "\(builtin.qualifiedName)() takes \(limit == 1 ? "1 positional argument" : "\(limit) positional arguments") but \(positional.count) were given; signature: \(builtin.signature)")
            }
            values[next] = value
            next += 1
        }
        for (name, value) in named {
            guard let index = parameters.firstIndex(where: { $0.name == name }), index != builtin.variadicIndex else {
                throw unexpected(name, callee: builtin.qualifiedName, signature: builtin.signature,
                                 candidates: parameters.map(\.name))
            }
            if values[index] != nil {
                throw LangError.typeError(
                    "\(builtin.qualifiedName)() got multiple values for argument '\(name)'; signature: \(builtin.signature)")
            }
            values[index] = value
        }
        var bound: [Value] = []
        bound.reserveCapacity(parameters.count)
        for (index, parameter) in parameters.enumerated() {
            if let value = values[index] {
                bound.append(value)
                continue
            }
            switch parameter.kind {
            case .required:
                throw LangError.typeError(
                    "\(builtin.qualifiedName)() missing required argument '\(parameter.name)'; signature: \(builtin.signature)")
            case .optional(let value): bound.append(value)
            case .variadic: bound.append(.list(LangList()))
            }
        }
        return Arguments(builtin: builtin, values: bound, receiver: receiver)
    }

    /// The TypeError for an unknown named argument, with a "did you mean" hint.
    /// - Parameters:
    ///   - name: the unknown name.
    ///   - callee: the called function's name.
    ///   - signature: its signature.
    ///   - candidates: its parameter names.
    /// - Returns: the error.
    static func unexpected(_ name: String, callee: String, signature: String, candidates: [String]) -> LangError {
        var message = "\(callee)() got an unexpected keyword argument '\(name)'"
        if let suggestion = NameSuggester.suggestion(for: name, among: candidates) {
            message += " (did you mean '\(suggestion)'?)"
        }
        return .typeError(message + "; signature: \(signature)")
    }
}
