import Autograd
import Foundation

/// The language's operators on values (the slow paths: the compiled code handles
/// number-with-number inline). Tensors go through `TensorOperators`.
enum Operators {
    /// `a op b` for every operator except `and`/`or`.
    /// - Parameters:
    ///   - op: the operator.
    ///   - a: the left value.
    ///   - b: the right value.
    ///   - context: the session context.
    /// - Returns: the result.
    /// - Throws: TypeError for unsupported kinds, ZeroDivisionError, engine errors.
    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, context: BuiltinContext) throws -> Value {
        if let x = a.plainNumber, let y = b.plainNumber { return try numbers(op, x, y) }
        switch (a, b) {
        case (.tensor, _), (_, .tensor):
            if op == .equal || op == .notEqual, !(b.isNumericLike && a.isNumericLike) {
                return .bool((op == .equal) == equals(a, b))
            }
            guard let x = a.asVariable(), let y = b.asVariable() else { break }
            return .tensor(try TensorOperators.binary(op, x, y, context: context))
        case (.string(let x), .string(let y)):
            switch op {
            case .add: return .string(x + y)
            case .less: return .bool(x < y)
            case .lessEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            case .greaterEqual: return .bool(x >= y)
            default: break
            }
        case (.string(let text), .number(let count)) where op == .multiply,
             (.number(let count), .string(let text)) where op == .multiply:
            guard let n = Value.exactInteger(count) else { break }
            guard Double(max(0, n)) * Double(text.utf8.count) <= 1e8 else {
                throw LangError(.memory, "a string of \(Value.format(count)) copies is too large to build")
            }
            return .string(String(repeating: text, count: max(0, n)))
        case (.list(let x), .list(let y)) where op == .add:
            guard x.count + y.count <= Iteration.maxItems else { throw Iteration.tooMany(x.count + y.count) }
            return .list(LangList(x.items + y.items))
        default: break
        }
        switch op {
        case .equal: return .bool(equals(a, b))
        case .notEqual: return .bool(!equals(a, b))
        default: break
        }
        if op == .add, case .string = a, b.plainNumber != nil {
            throw LangError.typeError("cannot add string and number: use str(x) to turn the number into a string")
        }
        if op == .add, case .string = b, a.plainNumber != nil {
            throw LangError.typeError("cannot add number and string: use str(x) to turn the number into a string")
        }
        throw LangError.typeError("unsupported operand kinds for \(op.symbol): \(a.typeName) and \(b.typeName)")
    }

    /// `x op y` on numbers.
    /// - Parameters:
    ///   - op: the operator.
    ///   - x: the left number.
    ///   - y: the right number.
    /// - Returns: the result.
    /// - Throws: ZeroDivisionError for `/` or `%` by zero.
    static func numbers(_ op: BinaryOperator, _ x: Double, _ y: Double) throws -> Value {
        switch op {
        case .add: return .number(x + y)
        case .subtract: return .number(x - y)
        case .multiply: return .number(x * y)
        case .divide:
            guard y != 0 else { throw LangError(.zeroDivision, "division by zero") }
            return .number(x / y)
        case .remainder:
            guard y != 0 else { throw LangError(.zeroDivision, "remainder of a division by zero") }
            let r = x.truncatingRemainder(dividingBy: y)
            return .number(r != 0 && (r < 0) != (y < 0) ? r + y : r)
        case .power: return .number(Foundation.pow(x, y))
        case .equal: return .bool(x == y)
        case .notEqual: return .bool(x != y)
        case .less: return .bool(x < y)
        case .lessEqual: return .bool(x <= y)
        case .greater: return .bool(x > y)
        case .greaterEqual: return .bool(x >= y)
        case .matmul:
            throw LangError.typeError("@ is the matrix product: both sides must be tensors, not numbers")
        case .and, .or: preconditionFailure("and/or are compiled separately")
        }
    }

    /// `-v`, `+v`.
    /// - Parameters:
    ///   - op: the operator (`not` is handled by truthiness).
    ///   - value: the operand.
    ///   - context: the session context.
    /// - Returns: the result.
    /// - Throws: TypeError for non-numeric operands.
    static func unary(_ op: UnaryOperator, _ value: Value, context: BuiltinContext) throws -> Value {
        switch op {
        case .not: return .bool(!(try truth(value)))
        case .negate:
            if let x = value.plainNumber { return .number(-x) }
            if case .tensor(let variable) = value { return .tensor(try TensorOperators.negate(variable, context: context)) }
        case .plus:
            if let x = value.plainNumber { return .number(x) }
            if case .tensor = value { return value }
        }
        throw LangError.typeError("bad operand kind for unary \(op.symbol): \(value.typeName)")
    }

    /// The truth value: false for `false`, 0, `none`, "" and empty lists; a tensor only when
    /// it has exactly one element.
    /// - Parameter value: the value.
    /// - Returns: its truth.
    /// - Throws: ValueError for tensors of several elements.
    static func truth(_ value: Value) throws -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .number(let number): return number != 0
        case .none: return false
        case .string(let text): return !text.isEmpty
        case .list(let list): return !list.items.isEmpty
        case .tensor(let variable):
            let count = variable.value.scalarCount
            guard count == 1, let first = variable.value.scalars.first else {
                throw LangError.valueError(
                    "the truth value of a tensor with \(count) elements is ambiguous: reduce it first, e.g. (t > 0).sum() > 0 or t.max() > 0")
            }
            return first != 0
        case .range(let range): return range.count > 0
        case .record, .function, .builtin, .object: return true
        }
    }

    /// Equality as `==` sees it for non-tensor comparisons: numbers by value (bools as 0/1),
    /// strings, lists and records deeply, other references by identity.
    /// - Parameters:
    ///   - a: a value.
    ///   - b: another value.
    /// - Returns: whether they are equal.
    static func equals(_ a: Value, _ b: Value) -> Bool {
        if let x = a.plainNumber, let y = b.plainNumber { return x == y }
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.none, .none): return true
        case (.list(let x), .list(let y)):
            return x === y || (x.count == y.count && zip(x.items, y.items).allSatisfy { equals($0, $1) })
        case (.record(let x), .record(let y)):
            return x === y || (x.keys == y.keys && zip(x.values, y.values).allSatisfy { equals($0, $1) })
        case (.tensor(let x), .tensor(let y)): return x === y
        case (.function(let x), .function(let y)): return x === y
        case (.builtin(let x), .builtin(let y)): return x.builtin === y.builtin
        case (.range(let x), .range(let y)): return x.start == y.start && x.stop == y.stop && x.step == y.step
        case (.object(let x), .object(let y)): return x === y
        default: return false
        }
    }
}

extension Value {
    /// The number of a number or bool (bools as 0/1); nil for everything else.
    @inline(__always)
    var plainNumber: Double? {
        switch self {
        case .number(let number): return number
        case .bool(let flag): return flag ? 1 : 0
        default: return nil
        }
    }

    /// Whether the value can take part in tensor arithmetic (number, bool, tensor, list).
    var isNumericLike: Bool {
        switch self {
        case .number, .bool, .tensor, .list: return true
        default: return false
        }
    }
}
