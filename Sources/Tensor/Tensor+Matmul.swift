/// Matrix products with torch.matmul's rank rules, through OpenBLAS sgemm.
extension Tensor {
    /// The matrix product `self @ other` (torch.matmul).
    ///
    /// Shape rule: 1-d @ 1-d is a dot product (0-d); `[m, k] @ [k, n]` is `[m, n]`; a 1-d left
    /// operand acts as `[1, k]` and a 1-d right operand as `[k, 1]`, the added axis removed
    /// afterwards; leading (batch) axes broadcast, e.g. `[b, m, k] @ [k, n]` is `[b, m, n]`.
    /// - Parameter other: The right operand.
    /// - Returns: The product.
    /// - Throws: `TensorError.shape`: `cannot matmul [3, 2] @ [3, 1]: inner sizes 2 and 3 differ`.
    public func matmul(_ other: Tensor) throws(TensorError) -> Tensor {
        try Tensor.matmul(self, other, transA: false, transB: false)
    }

    /// `op(a) @ op(b)` where `op` swaps the last two axes when the flag is set (no copy: the
    /// flag goes to sgemm). Flags apply only to operands of rank >= 2.
    static func matmul(_ a: Tensor, _ b: Tensor, transA: Bool, transB: Bool) throws(TensorError) -> Tensor {
        var opName: String { "cannot matmul \(TensorError.format(a.shape)) @ \(TensorError.format(b.shape))" }
        guard a.rank > 0, b.rank > 0 else {
            throw .shape("\(opName): both operands need at least one dimension (use * for a number)")
        }
        // logical 2-d views
        let aRows: Int, aCols: Int, bRows: Int, bCols: Int
        if a.rank == 1 { aRows = 1; aCols = a.shape[0] } else {
            let r = a.shape[a.rank - 2], c = a.shape[a.rank - 1]
            (aRows, aCols) = transA ? (c, r) : (r, c)
        }
        if b.rank == 1 { bRows = b.shape[0]; bCols = 1 } else {
            let r = b.shape[b.rank - 2], c = b.shape[b.rank - 1]
            (bRows, bCols) = transB ? (c, r) : (r, c)
        }
        guard aCols == bRows else {
            throw .shape("\(opName): inner sizes \(aCols) and \(bRows) differ")
        }
        let batchA = a.rank > 2 ? Array(a.shape[..<(a.rank - 2)]) : []
        let batchB = b.rank > 2 ? Array(b.shape[..<(b.rank - 2)]) : []
        let batch: [Int]
        do {
            batch = try broadcastShape(batchA, batchB, op: "matmul")
        } catch {
            throw .shape("\(opName): batch sizes \(TensorError.format(batchA)) and \(TensorError.format(batchB)) do not broadcast")
        }
        let nBatch = count(of: batch)
        _ = try checkedCount(batch + [aRows, bCols], op: "matmul")
        func operand(_ t: Tensor, own: [Int], rows: Int, cols: Int, trans: Bool) throws(TensorError) -> ([Float], Int) {
            if own.isEmpty { return (t.storage, 0) }
            if own == batch { return (t.storage, rows * cols) }
            let matrix = trans ? [cols, rows] : [rows, cols]
            let expanded = try Tensor(unchecked: own + matrix, t.storage).broadcast(to: batch + matrix)
            return (expanded.storage, rows * cols)
        }
        let (da, sa) = try operand(a, own: batchA, rows: aRows, cols: aCols, trans: transA && a.rank >= 2)
        let (db, sb) = try operand(b, own: batchB, rows: bRows, cols: bCols, trans: transB && b.rank >= 2)
        let data = BLAS.gemm(da, db, batch: nBatch, m: aRows, n: bCols, k: aCols,
                             transA: transA && a.rank >= 2, transB: transB && b.rank >= 2,
                             strideA: sa, strideB: sb)
        var outShape = batch
        if a.rank > 1 { outShape.append(aRows) }
        if b.rank > 1 { outShape.append(bCols) }
        return Tensor(unchecked: outShape, data)
    }

    /// The gradients of `a @ b` with respect to `a` and `b`, given the output gradient `g`.
    ///
    /// Shape rule: the results have the shapes of `a` and `b` (summed over broadcast batch axes).
    /// - Throws: `TensorError.shape` if `g` does not have the product's shape.
    public static func matmulGradients(_ a: Tensor, _ b: Tensor, _ g: Tensor) throws(TensorError) -> (Tensor, Tensor) {
        let a2 = a.rank == 1 ? Tensor(unchecked: [1, a.shape[0]], a.storage) : a
        let b2 = b.rank == 1 ? Tensor(unchecked: [b.shape[0], 1], b.storage) : b
        let m = a2.shape[a2.rank - 2], n = b2.shape[b2.rank - 1]
        let batchA = Array(a2.shape.dropLast(2)), batchB = Array(b2.shape.dropLast(2))
        let batch = try broadcastShape(batchA, batchB, op: "matmul")
        let g2 = Tensor(unchecked: batch + [m, n], g.storage)
        // dA = G @ B^T, dB = A^T @ G (transpose flags, no copies)
        let ga = try matmul(g2, b2, transA: false, transB: true).sum(toShape: a2.shape)
        let gb = try matmul(a2, g2, transA: true, transB: false).sum(toShape: b2.shape)
        return (Tensor(unchecked: a.shape, ga.storage), Tensor(unchecked: b.shape, gb.storage))
    }

    /// The dot product of two 1-d tensors of equal length (0-d result, Double accumulation).
    ///
    /// - Throws: `TensorError.shape`: `cannot dot [3] with [2]: both must be 1-d of the same length`.
    public func dot(_ other: Tensor) throws(TensorError) -> Tensor {
        guard rank == 1, other.rank == 1, shape == other.shape else {
            throw .shape("cannot dot \(TensorError.format(shape)) with \(TensorError.format(other.shape)): both must be 1-d of the same length")
        }
        var acc = 0.0
        let a = storage, b = other.storage
        for i in 0..<a.count { acc += Double(a[i]) * Double(b[i]) }
        return Tensor(Float(acc))
    }

    /// The outer product of two 1-d tensors. Shape rule: `[n] x [m]` gives `[n, m]`.
    /// - Throws: `TensorError.shape` when an operand is not 1-d.
    public func outer(_ other: Tensor) throws(TensorError) -> Tensor {
        guard rank == 1, other.rank == 1 else {
            throw .shape("cannot outer \(TensorError.format(shape)) with \(TensorError.format(other.shape)): both must be 1-d")
        }
        return try Tensor(unchecked: [shape[0], 1], storage) * Tensor(unchecked: [1, other.shape[0]], other.storage)
    }
}
