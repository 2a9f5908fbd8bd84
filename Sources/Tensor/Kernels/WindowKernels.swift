/// The sliding-window loops of convolution and pooling over `[N, C, H, W]` inputs: im2col and
/// its adjoint col2im, pooling forward and backward, and the layout change between a
/// `[N*P, O]` product and `[N, O, P]` (P = Ho*Wo output positions).
///
/// Each backward loop visits the windows in the same order as the forward loop and adds into
/// its output, so it gives exactly what a gather followed by its scatter-add gradient gave.
enum WindowKernels {
    /// `N, C, H, W`, the square window side `k`, `stride`, zero `padding`, and `Ho, Wo`.
    struct Geometry {
        let n, c, h, w, k, stride, padding, ho, wo: Int
        /// Output positions per image.
        var positions: Int { ho * wo }
        /// Values per window over all channels.
        var patch: Int { c * k * k }
    }

    /// Visits every im2col entry in order: `body(i, j)` with the entry's index `i` in the
    /// `[N*Ho*Wo, C*k*k]` matrix (row `(n, oh, ow)`, column `(c, ki, kj)`) and the index `j` of
    /// the input value it reads in `[N, C, H, W]`, or nil where the window covers padding.
    /// im2col gathers along this order and col2im scatters back along it, so one loop nest
    /// serves both directions.
    @inline(__always)
    private static func forEachTap(_ g: Geometry, _ body: (_ i: Int, _ j: Int?) -> Void) {
        var i = 0
        for b in 0..<g.n {
            for oh in 0..<g.ho {
                for ow in 0..<g.wo {
                    for ch in 0..<g.c {
                        let plane = (b * g.c + ch) * g.h * g.w
                        for ki in 0..<g.k {
                            let ih = oh * g.stride - g.padding + ki
                            let rowInside = ih >= 0 && ih < g.h
                            for kj in 0..<g.k {
                                let iw = ow * g.stride - g.padding + kj
                                body(i, rowInside && iw >= 0 && iw < g.w ? plane + ih * g.w + iw : nil)
                                i += 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// The im2col matrix `[N*Ho*Wo, C*k*k]`: row `(n, oh, ow)`, column `(c, ki, kj)`; zeros
    /// where a window covers the padding.
    static func im2col(_ x: [Float], _ g: Geometry) -> [Float] {
        let count = g.n * g.positions * g.patch
        if count == 0 { return [] }
        assert(x.count == g.n * g.c * g.h * g.w)
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            x.withUnsafeBufferPointer { px in
                let s = px.baseAddress!, o = out.baseAddress!
                forEachTap(g) { i, j in o[i] = j.map { s[$0] } ?? 0 }
            }
            initialized = count
        }
    }

    /// The adjoint of ``im2col(_:_:)``: adds each column entry into the input position it was
    /// read from (padding entries are dropped). Returns `[N, C, H, W]` values.
    static func col2im(_ cols: [Float], _ g: Geometry) -> [Float] {
        var out = [Float](repeating: 0, count: g.n * g.c * g.h * g.w)
        assert(cols.count == g.n * g.positions * g.patch)
        if out.isEmpty || cols.isEmpty { return out }
        cols.withUnsafeBufferPointer { pc in
            out.withUnsafeMutableBufferPointer { po in
                let s = pc.baseAddress!, o = po.baseAddress!
                forEachTap(g) { i, j in
                    if let j { o[j] += s[i] }
                }
            }
        }
        return out
    }

    /// `[N*P, O]` (one row per output position) to `[N, O, P]` (channels first), or back when
    /// `inverse`.
    static func positionsToChannels(_ x: [Float], n: Int, positions p: Int, channels: Int, inverse: Bool) -> [Float] {
        let count = n * p * channels
        assert(x.count == count)
        if count == 0 { return [] }
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            x.withUnsafeBufferPointer { px in
                let s = px.baseAddress!, o = out.baseAddress!
                for b in 0..<n {
                    let rows = b * p * channels
                    for q in 0..<p {
                        for ch in 0..<channels {
                            let a = rows + q * channels + ch, c = rows + ch * p + q
                            if inverse { o[a] = s[c] } else { o[c] = s[a] }
                        }
                    }
                }
            }
            initialized = count
        }
    }

    /// Max or average pooling (no padding) of `[N, C, H, W]` values into `[N, C, Ho, Wo]`.
    /// The maximum propagates NaN; the average sums in Double in `reduce(.mean)`'s order.
    static func pool(_ x: [Float], _ g: Geometry, max: Bool) -> [Float] {
        let count = g.n * g.c * g.positions
        if count == 0 { return [] }
        assert(x.count == g.n * g.c * g.h * g.w)
        let size = g.k * g.k
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            x.withUnsafeBufferPointer { px in
                let s = px.baseAddress!, o = out.baseAddress!
                var i = 0
                for plane in 0..<(g.n * g.c) {
                    let p = s + plane * g.h * g.w
                    for oh in 0..<g.ho {
                        for ow in 0..<g.wo {
                            let corner = p + oh * g.stride * g.w + ow * g.stride
                            if max {
                                var m = corner[0]
                                for ki in 0..<g.k {
                                    for kj in 0..<g.k where !m.isNaN {
                                        let v = corner[ki * g.w + kj]
                                        if v.isNaN || v > m { m = v }
                                    }
                                }
                                o[i] = m
                            } else {
                                // in contiguousSum's order, as reduce(.mean) sums a window
                                let k = g.k, w = g.w
                                let acc = ReductionKernels.sum(size) { Double(corner[($0 / k) * w + $0 % k]) }
                                o[i] = Float(acc / Double(size))
                            }
                            i += 1
                        }
                    }
                }
            }
            initialized = count
        }
    }

    /// The input gradient of ``pool(_:_:max:)`` given the output gradient `grad`. Max: each
    /// window's gradient goes to its maximum, split equally between tied maxima (as the
    /// engine's `max` reduction does); average: `grad * (1 / k²)` to every window element.
    static func poolBackward(_ x: [Float], _ y: [Float], _ grad: [Float], _ g: Geometry, max: Bool) -> [Float] {
        var out = [Float](repeating: 0, count: x.count)
        assert(y.count == g.n * g.c * g.positions && grad.count == y.count)
        if out.isEmpty || y.isEmpty { return out }
        let scale = 1 / Float(g.k * g.k)
        x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                grad.withUnsafeBufferPointer { pg in
                    out.withUnsafeMutableBufferPointer { po in
                        var i = 0
                        for plane in 0..<(g.n * g.c) {
                            let offset = plane * g.h * g.w
                            let p = px.baseAddress! + offset, d = po.baseAddress! + offset
                            for oh in 0..<g.ho {
                                for ow in 0..<g.wo {
                                    let corner = oh * g.stride * g.w + ow * g.stride
                                    let gv = pg[i]
                                    if max {
                                        let m = py[i]
                                        var ties = 0
                                        for ki in 0..<g.k { for kj in 0..<g.k where p[corner + ki * g.w + kj] == m { ties += 1 } }
                                        let share = gv / Float(ties)
                                        for ki in 0..<g.k {
                                            for kj in 0..<g.k {
                                                let j = corner + ki * g.w + kj
                                                d[j] += (p[j] == m ? 1 : 0) * share
                                            }
                                        }
                                    } else {
                                        let share = gv * scale
                                        for ki in 0..<g.k { for kj in 0..<g.k { d[corner + ki * g.w + kj] += share } }
                                    }
                                    i += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
