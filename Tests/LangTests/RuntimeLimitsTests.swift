import Foundation
import Testing
@testable import Lang

@Suite struct RuntimeLimitsTests {
    /// Runs `code` while another thread keeps setting the interrupt flag (so the test does not
    /// depend on when the cell starts).
    func runInterrupted(_ session: Session, _ code: String) -> CellOutcome {
        let flag = session.interruptHandle
        let done = Atomicish()
        let thread = Thread {
            while !done.isSet {
                Thread.sleep(forTimeInterval: 0.02)
                flag.set()
            }
        }
        thread.start()
        let outcome = session.execute(code, cellName: "In[9]", output: RecordingSink())
        done.set()
        return outcome
    }

    @Test("an interrupt stops loops and calls", arguments: [
        "while true { }",
        "for i in range(1e12) { }",
        "fn spin() { while true { x = 1 } }\nspin()",
        "fn f(n) = if n > 0 { f(n - 1) + f(n - 1) } else { 0 }\nf(60)",
        "%timeit while true { }",
    ])
    func interrupt(code: String) {
        let session = Session()
        _ = session.execute("kept = 1", cellName: "In[1]", output: RecordingSink())
        guard case .error(let kind, let message, _) = runInterrupted(session, "kept = 2\n" + code) else {
            Issue.record("expected Interrupted")
            return
        }
        #expect(kind == "Interrupted")
        #expect(message == "the cell was interrupted")
        #expect(session.value(of: "kept")?.reprText == "2")
        // The next cell runs normally.
        guard case .ok(let result, _) = session.execute("kept + 1", cellName: "In[10]", output: RecordingSink()) else {
            Issue.record("next cell failed")
            return
        }
        #expect(result?["text/plain"] == "3")
    }

    @Test func recursionLimitIsSafe() {
        let s = TestSession()
        s.run("fn depth(n) = if n == 0 { 0 } else { 1 + depth(n - 1) }")
        #expect(s.run("depth(900)") == "900")
        #expect(s.run("depth(5000)").hasPrefix("RecursionError: maximum recursion depth (1000) exceeded in depth()"))
        #expect(s.run("depth(10)") == "10")
    }

    @Test func deeplyNestedValuesPrint() {
        let s = TestSession()
        s.run("a = []\nfor i in range(20000) { a = [a] }")
        #expect(s.run("len(a)") == "1")
        #expect(s.run("str(a)").count > 40000)
    }

    @Test func hugeValuesAreMemoryErrors() {
        let s = TestSession()
        #expect(s.run("list(range(1e300))") == "MemoryError: a list of 1000000000000000 items is too large to build: loop over the range with for instead")
        #expect(s.run("\"ab\" * 1e12") == "MemoryError: a string of 1000000000000 copies is too large to build")
    }
}

/// A tiny thread-safe flag for tests.
final class Atomicish: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
