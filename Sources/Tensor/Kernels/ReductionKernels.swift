/// Reductions over the middle axis of a `[outer, n, inner]` view, accumulating in Double.
enum ReductionKernels {
    /// Reduces `x` seen as `[outer, n, inner]` over `n`; returns `outer * inner` values.
    static func reduce(_ x: [Float], outer: Int, n: Int, inner: Int, kind: ReductionKind) -> [Float] {
        let count = outer * inner
        if count == 0 { return [] }
        if n == 0 {     // sum of nothing is 0, mean of nothing NaN (like torch)
            return [Float](repeating: kind == .sum ? 0 : .nan, count: count)
        }
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            x.withUnsafeBufferPointer { px in
                let s = px.baseAddress!
                var acc = [Double](repeating: 0, count: inner)
                var idx = [Int](repeating: 0, count: inner)
                for o in 0..<outer {
                    let base = o * n * inner
                    switch kind {
                    case .sum, .mean, .variance, .std:
                        for i in 0..<inner { acc[i] = 0 }
                        for k in 0..<n {
                            let row = base + k * inner
                            for i in 0..<inner { acc[i] += Double(s[row + i]) }
                        }
                        if kind == .sum {
                            for i in 0..<inner { out[o * inner + i] = Float(acc[i]) }
                            continue
                        }
                        let mean = acc.map { $0 / Double(n) }
                        if kind == .mean {
                            for i in 0..<inner { out[o * inner + i] = Float(mean[i]) }
                            continue
                        }
                        for i in 0..<inner { acc[i] = 0 }
                        for k in 0..<n {
                            let row = base + k * inner
                            for i in 0..<inner {
                                let d = Double(s[row + i]) - mean[i]
                                acc[i] += d * d
                            }
                        }
                        let denom = Double(n - 1)
                        for i in 0..<inner {
                            let v = acc[i] / denom
                            out[o * inner + i] = Float(kind == .std ? v.squareRoot() : v)
                        }
                    case .max, .min, .argmax, .argmin:
                        let wantMax = kind == .max || kind == .argmax
                        for i in 0..<inner { acc[i] = Double(s[base + i]); idx[i] = 0 }
                        for k in 1..<max(n, 1) {
                            let row = base + k * inner
                            for i in 0..<inner {
                                let v = Double(s[row + i])
                                // NaN propagates like torch: once NaN, stays NaN
                                if acc[i].isNaN { continue }
                                if v.isNaN || (wantMax ? v > acc[i] : v < acc[i]) {
                                    acc[i] = v; idx[i] = k
                                }
                            }
                        }
                        let isArg = kind == .argmax || kind == .argmin
                        for i in 0..<inner {
                            out[o * inner + i] = isArg ? Float(idx[i]) : Float(acc[i])
                        }
                    }
                }
            }
            initialized = count
        }
    }
}
