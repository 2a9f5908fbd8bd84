// Kernel's log: one line per event on stderr (the frontend's terminal / the kernel log), never
// on a socket.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes single log lines to stderr.
enum KernelLog {
    /// Writes `message` as one line on stderr, prefixed with `[swift-nn]`.
    static func line(_ message: String) {
        let text = "[swift-nn] " + message.replacingNewlines() + "\n"
        var remaining = Array(text.utf8)
        while !remaining.isEmpty {
            let n = write(2, remaining, remaining.count)
            if n <= 0 { return }
            remaining.removeFirst(n)
        }
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : Character($0) })
    }
}
