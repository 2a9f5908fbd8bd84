/// One item of a subscript `t[i, a:b:c, mask, idx]`, numpy semantics.
public enum TensorIndex: Sendable, Equatable {
    /// An integer (negative counts from the end); removes the axis.
    case at(Int)
    /// `start:stop:step` with Python defaults for missing parts; keeps the axis.
    case slice(start: Int?, stop: Int?, step: Int?)
    /// A 0/1 mask covering the next `mask.rank` axes; they become one axis of the selected count.
    case mask(Tensor)
    /// An integer-valued tensor of positions along one axis; the axis becomes `indices.shape`.
    case indices(Tensor)
    /// A tensor whose kind is decided by its content: a mask when every value is 0 or 1 and
    /// its shape equals the axes it covers (same rule for `t[t > 0]`), else integer indices.
    case tensor(Tensor)

    /// `:` (the whole axis).
    public static let all = TensorIndex.slice(start: nil, stop: nil, step: nil)
}

/// A resolved subscript: the result shape and, for each result element, the flat offset of
/// the source element. Used for reading, assignment and the gradient (scatter-add).
public struct IndexPlan: Sendable {
    /// The shape of `t[items]`.
    public let resultShape: [Int]
    /// The flat source offset of each result element (row-major order of the result).
    public let offsets: [Int]
    /// The shape of the indexed tensor.
    public let sourceShape: [Int]
}
