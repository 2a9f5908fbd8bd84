/// Dense linear algebra in Double: LU with partial pivoting, and Householder QR for least
/// squares. Matrices are row-major `[Double]`.
enum LinearSolve {
    /// LU factorisation in place; returns the pivot rows and the permutation sign, or nil when
    /// a pivot is exactly zero (singular).
    static func lu(_ a: inout [Double], n: Int) -> (pivots: [Int], sign: Double)? {
        var pivots = Array(0..<n)
        var sign = 1.0
        for col in 0..<n {
            var best = col
            var bestValue = abs(a[col * n + col])
            for r in (col + 1)..<max(n, col + 1) where abs(a[r * n + col]) > bestValue {
                best = r; bestValue = abs(a[r * n + col])
            }
            if bestValue == 0 { return nil }
            if best != col {
                for j in 0..<n { a.swapAt(col * n + j, best * n + j) }
                pivots.swapAt(col, best)
                sign = -sign
            }
            let p = a[col * n + col]
            for r in (col + 1)..<max(n, col + 1) {
                let f = a[r * n + col] / p
                a[r * n + col] = f
                if f == 0 { continue }
                for j in (col + 1)..<n { a[r * n + j] -= f * a[col * n + j] }
            }
        }
        return (pivots, sign)
    }

    /// Solves `A X = B` for `B` with `m` columns using a factorised LU.
    static func luSolve(_ lu: [Double], pivots: [Int], n: Int, b: [Double], m: Int) -> [Double] {
        var x = [Double](repeating: 0, count: n * m)
        for i in 0..<n { for j in 0..<m { x[i * m + j] = b[pivots[i] * m + j] } }
        for i in 0..<n {          // forward: L has unit diagonal
            for k in 0..<i where lu[i * n + k] != 0 {
                let f = lu[i * n + k]
                for j in 0..<m { x[i * m + j] -= f * x[k * m + j] }
            }
        }
        var i = n - 1
        while i >= 0 {            // backward
            for k in (i + 1)..<max(n, i + 1) where lu[i * n + k] != 0 {
                let f = lu[i * n + k]
                for j in 0..<m { x[i * m + j] -= f * x[k * m + j] }
            }
            let d = lu[i * n + i]
            for j in 0..<m { x[i * m + j] /= d }
            i -= 1
        }
        return x
    }

    /// Least squares `min |A x - B|` for `A` of `rows x cols` (rows >= cols, full column rank)
    /// by Householder QR; returns `cols x m`, or nil when rank deficient.
    static func leastSquares(_ a: [Double], rows: Int, cols: Int, b: [Double], m: Int) -> [Double]? {
        var r = a
        var qb = b
        for k in 0..<cols {
            var norm = 0.0
            for i in k..<rows { norm += r[i * cols + k] * r[i * cols + k] }
            norm = norm.squareRoot()
            if norm == 0 { return nil }
            let alpha = r[k * cols + k] > 0 ? -norm : norm
            var v = [Double](repeating: 0, count: rows)
            for i in k..<rows { v[i] = r[i * cols + k] }
            v[k] -= alpha
            var vv = 0.0
            for i in k..<rows { vv += v[i] * v[i] }
            if vv == 0 { continue }
            for j in k..<cols {
                var s = 0.0
                for i in k..<rows { s += v[i] * r[i * cols + j] }
                let f = 2 * s / vv
                for i in k..<rows { r[i * cols + j] -= f * v[i] }
            }
            for j in 0..<m {
                var s = 0.0
                for i in k..<rows { s += v[i] * qb[i * m + j] }
                let f = 2 * s / vv
                for i in k..<rows { qb[i * m + j] -= f * v[i] }
            }
        }
        let scale = r.lazy.map { abs($0) }.max() ?? 0
        var x = [Double](repeating: 0, count: cols * m)
        var i = cols - 1
        while i >= 0 {
            let d = r[i * cols + i]
            if abs(d) <= scale * 1e-12 { return nil }
            for j in 0..<m {
                var s = qb[i * m + j]
                for k in (i + 1)..<max(cols, i + 1) { s -= r[i * cols + k] * x[k * m + j] }
                x[i * m + j] = s / d
            }
            i -= 1
        }
        return x
    }
}
