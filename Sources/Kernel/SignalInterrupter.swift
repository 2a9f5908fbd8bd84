// SIGINT (what `jupyter` sends for interrupt_mode "signal", and Ctrl-C in a terminal) turns into
// an interrupt of the running cell instead of killing the kernel.

import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Handles SIGINT with a dispatch signal source while it is alive.
final class SignalInterrupter {
    private let source: DispatchSourceSignal

    /// Ignores SIGINT's default action (termination) and calls `handler` for each SIGINT on a
    /// background queue.
    init(handler: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global(qos: .userInteractive))
        source.setEventHandler(handler: handler)
        source.resume()
    }

    /// Stops handling SIGINT (the signal stays ignored).
    func cancel() { source.cancel() }

    deinit { source.cancel() }
}
