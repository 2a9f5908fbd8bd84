import Foundation

/// A two-operand elementwise operation. Comparisons give 0/1 tensors.
public enum BinaryOp: String, Sendable, CaseIterable {
    /// Arithmetic, power, and the larger or smaller operand.
    case add, sub, mul, div, pow, maximum, minimum
    /// Comparisons (1 where true, else 0).
    case equal, notEqual, less, lessEqual, greater, greaterEqual
}

/// A one-operand elementwise function.
public enum UnaryOp: Sendable, Equatable {
    /// The elementary functions (`round` is half to even, like torch).
    case neg, exp, log, sqrt, abs, sin, cos, tanh, sigmoid, relu, sign, round, floor, ceil
    /// `x^2` and `1 / x`.
    case square, reciprocal
    /// 1 where x > 0 else 0 (the perceptron's step).
    case step
    /// Activations: leaky ReLU with its slope, ELU with its alpha, SELU, softplus.
    case leakyRelu(Float), elu(Float), selu, softplus
    /// GELU with the exact erf form, or the tanh approximation when `approximate`.
    case gelu(approximate: Bool)
    /// `x^p` for a constant exponent.
    case powScalar(Float)
    /// The derivative of GELU (used by its gradient rule).
    case geluDerivative(approximate: Bool)
    /// Clamp to `[lo, hi]` (either bound may be nil).
    case clamp(lo: Float?, hi: Float?)
}

/// SELU constants (Klambauer et al., as in torch).
let seluAlpha: Float = 1.6732632423543772848170429916717
let seluScale: Float = 1.0507009873554804934193349852946

extension Tensor {
    /// Applies a binary elementwise operation with numpy broadcasting.
    ///
    /// Shape rule: the result has the broadcast shape of both operands.
    /// - Parameters:
    ///   - op: The operation.
    ///   - other: The right operand.
    /// - Returns: The result.
    /// - Throws: `TensorError.shape`: `cannot broadcast [3] with [4] in add`.
    public func binary(_ op: BinaryOp, _ other: Tensor) throws(TensorError) -> Tensor {
        switch op {
        case .add: return try Tensor.zip(self, other, op, parallel: false) { $0 + $1 }
        case .sub: return try Tensor.zip(self, other, op, parallel: false) { $0 - $1 }
        case .mul: return try Tensor.zip(self, other, op, parallel: false) { $0 * $1 }
        case .div: return try Tensor.zip(self, other, op, parallel: false) { $0 / $1 }
        case .pow: return try Tensor.zip(self, other, op, parallel: true) { Foundation.pow($0, $1) }
        case .maximum: return try Tensor.zip(self, other, op, parallel: false) { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
        case .minimum: return try Tensor.zip(self, other, op, parallel: false) { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
        case .equal: return try Tensor.zip(self, other, op, parallel: false) { $0 == $1 ? 1 : 0 }
        case .notEqual: return try Tensor.zip(self, other, op, parallel: false) { $0 != $1 ? 1 : 0 }
        case .less: return try Tensor.zip(self, other, op, parallel: false) { $0 < $1 ? 1 : 0 }
        case .lessEqual: return try Tensor.zip(self, other, op, parallel: false) { $0 <= $1 ? 1 : 0 }
        case .greater: return try Tensor.zip(self, other, op, parallel: false) { $0 > $1 ? 1 : 0 }
        case .greaterEqual: return try Tensor.zip(self, other, op, parallel: false) { $0 >= $1 ? 1 : 0 }
        }
    }

    /// Broadcasting driver with fast paths for same shape, scalar operands and general
    /// broadcasting with a tight inner loop.
    @inline(__always)
    static func zip(_ a: Tensor, _ b: Tensor, _ op: BinaryOp, parallel: Bool,
                    _ f: (Float, Float) -> Float) throws(TensorError) -> Tensor {
        if a.isInline && b.isInline && a.shape.count == b.shape.count {
            return Tensor(unchecked: a.shape, scalar: f(a.inlineScalar, b.inlineScalar))
        }
        if a.scalarCount == 1 && b.scalarCount == 1 && a.shape.count == b.shape.count {
            return Tensor(unchecked: a.shape, scalar: f(a.first, b.first))
        }
        if a.shape == b.shape {
            return Tensor(unchecked: a.shape, ElementwiseKernels.zipSame(a.storage, b.storage, parallel: parallel, f))
        }
        let out = try broadcastShape(a.shape, b.shape, op: op.rawValue)
        if b.scalarCount == 1 && out == a.shape {
            let s = b.first
            return Tensor(unchecked: out, ElementwiseKernels.map(a.storage, parallel: parallel) { f($0, s) })
        }
        if a.scalarCount == 1 && out == b.shape {
            let s = a.first
            return Tensor(unchecked: out, ElementwiseKernels.map(b.storage, parallel: parallel) { f(s, $0) })
        }
        let data = ElementwiseKernels.zipBroadcast(
            a.storage, broadcastStrides(a.shape, to: out),
            b.storage, broadcastStrides(b.shape, to: out), outShape: out, parallel: parallel, f)
        return Tensor(unchecked: out, data)
    }

    /// Applies a unary elementwise function.
    ///
    /// Shape rule: same shape as the input.
    /// - Parameter op: The function.
    /// - Returns: The result.
    public func map(_ op: UnaryOp) -> Tensor {
        // `run` is inlined with each closure: one scalar path (no allocation for an inline
        // 0-d tensor) and one buffer loop per case.
        // Cheap cases run on one core (see ElementwiseKernels); transcendental ones split.
        @inline(__always) func run(parallel: Bool, _ f: (Float) -> Float) -> Tensor {
            if isInline { return Tensor(unchecked: shape, scalar: f(inlineScalar)) }
            return Tensor(unchecked: shape, ElementwiseKernels.map(buffer, parallel: parallel, f))
        }
        switch op {
        case .neg: return run(parallel: false) { -$0 }
        case .exp: return run(parallel: true) { Foundation.exp($0) }
        case .log: return run(parallel: true) { Foundation.log($0) }
        case .sqrt: return run(parallel: false) { $0.squareRoot() }
        case .abs: return run(parallel: false) { Swift.abs($0) }
        case .sin: return run(parallel: true) { Foundation.sin($0) }
        case .cos: return run(parallel: true) { Foundation.cos($0) }
        case .tanh: return run(parallel: true) { Foundation.tanh($0) }
        case .sigmoid: return run(parallel: true) { v in
            v >= 0 ? 1 / (1 + Foundation.exp(-v)) : Foundation.exp(v) / (1 + Foundation.exp(v)) }
        case .relu: return run(parallel: false) { $0 > 0 ? $0 : ($0.isNaN ? $0 : 0) }
        case .sign: return run(parallel: false) { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0.isNaN ? $0 : 0)) }
        case .round: return run(parallel: false) { $0.rounded(.toNearestOrEven) }
        case .floor: return run(parallel: false) { $0.rounded(.down) }
        case .ceil: return run(parallel: false) { $0.rounded(.up) }
        case .square: return run(parallel: false) { $0 * $0 }
        case .reciprocal: return run(parallel: false) { 1 / $0 }
        case .step: return run(parallel: false) { $0 > 0 ? 1 : 0 }
        case .leakyRelu(let a): return run(parallel: false) { $0 > 0 ? $0 : a * $0 }
        case .elu(let a): return run(parallel: true) { $0 > 0 ? $0 : a * (Foundation.expm1($0)) }
        case .selu: return run(parallel: true) {
            seluScale * ($0 > 0 ? $0 : seluAlpha * Foundation.expm1($0)) }
        case .softplus: return run(parallel: true) {
            // torch: threshold 20 -> identity
            $0 > 20 ? $0 : Foundation.log1p(Foundation.exp($0)) }
        case .gelu(let approximate):
            if approximate {
                return run(parallel: true) { v in
                    let inner = Float(0.7978845608028654) * (v + 0.044715 * v * v * v)
                    return 0.5 * v * (1 + Foundation.tanh(inner))
                }
            } else {
                return run(parallel: true) { v in
                    Float(0.5 * Double(v) * (1 + Foundation.erf(Double(v) / 2.0.squareRoot())))
                }
            }
        case .geluDerivative(let approximate):
            if approximate {
                return run(parallel: true) { v in
                    let k: Float = 0.7978845608028654
                    let inner = k * (v + 0.044715 * v * v * v)
                    let t = Foundation.tanh(inner)
                    return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * k * (1 + 3 * 0.044715 * v * v)
                }
            } else {
                return run(parallel: true) { v in
                    let d = Double(v)
                    let cdf = 0.5 * (1 + Foundation.erf(d / 2.0.squareRoot()))
                    let pdf = Foundation.exp(-0.5 * d * d) / (2 * Double.pi).squareRoot()
                    return Float(cdf + d * pdf)
                }
            }
        case .powScalar(let p):
            if p == 2 { return run(parallel: false) { $0 * $0 } }
            if p == 1 { return self }
            return run(parallel: true) { Foundation.pow($0, p) }
        case let .clamp(lo, hi):
            let l = lo ?? -.infinity, h = hi ?? .infinity
            return run(parallel: false) { $0.isNaN ? $0 : Swift.min(Swift.max($0, l), h) }
        }
    }

