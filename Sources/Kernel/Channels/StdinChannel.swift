// stdin: the ROUTER socket for `input()`. Used only from the shell thread while a cell runs:
// send input_request to the frontend that sent the execute_request, wait for its input_reply.

/// The kernel's stdin channel (shell thread only).
final class StdinChannel {
    private let socket: ZMQSocket
    private let codec: MessageCodec
    private let state: KernelState

    /// Wraps the bound ROUTER `socket`.
    init(socket: ZMQSocket, codec: MessageCodec, state: KernelState) {
        self.socket = socket
        self.codec = codec
        self.state = state
    }

    /// Asks the frontend behind `parent` (an execute_request) for a line of input.
    /// - Returns: The `value` of the frontend's input_reply.
    /// - Throws: `InputError.interrupted` when an interrupt arrives while waiting, and
    ///   `InputError.unreachable` when the request cannot be sent or the socket fails.
    func requestInput(prompt: String, password: Bool, parent: WireMessage) throws -> String {
        // Forget stale replies (e.g. to an earlier, interrupted request).
        while let _ = try? socket.receive(wait: false) {}
        let frames = codec.encode(
            msgType: "input_request", content: ["prompt": .string(prompt), "password": .bool(password)],
            parent: parent, identities: parent.identities)
        do {
            try socket.send(frames)
        } catch {
            KernelLog.line("could not send input_request: \(error)")
            throw InputError.unreachable
        }
        while true {
            if state.interruptPending.load(ordering: .sequentiallyConsistent) {
                throw InputError.interrupted
            }
            let ready: [Bool]
            do {
                ready = try ZMQSocket.poll([socket], timeoutMilliseconds: 50)
            } catch {
                throw InputError.unreachable
            }
            guard ready[0] else { continue }
            guard let received = try? socket.receive(wait: false) else { continue }
            guard let reply = codec.decodeOrLog(received, channel: "stdin") else { continue }
            guard reply.msgType == "input_reply" else {
                KernelLog.line("stdin: ignored a \(reply.msgType) message")
                continue
            }
            return reply.content["value"]?.stringValue ?? ""
        }
    }

    /// Closes the socket.
    func close() { socket.close() }
}
