// The only file that calls libzmq (through the CZeroMQ shim). Everything above it sees Swift
// types: a context, sockets that send and receive multipart messages as byte arrays, a poll
// over several sockets, and the proxy the heartbeat echoes with.

import CZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed libzmq call: which call, its errno and libzmq's text for it.
struct ZMQError: Error, CustomStringConvertible, Equatable {
    /// The libzmq function that failed, e.g. `zmq_bind`.
    var call: String
    /// The errno value libzmq reported.
    var code: Int32
    /// libzmq's text for `code`.
    var message: String

    /// True when the context was terminated (the normal way a channel thread stops).
    var isTerminated: Bool { code == ETERM }
    /// True when a system call was interrupted by a signal (retry the call).
    var isInterrupted: Bool { code == EINTR }

    var description: String { "\(call) failed: \(message) (errno \(code))" }

    /// The error for the last failed libzmq call.
    static func last(_ call: String) -> ZMQError {
        let code = zmq_errno()
        let text = zmq_strerror(code).map { String(cString: $0) } ?? "unknown error"
        return ZMQError(call: call, code: code, message: text)
    }
}

/// A libzmq context: owns the I/O threads; sockets are made from it.
///
/// `shutdown()` makes every blocking call on its sockets fail with `ETERM` (how channel threads
/// are told to stop); `terminate()` then waits until every socket is closed.
final class ZMQContext: @unchecked Sendable {
    // libzmq contexts are thread-safe, hence @unchecked Sendable.
    private let handle: UnsafeMutableRawPointer

    /// Creates a context.
    /// - Throws: `ZMQError` when libzmq cannot create one.
    init() throws {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        self.handle = handle
    }

    /// Creates a socket of `type` in this context.
    /// - Throws: `ZMQError` when libzmq refuses (e.g. the context is terminated).
    func socket(_ type: ZMQSocket.Kind) throws -> ZMQSocket {
        guard let raw = zmq_socket(handle, type.rawValue) else { throw ZMQError.last("zmq_socket") }
        let socket = ZMQSocket(raw)
        try socket.setInt(ZMQ_LINGER, 500)
        return socket
    }

    /// Makes blocking calls on this context's sockets return `ETERM`.
    func shutdown() { _ = zmq_ctx_shutdown(handle) }

    /// Waits until all sockets are closed, then frees the context.
    func terminate() {
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }
}

/// One libzmq socket. Not thread-safe: exactly one thread uses it at a time (ownership can move
/// to another thread across a lock or a thread start, which are full memory barriers).
final class ZMQSocket: @unchecked Sendable {
    /// The socket types Kernel uses.
    enum Kind: Int32 {
        case pair = 0, pub = 1, sub = 2, req = 3, rep = 4, dealer = 5, router = 6
    }

    fileprivate var handle: UnsafeMutableRawPointer?

    fileprivate init(_ handle: UnsafeMutableRawPointer) { self.handle = handle }

    deinit { close() }

