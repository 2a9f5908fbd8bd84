/// Inverse, determinant, linear solve and least squares, computed in Double.
extension Tensor {
    private func squareSize(_ op: String) throws(TensorError) -> Int {
        guard rank == 2, shape[0] == shape[1] else {
            throw .shape("\(op) needs a square matrix, got shape \(TensorError.format(shape))")
        }
        return shape[0]
    }

    private var doubles: [Double] { storage.map { Double($0) } }

    /// The matrix inverse. Shape rule: `[n, n]` gives `[n, n]`.
    /// - Throws: `TensorError.shape` for a non-square input; `.invalidArgument` when singular.
    public func inverse() throws(TensorError) -> Tensor {
        let n = try squareSize("inv")
        var a = doubles
        guard let (piv, _) = LinearSolve.lu(&a, n: n) else {
            throw .invalidArgument("inv: the matrix is singular (not invertible)")
        }
        var id = [Double](repeating: 0, count: n * n)
        for i in 0..<n { id[i * n + i] = 1 }
        let x = LinearSolve.luSolve(a, pivots: piv, n: n, b: id, m: n)
        return Tensor(unchecked: [n, n], x.map { Float($0) })
    }

    /// The determinant. Shape rule: `[n, n]` gives a 0-d tensor.
    /// - Throws: `TensorError.shape` for a non-square input.
    public func determinant() throws(TensorError) -> Tensor {
        let n = try squareSize("det")
        var a = doubles
        guard let (_, sign) = LinearSolve.lu(&a, n: n) else { return Tensor(0) }
        var d = sign
        for i in 0..<n { d *= a[i * n + i] }
        return Tensor(Float(d))
    }

    /// Solves `A x = b` (`self` is A).
    ///
    /// Shape rule: `[n, n]` with `b` of `[n]` gives `[n]`; with `b` of `[n, m]` gives `[n, m]`.
    /// - Throws: `TensorError.shape` when sizes differ; `.invalidArgument` when A is singular.
    public func solve(_ b: Tensor) throws(TensorError) -> Tensor {
        let n = try squareSize("solve")
        guard (b.rank == 1 || b.rank == 2), b.shape[0] == n else {
            throw .shape("cannot solve \(TensorError.format(shape)) x = \(TensorError.format(b.shape)): b needs \(n) rows")
        }
        let m = b.rank == 1 ? 1 : b.shape[1]
        var a = doubles
        guard let (piv, _) = LinearSolve.lu(&a, n: n) else {
            throw .invalidArgument("solve: the matrix is singular, so the system has no unique solution (try lstsq)")
        }
        let x = LinearSolve.luSolve(a, pivots: piv, n: n, b: b.doubles, m: m)
        return Tensor(unchecked: b.shape, x.map { Float($0) })
    }

    /// The least-squares solution of `A x ≈ b` (`self` is A, with at least as many rows as
    /// columns and independent columns), by Householder QR in Double.
    ///
    /// Shape rule: `[r, c]` with `b` of `[r]` gives `[c]`; with `[r, m]` gives `[c, m]`.
    /// - Throws: `TensorError.shape` for mismatched rows; `.invalidArgument` when rank deficient.
    public func leastSquares(_ b: Tensor) throws(TensorError) -> Tensor {
        guard rank == 2 else { throw .shape("lstsq needs a matrix A, got shape \(TensorError.format(shape))") }
        let rows = shape[0], cols = shape[1]
        guard (b.rank == 1 || b.rank == 2), b.shape[0] == rows else {
            throw .shape("cannot lstsq \(TensorError.format(shape)) x = \(TensorError.format(b.shape)): b needs \(rows) rows")
        }
        guard rows >= cols else {
            throw .invalidArgument("lstsq needs at least as many rows (\(rows)) as columns (\(cols))")
        }
        let m = b.rank == 1 ? 1 : b.shape[1]
        guard let x = LinearSolve.leastSquares(doubles, rows: rows, cols: cols, b: b.doubles, m: m) else {
            throw .invalidArgument("lstsq: the columns of A are linearly dependent (rank deficient)")
        }
        return Tensor(unchecked: b.rank == 1 ? [cols] : [cols, m], x.map { Float($0) })
    }
}
