/// What a reduction computes. `variance` and `std` are unbiased (correction 1, like torch).
public enum ReductionKind: Sendable, Equatable {
    /// The reductions; `argmax`/`argmin` give positions as floats.
    case sum, mean, max, min, argmax, argmin, variance, std

    /// The notebook name (`"sum"`, `"var"`, ...), used in messages.
    public var name: String {
        switch self {
        case .sum: return "sum"
        case .mean: return "mean"
        case .max: return "max"
        case .min: return "min"
        case .argmax: return "argmax"
        case .argmin: return "argmin"
        case .variance: return "var"
        case .std: return "std"
        }
    }
}

extension Tensor {
    /// Normalises a possibly negative axis.
    ///
    /// - Parameters:
    ///   - dim: The axis, `-rank ..< rank`.
    ///   - rank: The rank (a 0-d tensor accepts dim 0 and -1 like torch).
    ///   - op: The operation's name for the message.
    /// - Returns: The axis in `0 ..< max(rank, 1)`.
    /// - Throws: `TensorError.index`: `dim 2 is out of range for a tensor of rank 2 in sum`.
    public static func normalizeAxis(_ dim: Int, rank: Int, op: String) throws(TensorError) -> Int {
        let r = max(rank, 1)
        guard dim >= -r && dim < r else {
            throw .index("dim \(dim) is out of range for a tensor of rank \(rank) in \(op) (expected -\(r) to \(r - 1))")
        }
        return dim < 0 ? dim + r : dim
    }

    /// Reduces over one axis or over all elements.
    ///
    /// Shape rule: with `dim`, that axis is removed (kept with size 1 when `keepDim`); without,
    /// the result is 0-d (or all-ones shape of the same rank when `keepDim`). `argmax`/`argmin`
    /// over all elements give the flat index. `var`/`std` are unbiased (divide by n-1).
    /// Accumulates in Double.
    /// - Parameters:
    ///   - kind: What to compute.
    ///   - dim: The axis (negative counts from the end) or `nil` for all elements.
    ///   - keepDim: Whether to keep the reduced axis with size 1.
    /// - Returns: The reduced tensor.
    /// - Throws: `TensorError.index` for a bad dim; `.invalidArgument` for max/min/argmax of an
    ///   empty tensor.
    public func reduce(_ kind: ReductionKind, dim: Int? = nil, keepDim: Bool = false) throws(TensorError) -> Tensor {
        if let dim {
            let axis = try Tensor.normalizeAxis(dim, rank: rank, op: kind.name)
            if rank == 0 {
                return kind == .argmax || kind == .argmin ? Tensor(0) : try reduce(kind)
            }
            if shape[axis] == 0 && kind != .sum && kind != .mean {
                throw .invalidArgument("\(kind.name) of an empty axis (dim \(dim) has size 0)")
            }
            return reduced(kind, axis: axis, keepDim: keepDim)
        }
        if storage.isEmpty && kind != .sum && kind != .mean {
            throw .invalidArgument("\(kind.name) of an empty tensor")
        }
        let flat = Tensor(unchecked: [storage.count], storage).reduced(kind, axis: 0, keepDim: false)
        if keepDim { return Tensor(unchecked: [Int](repeating: 1, count: rank), flat.storage) }
        return flat
    }

    /// Reduction over a valid axis (internal, no checks).
    func reduced(_ kind: ReductionKind, axis: Int, keepDim: Bool) -> Tensor {
        let n = shape[axis]
        let outer = Tensor.count(of: Array(shape[..<axis]))
        let inner = Tensor.count(of: Array(shape[(axis + 1)...]))
        let data = ReductionKernels.reduce(storage, outer: outer, n: n, inner: inner, kind: kind)
        var outShape = shape
        if keepDim { outShape[axis] = 1 } else { outShape.remove(at: axis) }
        return Tensor(unchecked: outShape, data)
    }

    /// Sum of all elements (Double accumulation) as a number.
    public var sumOfElements: Double {
        var acc = 0.0
        for v in storage { acc += Double(v) }
        return acc
    }
}
