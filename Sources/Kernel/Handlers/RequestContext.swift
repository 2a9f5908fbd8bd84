// The `ExecutionContext` of one running execute_request: each call becomes an iopub message
// parented to the request (nothing at all when the request is silent), or a stdin round trip.

/// Publishes a running cell's outputs for one execute_request.
final class RequestContext: ExecutionContext {
    private let iopub: IOPubChannel
    private let stdin: StdinChannel
    private let parent: WireMessage
    private let silent: Bool
    private let allowStdin: Bool

    /// Creates the context for `parent`, an execute_request.
    init(iopub: IOPubChannel, stdin: StdinChannel, parent: WireMessage, silent: Bool, allowStdin: Bool) {
        self.iopub = iopub
        self.stdin = stdin
        self.parent = parent
        self.silent = silent
        self.allowStdin = allowStdin
    }

    private func publish(_ msgType: String, _ content: JSONValue) {
        if !silent { iopub.publish(msgType, content, parent: parent) }
    }

    func stream(_ name: StreamName, _ text: String) {
        publish("stream", ["name": .string(name.rawValue), "text": .string(text)])
    }

    func display(_ bundle: MimeBundle, id: String?) {
        publish("display_data", ReplyContent.display(bundle, id: id))
    }

    func update(_ bundle: MimeBundle, id: String) {
        publish("update_display_data", ReplyContent.display(bundle, id: id))
    }

    func clear(wait: Bool) {
        publish("clear_output", ["wait": .bool(wait)])
    }

    func input(prompt: String, password: Bool) throws -> String {
        guard allowStdin else { throw InputError.notAllowed }
        return try stdin.requestInput(prompt: prompt, password: password, parent: parent)
    }
}
