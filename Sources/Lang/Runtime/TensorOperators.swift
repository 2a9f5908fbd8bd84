import Autograd
import Foundation
import Tensor

/// The one door from the interpreter's operators to the engine: arithmetic, comparisons,
/// matmul, negation, element access and in-place updates on tensor values.
///
/// Each function is a thin call into Autograd, which records the graph when an operand
/// requires grad and `GradMode.isEnabled` (switched off by `no_grad` blocks via
/// `setGradEnabled`).
enum TensorOperators {
    /// `a op b` for two tensors (numbers were already converted to 0-d tensors), numpy
    /// broadcasting. Comparisons give 0/1 tensors.
    /// - Parameters:
    ///   - op: the operator (not `and`/`or`).
    ///   - a: the left operand.
    ///   - b: the right operand.
    ///   - context: grad mode and the rest of the session.
    /// - Returns: the result.
    /// - Throws: ShapeError when the shapes do not broadcast.
    static func binary(_ op: BinaryOperator, _ a: Variable, _ b: Variable, context: BuiltinContext) throws -> Variable {
        switch op {
        case .add: return try a.binary(.add, b)
        case .subtract: return try a.binary(.sub, b)
        case .multiply: return try a.binary(.mul, b)
        case .divide: return try a.binary(.div, b)
        case .remainder:
            // x - floor(x / y) * y (Python's sign rule); differentiable through the engine ops
            let quotient = try a.binary(.div, b).map(.floor)
            return try a.binary(.sub, quotient.binary(.mul, b))
        case .power:
            // a constant exponent uses the cheaper x^p rule (and no log of a negative base)
            if !b.requiresGrad, b.value.isSingleElement, b.value.rank <= a.value.rank,
               let p = b.value.scalars.first {
                return a.pow(p)
            }
            return try a.binary(.pow, b)
        case .equal: return try a.binary(.equal, b)
        case .notEqual: return try a.binary(.notEqual, b)
        case .less: return try a.binary(.less, b)
        case .lessEqual: return try a.binary(.lessEqual, b)
        case .greater: return try a.binary(.greater, b)
        case .greaterEqual: return try a.binary(.greaterEqual, b)
        case .matmul: return try a.matmul(b)
        case .and, .or: preconditionFailure("and/or are not tensor operators")
        }
    }

    /// `-a`.
    /// - Parameters:
    ///   - a: the operand.
    ///   - context: the session context.
    /// - Returns: the negated tensor.
    static func negate(_ a: Variable, context: BuiltinContext) throws -> Variable {
        a.map(.neg)
    }

    /// Element `index` along the first axis: for a rank-1 tensor a number (a 0-d tensor when
    /// it requires grad), for higher ranks the row.
    /// - Parameters:
    ///   - a: the tensor (rank >= 1).
    ///   - index: the position, already checked to be in range.
    ///   - context: the session context.
    /// - Returns: the element or row.
    static func element(_ a: Variable, at index: Int, context: BuiltinContext) throws -> Value {
        if a.value.rank == 1 && !a.requiresGrad {
            return .number(Double(a.value.scalars[index]))
        }
        return .tensor(try a.indexed([.at(index)]))
    }

    /// Stacks equally-shaped tensors along a new first axis (tensor literals `[a, b]`); the
    /// result records the graph when an item requires grad.
    /// - Parameters:
    ///   - items: the tensors, all of the same shape.
    ///   - context: the session context.
    /// - Returns: the stacked tensor.
    static func stack(_ items: [Variable], context: BuiltinContext) throws -> Variable {
        if items.isEmpty { return Variable(Tensor(shape: [0], scalars: [])) }
        return try Variable.stack(items, dim: 0)
    }

    /// The in-place update `target op= value` in no-grad mode (`w -= lr * w.grad`): the
    /// variable keeps its identity and stays a leaf that requires grad.
    /// - Parameters:
    ///   - target: the variable updated in place.
    ///   - op: `.add`, `.subtract`, `.multiply` or `.divide`.
    ///   - value: the right operand.
    ///   - context: the session context (grad mode is off).
    /// - Throws: ShapeError when the result would not keep the target's shape.
    static func updateInPlace(_ target: Variable, _ op: BinaryOperator, _ value: Variable, context: BuiltinContext) throws {
        let engineOp: BinaryOp
        switch op {
        case .add: engineOp = .add
        case .subtract: engineOp = .sub
        case .multiply: engineOp = .mul
        case .divide: engineOp = .div
        case .power: engineOp = .pow
        default:
            let result = try binary(op, target, value, context: context)
            guard result.value.shape == target.value.shape else {
                throw TensorError.shape(
                    "cannot update a tensor of shape \(TensorError.format(target.value.shape)) in place with a result of shape \(TensorError.format(result.value.shape))")
            }
            target.value = result.value
            return
        }
        try target.updateInPlace(engineOp, value)
    }
}

