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

    /// `t^p` for `pow(t, p)` and `t.pow(p)`: a plain-number `p` uses the scalar power, a
    /// tensor `p` broadcasts.
    /// - Parameters:
    ///   - t: the base.
    ///   - args: the arguments, with the exponent `p`.
    /// - Returns: the power.
    /// - Throws: TypeError for a `p` that is not a number or tensor; a shape error when the
    ///   tensors do not broadcast.
    static func power(_ t: Variable, _ args: Arguments) throws -> Variable {
        if let p = args["p"].plainNumber { return t.pow(Float(p)) }
        return try t.binary(.pow, try args.tensor("p"))
    }

    /// The bounds `lo` and `hi` of `clamp` (none leaves that side open).
    /// - Parameter args: the arguments.
    /// - Returns: the bounds.
    /// - Throws: TypeError for a bound that is not a number or none.
    static func clampBounds(_ args: Arguments) throws -> (lo: Float?, hi: Float?) {
        (try args.optionalNumber("lo").map { Float($0) }, try args.optionalNumber("hi").map { Float($0) })
    }

    /// A reduction of `t` along the `dim` and `keepdim` arguments (`sum(t, dim=0)`, `t.sum()`).
    /// - Parameters:
    ///   - t: the tensor.
    ///   - kind: the reduction.
    ///   - args: the arguments, with `dim` and `keepdim`.
    /// - Returns: the reduced tensor.
    /// - Throws: TypeError/ValueError for a bad `dim` or `keepdim`; a shape error for an axis
    ///   out of range.
    static func reduce(_ t: Variable, _ kind: ReductionKind, _ args: Arguments) throws -> Variable {
        try t.reduce(kind, dim: try dim(args), keepDim: try args.bool("keepdim"))
    }

    /// A shape as the language shows it: a list of numbers.
    static func shapeValue(_ shape: [Int]) -> Value {
        .list(LangList(shape.map { .number(Double($0)) }))
    }
}
