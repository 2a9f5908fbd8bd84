// Turns raw multipart frames into verified `WireMessage`s and messages into signed frames.
// Shared by every channel thread; it holds only immutable state and the thread-safe
// `ReplayGuard`.

/// Decodes, verifies, encodes and signs the messages of one kernel session.
final class MessageCodec: Sendable {
    /// The signer built from the connection file's key.
    let signer: MessageSigner
    /// The kernel's session id (the `session` of every header it sends).
    let session: String
    /// The `username` of every header Kernel sends.
    let username: String
    private let replayGuard: ReplayGuard

    /// Creates a codec signing with `key` (empty: no signing).
    init(key: [UInt8], session: String = MessageHeader.newID(), username: String = "kernel",
         replayCapacity: Int = 1 << 16) {
        self.signer = MessageSigner(key: key)
        self.session = session
        self.username = username
        self.replayGuard = ReplayGuard(capacity: replayCapacity)
    }

    /// Splits, verifies and parses received frames.
    /// - Throws: `WireError` for a missing delimiter, too few frames, a missing, wrong or
    ///   replayed signature, or JSON that does not parse. The caller logs and drops.
    func decode(_ frames: [[UInt8]]) throws -> WireMessage {
        let raw = try WireFrames.split(frames)
        if signer.isSigning {
            let type = { MessageCodec.peekType(raw.parts[0]) }  // for the log line only
            if raw.signature.isEmpty { throw WireError.missingSignature(msgType: type()) }
            guard signer.verify(signature: raw.signature, parts: raw.parts) else {
                throw WireError.badSignature(msgType: type())
            }
            guard replayGuard.accept(raw.signature) else {
                throw WireError.replayedSignature(msgType: type())
            }
        }
        let names = ["header", "parent_header", "metadata", "content"]
        var values: [JSONValue] = []
        for (name, part) in zip(names, raw.parts) {
            do {
                values.append(try JSONParser.parse(part))
            } catch {
                throw WireError.invalidJSON(frame: name, reason: error.description)
            }
        }
        guard values[0]["msg_type"]?.stringValue != nil else { throw WireError.invalidHeader }
        return WireMessage(
            identities: raw.identities, header: values[0], parentHeader: values[1],
            metadata: values[2], content: values[3], buffers: raw.buffers)
    }

    /// The signed frames of a new message of `msgType` with `content`, answering `parent`.
    /// - Parameters:
    ///   - identities: Routing identities (a reply uses the request's; iopub uses none).
    func encode(
        msgType: String, content: JSONValue, parent: WireMessage?, metadata: JSONValue = [:],
        identities: [[UInt8]] = []
    ) -> [[UInt8]] {
        let header = MessageHeader.make(msgType: msgType, session: session, username: username)
        let parts = [
            JSONWriter.encode(header),
            JSONWriter.encode(parent?.header ?? [:]),
            JSONWriter.encode(metadata),
            JSONWriter.encode(content),
        ]
        return WireFrames(
            identities: identities, signature: signer.signature(parts), parts: parts, buffers: []
        ).joined
    }

    /// The msg_type of a header frame for a log line, without trusting it ("?" if unreadable).
    private static func peekType(_ header: [UInt8]) -> String {
        (try? JSONParser.parse(header))?["msg_type"]?.stringValue ?? "?"
    }
}
