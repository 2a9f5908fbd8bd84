// The public entry point: binds the five sockets of a connection file and serves the Jupyter
// messaging protocol (5.4, with 5.5's kernel_info on control) for one interpreter.

import Foundation

/// Why the kernel could not start or keep serving.
public enum KernelServerError: Error, Equatable, CustomStringConvertible {
    /// A socket could not be created or bound (e.g. the port is taken).
    case socketFailed(channel: String, endpoint: String, reason: String)
    /// The shell loop failed for a reason other than shutdown.
    case serveFailed(reason: String)

    /// The sentence the user sees.
    public var description: String {
        switch self {
        case .socketFailed(let channel, let endpoint, let reason):
            "cannot bind the \(channel) socket to \(endpoint): \(reason)"
        case .serveFailed(let reason): "the kernel stopped serving: \(reason)"
        }
    }
}

/// A Jupyter kernel serving one `KernelInterpreter` over ZeroMQ.
///
/// `init` binds the sockets (so a taken port fails early); `run()` serves on the calling thread
/// (the shell channel; cells execute there) with control and heartbeat on their own threads,
/// and returns after a `shutdown_request`.
///
/// ```swift
/// let server = try KernelServer(connectionFileAt: path, interpreter: LangKernel())
/// try server.run()
/// ```
public final class KernelServer {
    /// Tuning for embedding and tests.
    public struct Options: Sendable {
        /// Handle SIGINT as an interrupt of the running cell (the default for a kernel process;
        /// tests that share a process turn it off).
        public var handlesInterruptSignal: Bool
        /// Seconds after a shutdown_request after which the process exits even if a cell does
        /// not stop; nil never forces an exit.
        public var exitDeadline: Double?

        /// Creates options; the defaults suit a kernel process.
        public init(handlesInterruptSignal: Bool = true, exitDeadline: Double? = 1.0) {
            self.handlesInterruptSignal = handlesInterruptSignal
            self.exitDeadline = exitDeadline
        }
    }

    /// The connection info with the ports actually bound (ports given as 0 are filled in).
    public let connection: ConnectionInfo

    private let context: ZMQContext
    private let options: Options
    private let state: KernelState
    private let iopub: IOPubChannel
    private let shell: ShellChannel
    private let control: ControlChannel
    private let heartbeat: ZMQSocket
    private var started = false

    /// Reads the connection file at `path` and binds its sockets.
    /// - Throws: `ConnectionError` for a bad file, `KernelServerError` when a socket cannot bind.
    public convenience init(connectionFileAt path: String, interpreter: KernelInterpreter,
                            options: Options = Options()) throws {
        try self.init(connection: try ConnectionInfo(contentsOf: path), interpreter: interpreter, options: options)
    }

    /// Binds the sockets of `connection` for `interpreter`.
    /// - Throws: `KernelServerError.socketFailed` when a socket cannot be created or bound.
    public init(connection: ConnectionInfo, interpreter: KernelInterpreter, options: Options = Options()) throws {
        self.options = options
        let zmq: ZMQContext
        do {
            zmq = try ZMQContext()
        } catch {
            throw KernelServerError.socketFailed(channel: "context", endpoint: "", reason: "\(error)")
        }
        context = zmq
        let info = connection
        var bound = info
        func open(_ channel: String, _ kind: ZMQSocket.Kind, _ port: Int,
                  _ record: (inout ConnectionInfo, Int) -> Void) throws -> ZMQSocket {
            let endpoint = info.endpoint(port: port)
            do {
                let socket = try zmq.socket(kind)
                if kind == .router { try socket.setRouterMandatory() }
                let actual = try socket.bind(endpoint)
                record(&bound, ConnectionInfo.port(ofEndpoint: actual) ?? port)
                return socket
            } catch {
                throw KernelServerError.socketFailed(channel: channel, endpoint: endpoint, reason: "\(error)")
            }
        }
        let shellSocket = try open("shell", .router, info.shellPort) { $0.shellPort = $1 }
        let iopubSocket = try open("iopub", .pub, info.iopubPort) { $0.iopubPort = $1 }
        let stdinSocket = try open("stdin", .router, info.stdinPort) { $0.stdinPort = $1 }
        let controlSocket = try open("control", .router, info.controlPort) { $0.controlPort = $1 }
        heartbeat = try open("heartbeat", .rep, info.heartbeatPort) { $0.heartbeatPort = $1 }
        self.connection = bound

        let wakeEndpoint = "inproc://swift-nn-wake-\(MessageHeader.newID())"
        let wakeReceiver: ZMQSocket
        let wakeSender: ZMQSocket
        do {
            wakeReceiver = try zmq.socket(.pair)
            try wakeReceiver.bind(wakeEndpoint)
            wakeSender = try zmq.socket(.pair)
            try wakeSender.connect(wakeEndpoint)
        } catch {
            throw KernelServerError.socketFailed(channel: "wake", endpoint: wakeEndpoint, reason: "\(error)")
        }

        let codec = MessageCodec(key: Array(info.key.utf8))
        let state = KernelState(interpreter: interpreter)
        let kernelInfo = ReplyContent.kernelInfo(interpreter.languageInfo)
        self.state = state
        iopub = IOPubChannel(socket: iopubSocket, codec: codec)
        shell = ShellChannel(
            socket: shellSocket, wake: wakeReceiver, codec: codec, iopub: iopub,
            stdin: StdinChannel(socket: stdinSocket, codec: codec, state: state), state: state,
            interpreter: interpreter, kernelInfo: kernelInfo)
        control = ControlChannel(
            socket: controlSocket, wake: wakeSender, codec: codec, iopub: iopub, state: state,
            kernelInfo: kernelInfo, exitDeadline: options.exitDeadline)
    }

    /// Serves until a shutdown_request, on the calling thread; then closes every socket.
    /// Call it once.
    /// - Throws: `KernelServerError.serveFailed` if the shell loop fails.
    public func run() throws {
        precondition(!started, "KernelServer.run() may be called only once")
        started = true
        _ = HeartbeatChannel.start(socket: heartbeat)
        _ = control.start()
        let signals = options.handlesInterruptSignal
            ? SignalInterrupter { [state] in state.interrupt() } : nil
        iopub.status("starting", parent: nil)
        defer {
            signals?.cancel()
            shell.socket.close()
            shell.wake.close()
            shell.stdin.close()
            iopub.close()
            context.shutdown()
            context.terminate()
            state.finished.store(true, ordering: .sequentiallyConsistent)
        }
        do {
            try shell.serve()
        } catch {
            throw KernelServerError.serveFailed(reason: "\(error)")
        }
    }
}
