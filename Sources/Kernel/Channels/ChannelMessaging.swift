// What the request/reply channels (shell, control, stdin) share: a malformed message is logged
// and dropped, and a reply that cannot be sent is logged; neither ends the kernel.

extension MessageCodec {
    /// Decodes a received message, or logs why it cannot and returns nil.
    /// - Parameters:
    ///   - frames: the frames as received.
    ///   - channel: the channel's name for the log line (`shell`, `control`, `stdin`).
    /// - Returns: the message, or nil when it is malformed, badly signed or replayed.
    func decodeOrLog(_ frames: [[UInt8]], channel: String) -> WireMessage? {
        do {
            return try decode(frames)
        } catch {
            KernelLog.line("\(channel): \(error)")
            return nil
        }
    }
}

extension ZMQSocket {
    /// Sends the reply `msgType` with `content` to the sender of `request`, or logs why it
    /// could not.
    /// - Parameters:
    ///   - msgType: the reply's type, e.g. `kernel_info_reply`.
    ///   - content: the reply's content.
    ///   - request: the request answered (its header becomes the parent, its identities the route).
    ///   - codec: signs and frames the reply.
    ///   - channel: the channel's name for the log line.
    func sendReply(_ msgType: String, _ content: JSONValue, to request: WireMessage, codec: MessageCodec,
                   channel: String) {
        let frames = codec.encode(
            msgType: msgType, content: content, parent: request, identities: request.identities)
        do {
            try send(frames)
        } catch {
            KernelLog.line("\(channel): could not send \(msgType): \(error)")
        }
    }
}