extension TensorOperators {
    /// Tells the engine whether to record operations (`no_grad` blocks switch it off).
    /// - Parameters:
    ///   - enabled: record or not.
    ///   - context: the session context (which also keeps `gradEnabled`).
    static func setGradEnabled(_ enabled: Bool, context: BuiltinContext) {
        GradMode.isEnabled = enabled
    }

    /// The engine's index items for evaluated subscript items: whole numbers, slices, 0/1
    /// masks and integer tensors (lists of numbers become tensors).
    /// - Parameter index: the evaluated items.
    /// - Returns: the engine items.
    /// - Throws: IndexError for an index that is not a whole number, a tensor or a slice.
    static func engineIndex(_ index: [IndexArgument]) throws -> [TensorIndex] {
        // Several tensor/list items (t[rows, labels]) pair up as positions, like numpy's
        // integer arrays; a comparison result (t > 0) is always a mask; a lone other tensor
        // is a mask when it holds only 0/1 and has the shape of the axes it covers.
        let tensorItems = index.filter {
            if case .value(let v) = $0 {
                switch v {
                case .tensor(let t): return t.value.rank > 0
                case .list, .range: return true
                default: return false
                }
            }
            return false
        }.count
        return try index.map { item -> TensorIndex in
            switch item {
            case let .slice(start, stop, step):
                return .slice(start: start, stop: stop, step: step)
            case .value(let value):
                switch value {
                case .number(let number):
                    guard let integer = Value.exactInteger(number) else {
                        throw TensorError.index("tensor indices must be whole numbers, got \(Value.number(number).reprText)")
                    }
                    return .at(integer)
                case .bool(let flag):
                    return .at(flag ? 1 : 0)
                case .tensor(let variable):
                    if variable.value.rank == 0 {
                        let number = variable.value.scalars[0]
                        guard number == number.rounded() else {
                            throw TensorError.index("tensor indices must be whole numbers, got \(number)")
                        }
                        return .at(Int(number))
                    }
                    if variable.isMask { return .mask(variable.value) }
                    return tensorItems > 1 ? .indices(variable.value) : .tensor(variable.value)
                case .list, .range:
                    guard let variable = value.asVariable() ?? rangeTensor(value) else {
                        throw TensorError.index("a list used as a tensor index must hold numbers")
                    }
                    return .indices(variable.value)
                default:
                    throw TensorError.index("a tensor cannot be indexed by \(value.typeName): use whole numbers, slices like 1:3, 0/1 masks or index tensors")
                }
            }
        }
    }

    private static func rangeTensor(_ value: Value) -> Variable? {
        guard case .range(let range) = value else { return nil }
        return Variable(Tensor(shape: [range.count], scalars: (0..<range.count).map { Float(range.element(at: $0)) }))
    }

    /// `t[index]` through the engine's indexing.
    /// - Parameters:
    ///   - a: the tensor.
    ///   - index: the evaluated items.
    ///   - context: the session context.
    /// - Returns: the element (a number for a single element of a tensor that needs no grad)
    ///   or the sub-tensor.
    /// - Throws: IndexError, TypeError.
    static func index(_ a: Variable, _ index: [IndexArgument], context: BuiltinContext) throws -> Value {
        let result = try a.indexed(try engineIndex(index))
        if result.value.rank == 0, !result.requiresGrad, let first = result.value.scalars.first {
            return .number(Double(first))
        }
        return .tensor(result)
    }

    /// `t[index] = value` through the engine's indexed assignment.
    /// - Parameters:
    ///   - a: the tensor, changed in place.
    ///   - index: the evaluated items.
    ///   - value: the new value (a number or a broadcastable tensor).
    ///   - context: the session context.
    /// - Throws: IndexError, ShapeError.
    static func assign(_ a: Variable, _ index: [IndexArgument], _ value: Value, context: BuiltinContext) throws {
        guard let variable = value.asVariable() else {
            throw LangError.typeError("cannot assign \(value.typeName) into a tensor: use a number or a tensor")
        }
        try a.assign(try engineIndex(index), variable)
    }
}
