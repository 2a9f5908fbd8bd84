import Autograd
import Tensor

extension Value {
    /// The value as a number: numbers, bools (0/1) and one-element tensors; nil otherwise.
    public var asNumber: Double? {
        switch self {
        case .number(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        case .tensor(let variable):
            guard variable.value.scalarCount == 1, let first = variable.value.scalars.first else { return nil }
            return Double(first)
        default: return nil
        }
    }

    /// `number` as an `Int` when it is a whole number in range, else nil.
    /// - Parameter number: the number.
    /// - Returns: the integer or nil.
    public static func exactInteger(_ number: Double) -> Int? {
        guard number == number.rounded(), abs(number) < 9e15 else { return nil }
        return Int(number)
    }

    /// The value as a tensor: tensors as they are, numbers as 0-d tensors, numeric (nested)
    /// lists as tensors; nil otherwise.
    /// - Returns: the variable or nil.
    public func asVariable() -> Variable? {
        switch self {
        case .tensor(let variable): return variable
        case .number(let number): return Variable(Tensor(Float(number)))
        case .bool(let flag): return Variable(Tensor(flag ? 1 : 0))
        case .list(let list): return try? TensorLiteral.tensor(from: list.items)
        default: return nil
        }
    }

    /// Wraps a tensor that needs no gradient.
    /// - Parameter tensor: the tensor.
    /// - Returns: a tensor value.
    public static func tensor(_ tensor: Tensor) -> Value { .tensor(Variable(tensor)) }
}

extension Value: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    /// A number.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// A number.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A bool.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A list (used for defaults such as `betas=[0.9, 0.999]`).
    public init(arrayLiteral elements: Value...) { self = .list(LangList(elements)) }
}
