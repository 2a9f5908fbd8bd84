import Foundation

extension UnaryOp {
    /// The input gradient of `y = op(x)` given the output gradient `g`, fused in one loop.
    ///
    /// Shape rule: `x`, `y` and `g` have one shape, which the result has too. Functions that
    /// are flat almost everywhere (sign, round, floor, ceil, step) give zeros; at kinks the
    /// rules follow torch (relu'(0) = 0, abs'(0) = 0, clamp passes the gradient at the bounds).
    /// - Parameters:
    ///   - x: The input.
    ///   - y: The output `op(x)`.
    ///   - g: The gradient with respect to `y`.
    /// - Returns: The gradient with respect to `x`.
    public func backward(x: Tensor, y: Tensor, g: Tensor) -> Tensor {
        precondition(x.shape == g.shape && y.shape == g.shape, "unary backward shapes differ")
        let shape = g.shape
        // inlined with each closure: a scalar path without allocation, and a buffer loop
        // Most derivatives are cheap arithmetic on saved values (one core); those that call
        // a transcendental function pass `parallel: true`.
        @inline(__always) func xg(parallel: Bool = false, _ f: (Float, Float) -> Float) -> Tensor {
            if x.isInline && g.isInline { return Tensor(unchecked: shape, scalar: f(x.inlineScalar, g.inlineScalar)) }
            return Tensor(unchecked: shape, ElementwiseKernels.zipSame(x.storage, g.storage, parallel: parallel, f))
        }
        @inline(__always) func yg(_ f: (Float, Float) -> Float) -> Tensor {
            if y.isInline && g.isInline { return Tensor(unchecked: shape, scalar: f(y.inlineScalar, g.inlineScalar)) }
            return Tensor(unchecked: shape, ElementwiseKernels.zipSame(y.storage, g.storage, f))
        }
        let zeros = { Tensor(unchecked: shape, [Float](repeating: 0, count: g.scalarCount)) }
        switch self {
        case .neg: return g.map(.neg)
        case .exp: return yg { $0 * $1 }
        case .log: return xg { $1 / $0 }
        case .sqrt: return yg { $1 / (2 * $0) }
        case .abs: return xg { $0 > 0 ? $1 : ($0 < 0 ? -$1 : 0) }
        case .sin: return xg(parallel: true) { Foundation.cos($0) * $1 }
        case .cos: return xg(parallel: true) { -Foundation.sin($0) * $1 }
        case .tanh: return yg { (1 - $0 * $0) * $1 }
        case .sigmoid: return yg { $0 * (1 - $0) * $1 }
        case .relu: return xg { $0 > 0 ? $1 : 0 }
        case .sign, .round, .floor, .ceil, .step, .geluDerivative:
            return zeros()
        case .square: return xg { 2 * $0 * $1 }
        case .reciprocal: return yg { -$0 * $0 * $1 }
        case .leakyRelu(let a): return xg { $0 > 0 ? $1 : a * $1 }
        case .elu(let a):
            return Tensor(unchecked: shape, ElementwiseKernels.zip3(x.storage, y.storage, g.storage) { x, y, g in x > 0 ? g : (y + a) * g })
        case .selu: return xg(parallel: true) { x, g in
            x > 0 ? seluScale * g : seluScale * seluAlpha * Foundation.exp(x) * g }
        case .softplus: return xg(parallel: true) { x, g in
            x > 20 ? g : g / (1 + Foundation.exp(-x)) }
        case .gelu(let approximate):
            let d = x.map(.geluDerivative(approximate: approximate)).storage
            return Tensor(unchecked: shape, ElementwiseKernels.zipSame(d, g.storage) { $0 * $1 })
        case .powScalar(let p):
            if p == 2 { return xg { 2 * $0 * $1 } }
            if p == 1 { return g }
            if p == 0 { return zeros() }
            return xg(parallel: true) { p * Foundation.pow($0, p - 1) * $1 }
        case let .clamp(lo, hi):
            let l = lo ?? -.infinity, h = hi ?? .infinity
            return xg { $0 >= l && $0 <= h ? $1 : 0 }
        }
    }
}

extension Tensor {
    /// Gradients of `y = a op b` for `pow`, `maximum` and `minimum` with respect to `a` and
    /// `b`, in the broadcast shape (the caller sums them down to each input's shape).
    /// Ties of maximum/minimum split the gradient equally, like torch.
    ///
    /// - Throws: `TensorError.shape` when the shapes do not broadcast.
    public static func binaryBackward(_ op: BinaryOp, a: Tensor, b: Tensor, y: Tensor, g: Tensor) throws(TensorError) -> (Tensor, Tensor) {
        let A = try a.broadcast(to: g.shape), B = try b.broadcast(to: g.shape), Y = try y.broadcast(to: g.shape)
        switch op {
        case .pow:
            let da = ElementwiseKernels.zip3(A.storage, B.storage, g.storage) { x, p, g in
                p == 0 ? 0 : g * p * Foundation.pow(x, p - 1) }
            let logA = A.storage.map { $0 > 0 ? Foundation.log($0) : ($0 == 0 ? 0 : Float.nan) }
            let db = ElementwiseKernels.zip3(Y.storage, logA, g.storage) { y, l, g in g * y * l }
            return (Tensor(unchecked: g.shape, da), Tensor(unchecked: g.shape, db))
        case .maximum, .minimum:
            let wantMax = op == .maximum
            let da = ElementwiseKernels.zip3(A.storage, B.storage, g.storage) { x, z, g in
                x == z ? g / 2 : ((wantMax ? x > z : x < z) ? g : 0) }
            let db = ElementwiseKernels.zip3(A.storage, B.storage, g.storage) { x, z, g in
                x == z ? g / 2 : ((wantMax ? z > x : z < x) ? g : 0) }
            return (Tensor(unchecked: g.shape, da), Tensor(unchecked: g.shape, db))
        default:
            preconditionFailure("binaryBackward handles pow, maximum and minimum only")
        }
    }
}
