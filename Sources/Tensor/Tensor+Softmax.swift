/// Numerically stable softmax and log-softmax.
extension Tensor {
    /// `exp(x - max) / sum(exp(x - max))` along `dim`.
    ///
    /// Shape rule: same shape as the input.
    /// - Throws: `TensorError.index` for a bad dim.
    public func softmax(dim: Int = -1) throws(TensorError) -> Tensor {
        let axis = try Tensor.normalizeAxis(dim, rank: rank, op: "softmax")
        if rank == 0 { return Tensor(1) }
        let m = reduced(.max, axis: axis, keepDim: true)
        let e = try binary(.sub, m).map(.exp)
        return try e.binary(.div, e.reduced(.sum, axis: axis, keepDim: true))
    }

    /// `x - max - log(sum(exp(x - max)))` along `dim`.
    ///
    /// Shape rule: same shape as the input.
    /// - Throws: `TensorError.index` for a bad dim.
    public func logSoftmax(dim: Int = -1) throws(TensorError) -> Tensor {
        let axis = try Tensor.normalizeAxis(dim, rank: rank, op: "log_softmax")
        if rank == 0 { return Tensor(0) }
        let m = reduced(.max, axis: axis, keepDim: true)
        let shifted = try binary(.sub, m)
        let lse = shifted.map(.exp).reduced(.sum, axis: axis, keepDim: true).map(.log)
        return try shifted.binary(.sub, lse)
    }
}
