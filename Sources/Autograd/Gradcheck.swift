import Tensor

/// Finite-difference checking of gradients, and JAX-style gradient functions.
public enum Gradcheck {
    /// Default step of the central differences. Float32 has about 7 significant digits; a
    /// step of 1e-3 balances truncation error (O(eps^2)) against rounding error (O(1e-7/eps)),
    /// so expect errors around 1e-3 and treat anything below 1e-2 as a pass.
    public static let defaultEpsilon: Float = 1e-3

    /// Compares the autograd gradient of a scalar function with central differences.
    ///
    /// Each input becomes a leaf requiring grad; `f` must return a one-element tensor.
    /// The error of one element is `|analytic - numeric| / max(1, |analytic|, |numeric|)`
    /// (relative for large gradients, absolute for small ones); the result is the largest.
    /// - Parameters:
    ///   - f: The function of the inputs.
    ///   - inputs: The point at which to check.
    ///   - epsilon: The finite-difference step.
    /// - Returns: The maximum error over all elements of all inputs.
    /// - Throws: `AutogradError` from `f` or backward, or `.invalidArgument` when `f` does
    ///   not return a single element.
    public static func maxError(_ f: ([Variable]) throws -> Variable, at inputs: [Tensor],
                                epsilon: Float = defaultEpsilon) throws -> Double {
        let leaves = inputs.map { Variable($0, requiresGrad: true) }
        let out = try f(leaves)
        guard out.value.scalarCount == 1 else {
            throw AutogradError.invalidArgument("gradcheck needs a function returning one number, got shape \(TensorError.format(out.value.shape)): add .sum()")
        }
        if out.requiresGrad { try out.backward() }
        var worst = 0.0
        for (k, input) in inputs.enumerated() {
            let analytic = leaves[k].grad?.scalars ?? [Float](repeating: 0, count: input.scalarCount)
            for i in 0..<input.scalarCount {
                func evaluate(_ delta: Float) throws -> Double {
                    var point = inputs
                    var s = point[k].scalars
                    s[i] += delta
                    point[k] = Tensor(shape: input.shape, scalars: s)
                    let v = try GradMode.withoutGrad { () throws -> Variable in try f(point.map { Variable($0) }) }
                    return Double(v.value.scalars[0])
                }
                let numeric = (try evaluate(epsilon) - evaluate(-epsilon)) / (2 * Double(epsilon))
                let a = Double(analytic[i])
                let err = abs(a - numeric) / max(1, abs(a), abs(numeric))
                worst = max(worst, err.isNaN ? .infinity : err)
            }
        }
        return worst
    }

    /// The gradients of a scalar function at a point (`grad(f)(x...)` in the notebook).
    ///
    /// - Parameters:
    ///   - f: The function; must return a one-element tensor.
    ///   - inputs: The arguments.
    /// - Returns: One gradient per argument (zeros where the output does not depend on it).
    /// - Throws: `AutogradError` from `f` or backward.
    public static func gradients(_ f: ([Variable]) throws -> Variable, at inputs: [Tensor]) throws -> [Tensor] {
        let leaves = inputs.map { Variable($0, requiresGrad: true) }
        let out = try GradMode.withGrad { () throws -> Variable in try f(leaves) }
        guard out.value.scalarCount == 1 else {
            throw AutogradError.invalidArgument("grad needs a function returning one number, got shape \(TensorError.format(out.value.shape)): add .sum()")
        }
        if out.requiresGrad { try out.backward() }
        return zip(leaves, inputs).map { leaf, input in
            leaf.grad ?? Tensor(shape: input.shape, scalars: [Float](repeating: 0, count: input.scalarCount))
        }
    }
}
