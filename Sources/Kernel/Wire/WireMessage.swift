// One Jupyter message as it travels over ZeroMQ:
//   [identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]

/// A decoded Jupyter message: routing identities, the four JSON parts and binary buffers.
struct WireMessage: Sendable {
    /// ROUTER routing identities (empty on PUB and for messages we build).
    var identities: [[UInt8]]
    /// `msg_id`, `session`, `username`, `date`, `msg_type`, `version`.
    var header: JSONValue
    /// The header of the request this message answers (`{}` when none).
    var parentHeader: JSONValue
    /// Free-form metadata (`{}` usually).
    var metadata: JSONValue
    /// The message type's content.
    var content: JSONValue
    /// Extra binary frames after the content.
    var buffers: [[UInt8]]

    /// The message type, e.g. `execute_request`; "" when the header lacks one.
    var msgType: String { header["msg_type"]?.stringValue ?? "" }

    /// The message id from the header; "" when missing.
    var msgId: String { header["msg_id"]?.stringValue ?? "" }
}

/// The delimiter between routing identities and the message proper.
let wireDelimiter: [UInt8] = Array("<IDS|MSG>".utf8)

/// Why received frames were dropped. `description` is the one stderr line logged for it.
enum WireError: Error, Equatable, CustomStringConvertible {
    /// No `<IDS|MSG>` frame.
    case missingDelimiter
    /// Fewer than the signature and four JSON frames after the delimiter.
    case tooFewFrames(Int)
    /// Signing is on and the signature frame is empty.
    case missingSignature(msgType: String)
    /// The signature does not match the frames.
    case badSignature(msgType: String)
    /// The signature was seen before: a replayed message.
    case replayedSignature(msgType: String)
    /// One of the JSON frames does not parse.
    case invalidJSON(frame: String, reason: String)
    /// The header is not an object with a string `msg_type`.
    case invalidHeader

    var description: String {
        switch self {
        case .missingDelimiter: "dropped a message without the <IDS|MSG> delimiter"
        case .tooFewFrames(let n): "dropped a message with \(n) frames after <IDS|MSG> (need at least 5)"
        case .missingSignature(let t): "dropped an unsigned \(t) message (signing is on)"
        case .badSignature(let t): "dropped a \(t) message with a wrong signature"
        case .replayedSignature(let t): "dropped a replayed \(t) message (signature seen before)"
        case .invalidJSON(let frame, let reason): "dropped a message whose \(frame) is not valid JSON: \(reason)"
        case .invalidHeader: "dropped a message whose header has no msg_type"
        }
    }
}

/// The parts of a raw multipart message, split at the delimiter but not yet verified or parsed.
struct WireFrames: Equatable {
    /// Routing identities before the delimiter.
    var identities: [[UInt8]]
    /// The hex signature frame.
    var signature: [UInt8]
    /// header, parent_header, metadata, content: the bytes as received.
    var parts: [[UInt8]]
    /// Binary buffers after the content.
    var buffers: [[UInt8]]

    /// Splits `frames` at the first `<IDS|MSG>`.
    /// - Throws: `WireError.missingDelimiter` or `.tooFewFrames`.
    static func split(_ frames: [[UInt8]]) throws -> WireFrames {
        guard let at = frames.firstIndex(of: wireDelimiter) else { throw WireError.missingDelimiter }
        let rest = frames.count - at - 1
        guard rest >= 5 else { throw WireError.tooFewFrames(rest) }
        return WireFrames(
            identities: Array(frames[..<at]),
            signature: frames[at + 1],
            parts: Array(frames[(at + 2)..<(at + 6)]),
            buffers: Array(frames[(at + 6)...]))
    }

    /// The frames to send: identities, delimiter, signature, the four parts, buffers.
    var joined: [[UInt8]] {
        identities + [wireDelimiter, signature] + parts + buffers
    }
}
