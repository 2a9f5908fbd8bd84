/// 2-d convolution and pooling over `[N, C, H, W]` tensors with square windows, through
/// dedicated im2col/col2im loops (no index tables) and one sgemm.
extension Tensor {
    /// The window geometry of an `[N, C, H, W]` input, or a shape error.
    static func windowGeometry(_ x: Tensor, kernel: Int, stride: Int, padding: Int,
                               op: String) throws(TensorError) -> WindowKernels.Geometry {
        guard x.rank == 4 else {
            throw .shape("\(op) expects an input of shape [N, C, H, W], got \(TensorError.format(x.shape))")
        }
        guard kernel > 0, stride > 0, padding >= 0 else {
            throw .invalidArgument("\(op) needs a positive kernel and stride and a padding >= 0, got kernel=\(kernel), stride=\(stride), padding=\(padding)")
        }
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        guard h + 2 * padding >= kernel, w + 2 * padding >= kernel else {
            throw .shape("\(op): the \(kernel)x\(kernel) window does not fit an input of \(h)x\(w) (padding \(padding)), shape \(TensorError.format(x.shape))")
        }
        let ho = (h + 2 * padding - kernel) / stride + 1, wo = (w + 2 * padding - kernel) / stride + 1
        _ = try checkedCount([n * ho * wo, c * kernel * kernel], op: op)
        return WindowKernels.Geometry(n: n, c: c, h: h, w: w, k: kernel, stride: stride,
                                      padding: padding, ho: ho, wo: wo)
    }

    /// The cross-correlation of PyTorch's `conv2d`: im2col, then one sgemm adding into the
    /// broadcast bias, then the result laid out channels first.
    ///
    /// Shape rule: `x` `[N, C, H, W]`, `weight` `[O, C, k, k]`, `bias` `[O]` give
    /// `[N, O, Ho, Wo]` with `Ho = (H + 2 padding - k) / stride + 1` (likewise `Wo`).
    /// - Throws: `TensorError.shape` when the shapes do not fit.
    public static func conv2d(_ x: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: Int) throws(TensorError) -> Tensor {
        guard weight.rank == 4, weight.shape[2] == weight.shape[3], x.rank == 4, x.shape[1] == weight.shape[1] else {
            throw .shape("cannot convolve \(TensorError.format(x.shape)) with filters \(TensorError.format(weight.shape)): expected [N, C, H, W] and [O, C, k, k]")
        }
        let out = weight.shape[0]
        if let bias, bias.shape != [out] {
            throw .shape("cannot add a bias of shape \(TensorError.format(bias.shape)) to \(out) filters: it must have shape [\(out)]")
        }
        let g = try windowGeometry(x, kernel: weight.shape[2], stride: stride, padding: padding, op: "conv2d")
        let cols = WindowKernels.im2col(x.storage, g)
        let rows = BLAS.linear(cols, weight.storage, bias: bias?.storage, rows: g.n * g.positions,
                               cols: out, inner: g.patch)
        let data = WindowKernels.positionsToChannels(rows, n: g.n, positions: g.positions, channels: out, inverse: false)
        return Tensor(unchecked: [g.n, out, g.ho, g.wo], data)
    }

    /// The gradients of ``conv2d(_:weight:bias:stride:padding:)`` for the output gradient `g`,
    /// each computed only when asked for: `dx` (col2im of `g @ W`), `dweight` (`(im2col(x)ᵀ @ g)ᵀ`)
    /// and `dbias` (sums of `g` per channel, in Double).
    ///
    /// Shape rule: the results have the shapes of `x`, `weight` and `[O]`.
    public static func conv2dGradients(x: Tensor, weight: Tensor, g: Tensor, stride: Int, padding: Int,
                                       input: Bool, weightGradient: Bool, bias: Bool) throws(TensorError) -> (Tensor?, Tensor?, Tensor?) {
        let geo = try windowGeometry(x, kernel: weight.shape[2], stride: stride, padding: padding, op: "conv2d")
        let out = weight.shape[0], rows = geo.n * geo.positions
        let g2 = WindowKernels.positionsToChannels(g.storage, n: geo.n, positions: geo.positions, channels: out, inverse: true)
        var dx: Tensor?, dw: Tensor?, db: Tensor?
        if input {
            let dcols = BLAS.gemm(g2, weight.storage, batch: 1, m: rows, n: geo.patch, k: out,
                                  transA: false, transB: false, strideA: 0, strideB: 0)
            dx = Tensor(unchecked: x.shape, WindowKernels.col2im(dcols, geo))
        }
        if weightGradient {
            // im2colᵀ @ g, then transposed: the product the gather + matmul composite computed,
            // so the same rounding (gᵀ @ im2col sums in another order inside OpenBLAS)
            let cols = WindowKernels.im2col(x.storage, geo)
            let data = BLAS.gemm(cols, g2, batch: 1, m: geo.patch, n: out, k: rows,
                                 transA: true, transB: false, strideA: 0, strideB: 0)
            let filters = ElementwiseKernels.permute(data, shape: [geo.patch, out], perm: [1, 0])
            dw = Tensor(unchecked: weight.shape, filters)
        }
        if bias {
            db = Tensor(unchecked: [out], ReductionKernels.reduce(g2, outer: 1, n: rows, inner: out, kind: .sum))
        }
        return (dx, dw, db)
    }

    /// Max or average pooling over `kernel x kernel` windows (no padding; PyTorch's
    /// `max_pool2d` / `avg_pool2d`).
    ///
    /// Shape rule: `[N, C, H, W]` gives `[N, C, (H - k) / stride + 1, (W - k) / stride + 1]`.
    /// - Throws: `TensorError.shape` for an input that is not 4-d or smaller than the window.
    public static func pool2d(_ x: Tensor, kernel: Int, stride: Int, max: Bool) throws(TensorError) -> Tensor {
        let g = try windowGeometry(x, kernel: kernel, stride: stride, padding: 0, op: max ? "max_pool2d" : "avg_pool2d")
        return Tensor(unchecked: [g.n, g.c, g.ho, g.wo], WindowKernels.pool(x.storage, g, max: max))
    }

    /// The input gradient of ``pool2d(_:kernel:stride:max:)`` given its output `y` and the
    /// output gradient `g`: to each window's maximum (split between ties), or spread evenly.
    ///
    /// Shape rule: the result has the shape of `x`.
    public static func pool2dGradient(x: Tensor, y: Tensor, g: Tensor, kernel: Int, stride: Int, max: Bool) throws(TensorError) -> Tensor {
        let geo = try windowGeometry(x, kernel: kernel, stride: stride, padding: 0, op: max ? "max_pool2d" : "avg_pool2d")
        return Tensor(unchecked: x.shape, WindowKernels.poolBackward(x.storage, y.storage, g.storage, geo, max: max))
    }
}
