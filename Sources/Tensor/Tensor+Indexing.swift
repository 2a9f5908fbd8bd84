/// numpy indexing for reading (`t[items]`), assignment (`t[items] = v`) and gradients.
extension Tensor {
    /// Resolves a subscript against this tensor's shape.
    ///
    /// Shape rule (numpy): integers remove their axis; slices keep it with the sliced length;
    /// a mask over k axes becomes one axis with the number of ones; integer tensors
    /// (broadcast together) put their shape in place of their axes (at the front when the
    /// tensor indices are not adjacent); missing trailing items mean `:`.
    /// - Parameter items: The subscript items.
    /// - Returns: The plan.
    /// - Throws: `TensorError.index` naming axis, index and size; `.invalidArgument` for a zero
    ///   step or a non-integer index; `.shape` for a mask of the wrong shape.
    public func indexPlan(_ items: [TensorIndex]) throws(TensorError) -> IndexPlan {
        let strides = Tensor.strides(of: shape)
        // expand masks into per-axis index arrays; count axes used
        enum Resolved { case basic(dims: [Int], offsets: [Int]); case advanced(axis: Int, values: Tensor) }
        var resolved: [Resolved] = []
        var axis = 0
        for item in items {
            var item = item
            if case .tensor(let t) = item { item = isMask(t, at: axis) ? .mask(t) : .indices(t) }
            let used: Int
            if case .mask(let m) = item { used = Swift.max(m.rank, 1) } else { used = 1 }
            guard axis + used <= rank else {
                throw .index("too many indices for a tensor of rank \(rank): \(TensorError.format(shape)) has \(rank) axes")
            }
            switch item {
            case .at(let i):
                let n = shape[axis]
                guard i >= -n && i < n else {
                    throw .index("index \(i) is out of range for axis \(axis) with size \(n)")
                }
                resolved.append(.basic(dims: [], offsets: [(i < 0 ? i + n : i) * strides[axis]]))
            case let .slice(start, stop, step):
                let range = Array(try Tensor.sliceRange(start: start, stop: stop, step: step, size: shape[axis]))
                resolved.append(.basic(dims: [range.count], offsets: range.map { $0 * strides[axis] }))
            case .mask(let m):
                let covered = Array(shape[axis..<(axis + m.rank)])
                guard m.shape == covered || (m.rank == 0 && false) else {
                    throw .shape("mask of shape \(TensorError.format(m.shape)) does not match the indexed shape \(TensorError.format(covered))")
                }
                let mStrides = Tensor.strides(of: m.shape)
                var perAxis = [[Float]](repeating: [], count: m.rank)
                for (flat, v) in m.storage.enumerated() where v != 0 {
                    var rem = flat
                    for k in 0..<m.rank { perAxis[k].append(Float(rem / mStrides[k])); rem %= mStrides[k] }
                }
                for k in 0..<m.rank {
                    resolved.append(.advanced(axis: axis + k, values: Tensor(unchecked: [perAxis[k].count], perAxis[k])))
                }
            case .indices(let t):
                resolved.append(.advanced(axis: axis, values: t))
            case .tensor:
                preconditionFailure("resolved above")
            }
            axis += used
        }
        while axis < rank {
            resolved.append(.basic(dims: [shape[axis]], offsets: (0..<shape[axis]).map { $0 * strides[axis] }))
            axis += 1
        }
        // combine advanced indices
        var factors: [(dims: [Int], offsets: [Int])] = []
        let advancedPositions = resolved.indices.filter { if case .advanced = resolved[$0] { return true }; return false }
        var advancedFactor: (dims: [Int], offsets: [Int])?
        if !advancedPositions.isEmpty {
            var bshape: [Int] = []
            for p in advancedPositions {
                if case .advanced(_, let v) = resolved[p] { bshape = try Tensor.broadcastShape(bshape, v.shape, op: "indexing") }
            }
            var offsets = [Int](repeating: 0, count: Tensor.count(of: bshape))
            for p in advancedPositions {
                guard case .advanced(let ax, let v) = resolved[p] else { continue }
                let b = try v.broadcast(to: bshape)
                let n = shape[ax]
                let bs = b.storage
                for j in 0..<offsets.count {
                    let x = bs[j]
                    guard x == x.rounded(), x.isFinite else {
                        throw .invalidArgument("index tensors must hold whole numbers, got \(x)")
                    }
                    let i = Int(x)
                    guard i >= -n && i < n else {
                        throw .index("index \(i) is out of range for axis \(ax) with size \(n)")
                    }
                    offsets[j] += (i < 0 ? i + n : i) * strides[ax]
                }
            }
            advancedFactor = (bshape, offsets)
        }
        let adjacent: Bool
        if let first = advancedPositions.first, let last = advancedPositions.last {
            adjacent = last - first == advancedPositions.count - 1
        } else {
            adjacent = true
        }
        if let adv = advancedFactor, !adjacent { factors.append(adv) }
        for (p, r) in resolved.enumerated() {
            switch r {
            case let .basic(dims, offsets): factors.append((dims, offsets))
            case .advanced:
                if adjacent, p == advancedPositions.first, let adv = advancedFactor { factors.append(adv) }
            }
        }
        var resultShape: [Int] = []
        var offsets = [0]
        for f in factors {
            resultShape += f.dims
            if f.offsets.count == 1 {
                let d = f.offsets[0]
                if d != 0 { for i in 0..<offsets.count { offsets[i] += d } }
                continue
            }
            var next = [Int]()
            next.reserveCapacity(offsets.count * f.offsets.count)
            for o in offsets { for d in f.offsets { next.append(o + d) } }
            offsets = next
        }
        return IndexPlan(resultShape: resultShape, offsets: offsets, sourceShape: shape)
    }

