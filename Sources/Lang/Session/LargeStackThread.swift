#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs work on a new thread with a large stack and waits for it (cells run there, so deep
/// recursion ends in a RecursionError instead of overflowing the caller's small stack).
enum LargeStackThread {
    private final class Work {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Runs `body` on a new thread with the first stack size the system accepts, and joins it.
    /// - Parameters:
    ///   - stackSizes: sizes to try, largest first.
    ///   - body: the work.
    /// - Returns: false when no thread could be started (then `body` did not run).
    @discardableResult
    static func run(stackSizes: [Int], _ body: @escaping () -> Void) -> Bool {
        for size in stackSizes {
            var attributes = pthread_attr_t()
            guard pthread_attr_init(&attributes) == 0 else { continue }
            defer { pthread_attr_destroy(&attributes) }
            guard pthread_attr_setstacksize(&attributes, size) == 0 else { continue }
            let work = Unmanaged.passRetained(Work(body))
            #if canImport(Glibc)
            var thread = pthread_t()
            #else
            var thread: pthread_t?
            #endif
            let status = pthread_create(&thread, &attributes, { argument in
                guard let argument else { return nil }
                let work = Unmanaged<Work>.fromOpaque(argument).takeRetainedValue()
                work.body()
                return nil
            }, work.toOpaque())
            guard status == 0 else {
                work.release()
                continue
            }
            #if canImport(Glibc)
            pthread_join(thread, nil)
            #else
            if let thread { pthread_join(thread, nil) }
            #endif
            return true
        }
        return false
    }
}
