import Foundation

/// Row kernels of the fused cross-entropy.
enum SoftmaxKernels {
    /// The maximum `m` of `count` floats of `x` from `offset`, and `log(sum(exp(x - m)))`:
    /// float32 differences and `exp`, the sum in Double with `ReductionKernels.contiguousSum`
    /// (the order `reduce(.sum)` uses), float32 `log`. NaN anywhere gives NaN.
    static func rowMaxAndLogSumExp(_ x: [Float], offset: Int, count: Int) -> (max: Float, logSumExp: Float) {
        precondition(count > 0 && offset >= 0 && offset + count <= x.count)
        return x.withUnsafeBufferPointer { px in
            let row = px.baseAddress! + offset
            var m = row[0]
            for j in 1..<count where !m.isNaN {
                if row[j].isNaN || row[j] > m { m = row[j] }
            }
            let sum = ReductionKernels.sum(count) { Double(Foundation.exp(row[$0] - m)) }
            return (m, Foundation.log(Float(sum)))
        }
    }
}