    /// `where(cond, a, b)`: elements of `a` where `cond` is non-zero, else of `b`.
    ///
    /// Shape rule: all three broadcast together.
    /// - Parameters:
    ///   - condition: The selector (non-zero means true).
    ///   - a: Values where true.
    ///   - b: Values where false.
    /// - Returns: The selected values.
    /// - Throws: `TensorError.shape` when the shapes do not broadcast.
    public static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        let out = try broadcastShape(try broadcastShape(condition.shape, a.shape, op: "where"), b.shape, op: "where")
        let c = try condition.broadcast(to: out), x = try a.broadcast(to: out), y = try b.broadcast(to: out)
        let picked = ElementwiseKernels.zipSame(c.storage, x.storage) { cv, xv in cv != 0 ? xv : .nan }
        let data = ElementwiseKernels.zipSame(c.storage, y.storage) { cv, yv in cv != 0 ? 0 : yv }
        // combine: where c != 0 take picked, else data
        var result = data
        let cs = c.storage
        for i in 0..<result.count where cs[i] != 0 { result[i] = picked[i] }
        return Tensor(unchecked: out, result)
    }
}

extension Tensor {
    /// Elementwise sum with broadcasting. - Throws: `TensorError.shape`.
    public static func + (a: Tensor, b: Tensor) throws(TensorError) -> Tensor { try a.binary(.add, b) }
    /// Elementwise difference with broadcasting. - Throws: `TensorError.shape`.
    public static func - (a: Tensor, b: Tensor) throws(TensorError) -> Tensor { try a.binary(.sub, b) }
    /// Elementwise product with broadcasting. - Throws: `TensorError.shape`.
    public static func * (a: Tensor, b: Tensor) throws(TensorError) -> Tensor { try a.binary(.mul, b) }
    /// Elementwise quotient with broadcasting. - Throws: `TensorError.shape`.
    public static func / (a: Tensor, b: Tensor) throws(TensorError) -> Tensor { try a.binary(.div, b) }
    /// Elementwise negation.
    public static prefix func - (a: Tensor) -> Tensor { a.map(.neg) }
}
