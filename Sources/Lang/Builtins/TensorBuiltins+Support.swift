import Autograd
import Tensor

/// Argument helpers shared by the tensor and autograd builtins.
enum TensorArgs {
    /// A shape from `zeros(2, 3)`, `zeros([2, 3])` or `zeros(t.shape)`.
    /// - Parameters:
    ///   - values: the variadic values.
    ///   - what: the builtin's name for messages.
    ///   - context: the session context.
    /// - Returns: the sizes.
    /// - Throws: TypeError/ValueError for sizes that are not whole numbers.
    static func shape(_ values: [Value], _ what: String, context: BuiltinContext) throws -> [Int] {
        var items = values
        if items.count == 1, let only = items.first {
            switch only {
            case .list, .range: items = try Iteration.items(of: only, context: context, what: "\(what)() shape")
            case .tensor(let t) where t.value.rank == 1:
                items = t.value.scalars.map { .number(Double($0)) }
            default: break
            }
        }
        return try items.map { item -> Int in
            guard let number = item.asNumber else {
                throw LangError.typeError("\(what)() sizes must be numbers, not \(item.typeName)")
            }
            guard let size = Value.exactInteger(number) else {
                throw LangError.valueError("\(what)() sizes must be whole numbers, got \(Value.number(number).reprText)")
            }
            return size
        }
    }

    /// An optional axis argument (`dim=none` means all axes).
    /// - Parameters:
    ///   - args: the arguments.
    ///   - name: the parameter name.
    /// - Returns: the axis or nil.
    /// - Throws: TypeError/ValueError for a non-integer.
    static func dim(_ args: Arguments, _ name: String = "dim") throws -> Int? {
        args.isNone(name) ? nil : try args.integer(name)
    }

    /// A list of tensors (`stack([a, b])`, `cat(xs)`).
    /// - Parameters:
    ///   - args: the arguments.
    ///   - name: the parameter name.
    ///   - context: the session context.
    /// - Returns: the tensors.
    /// - Throws: TypeError when an item is not a tensor or number.
    static func tensors(_ args: Arguments, _ name: String, context: BuiltinContext) throws -> [Variable] {
        try args.items(name, context: context).map { item in
            guard let variable = item.asVariable() else {
                throw LangError.typeError("\(args.builtin.qualifiedName)() needs a list of tensors, got an item of kind \(item.typeName)")
            }
            return variable
        }
    }

    /// The result of a function that gave a number-only input: a number when every input was
    /// a plain number and the result is a single element without grad, else the tensor.
    static func numberOrTensor(_ result: Variable, inputsWereNumbers: Bool) -> Value {
        if inputsWereNumbers, !result.requiresGrad, result.value.scalarCount == 1, let x = result.value.scalars.first {
            return .number(Double(x))
        }
        return .tensor(result)
    }

    /// A shape as the language shows it: a list of numbers.
    static func shapeValue(_ shape: [Int]) -> Value {
        .list(LangList(shape.map { .number(Double($0)) }))
    }
}
