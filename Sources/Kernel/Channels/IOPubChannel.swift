// iopub: the PUB socket every thread publishes on. A libzmq socket is not thread-safe, so the
// socket lives inside a mutex: a thread holds it only for the duration of one send, which is
// a full memory barrier between users (libzmq allows a socket to move between threads so).

import Synchronization

/// The kernel's iopub publisher, shared by the shell and control threads.
final class IOPubChannel: Sendable {
    private let socket: Mutex<ZMQSocket?>
    private let codec: MessageCodec

    /// Wraps the bound PUB `socket`; messages are signed by `codec`.
    init(socket: ZMQSocket, codec: MessageCodec) {
        self.socket = Mutex(socket)
        self.codec = codec
    }

    /// Publishes a message of `msgType` with `content`, parented to `parent`.
    func publish(_ msgType: String, _ content: JSONValue, parent: WireMessage?) {
        let frames = codec.encode(msgType: msgType, content: content, parent: parent)
        socket.withLock { socket in
            guard let socket else { return }
            do {
                try socket.send(frames)
            } catch {
                KernelLog.line("could not publish \(msgType) on iopub: \(error)")
            }
        }
    }

    /// Publishes `status` with `execution_state` busy, idle or starting.
    func status(_ state: String, parent: WireMessage?) {
        publish("status", ["execution_state": .string(state)], parent: parent)
    }

    /// Closes the socket; later publishes are dropped.
    func close() {
        socket.withLock { socket in
            socket?.close()
            socket = nil
        }
    }
}
