#if canImport(Glibc)
import Glibc
#endif
import Tensor

/// Process-wide settings for a kernel or `run`: OpenBLAS's idle workers and glibc's malloc.
enum ProcessTuning {
    /// Applies both settings; `kernel` and `run` call it first thing.
    static func apply() {
        BLASThreadPool.idleUntilNeeded()
        keepFreedMemory()
    }

    /// Keeps freed memory in the process for the next allocation instead of returning it;
    /// call it once, when the process starts.
    ///
    /// By default glibc maps blocks over 128 KB (a threshold that grows up to 32 MB as such
    /// blocks are freed) with their own `mmap` and unmaps them on free, and it trims the heap
    /// whenever 128 KB at its top is free. Every figure's 3.7 MB canvas, every batch's
    /// activations and every block of a decision boundary's grid then touched fresh pages,
    /// and each first touch is a page fault (about 2 µs on the 2-core test machine). With
    /// blocks up to 32 MB served from the heap and up to 128 MB of free heap kept, that memory
    /// is reused: the second 1,000-point loss curve of a kernel paints in 2.3 ms instead of
    /// 4.3 ms, and each 1,024-point block of `boundary()` takes 6 page faults instead of 17.
    /// A process keeps at most 128 MB it no longer uses; larger tensors are still mapped and
    /// unmapped on their own.
    static func keepFreedMemory() {
        #if canImport(Glibc)
        // malloc.h is not in Swift's Glibc module: look mallopt up, with its parameter numbers.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3   // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 128 << 20)
        #endif
    }
}
