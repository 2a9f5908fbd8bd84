import CBLAS

/// The one file that calls OpenBLAS. Batched single-precision matrix products with transpose
/// flags (no transposed copies).
enum BLAS {
    /// `C[b] = op(A[b]) * op(B[b])` for each of `batch` row-major matrices.
    ///
    /// `a` holds `batch` matrices of `m x k` (or `k x m` when `transA`), `b` of `k x n`
    /// (or `n x k` when `transB`); the result is `batch * m * n` values. A stride of 0 for
    /// `a` or `b` reuses one matrix for every batch entry.
    static func gemm(_ a: [Float], _ b: [Float], batch: Int, m: Int, n: Int, k: Int,
                     transA: Bool, transB: Bool, strideA: Int, strideB: Int) -> [Float] {
        let count = batch * m * n
        if count == 0 { return [] }
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            if k == 0 || count == 0 {
                for i in 0..<count { out[i] = 0 }
                initialized = count
                return
            }
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    let lda = transA ? m : k
                    let ldb = transB ? k : n
                    for i in 0..<batch {
                        assert(i * strideA + m * k <= pa.count && i * strideB + k * n <= pb.count)
                        cblas_sgemm(CblasRowMajor,
                                    transA ? CblasTrans : CblasNoTrans,
                                    transB ? CblasTrans : CblasNoTrans,
                                    Int32(m), Int32(n), Int32(k), 1,
                                    pa.baseAddress! + i * strideA, Int32(lda),
                                    pb.baseAddress! + i * strideB, Int32(ldb), 0,
                                    out.baseAddress! + i * m * n, Int32(n))
                    }
                }
            }
            initialized = count
        }
    }
}
