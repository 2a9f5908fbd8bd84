import Autograd
import Tensor

/// The arguments of one builtin call, bound to the builtin's parameters: one value per
/// non-variadic parameter (defaults filled in), the variadic rest, and the receiver of a method.
///
/// The typed accessors throw a TypeError naming the parameter, e.g.
/// `range() argument 'stop' must be a number, not string`.
public struct Arguments {
    /// The builtin being called.
    public let builtin: Builtin
    /// One value per parameter in declaration order; the variadic parameter's slot holds a
    /// list of the collected values.
    public var values: [Value]
    /// The receiver of a method call (`t` in `t.sum()`); `.none` for plain builtins.
    public let receiver: Value

    /// Creates bound arguments (used by the binder and by tests).
    /// - Parameters:
    ///   - builtin: the builtin.
    ///   - values: one value per parameter.
    ///   - receiver: the receiver, or `.none`.
    public init(builtin: Builtin, values: [Value], receiver: Value = .none) {
        self.builtin = builtin
        self.values = values
        self.receiver = receiver
    }

    /// The value bound to parameter `name` (a precondition: the builtin declares it).
    public subscript(name: String) -> Value {
        guard let index = builtin.parameters.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("\(builtin.name) has no parameter '\(name)'")
        }
        return values[index]
    }

    /// The values collected by the variadic parameter (empty when there is none).
    public var rest: [Value] {
        guard let index = builtin.variadicIndex, case .list(let list) = values[index] else { return [] }
        return list.items
    }

    /// Whether parameter `name` holds `none` (not passed, or passed `none`).
    /// - Parameter name: the parameter.
    /// - Returns: true when it is none.
    public func isNone(_ name: String) -> Bool { self[name].isNone }

    // MARK: - Typed accessors

    /// The TypeError for a wrong kind of argument.
    /// - Parameters:
    ///   - name: the parameter.
    ///   - expected: what it must be, e.g. `a number`.
    ///   - value: what was passed.
    /// - Returns: the error.
    public func wrongType(_ name: String, expected: String, got value: Value) -> LangError {
        .typeError("\(builtin.qualifiedName)() argument '\(name)' must be \(expected), not \(value.typeName)")
    }

    /// Parameter `name` as a number (bools count as 0/1; a one-element tensor is accepted).
    /// - Parameter name: the parameter.
    /// - Returns: the number.
    /// - Throws: TypeError when it is not a number.
    public func number(_ name: String) throws -> Double {
        let value = self[name]
        if let number = value.asNumber { return number }
        throw wrongType(name, expected: "a number", got: value)
    }

    /// Parameter `name` as a number, or nil when it is `none`.
    /// - Parameter name: the parameter.
    /// - Returns: the number or nil.
    /// - Throws: TypeError when it is neither a number nor none.
    public func optionalNumber(_ name: String) throws -> Double? {
        isNone(name) ? nil : try number(name)
    }

    /// Parameter `name` as a whole number.
    /// - Parameter name: the parameter.
    /// - Returns: the integer.
    /// - Throws: TypeError when it is not a number, ValueError when it is not whole.
    public func integer(_ name: String) throws -> Int {
        let value = try number(name)
        guard let integer = Value.exactInteger(value) else {
            throw LangError.valueError("\(builtin.qualifiedName)() argument '\(name)' must be a whole number, got \(Value.number(value).reprText)")
        }
        return integer
    }

    /// Parameter `name` as a string.
    /// - Parameter name: the parameter.
    /// - Returns: the string.
    /// - Throws: TypeError when it is not a string.
    public func string(_ name: String) throws -> String {
        let value = self[name]
        if case .string(let text) = value { return text }
        throw wrongType(name, expected: "a string", got: value)
    }

    /// Parameter `name` as a bool (numbers are accepted: non-zero is true).
    /// - Parameter name: the parameter.
    /// - Returns: the bool.
    /// - Throws: TypeError when it is neither.
    public func bool(_ name: String) throws -> Bool {
        let value = self[name]
        switch value {
        case .bool(let flag): return flag
        case .number(let number): return number != 0
        default: throw wrongType(name, expected: "true or false", got: value)
        }
    }

    /// Parameter `name` as a tensor; numbers and nested numeric lists are converted.
    /// - Parameter name: the parameter.
    /// - Returns: the tensor variable.
    /// - Throws: TypeError when it cannot be a tensor.
    public func tensor(_ name: String) throws -> Variable {
        let value = self[name]
        if let variable = value.asVariable() { return variable }
        throw wrongType(name, expected: "a tensor", got: value)
    }

    /// The receiver as a tensor (for tensor methods).
    /// - Returns: the tensor variable.
    /// - Throws: TypeError when the receiver is not a tensor.
    public func receiverTensor() throws -> Variable {
        if case .tensor(let variable) = receiver { return variable }
        throw LangError.typeError("\(builtin.qualifiedName)() needs a tensor, not \(receiver.typeName)")
    }

    /// Parameter `name` as an object of the given Swift class (a module, an optimizer...).
    /// - Parameters:
    ///   - name: the parameter.
    ///   - type: the class.
    ///   - expected: the kind's name for the error, e.g. `a module`.
    /// - Returns: the object.
    /// - Throws: TypeError when it is something else.
    public func object<T>(_ name: String, as type: T.Type, expected: String) throws -> T {
        let value = self[name]
        if case .object(let object) = value, let typed = object as? T { return typed }
        throw wrongType(name, expected: expected, got: value)
    }

    /// Parameter `name` as a list of values (a list, a range, or a tensor's rows/numbers).
    /// - Parameters:
    ///   - name: the parameter.
    ///   - context: the context (iteration of tensors needs grad mode).
    /// - Returns: the items.
    /// - Throws: TypeError when it is not iterable.
    public func items(_ name: String, context: BuiltinContext) throws -> [Value] {
        try Iteration.items(of: self[name], context: context, what: "\(builtin.qualifiedName)() argument '\(name)'")
    }
}
