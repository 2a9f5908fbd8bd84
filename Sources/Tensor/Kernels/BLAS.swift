import CBLAS
#if canImport(Glibc)
import Glibc
#endif

/// The one file that calls OpenBLAS. Single-precision matrix products with transpose flags
/// (no transposed copies), and the threading policy for them.
enum BLAS {
    /// Products of fewer floating-point operations than this run on the calling thread alone.
    ///
    /// OpenBLAS splits any product of more than 65,536 * 4 multiply-adds over all its threads
    /// (2 on this project's machine), and after each one the worker spins (sched_yield) waiting
    /// for the next: in a profile of the spiral benchmark (8 MFLOP a step, largest product
    /// 300x64x64) the worker held 42% of the process's samples, nearly all of them yielding. Measured on this project's 2-core
    /// machine (shared), release build, 21 interleaved runs per setting, medians: spiral
    /// 184 / 190 / 192 / 189 ms with this threshold at 0 / 1 M / 4 M / never threaded -- no
    /// difference, so its products stay on one core and leave the other free; MNIST-sized MLP
    /// (two 51-MFLOP products a step) 438 / 437 / 419 ms threaded against 580 ms never. A
    /// 128x10x256 product (0.65 MFLOP) took 11 µs on one thread and 28 µs on two.
    static let serialFlopThreshold = 4_000_000

    /// The number of threads OpenBLAS may use for large products: what it chose at start-up
    /// (its cores, or `OPENBLAS_NUM_THREADS`).
    static let maxThreads = Int(openblas_get_num_threads())

    /// Sets OpenBLAS's thread count for a product of `flops` operations (1 below
    /// ``serialFlopThreshold``, else ``maxThreads``). The count is OpenBLAS's own process-wide
    /// setting -- the one piece of global state this policy touches -- and it is changed only
    /// when it differs, which costs a store. The choice depends on the product's size alone,
    /// so results are reproducible (a split over threads can change the last bits of a sum).
    /// Only the thread that runs a notebook's code calls BLAS; should two threads ever race
    /// here, one product would merely run on more or fewer threads.
    @inline(__always)
    static func chooseThreads(flops: Int) {
        // Read before any product lowers OpenBLAS's count (a lazy `static let` read first
        // after a small product would capture 1 and keep large products on one thread).
        let most = maxThreads
        let want = flops < serialFlopThreshold ? 1 : most
        if Int(openblas_get_num_threads()) != want { openblas_set_num_threads(Int32(want)) }
    }

    /// `c = op(a) * op(b) (+ c when accumulate)` for row-major matrices: `op(a)` is `m x k`,
    /// `op(b)` is `k x n`, `c` is `m x n` with leading dimension `n`.
    @inline(__always)
    static func sgemm(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                      m: Int, n: Int, k: Int, transA: Bool, transB: Bool, accumulate: Bool) {
        chooseThreads(flops: 2 * m * n * k)
        cblas_sgemm(CblasRowMajor,
                    transA ? CblasTrans : CblasNoTrans,
                    transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), 1,
                    a, Int32(transA ? m : k),
                    b, Int32(transB ? k : n), accumulate ? 1 : 0,
                    c, Int32(n))
    }

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
            if k == 0 {
                for i in 0..<count { out[i] = 0 }
                initialized = count
                return
            }
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    for i in 0..<batch {
                        assert(i * strideA + m * k <= pa.count && i * strideB + k * n <= pb.count)
                        sgemm(pa.baseAddress! + i * strideA, pb.baseAddress! + i * strideB,
                              out.baseAddress! + i * m * n, m: m, n: n, k: k,
                              transA: transA, transB: transB, accumulate: false)
                    }
                }
            }
            initialized = count
        }
    }

    /// `x @ wᵀ + bias` (PyTorch's addmm): `x` is `rows x inner`, `w` is `cols x inner`, the
    /// result `rows x cols`. The bias row is copied into every output row first and sgemm adds
    /// the product to it (beta = 1), so the broadcast add costs no extra pass.
    static func linear(_ x: [Float], _ w: [Float], bias: [Float]?, rows: Int, cols: Int, inner: Int) -> [Float] {
        let count = rows * cols
        if count == 0 { return [] }
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            let o = out.baseAddress!
            if let bias {
                assert(bias.count == cols)
                // Row 0 from the bias, then the filled rows copy themselves, doubling: 11
                // copies for 1,024 rows instead of one per row (one small memmove per row was
                // a quarter of a 16-unit layer's time on 1,024 points).
                bias.withUnsafeBufferPointer { pb in
                    o.update(from: pb.baseAddress!, count: cols)
                    var filled = cols
                    while filled < count {
                        let n = min(filled, count - filled)
                        (o + filled).update(from: o, count: n)
                        filled += n
                    }
                }
            } else if inner == 0 {
                o.update(repeating: 0, count: count)
            }
            if inner > 0 {
                x.withUnsafeBufferPointer { px in
                    w.withUnsafeBufferPointer { pw in
                        assert(px.count >= rows * inner && pw.count >= cols * inner)
                        sgemm(px.baseAddress!, pw.baseAddress!, o, m: rows, n: cols, k: inner,
                              transA: false, transB: true, accumulate: bias != nil)
                    }
                }
            }
            initialized = count
        }
    }
}

/// When OpenBLAS's worker threads run.
public enum BLASThreadPool {
    /// Stops OpenBLAS's worker threads until a product large enough to be split
    /// (``BLAS/serialFlopThreshold``) needs them; call it once, when the process starts.
    ///
    /// OpenBLAS starts its workers when the library loads, and each spins (sched_yield) for
    /// about 0.1 s before sleeping. A kernel's first cell, and every `swift-nn-kernel run`,
    /// started with the second core taken by a spinning thread, while the plot renderer and
    /// the elementwise kernels want that core. Medians of 21 new processes each (release
    /// build, 2 cores): a 1,000-point loss curve's PNG 10.8 -> 9.9 ms, a 200 x 200 decision
    /// boundary 25 -> 22 ms; a 1024 x 1024 product still runs on both threads. Small products
    /// run on one thread anyway, so a session of lecture-sized work never starts them.
    ///
    /// `blas_thread_shutdown_` is OpenBLAS's own (not CBLAS), exported by its pthreads build
    /// but not by its OpenMP one, so it is looked up at run time and skipped where absent.
    public static func idleUntilNeeded() {
        _ = BLAS.maxThreads   // the configured count, read before it is lowered
        openblas_set_num_threads(1)
        #if canImport(Glibc)
        typealias Shutdown = @convention(c) () -> Void
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "blas_thread_shutdown_") {
            unsafeBitCast(symbol, to: Shutdown.self)()
        }
        #endif
    }
}
