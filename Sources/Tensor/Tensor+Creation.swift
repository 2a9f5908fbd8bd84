import Foundation

/// Constructors: constant fills, ranges, random tensors, grids, one-hot, stack and cat.
/// Every constructor checks the allocation size first (see ``checkedCount(_:op:)``).
extension Tensor {
    /// The largest tensor, in bytes, that may be allocated: half the physical memory.
    ///
    /// Read once: `physicalMemory` is a `sysinfo` system call, and every matrix product checks
    /// its result's size (a profile of the spiral benchmark had 1% of its samples in it).
    public static let memoryLimitBytes = Int(min(ProcessInfo.processInfo.physicalMemory / 2, UInt64(Int.max)))

    /// Validates a shape for allocation and returns its element count.
    ///
    /// - Parameters:
    ///   - shape: The requested shape.
    ///   - op: The constructor's name for messages.
    /// - Returns: The element count.
    /// - Throws: `TensorError.invalidArgument` for a negative size; `TensorError.memory`
    ///   when the tensor would exceed ``memoryLimitBytes``.
    public static func checkedCount(_ shape: [Int], op: String = "tensor") throws(TensorError) -> Int {
        if let bad = shape.first(where: { $0 < 0 }) {
            throw .invalidArgument("\(op): negative dimension \(bad) in shape \(TensorError.format(shape))")
        }
        var n = 1
        var overflow = false
        for s in shape {
            let (p, o) = n.multipliedReportingOverflow(by: s)
            n = p
            overflow = overflow || o
        }
        let limit = memoryLimitBytes
        if overflow || n > limit / 4 {
            let elements = overflow ? "more than \(Int.max)" : "\(n)"
            let bytes = overflow ? "too many bytes" : formatBytes(Double(n) * 4)
            throw .memory("cannot allocate a tensor of shape \(TensorError.format(shape)) in \(op): \(elements) elements need \(bytes), more than the limit of \(formatBytes(Double(limit))) (half the machine's memory)")
        }
        return n
    }

