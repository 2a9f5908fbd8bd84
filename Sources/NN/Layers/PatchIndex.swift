import Autograd
import Tensor

/// Index tables that turn convolution and pooling into a gather plus a matmul or a reduction
/// (im2col), so their gradients come from the engine's indexing (scatter-add) and matmul
/// rules with no extra gradient code.
///
/// Offsets are stored in a float tensor (the engine's integer-index form), exact up to 2^24
/// elements per input.
enum PatchIndex {
    /// The largest input (in elements) whose offsets a float32 index holds exactly.
    static let maxElements = 1 << 24

    /// The output size of a window sweep along one axis.
    static func outputSize(_ size: Int, kernel: Int, stride: Int, padding: Int) -> Int {
        (size + 2 * padding - kernel) / stride + 1
    }

    /// Checks an input for a window operation and returns `(N, C, H, W, Ho, Wo)`.
    static func geometry(_ shape: [Int], channels: Int?, kernel: Int, stride: Int, padding: Int,
                         layer: String) throws(NNError) -> (Int, Int, Int, Int, Int, Int) {
        guard shape.count == 4 else {
            throw .shape("\(layer) expects inputs of shape [N, C, H, W], got \(NNError.format(shape)); reshape images with x.reshape(-1, 1, 8, 8) for example")
        }
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        if let channels, c != channels {
            throw .shape("\(layer) expects \(channels) input channels (axis 1), got shape \(NNError.format(shape))")
        }
        guard h + 2 * padding >= kernel, w + 2 * padding >= kernel else {
            throw .shape("\(layer): the \(kernel)x\(kernel) window does not fit an input of \(h)x\(w) (padding \(padding)), shape \(NNError.format(shape))")
        }
        guard n * c * h * w < maxElements else {
            throw .invalidArgument("\(layer): the input has \(n * c * h * w) elements, more than \(maxElements); use smaller batches")
        }
        let ho = outputSize(h, kernel: kernel, stride: stride, padding: padding)
        let wo = outputSize(w, kernel: kernel, stride: stride, padding: padding)
        try LayerSupport.checkAllocation([n * ho * wo, c * kernel * kernel], layer)
        return (n, c, h, w, ho, wo)
    }

    /// The im2col table `[N*Ho*Wo, C*k*k]`: flat offsets into the input, or `N*C*H*W` (the
    /// zero appended after the input) for positions in the padding.
    static func convolution(n: Int, c: Int, h: Int, w: Int, kernel k: Int, stride s: Int,
                            padding p: Int, ho: Int, wo: Int) -> Tensor {
        let zeroSlot = Float(n * c * h * w)
        let cols = c * k * k
        var table = [Float](repeating: zeroSlot, count: n * ho * wo * cols)
        var row = 0
        for b in 0..<n {
            for oh in 0..<ho {
                for ow in 0..<wo {
                    var col = row * cols
                    for ch in 0..<c {
                        let base = (b * c + ch) * h * w
                        for ki in 0..<k {
                            let ih = oh * s - p + ki
                            for kj in 0..<k {
                                let iw = ow * s - p + kj
                                if ih >= 0, ih < h, iw >= 0, iw < w {
                                    table[col] = Float(base + ih * w + iw)
                                }
                                col += 1
                            }
                        }
                    }
                    row += 1
                }
            }
        }
        return Tensor(shape: [n * ho * wo, cols], scalars: table)
    }

    /// The pooling table `[N, C, Ho, Wo, k*k]` of flat input offsets (no padding).
    static func pooling(n: Int, c: Int, h: Int, w: Int, kernel k: Int, stride s: Int,
                        ho: Int, wo: Int) -> Tensor {
        var table = [Float](repeating: 0, count: n * c * ho * wo * k * k)
        var i = 0
        for plane in 0..<(n * c) {
            let base = plane * h * w
            for oh in 0..<ho {
                for ow in 0..<wo {
                    for ki in 0..<k {
                        for kj in 0..<k {
                            table[i] = Float(base + (oh * s + ki) * w + ow * s + kj)
                            i += 1
                        }
                    }
                }
            }
        }
        return Tensor(shape: [n, c, ho, wo, k * k], scalars: table)
    }

    /// Gathers `table` offsets from `input` flattened, with one zero appended when `padded`.
    static func gather(_ input: Variable, _ table: Tensor, padded: Bool) throws -> Variable {
        var flat = input.flattened()
        if padded {
            flat = try Variable.cat([flat, Variable(Tensor(shape: [1], scalars: [0]))], dim: 0)
        }
        return try flat.indexed([.indices(table)])
    }
}

/// The index tables of the last few input shapes a layer saw (a training run alternates
/// between the full batch size and the last, smaller batch).
struct PatchTableCache {
    private var entries: [(shape: [Int], table: Tensor)] = []
    private let capacity = 4

    /// The table for `shape`, made by `make` when it is not cached.
    mutating func table(for shape: [Int], make: () -> Tensor) -> Tensor {
        if let hit = entries.first(where: { $0.shape == shape }) { return hit.table }
        let table = make()
        if entries.count == capacity { entries.removeFirst() }
        entries.append((shape, table))
        return table
    }
}
