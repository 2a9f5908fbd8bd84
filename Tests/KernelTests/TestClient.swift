import Foundation
@testable import Kernel

/// A minimal Jupyter client over real ZeroMQ sockets, for end-to-end tests of `KernelServer`.
final class TestClient {
    enum Channel { case shell, control, stdin }

    struct TimedOut: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out waiting for \(what)" }
    }

    let codec: MessageCodec
    private let context: ZMQContext
    let shell: ZMQSocket
    let control: ZMQSocket
    let stdin: ZMQSocket
    let iopub: ZMQSocket
    let heartbeat: ZMQSocket

    /// Connects to the sockets of `connection`, signing with `key`.
    init(connection: ConnectionInfo, key: String) throws {
        codec = MessageCodec(key: Array(key.utf8), username: "test")
        context = try ZMQContext()
        let identity = Array(codec.session.utf8)
        shell = try context.socket(.dealer)
        try shell.setIdentity(identity)
        try shell.connect(connection.endpoint(port: connection.shellPort))
        control = try context.socket(.dealer)
        try control.connect(connection.endpoint(port: connection.controlPort))
        stdin = try context.socket(.dealer)
        try stdin.setIdentity(identity)
        try stdin.connect(connection.endpoint(port: connection.stdinPort))
        iopub = try context.socket(.sub)
        try iopub.subscribeAll()
        try iopub.connect(connection.endpoint(port: connection.iopubPort))
        heartbeat = try context.socket(.req)
        try heartbeat.connect(connection.endpoint(port: connection.heartbeatPort))
    }

    deinit {
        [shell, control, stdin, iopub, heartbeat].forEach { $0.close() }
        context.terminate()
    }

    private func socket(_ channel: Channel) -> ZMQSocket {
        switch channel {
        case .shell: shell
        case .control: control
        case .stdin: stdin
        }
    }

    /// Sends a request and returns it as decoded by the kernel would see it (for its msg_id).
    @discardableResult
    func send(_ channel: Channel, _ msgType: String, _ content: JSONValue, parent: WireMessage? = nil) throws -> WireMessage {
        let frames = codec.encode(msgType: msgType, content: content, parent: parent)
        try socket(channel).send(frames)
        return try MessageCodec(key: []).decode(frames)
    }

    /// Sends raw frames (e.g. forged or replayed ones).
    func sendRaw(_ channel: Channel, _ frames: [[UInt8]]) throws { try socket(channel).send(frames) }

    /// The next message on `socket` within `timeout` milliseconds.
    func receive(_ socket: ZMQSocket, timeout: Int = 5000, what: String) throws -> WireMessage {
        guard try ZMQSocket.poll([socket], timeoutMilliseconds: timeout)[0],
              let frames = try socket.receive(wait: false)
        else { throw TimedOut(what: what) }
        return try codec.decode(frames)
    }

    /// The next reply on `channel`.
    func reply(_ channel: Channel, timeout: Int = 5000) throws -> WireMessage {
        try receive(socket(channel), timeout: timeout, what: "a reply on \(channel)")
    }

    /// iopub messages parented to `request`, through its status idle.
    func iopubMessages(for request: WireMessage, timeout: Int = 5000) throws -> [WireMessage] {
        var found: [WireMessage] = []
        while true {
            let message = try receive(iopub, timeout: timeout, what: "iopub for \(request.msgType)")
            guard message.parentHeader["msg_id"]?.stringValue == request.msgId else { continue }
            found.append(message)
            if message.msgType == "status", message.content["execution_state"] == "idle" { return found }
        }
    }

    /// Waits until iopub shows `msgType` parented to `request` (e.g. execute_input: the cell
    /// has started).
    func waitForIOPub(_ msgType: String, of request: WireMessage, timeout: Int = 5000) throws {
        while true {
            let message = try receive(iopub, timeout: timeout, what: "\(msgType) on iopub")
            if message.msgType == msgType, message.parentHeader["msg_id"]?.stringValue == request.msgId { return }
        }
    }

    /// Sends kernel_info requests until iopub delivers their status (PUB/SUB joins late).
    func waitUntilReady() throws {
        for _ in 0..<50 {
            let request = try send(.shell, "kernel_info_request", [:])
            _ = try reply(.shell)
            if let messages = try? iopubMessages(for: request, timeout: 100), !messages.isEmpty { break }
        }
        // Drain whatever else arrived.
        while (try? ZMQSocket.poll([iopub], timeoutMilliseconds: 50)[0]) == true {
            _ = try iopub.receive(wait: false)
        }
    }
}