    static func formatBytes(_ b: Double) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
        var v = b, u = 0
        while v >= 1000 && u < units.count - 1 { v /= 1000; u += 1 }
        return u == 0 ? "\(Int(v)) bytes" : String(format: "%.1f %@", v, units[u])
    }

    /// A tensor filled with one value. Shape rule: `shape`.
    /// - Throws: `TensorError.memory`/`.invalidArgument` (see ``checkedCount(_:op:)``).
    public static func full(_ shape: [Int], _ value: Float) throws(TensorError) -> Tensor {
        let n = try checkedCount(shape, op: "full")
        return Tensor(unchecked: shape, [Float](repeating: value, count: n))
    }

    /// Zeros of `shape`. - Throws: as ``full(_:_:)``.
    public static func zeros(_ shape: [Int]) throws(TensorError) -> Tensor { try full(shape, 0) }

    /// Ones of `shape`. - Throws: as ``full(_:_:)``.
    public static func ones(_ shape: [Int]) throws(TensorError) -> Tensor { try full(shape, 1) }

    /// The identity matrix (`n` x `m`, m defaults to n). Shape rule: `[n, m]`.
    /// - Throws: as ``full(_:_:)``.
    public static func eye(_ n: Int, _ m: Int? = nil) throws(TensorError) -> Tensor {
        let cols = m ?? n
        var t = try zeros([n, cols])
        for i in 0..<min(n, cols) { t.storage[i * cols + i] = 1 }
        return t
    }

    /// Values from `start` up to (not including) `stop` by `step`, like torch.arange.
    /// Shape rule: `[ceil((stop - start) / step)]`.
    /// - Throws: `TensorError.invalidArgument` for step 0 or a step going the wrong way.
    public static func arange(_ start: Double, _ stop: Double, _ step: Double = 1) throws(TensorError) -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
            throw .invalidArgument("arange: step must be a non-zero finite number")
        }
        let count = Swift.max(0, Int(((stop - start) / step).rounded(.up)))
        _ = try checkedCount([count], op: "arange")
        return Tensor(unchecked: [count], (0..<count).map { Float(start + Double($0) * step) })
    }

    /// `n` evenly spaced values from `a` to `b` inclusive. Shape rule: `[n]`.
    /// - Throws: `TensorError.invalidArgument` for a negative `n`.
    public static func linspace(_ a: Double, _ b: Double, _ n: Int) throws(TensorError) -> Tensor {
        guard n >= 0 else { throw .invalidArgument("linspace: the number of points must be >= 0, got \(n)") }
        _ = try checkedCount([n], op: "linspace")
        if n == 1 { return Tensor(unchecked: [1], [Float(a)]) }
        let step = (b - a) / Double(n - 1)
        // like torch: the second half counts back from the end so both ends are exact
        let data = (0..<n).map { i -> Float in
            i < n / 2 ? Float(a + step * Double(i)) : Float(b - step * Double(n - 1 - i))
        }
        return Tensor(unchecked: [n], data)
    }

    /// Uniform samples in [0, 1). Shape rule: `shape`.
    /// - Throws: as ``full(_:_:)``.
    public static func rand(_ shape: [Int], using rng: inout RandomSource) throws(TensorError) -> Tensor {
        let n = try checkedCount(shape, op: "rand")
        var data = [Float](repeating: 0, count: n)
        for i in 0..<n { data[i] = Float(rng.nextUniform()) }
        return Tensor(unchecked: shape, data)
    }

    /// Standard normal samples. Shape rule: `shape`.
    /// - Throws: as ``full(_:_:)``.
    public static func randn(_ shape: [Int], using rng: inout RandomSource) throws(TensorError) -> Tensor {
        let n = try checkedCount(shape, op: "randn")
        var data = [Float](repeating: 0, count: n)
        for i in 0..<n { data[i] = Float(rng.nextNormal()) }
        return Tensor(unchecked: shape, data)
    }

    /// Uniform integers in `lo ..< hi` (as floats). Shape rule: `shape`.
    /// - Throws: `TensorError.invalidArgument` when `lo >= hi`; as ``full(_:_:)``.
    public static func randint(_ lo: Int, _ hi: Int, _ shape: [Int], using rng: inout RandomSource) throws(TensorError) -> Tensor {
        guard lo < hi else { throw .invalidArgument("randint: low (\(lo)) must be less than high (\(hi))") }
        let n = try checkedCount(shape, op: "randint")
        var data = [Float](repeating: 0, count: n)
        for i in 0..<n { data[i] = Float(rng.nextInt(lo, hi)) }
        return Tensor(unchecked: shape, data)
    }

    /// Coordinate grids from two 1-d tensors.
    ///
    /// Shape rule: with `xy` false (torch's default "ij"), both results are `[len(xs), len(ys)]`
    /// and the first varies along axis 0; with `xy` true (numpy's default), both are
    /// `[len(ys), len(xs)]` and the first varies along axis 1.
    /// - Throws: `TensorError.shape` when an input is not 1-d.
    public static func meshgrid(_ xs: Tensor, _ ys: Tensor, xy: Bool = false) throws(TensorError) -> (Tensor, Tensor) {
        guard xs.rank == 1, ys.rank == 1 else {
            throw .shape("meshgrid needs two 1-d tensors, got \(TensorError.format(xs.shape)) and \(TensorError.format(ys.shape))")
        }
        let nx = xs.scalarCount, ny = ys.scalarCount
        // "ij": row r, column c hold (x[r], y[c]); "xy": (x[c], y[r]).
        let shape = xy ? [ny, nx] : [nx, ny]
        _ = try checkedCount(shape, op: "meshgrid")
        var a = [Float](), b = [Float]()
        let xv = xs.storage, yv = ys.storage
        a.reserveCapacity(nx * ny); b.reserveCapacity(nx * ny)
        for r in 0..<shape[0] {
            for c in 0..<shape[1] {
                a.append(xv[xy ? c : r])
                b.append(yv[xy ? r : c])
            }
        }
        return (Tensor(unchecked: shape, a), Tensor(unchecked: shape, b))
    }

    /// One-hot rows for integer class labels.
    ///
    /// Shape rule: labels `S` give `S + [k]`.
    /// - Throws: `TensorError.index` for a label outside `0 ..< k` or not an integer.
    public static func oneHot(_ labels: Tensor, _ k: Int) throws(TensorError) -> Tensor {
        guard k > 0 else { throw .invalidArgument("one_hot: the number of classes must be positive, got \(k)") }
        var t = try zeros(labels.shape + [k])
        for (i, v) in labels.storage.enumerated() {
            guard v == v.rounded(), v >= 0, v < Float(k) else {
                throw .index("one_hot: label \(v) is not a class index in 0..<\(k)")
            }
            t.storage[i * k + Int(v)] = 1
        }
        return t
    }

    /// Joins tensors along an existing axis.
    ///
    /// Shape rule: all shapes equal except along `dim`, whose sizes add up.
    /// - Throws: `TensorError.shape` naming the first mismatching pair; `.invalidArgument` for
    ///   an empty list.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) throws(TensorError) -> Tensor {
        guard let first = tensors.first else { throw .invalidArgument("cat needs at least one tensor") }
        guard first.rank > 0 else { throw .shape("cat needs tensors of rank >= 1, got a 0-d tensor: use stack") }
        let axis = try normalizeAxis(dim, rank: first.rank, op: "cat")
        var outShape = first.shape
        outShape[axis] = 0
        for t in tensors {
            var a = t.shape, b = first.shape
            if a.count == b.count { a[axis] = 0; b[axis] = 0 }
            guard a == b else {
                throw .shape("cannot cat \(TensorError.format(first.shape)) with \(TensorError.format(t.shape)) along dim \(dim): sizes must match except in dim \(dim)")
            }
            outShape[axis] += t.shape[axis]
        }
        _ = try checkedCount(outShape, op: "cat")
        let outer = count(of: Array(first.shape[..<axis]))
        var data = [Float]()
        data.reserveCapacity(count(of: outShape))
        for o in 0..<outer {
            for t in tensors {
                let ts = t.storage
                let chunk = t.shape[axis] * count(of: Array(t.shape[(axis + 1)...]))
                data.append(contentsOf: ts[(o * chunk)..<((o + 1) * chunk)])
            }
        }
        return Tensor(unchecked: outShape, data)
    }

    /// Joins equally shaped tensors along a new axis.
    ///
    /// Shape rule: shape `S` and n tensors give `S` with `n` inserted at `dim`.
    /// - Throws: `TensorError.shape` when shapes differ; `.invalidArgument` for an empty list.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) throws(TensorError) -> Tensor {
        guard let first = tensors.first else { throw .invalidArgument("stack needs at least one tensor") }
        for t in tensors where t.shape != first.shape {
            throw .shape("cannot stack \(TensorError.format(first.shape)) with \(TensorError.format(t.shape)): all tensors must have the same shape")
        }
        let axis = try normalizeAxis(dim, rank: first.rank + 1, op: "stack")
        var parts: [Tensor] = []
        for t in tensors { parts.append(try t.unsqueezed(axis)) }
        return try cat(parts, dim: axis)
    }
}
