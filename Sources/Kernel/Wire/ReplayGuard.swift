// Remembers the signatures of accepted messages so a captured message sent again is refused.
// Bounded: the oldest signatures are forgotten first (ipykernel keeps 2^16 the same way).

import Synchronization

/// A thread-safe, bounded set of seen signatures, shared by the shell and control threads.
final class ReplayGuard: Sendable {
    private struct State {
        var seen: Set<[UInt8]> = []
        var order: [[UInt8]] = []
        var head = 0
    }

    private let capacity: Int
    private let state = Mutex(State())

    /// Creates a guard that remembers the last `capacity` signatures.
    init(capacity: Int = 1 << 16) {
        precondition(capacity > 0, "ReplayGuard needs room for at least one signature")
        self.capacity = capacity
    }

    /// Records `signature`; returns false if it was seen before (a replay).
    func accept(_ signature: [UInt8]) -> Bool {
        state.withLock { state in
            if state.seen.contains(signature) { return false }
            state.seen.insert(signature)
            if state.order.count < capacity {
                state.order.append(signature)
            } else {
                state.seen.remove(state.order[state.head])
                state.order[state.head] = signature
                state.head = (state.head + 1) % capacity
            }
            return true
        }
    }
}
