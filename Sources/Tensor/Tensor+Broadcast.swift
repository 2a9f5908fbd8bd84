/// numpy broadcasting: shapes are aligned at the right; sizes must be equal or 1.
extension Tensor {
    /// The broadcast shape of two shapes.
    ///
    /// - Parameters:
    ///   - a: The first shape.
    ///   - b: The second shape.
    ///   - op: The operation's name for the error message.
    /// - Returns: The shape both broadcast to.
    /// - Throws: `TensorError.shape`: `cannot broadcast [3] with [4] in add`.
    public static func broadcastShape(_ a: [Int], _ b: [Int], op: String) throws(TensorError) -> [Int] {
        if a == b { return a }
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                out[i] = da
            } else if da == 1 {
                out[i] = db
            } else {
                throw TensorError.broadcast(a, b, op: op)
            }
        }
        return out
    }

    /// Strides of `shape` seen as `outShape` (0 on broadcast axes).
    static func broadcastStrides(_ shape: [Int], to outShape: [Int]) -> [Int] {
        let own = strides(of: shape)
        let pad = outShape.count - shape.count
        var out = [Int](repeating: 0, count: outShape.count)
        for i in 0..<shape.count where shape[i] != 1 {
            out[pad + i] = own[i]
        }
        return out
    }

    /// This tensor repeated along broadcast axes to `target` (a materialised `expand`).
    ///
    /// Shape rule: `shape` must broadcast to `target` (right-aligned, sizes equal or 1).
    /// - Parameter target: The shape to expand to.
    /// - Returns: A tensor of shape `target`.
    /// - Throws: `TensorError.shape` when the shape cannot broadcast to `target`.
    public func broadcast(to target: [Int]) throws(TensorError) -> Tensor {
        if shape == target { return self }
        let out = try Tensor.broadcastShape(shape, target, op: "expand")
        guard out == target else { throw TensorError.broadcast(shape, target, op: "expand") }
        if scalarCount == 1 {
            return Tensor(unchecked: target, [Float](repeating: first, count: Tensor.count(of: target)))
        }
        let zero: [Float] = [0]
        let data = ElementwiseKernels.zipBroadcast(
            storage, Tensor.broadcastStrides(shape, to: target), zero,
            [Int](repeating: 0, count: target.count), outShape: target) { a, _ in a }
        return Tensor(unchecked: target, data)
    }

    /// Sums over the axes that broadcasting added or stretched, giving a tensor of `target`
    /// shape (the gradient of a broadcast). Accumulates in Double.
    ///
    /// Shape rule: `target` must broadcast to `shape`.
    /// - Parameter target: The original (smaller) shape.
    /// - Returns: A tensor of shape `target`.
    public func sum(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        var result = self
        let pad = shape.count - target.count
        // leading axes that broadcasting added
        for _ in 0..<pad { result = result.reduced(.sum, axis: 0, keepDim: false) }
        for (i, size) in target.enumerated() where size == 1 && result.shape[i] != 1 {
            result = result.reduced(.sum, axis: i, keepDim: true)
        }
        return result
    }
}
