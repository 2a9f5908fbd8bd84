/// Shape manipulation: reshape, transpose, permute, squeeze, unsqueeze, flatten.
extension Tensor {
    /// The same elements with a new shape; one size may be -1 (inferred).
    ///
    /// Shape rule: the element counts must agree.
    /// - Parameter newShape: The new shape.
    /// - Returns: The reshaped tensor (shares storage).
    /// - Throws: `TensorError.shape`: `cannot reshape [2, 3] (6 elements) to [4]`.
    public func reshaped(_ newShape: [Int]) throws(TensorError) -> Tensor {
        var target = newShape
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        // built only on failure: formatting it on every call cost more than the reshape
        var fail: TensorError {
            .shape("cannot reshape \(TensorError.format(shape)) (\(scalarCount) elements) to \(TensorError.format(newShape))")
        }
        if inferred.count > 1 { throw .shape("cannot reshape to \(TensorError.format(newShape)): only one size may be -1") }
        if newShape.contains(where: { $0 < -1 }) { throw fail }
        if let i = inferred.first {
            let known = Tensor.count(of: newShape.enumerated().filter { $0.offset != i }.map(\.element))
            guard known > 0, scalarCount % known == 0 else { throw fail }
            target[i] = scalarCount / known
        }
        guard Tensor.count(of: target) == scalarCount else { throw fail }
        return Tensor(unchecked: target, storage)
    }

    /// All elements as a 1-d tensor. Shape rule: `[n]` with n = scalarCount.
    public func flattened() -> Tensor { Tensor(unchecked: [scalarCount], storage) }

    /// Permutes the axes: output axis `i` is input axis `perm[i]`.
    ///
    /// Shape rule: `out.shape[i] == shape[perm[i]]`.
    /// - Parameter perm: A permutation of `0..<rank`.
    /// - Returns: A contiguous copy.
    /// - Throws: `TensorError.invalidArgument` when `perm` is not a permutation.
    public func permuted(_ perm: [Int]) throws(TensorError) -> Tensor {
        guard perm.count == rank, Set(perm) == Set(0..<rank) else {
            throw .invalidArgument("permute needs a permutation of 0..<\(rank), got \(TensorError.format(perm))")
        }
        if perm == Array(0..<rank) { return self }
        let data = ElementwiseKernels.permute(storage, shape: shape, perm: perm)
        return Tensor(unchecked: perm.map { shape[$0] }, data)
    }

    /// Swaps two axes (negative axes count from the end).
    ///
    /// Shape rule: sizes of `a` and `b` swap. A tensor of rank < 2 is returned unchanged
    /// when both axes are valid.
    /// - Throws: `TensorError.index` for an axis out of range.
    public func transposed(_ a: Int = 0, _ b: Int = 1) throws(TensorError) -> Tensor {
        if rank < 2 {
            _ = try Tensor.normalizeAxis(a, rank: rank, op: "transpose")
            _ = try Tensor.normalizeAxis(b, rank: rank, op: "transpose")
            return self
        }
        let x = try Tensor.normalizeAxis(a, rank: rank, op: "transpose")
        let y = try Tensor.normalizeAxis(b, rank: rank, op: "transpose")
        var perm = Array(0..<rank)
        perm.swapAt(x, y)
        return try permuted(perm)
    }

    /// `.T`: reverses the axes (PyTorch's `.T`; a matrix transpose for rank 2).
    public var transposedAll: Tensor {
        if rank < 2 { return self }
        return Tensor(unchecked: shape.reversed(),
                      ElementwiseKernels.permute(storage, shape: shape, perm: Array((0..<rank).reversed())))
    }

    /// Removes size-1 axes: all of them, or only `dim` (unchanged if that size is not 1).
    ///
    /// - Throws: `TensorError.index` for a bad dim.
    public func squeezed(_ dim: Int? = nil) throws(TensorError) -> Tensor {
        guard let dim else { return Tensor(unchecked: shape.filter { $0 != 1 }, storage) }
        if rank == 0 { _ = try Tensor.normalizeAxis(dim, rank: 0, op: "squeeze"); return self }
        let axis = try Tensor.normalizeAxis(dim, rank: rank, op: "squeeze")
        guard shape[axis] == 1 else { return self }
        var s = shape
        s.remove(at: axis)
        return Tensor(unchecked: s, storage)
    }

    /// Inserts a size-1 axis at `dim` (`-rank-1 ... rank`).
    ///
    /// Shape rule: rank grows by one.
    /// - Throws: `TensorError.index` for a bad dim.
    public func unsqueezed(_ dim: Int) throws(TensorError) -> Tensor {
        let axis = try Tensor.normalizeAxis(dim, rank: rank + 1, op: "unsqueeze")
        var s = shape
        s.insert(1, at: axis)
        return Tensor(unchecked: s, storage)
    }

    /// Moves the last axis to the end no-op helper: a matrix with rows and columns swapped
    /// for rank 2, or `self` for rank < 2 (used by matmul's gradients).
    var matrixTranspose: Tensor {
        if rank < 2 { return self }
        var perm = Array(0..<rank)
        perm.swapAt(rank - 1, rank - 2)
        return Tensor(unchecked: perm.map { shape[$0] },
                      ElementwiseKernels.permute(storage, shape: shape, perm: perm))
    }

    /// Swaps the last two axes (batched matrix transpose); rank < 2 unchanged.
    public var swappingLastTwoAxes: Tensor { matrixTranspose }
}
