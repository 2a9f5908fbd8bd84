import Tensor

/// The closed-form least-squares solution of linear regression.
public enum NormalEquation {
    /// Solves `(XᵀX) θ = Xᵀy` in Double precision (Gaussian elimination with partial pivoting).
    ///
    /// Shape rule: `X` is `[N]` (one feature) or `[N, D]`, `y` is `[N]` or `[N, 1]`; θ is
    /// `[D + 1]` with the intercept θ₀ first when `bias` is true, else `[D]`.
    ///
    /// - Parameters:
    ///   - x: The inputs.
    ///   - y: The targets.
    ///   - bias: Whether to fit an intercept (a column of ones before the features).
    /// - Returns: θ.
    /// - Throws: `NNError.shape` for mismatched shapes; `NNError.invalidArgument` when XᵀX is
    ///   singular (a constant or duplicated feature, or fewer samples than parameters).
    public static func solve(x: Tensor, y: Tensor, bias: Bool = true) throws(NNError) -> Tensor {
        guard x.rank == 1 || x.rank == 2 else {
            throw .shape("normal_equation expects X of shape [N, D] or [N], got \(NNError.format(x.shape))")
        }
        let n = x.shape[0]
        let d = x.rank == 2 ? x.shape[1] : 1
        guard y.shape == [n] || y.shape == [n, 1] else {
            throw .shape("normal_equation: X has \(n) samples (shape \(NNError.format(x.shape))) so y must have shape [\(n)] or [\(n), 1], got \(NNError.format(y.shape))")
        }
        let p = d + (bias ? 1 : 0)
        let xs = x.scalars, ys = y.scalars
        var a = [Double](repeating: 0, count: p * p)
        var b = [Double](repeating: 0, count: p)
        var row = [Double](repeating: 0, count: p)
        for i in 0..<n {
            var k = 0
            if bias { row[0] = 1; k = 1 }
            for j in 0..<d { row[k + j] = Double(xs[i * d + j]) }
            let target = Double(ys[i])
            for r in 0..<p {
                b[r] += row[r] * target
                for c in 0..<p { a[r * p + c] += row[r] * row[c] }
            }
        }
        let theta = try gaussianSolve(a, b, size: p)
        return Tensor(shape: [p], scalars: theta.map { Float($0) })
    }

    /// Solves `a x = b` for a `size x size` matrix in row-major order.
    static func gaussianSolve(_ matrix: [Double], _ rhs: [Double], size p: Int) throws(NNError) -> [Double] {
        var a = matrix, b = rhs
        var scale = 0.0
        for v in a { scale = max(scale, abs(v)) }
        for col in 0..<p {
            var pivot = col
            for r in (col + 1)..<max(p, col + 1) where abs(a[r * p + col]) > abs(a[pivot * p + col]) { pivot = r }
            guard abs(a[pivot * p + col]) > 1e-12 * max(scale, 1) else {
                throw .invalidArgument("normal_equation: XᵀX is singular, so θ is not unique: a feature is constant, duplicates another, or there are fewer samples than parameters")
            }
            if pivot != col {
                for c in 0..<p { a.swapAt(col * p + c, pivot * p + c) }
                b.swapAt(col, pivot)
            }
            for r in (col + 1)..<max(p, col + 1) {
                let f = a[r * p + col] / a[col * p + col]
                if f == 0 { continue }
                for c in col..<p { a[r * p + c] -= f * a[col * p + c] }
                b[r] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: p)
        for r in stride(from: p - 1, through: 0, by: -1) {
            var s = b[r]
            for c in (r + 1)..<max(p, r + 1) { s -= a[r * p + c] * x[c] }
            x[r] = s / a[r * p + r]
        }
        return x
    }
}
