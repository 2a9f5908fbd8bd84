// shell: the ROUTER socket served on the thread that calls `KernelServer.run()`. Requests are
// handled in order and cells run here. Every request is wrapped in iopub status busy/idle
// parented to it; its reply goes back to the identities it came from.

/// Serves the shell channel; lives on one thread.
final class ShellChannel {
    let socket: ZMQSocket
    let wake: ZMQSocket
    let codec: MessageCodec
    let iopub: IOPubChannel
    let stdin: StdinChannel
    let state: KernelState
    let interpreter: KernelInterpreter
    let kernelInfo: JSONValue

    /// The count of the last cell run with `store_history` (0 before the first).
    var executionCount = 0
    /// True while the requests that were queued when an execute failed (with `stop_on_error`)
    /// are served: their executes are answered "aborted", as ipykernel does.
    var aborting = false
    /// Requests taken off the socket when an execute failed, served before polling again.
    var backlog: [WireMessage] = []
    /// Cells run in this session.
    var history = HistoryStore()

    /// Creates the channel around bound sockets.
    init(socket: ZMQSocket, wake: ZMQSocket, codec: MessageCodec, iopub: IOPubChannel,
         stdin: StdinChannel, state: KernelState, interpreter: KernelInterpreter, kernelInfo: JSONValue) {
        self.socket = socket
        self.wake = wake
        self.codec = codec
        self.iopub = iopub
        self.stdin = stdin
        self.state = state
        self.interpreter = interpreter
        self.kernelInfo = kernelInfo
    }

    /// Serves requests until a shutdown_request (here or on control) or the context ends.
    /// - Throws: `ZMQError` when polling fails for a reason other than shutdown.
    func serve() throws {
        while !state.shutdownRequested.load(ordering: .sequentiallyConsistent) {
            if !backlog.isEmpty {
                handle(backlog.removeFirst())
                if backlog.isEmpty { aborting = false }
                continue
            }
            let ready: [Bool]
            do {
                ready = try ZMQSocket.poll([socket, wake], timeoutMilliseconds: -1)
            } catch let error as ZMQError where error.isTerminated {
                return
            }
            if ready[1] {
                _ = try? wake.receive(wait: false)
                continue
            }
            guard ready[0], let frames = try socket.receive(wait: false) else { continue }
            if let message = codec.decodeOrLog(frames, channel: "shell") { handle(message) }
        }
    }

    /// Takes every request already queued on the socket into the backlog and, if there are
    /// any, starts aborting. Called when an execute fails with `stop_on_error`, BEFORE its
    /// reply is sent: whatever is queued then was sent before the frontend could know of the
    /// error (a "run all"), while a request sent after the reply runs normally.
    func abortQueuedRequests() {
        while let frames = try? socket.receive(wait: false) {
            if let message = codec.decodeOrLog(frames, channel: "shell") { backlog.append(message) }
        }
        aborting = !backlog.isEmpty
    }

    /// Sends the reply `msgType` with `content` to the sender of `request`.
    func reply(_ msgType: String, _ content: JSONValue, to request: WireMessage) {
        socket.sendReply(msgType, content, to: request, codec: codec, channel: "shell")
    }

    /// Handles one verified request between busy and idle.
    func handle(_ request: WireMessage) {
        iopub.status("busy", parent: request)
        defer { iopub.status("idle", parent: request) }
        let content = request.content
        switch request.msgType {
        case "execute_request":
            execute(request)
        case "kernel_info_request":
            reply("kernel_info_reply", kernelInfo, to: request)
        case "complete_request":
            let code = content["code"]?.stringValue ?? ""
            let cursor = content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
            let completion = interpreter.complete(code: code, cursor: cursor)
            reply("complete_reply", ReplyContent.complete(completion), to: request)
        case "inspect_request":
            let code = content["code"]?.stringValue ?? ""
            let cursor = content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
            let bundle = interpreter.inspect(
                code: code, cursor: cursor, detailLevel: content["detail_level"]?.intValue ?? 0)
            reply("inspect_reply", ReplyContent.inspect(bundle), to: request)
        case "is_complete_request":
            let completeness = interpreter.isComplete(code: content["code"]?.stringValue ?? "")
            reply("is_complete_reply", ReplyContent.isComplete(completeness), to: request)
        case "history_request":
            reply("history_reply", history.reply(to: content), to: request)
        case "comm_info_request":
            reply("comm_info_reply", ["status": "ok", "comms": [:]], to: request)
        case "comm_open":
            // No comm targets exist: close the comm at once, as ipykernel does for unknown ones.
            let id = content["comm_id"] ?? ""
            KernelLog.line("shell: no comm target \(content["target_name"]?.stringValue ?? "?"); closing")
            iopub.publish("comm_close", ["comm_id": id, "data": [:]], parent: request)
        case "comm_msg", "comm_close":
            break
        case "shutdown_request":
            let restart = content["restart"]?.boolValue ?? false
            reply("shutdown_reply", ["status": "ok", "restart": .bool(restart)], to: request)
            state.shutdownRequested.store(true, ordering: .sequentiallyConsistent)
        default:
            KernelLog.line("shell: ignored unknown message type \(request.msgType)")
        }
    }
}
