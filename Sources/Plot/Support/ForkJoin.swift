import CThreads
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the iterations of a loop on all the CPUs this process may use, for the rasteriser's
/// bands, `ScanlineFilter`'s bands and deflate's segments: `DispatchQueue.concurrentPerform`
/// with threads that start on another CPU at once.
///
/// Why not libdispatch: on this project's 2-CPU machine (KVM), the first `concurrentPerform` of
/// a new process ran both of two 3 ms iterations on one thread in 4 of 10 runs and started the
/// second 1-3.3 ms late in 5 more: libdispatch creates its worker on demand, and the kernel put
/// the new thread on the caller's CPU, where it waited for the caller to block (a plain
/// `pthread_create` did the same in 9 of 10 runs, and waking a parked thread in 8 of 12). A
/// new kernel's first figure (every benchmark run) painted its two bands one after the other.
/// Here each helper is a new thread created with an affinity mask of the process's CPUs less
/// the caller's, so it starts elsewhere: both bands started within 20 µs in every run.
/// Measured with 21 alternating new processes each (release build), medians and upper
/// quartiles: decision-boundary PNG 13.8 -> 13.0 ms (15.8 -> 14.5), loss-curve PNG 9.3 ->
/// 8.4 ms (11.1 -> 8.8).
///
/// A thread costs tens of microseconds to create; the loops this serves run for milliseconds.
/// Helpers exit when the loop is done, so nothing outlives a call and no thread stays pinned.
enum ForkJoin {
    /// Runs `body(i)` for every `i` in `0..<iterations`, each exactly once, on the calling
    /// thread and up to one helper per other usable CPU; returns when all are done.
    ///
    /// Iterations are handed out in order to whichever thread is free, so a slow one does not
    /// hold the others back. `body` must be safe to call from several threads at once (each
    /// iteration writing only its own output, as the callers' bands and segments do).
    /// - Parameters:
    ///   - iterations: How many iterations.
    ///   - body: One iteration, given its index.
    static func run(iterations: Int, _ body: @Sendable (Int) -> Void) {
        run(iterations: iterations, worker: {}) { _, i in body(i) }
    }

    /// `run(iterations:_:)` with state that each thread makes once, on taking its first
    /// iteration, and keeps for the others it takes: buffers that a fresh process would
    /// otherwise fault in anew for every iteration (the PNG encoder's bands).
    ///
    /// What a worker holds must not change an iteration's result: which thread takes which
    /// iteration varies from run to run.
    /// - Parameters:
    ///   - iterations: How many iterations.
    ///   - worker: Makes one thread's state.
    ///   - body: One iteration, given the thread's state and the iteration's index.
    static func run<Worker>(iterations: Int, worker: @Sendable () -> Worker,
                            _ body: @Sendable (inout Worker, Int) -> Void) {
        // One iteration or none needs no helper, nor the affinity call that counts CPUs.
        let helpers = iterations > 1 ? min(iterations, Int(snn_usable_cpu_count())) - 1 : 0
        guard helpers > 0 else {
            guard iterations > 0 else { return }
            var state = worker()
            for i in 0..<iterations { body(&state, i) }
            return
        }
        withoutActuallyEscaping(worker) { worker in
            withoutActuallyEscaping(body) { body in
                let next = Counter(count: iterations)
                let work: @Sendable () -> Void = {
                    guard let first = next.take() else { return }
                    var state = worker()
                    body(&state, first)
                    while let i = next.take() { body(&state, i) }
                }
                var threads: [pthread_t] = []
                threads.reserveCapacity(helpers)
                for _ in 0..<helpers {
                    // Without a helper the calling thread runs its share too.
                    if let thread = startElsewhere(work) { threads.append(thread) }
                }
                work()
                for thread in threads { pthread_join(thread, nil) }
            }
        }
    }

    /// `run(iterations:worker:_:)` collecting what each iteration returns, in iteration order
    /// (the deflate segments of `Deflate.zlibCompress` and the PNG encoder's bands).
    /// - Parameters:
    ///   - iterations: How many iterations.
    ///   - worker: Makes one thread's state.
    ///   - body: One iteration, given the thread's state and the iteration's index.
    /// - Returns: The results, `iterations` of them, result i from iteration i.
    static func map<Worker, Result: Sendable>(iterations: Int, worker: @Sendable () -> Worker,
                                              _ body: @Sendable (inout Worker, Int) -> Result) -> [Result] {
        var results = [Result?](repeating: nil, count: max(0, iterations))
        results.withUnsafeMutableBufferPointer { slots in
            // Each iteration writes only its own slot; the joins order the writes before the reads.
            nonisolated(unsafe) let slots = slots
            run(iterations: iterations, worker: worker) { state, i in slots[i] = body(&state, i) }
        }
        let collected = results.compactMap { $0 }
        precondition(collected.count == results.count, "every iteration runs once")
        return collected
    }

    /// `map(iterations:worker:_:)` with no per-thread state.
    static func map<Result: Sendable>(iterations: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        map(iterations: iterations, worker: {}) { _, i in body(i) }
    }

    /// Starts `work` on a new joinable thread that begins on another CPU than the caller's
    /// (`snn_spawn_elsewhere`); the caller must join it.
    /// - Parameter work: What the thread runs.
    /// - Returns: The thread, or nil when none could be created.
    static func startElsewhere(_ work: @escaping @Sendable () -> Void) -> pthread_t? {
        let context = Unmanaged.passRetained(Work(work)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let status = snn_spawn_elsewhere(&thread, { context in
            guard let context else { return nil }
            Unmanaged<Work>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Work>.fromOpaque(context).release()
            return nil
        }
        return thread
    }

    /// A thread's work, passed to it as an unmanaged pointer.
    private final class Work: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Hands out the indices `0..<count`, each once, to whichever thread asks.
    private final class Counter: Sendable {
        private let next = Atomic<Int>(0)
        private let count: Int

        init(count: Int) { self.count = count }

        /// The next index, or nil when none is left.
        func take() -> Int? {
            let i = next.add(1, ordering: .relaxed).oldValue
            return i < count ? i : nil
        }
    }
}
