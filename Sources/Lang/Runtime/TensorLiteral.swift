import Autograd
import Tensor

/// Turns the items of a list literal into a tensor when they are all numbers, or all tensors
/// of one shape (numbers mixed with 0-d tensors count as 0-d tensors).
///
/// A literal that holds a parameter (a leaf tensor that requires grad) stays a list:
/// `SGD([w, b], lr=0.1)` and `zero_grad([w, b])` must see the parameters themselves, and
/// stacking would hand them a copy whose updates never reach `w` and `b`.
enum TensorLiteral {
    /// The tensor for `items`, or nil when they must stay a list (empty, not all numeric and
    /// equally shaped, or, for a literal, holding a parameter).
    /// - Parameters:
    ///   - items: the evaluated items.
    ///   - context: the session context (stacking tensors that require grad records a graph).
    ///   - keepsParameters: true for a list literal, where parameters keep their identity.
    /// - Returns: the tensor, or nil.
    /// - Throws: engine errors from stacking.
    static func tensorIfNumeric(
        _ items: [Value], context: BuiltinContext?, keepsParameters: Bool = false
    ) throws -> Variable? {
        guard !items.isEmpty else { return nil }
        var numbers: [Float] = []
        numbers.reserveCapacity(items.count)
        var allNumbers = true
        for item in items {
            switch item {
            case .number(let number): numbers.append(Float(number))
            case .bool(let flag): numbers.append(flag ? 1 : 0)
            default: allNumbers = false
            }
            if !allNumbers { break }
        }
        if allNumbers { return Variable(Tensor(shape: [items.count], scalars: numbers)) }
        var tensors: [Variable] = []
        tensors.reserveCapacity(items.count)
        var shape: [Int]?
        for item in items {
            let variable: Variable
            switch item {
            case .tensor(let t):
                if keepsParameters && t.isLeaf && t.requiresGrad { return nil }
                variable = t
            case .number(let number): variable = Variable(Tensor(Float(number)))
            case .bool(let flag): variable = Variable(Tensor(flag ? 1 : 0))
            default: return nil
            }
            if let shape, shape != variable.value.shape { return nil }
            shape = variable.value.shape
            tensors.append(variable)
        }
        if let context { return try TensorOperators.stack(tensors, context: context) }
        return stackWithoutGraph(tensors)
    }

    /// A tensor from nested numeric lists (for builtin arguments such as `tensor(list)`).
    /// - Parameter items: the items.
    /// - Returns: the tensor.
    /// - Throws: TypeError when the items are not numeric or not rectangular.
    static func tensor(from items: [Value]) throws -> Variable {
        let converted = try items.map { item -> Value in
            if case .list(let inner) = item { return .tensor(try tensor(from: inner.items)) }
            return item
        }
        if let variable = try tensorIfNumeric(converted, context: nil) { return variable }
        if items.isEmpty { return Variable(Tensor(shape: [0], scalars: [])) }
        throw LangError.typeError("cannot make a tensor from a list of \(Set(converted.map(\.typeName)).sorted().joined(separator: " and ")) items of different shapes or kinds")
    }

    private static func stackWithoutGraph(_ items: [Variable]) -> Variable {
        let shape = items.first?.value.shape ?? []
        var scalars: [Float] = []
        for item in items { scalars.append(contentsOf: item.value.scalars) }
        return Variable(Tensor(shape: [items.count] + shape, scalars: scalars))
    }
}
