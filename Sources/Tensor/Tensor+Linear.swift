/// The fully connected layer's product, `x @ Wᵀ + b`, as one sgemm (PyTorch's addmm).
extension Tensor {
    /// `x @ weightᵀ + bias`: the bias is written into the output first and sgemm adds the
    /// product to it, so there is neither a transposed copy of the weight nor a separate
    /// broadcast add.
    ///
    /// Shape rule: `x` `[..., in]`, `weight` `[out, in]`, `bias` `[out]` give `[..., out]`
    /// (a 1-d `x` gives `[out]`).
    /// - Parameters:
    ///   - x: The input.
    ///   - weight: The weight, one row per output.
    ///   - bias: The bias, or nil.
    /// - Returns: The product plus the bias.
    /// - Throws: `TensorError.shape` when the sizes do not fit:
    ///   `cannot matmul [4, 2] @ [3, 3].T: inner sizes 2 and 3 differ`.
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws(TensorError) -> Tensor {
        guard weight.rank == 2, x.rank >= 1, x.shape[x.rank - 1] == weight.shape[1] else {
            if weight.rank == 2, x.rank >= 1 {
                throw .shape("cannot matmul \(TensorError.format(x.shape)) @ \(TensorError.format(weight.shape)).T: inner sizes \(x.shape[x.rank - 1]) and \(weight.shape[1]) differ")
            }
            throw .shape("cannot matmul \(TensorError.format(x.shape)) @ \(TensorError.format(weight.shape)).T: the input needs at least one axis and the weight two")
        }
        let (cols, inner) = (weight.shape[0], weight.shape[1])
        if let bias, bias.shape != [cols] {
            throw .shape("cannot add a bias of shape \(TensorError.format(bias.shape)) to a product with \(cols) columns: it must have shape [\(cols)]")
        }
        let rows = inner == 0 ? count(of: Array(x.shape.dropLast())) : x.scalarCount / inner
        let outShape = Array(x.shape.dropLast()) + [cols]
        _ = try checkedCount(outShape, op: "matmul")
        let data = BLAS.linear(x.storage, weight.storage, bias: bias?.storage,
                               rows: rows, cols: cols, inner: inner)
        return Tensor(unchecked: outShape, data)
    }

    /// The gradients of `y = x @ weightᵀ + bias` for the upstream gradient `g`, each computed
    /// only when asked for: `dx = g @ weight`, `dweight = gᵀ @ x` (batch axes of `x` folded
    /// into rows; sgemm's transpose flag, no copies) and `dbias` = the column sums of `g`
    /// (accumulated in Double).
    ///
    /// Shape rule: the results have the shapes of `x`, `weight` and `[out]`.
    /// - Parameters:
    ///   - x: The forward input.
    ///   - weight: The forward weight `[out, in]`.
    ///   - g: The gradient of the output, shaped like it.
    ///   - input: Whether to compute `dx`.
    ///   - weightGradient: Whether to compute `dweight`.
    ///   - bias: Whether to compute `dbias`.
    /// - Returns: The requested gradients (nil for the others).
    public static func linearGradients(x: Tensor, weight: Tensor, g: Tensor, input: Bool,
                                       weightGradient: Bool, bias: Bool) -> (Tensor?, Tensor?, Tensor?) {
        let (cols, inner) = (weight.shape[0], weight.shape[1])
        let rows = cols == 0 ? x.scalarCount / max(inner, 1) : g.scalarCount / cols
        var dx: Tensor?, dw: Tensor?, db: Tensor?
        if input {
            let data = BLAS.gemm(g.storage, weight.storage, batch: 1, m: rows, n: inner, k: cols,
                                 transA: false, transB: false, strideA: 0, strideB: 0)
            dx = Tensor(unchecked: x.shape, data)
        }
        if weightGradient {
            let data = BLAS.gemm(g.storage, x.storage, batch: 1, m: cols, n: inner, k: rows,
                                 transA: true, transB: false, strideA: 0, strideB: 0)
            dw = Tensor(unchecked: weight.shape, data)
        }
        if bias {
            db = Tensor(unchecked: [cols], ReductionKernels.reduce(g.storage, outer: 1, n: rows, inner: cols, kind: .sum))
        }
        return (dx, dw, db)
    }
}
