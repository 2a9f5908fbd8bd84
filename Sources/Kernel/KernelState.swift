// State shared between the shell thread, the control thread and the SIGINT handler: a few
// atomic flags and the one interpreter method that may be called off the shell thread.

import Synchronization

/// Flags the channel threads use to talk to each other.
final class KernelState: Sendable {
    /// Set once a shutdown_request was answered; the shell loop then ends.
    let shutdownRequested = Atomic<Bool>(false)
    /// Set by an interrupt (message or SIGINT); a pending `input()` gives up when it sees it.
    let interruptPending = Atomic<Bool>(false)
    /// Set when `KernelServer.run()` has cleaned up; the shutdown watchdog then stands down.
    let finished = Atomic<Bool>(false)
    private let interruptTarget: InterruptTarget

    /// Creates the state for `interpreter`.
    init(interpreter: KernelInterpreter) {
        interruptTarget = InterruptTarget(interpreter)
    }

    /// Interrupts the running cell: sets the flag for `input()` and calls
    /// `interpreter.interrupt()`. Safe from any thread.
    func interrupt() {
        interruptPending.store(true, ordering: .sequentiallyConsistent)
        interruptTarget.interrupter.interrupt()
    }
}

/// Carries the interpreter to the control thread and the signal handler.
/// `KernelInterpreter.interrupt()` is documented as thread-safe and is the only method called
/// through this box, hence `@unchecked Sendable`.
private final class InterruptTarget: @unchecked Sendable {
    let interrupter: KernelInterpreter
    init(_ interpreter: KernelInterpreter) { self.interrupter = interpreter }
}