    /// Whether a tensor used as an index at `axis` reads as a 0/1 mask.
    private func isMask(_ t: Tensor, at axis: Int) -> Bool {
        guard t.rank > 0, axis + t.rank <= rank, Array(shape[axis..<(axis + t.rank)]) == t.shape else { return false }
        return t.storage.allSatisfy { $0 == 0 || $0 == 1 }
    }

    /// Python slice semantics: the selected positions of an axis of `size`.
    static func sliceRange(start: Int?, stop: Int?, step: Int?, size n: Int) throws(TensorError) -> StrideTo<Int> {
        let step = step ?? 1
        guard step != 0 else { throw .invalidArgument("slice step cannot be zero") }
        func clampIndex(_ v: Int, _ lo: Int, _ hi: Int) -> Int { Swift.min(Swift.max(v, lo), hi) }
        if step > 0 {
            var s = start ?? 0, e = stop ?? n
            if s < 0 { s += n }
            if e < 0 { e += n }
            s = clampIndex(s, 0, n); e = clampIndex(e, 0, n)
            return Swift.stride(from: s, to: Swift.max(s, e), by: step)
        }
        var s = start ?? (n - 1), e = stop ?? -n - 1
        if s < 0 { s += n }
        if e < 0 { e += n }
        s = clampIndex(s, -1, n - 1); e = clampIndex(e, -1, n - 1)
        return Swift.stride(from: s, to: Swift.min(s, e), by: step)
    }

    /// `t[items]` (a copy).
    ///
    /// Shape rule: see ``indexPlan(_:)``.
    /// - Throws: as ``indexPlan(_:)``.
    public func indexed(_ items: [TensorIndex]) throws(TensorError) -> Tensor {
        if let block = try leadingSlice(items) { return block }
        return gathered(try indexPlan(items))
    }

    /// `t[a:b]` (or `t[a:b, :, ...]`) as one block copy, or nil when `items` are anything else
    /// (other steps, indices on later axes, more items than axes).
    /// A mini-batch `X[i:i + 128]` of a `[60000, 784]` tensor otherwise builds an index plan
    /// of 100,352 offsets and gathers through it (about 9% of the MNIST-sized benchmark's loop).
    ///
    /// Shape rule: the first axis becomes the slice's length; the others are kept.
    /// - Throws: What `sliceRange` throws; with a step of 1, nothing (bounds are clamped as
    ///   Python's are).
    public func leadingSlice(_ items: [TensorIndex]) throws(TensorError) -> Tensor? {
        guard case let .slice(start, stop, step)? = items.first, step == nil || step == 1, rank >= 1,
              items.count <= rank, items.dropFirst().allSatisfy({ $0 == .all }) else { return nil }
        let range = try Tensor.sliceRange(start: start, stop: stop, step: 1, size: shape[0])
        let lower = range.first(where: { _ in true }) ?? 0
        let count = range.underestimatedCount
        let row = shape[0] == 0 ? 0 : scalarCount / shape[0]
        var outShape = shape
        outShape[0] = count
        return Tensor(unchecked: outShape, Array(storage[(lower * row)..<((lower + count) * row)]))
    }

    /// The elements a plan selects.
    public func gathered(_ plan: IndexPlan) -> Tensor {
        precondition(plan.sourceShape == shape, "index plan made for another shape")
        var data = [Float](repeating: 0, count: plan.offsets.count)
        let s = storage
        for (j, o) in plan.offsets.enumerated() { data[j] = s[o] }
        return Tensor(unchecked: plan.resultShape, data)
    }

    /// `t[items] = value`, with `value` broadcast to the indexed shape.
    ///
    /// - Throws: as ``indexPlan(_:)``, and `TensorError.shape`:
    ///   `cannot assign shape [3] to indexed shape [2]`.
    public mutating func assign(_ items: [TensorIndex], _ value: Tensor) throws(TensorError) {
        let plan = try indexPlan(items)
        let v: Tensor
        do { v = try value.broadcast(to: plan.resultShape) } catch {
            throw .shape("cannot assign shape \(TensorError.format(value.shape)) to indexed shape \(TensorError.format(plan.resultShape))")
        }
        let vs = v.storage
        var s = storage
        isInline = false
        buffer = []          // drop our reference so `s` is uniquely owned
        for (j, o) in plan.offsets.enumerated() { s[o] = vs[j] }
        buffer = s
    }

    /// Zeros of the plan's source shape with `values` added at the plan's offsets (repeats
    /// add up): the gradient of indexing.
    ///
    /// - Precondition: `values.shape == plan.resultShape`.
    public static func scatterAdd(_ values: Tensor, _ plan: IndexPlan) -> Tensor {
        precondition(values.shape == plan.resultShape)
        var data = [Float](repeating: 0, count: count(of: plan.sourceShape))
        let vs = values.storage
        for (j, o) in plan.offsets.enumerated() { data[o] += vs[j] }
        return Tensor(unchecked: plan.sourceShape, data)
    }

    /// A copy with the plan's positions zeroed (the gradient flowing to the overwritten
    /// tensor of an index assignment).
    public func zeroingPositions(_ plan: IndexPlan) -> Tensor {
        var s = storage
        for o in plan.offsets { s[o] = 0 }
        return Tensor(unchecked: shape, s)
    }
}
