#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether operations record the graph (PyTorch's grad mode).
///
/// Like torch's `GradMode`, the flag is per thread, not global: it lives in a thread-specific
/// slot (no allocation; the default, recording on, is the empty slot), so a no-grad block on
/// the notebook's execution thread never affects another thread. The notebook's
/// `no_grad { ... }` sets it off and restores it afterwards; Swift code can use the scoped
/// ``withoutGrad(_:)``.
public enum GradMode {
    /// The thread-specific slot; a non-nil value means "recording off". Created once.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key, nil)
        precondition(status == 0, "pthread_key_create failed")
        return key
    }()

    /// `true` unless recording was switched off on this thread.
    public static var isEnabled: Bool {
        get { pthread_getspecific(key) == nil }
        set { pthread_setspecific(key, newValue ? nil : UnsafeRawPointer(bitPattern: 1)) }
    }

    /// Runs `body` without recording operations, then restores the previous mode (also when
    /// `body` throws).
    ///
    /// - Parameter body: The work to run.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public static func withoutGrad<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let saved = isEnabled
        isEnabled = false
        defer { isEnabled = saved }
        return try body()
    }

    /// Runs `body` with recording on, then restores the previous mode.
    ///
    /// - Parameter body: The work to run.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    public static func withGrad<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let saved = isEnabled
        isEnabled = true
        defer { isEnabled = saved }
        return try body()
    }
}