    private func live(_ call: String) throws -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(call: call, code: ENOTSOCK, message: "socket closed") }
        return handle
    }

    /// Sets an integer socket option.
    func setInt(_ option: Int32, _ value: Int32) throws {
        let h = try live("zmq_setsockopt")
        var v = value
        if zmq_setsockopt(h, option, &v, MemoryLayout<Int32>.size) != 0 {
            throw ZMQError.last("zmq_setsockopt")
        }
    }

    /// Sets a bytes socket option (e.g. `ZMQ_ROUTING_ID`, `ZMQ_SUBSCRIBE`).
    func setBytes(_ option: Int32, _ value: [UInt8]) throws {
        let h = try live("zmq_setsockopt")
        let rc = value.withUnsafeBytes { zmq_setsockopt(h, option, $0.baseAddress, $0.count) }
        if rc != 0 { throw ZMQError.last("zmq_setsockopt") }
    }

    /// Makes a ROUTER socket fail sends to unknown identities (logged) instead of dropping them.
    func setRouterMandatory() throws { try setInt(ZMQ_ROUTER_MANDATORY, 1) }

    /// Subscribes a SUB socket to every message.
    func subscribeAll() throws { try setBytes(ZMQ_SUBSCRIBE, []) }

    /// Sets the routing identity of a DEALER or ROUTER socket.
    func setIdentity(_ identity: [UInt8]) throws { try setBytes(ZMQ_ROUTING_ID, identity) }

    /// Binds to `endpoint` (e.g. `tcp://127.0.0.1:5555`, `tcp://127.0.0.1:*`, `inproc://wake`).
    /// - Returns: The endpoint actually bound (with the chosen port for `*`).
    @discardableResult
    func bind(_ endpoint: String) throws -> String {
        let h = try live("zmq_bind")
        if zmq_bind(h, endpoint) != 0 { throw ZMQError.last("zmq_bind \(endpoint)") }
        var buffer = [CChar](repeating: 0, count: 256)
        var size = buffer.count
        if zmq_getsockopt(h, ZMQ_LAST_ENDPOINT, &buffer, &size) != 0 { return endpoint }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Connects to `endpoint`.
    func connect(_ endpoint: String) throws {
        let h = try live("zmq_connect")
        if zmq_connect(h, endpoint) != 0 { throw ZMQError.last("zmq_connect \(endpoint)") }
    }

    /// Sends a multipart message (one frame per element), blocking only if libzmq's queue is full.
    func send(_ frames: [[UInt8]]) throws {
        let h = try live("zmq_send")
        for (index, frame) in frames.enumerated() {
            let flags: Int32 = index < frames.count - 1 ? ZMQ_SNDMORE : 0
            while true {
                let rc = frame.withUnsafeBytes { zmq_send(h, $0.baseAddress, $0.count, flags) }
                if rc >= 0 { break }
                let error = ZMQError.last("zmq_send")
                if !error.isInterrupted { throw error }
            }
        }
    }

    /// Receives one whole multipart message, waiting for it unless `wait` is false.
    /// - Returns: The frames, or nil when `wait` is false and nothing is queued.
    /// - Throws: `ZMQError` (`isTerminated` when the context shut down).
    func receive(wait: Bool = true) throws -> [[UInt8]]? {
        let h = try live("zmq_msg_recv")
        var frames: [[UInt8]] = []
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        while true {
            let flags: Int32 = (wait || !frames.isEmpty) ? 0 : ZMQ_DONTWAIT
            if zmq_msg_recv(&message, h, flags) < 0 {
                let error = ZMQError.last("zmq_msg_recv")
                if error.isInterrupted { continue }
                if error.code == EAGAIN && frames.isEmpty { return nil }
                throw error
            }
            let size = zmq_msg_size(&message)
            if let data = zmq_msg_data(&message), size > 0 {
                frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            } else {
                frames.append([])
            }
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }

    /// Closes the socket; later calls throw. Safe to call twice.
    func close() {
        if let handle { _ = zmq_close(handle) }
        handle = nil
    }

    /// Waits until some of `sockets` can be read.
    /// - Parameters:
    ///   - sockets: The sockets to watch.
    ///   - timeoutMilliseconds: -1 waits forever, 0 only looks.
    /// - Returns: One flag per socket, true where a message is waiting (all false on timeout or
    ///   when a signal interrupted the wait).
    /// - Throws: `ZMQError` (`isTerminated` when the context shut down).
    static func poll(_ sockets: [ZMQSocket], timeoutMilliseconds: Int) throws -> [Bool] {
        var items = sockets.map {
            zmq_pollitem_t(socket: $0.handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        }
        let rc = items.withUnsafeMutableBufferPointer {
            zmq_poll($0.baseAddress, Int32($0.count), timeoutMilliseconds)
        }
        if rc < 0 {
            let error = ZMQError.last("zmq_poll")
            if error.isInterrupted { return sockets.map { _ in false } }
            throw error
        }
        return items.map { $0.revents & Int16(ZMQ_POLLIN) != 0 }
    }

    /// Runs libzmq's built-in proxy from `frontend` to `backend` (the same REP socket on both
    /// sides makes an echo, as the heartbeat needs) until the context shuts down.
    static func proxy(_ frontend: ZMQSocket, _ backend: ZMQSocket) {
        guard let f = frontend.handle, let b = backend.handle else { return }
        _ = zmq_proxy(f, b, nil)
    }
}
