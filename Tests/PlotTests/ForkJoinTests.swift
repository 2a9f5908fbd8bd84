import CThreads
import Foundation
import Synchronization
import Testing
@testable import Plot

@Suite struct ForkJoinTests {
    /// Per index, how many times it ran (shared by the loop's threads).
    final class Tally: Sendable {
        let counts: Mutex<[Int]>
        init(_ n: Int) { counts = Mutex([Int](repeating: 0, count: n)) }
        func add(_ i: Int, _ amount: Int = 1) { counts.withLock { $0[i] += amount } }
        var values: [Int] { counts.withLock { $0 } }
    }

    /// Each iteration runs exactly once, for counts below, at and above the CPU count.
    @Test(arguments: [0, 1, 2, 3, 4, 17, 1000])
    func everyIterationRunsOnce(count: Int) {
        let tally = Tally(count)
        ForkJoin.run(iterations: count) { tally.add($0) }
        #expect(tally.values == [Int](repeating: 1, count: count))
    }

    /// `map` gives each iteration's result at its index, whichever thread ran it.
    @Test(arguments: [0, 1, 2, 17, 1000])
    func mapKeepsTheIterationOrder(count: Int) {
        let squares = ForkJoin.map(iterations: count) { i in i * i }
        #expect(squares == (0..<count).map { $0 * $0 })
    }

    /// With per-thread state: each iteration runs once, each thread makes its state once
    /// (so no more states than threads) and keeps it for every iteration it takes.
    @Test(arguments: [0, 1, 2, 17, 1000])
    func workersAreMadeOncePerThread(count: Int) {
        final class Worker {
            let id: Int
            init(id: Int) { self.id = id }
        }
        let tally = Tally(count)
        let made = Atomic<Int>(0)
        // Per worker, how many iterations it took (its id indexes the list).
        let takenByWorker = Tally(max(64, Int(snn_usable_cpu_count())))
        ForkJoin.run(iterations: count, worker: { Worker(id: made.add(1, ordering: .relaxed).oldValue) }) { worker, i in
            tally.add(i)
            takenByWorker.add(worker.id)
        }
        #expect(tally.values == [Int](repeating: 1, count: count))
        let workers = made.load(ordering: .relaxed)
        #expect(workers <= max(1, min(count, Int(snn_usable_cpu_count()))) && (count == 0) == (workers == 0))
        #expect(takenByWorker.values.reduce(0, +) == count && takenByWorker.values[..<workers].allSatisfy { $0 > 0 })
    }

    /// With two usable CPUs or more, two iterations run at the same time: the first waits
    /// (up to 10 s) until the second has started, which it can only do on another thread.
    @Test(.enabled(if: snn_usable_cpu_count() >= 2, "needs two CPUs"))
    func iterationsRunConcurrently() {
        final class Flags: Sendable {
            let secondStarted = Atomic<Bool>(false)
            let firstSawSecond = Atomic<Bool>(false)
        }
        let flags = Flags()
        ForkJoin.run(iterations: 2) { i in
            if i == 1 {
                flags.secondStarted.store(true, ordering: .releasing)
                return
            }
            let deadline = Date().addingTimeInterval(10)
            while !flags.secondStarted.load(ordering: .acquiring) && Date() < deadline { sched_yield() }
            flags.firstSawSecond.store(flags.secondStarted.load(ordering: .acquiring), ordering: .relaxed)
        }
        let sawSecond = flags.firstSawSecond.load(ordering: .relaxed)
        #expect(sawSecond)
    }

    #if os(Linux)
    /// A helper may run on every CPU the caller may, but not on the one the caller was on:
    /// what keeps the kernel from queueing it behind the caller (the concurrency test above
    /// passes either way, since the caller yields while it waits).
    @Test(.enabled(if: snn_usable_cpu_count() >= 2, "needs two CPUs"))
    func helpersStartAwayFromTheCallersCPU() {
        final class Seen: @unchecked Sendable { var count: Int32 = 0 }
        let seen = Seen()
        let thread = ForkJoin.startElsewhere { seen.count = snn_usable_cpu_count() }
        #expect(thread != nil)
        guard let thread else { return }
        pthread_join(thread, nil)
        #expect(seen.count == snn_usable_cpu_count() - 1)
    }
    #endif

    /// A loop inside an iteration runs whole, and each outer iteration's result is its own.
    @Test func nestedLoops() {
        let outer = Tally(3)
        ForkJoin.run(iterations: 3) { i in
            let inner = Tally(50)
            ForkJoin.run(iterations: 50) { j in inner.add(j, i + j) }
            outer.add(i, inner.values.reduce(0, +))
        }
        #expect(outer.values == (0..<3).map { i in (0..<50).reduce(0) { $0 + i + $1 } })
    }
}
