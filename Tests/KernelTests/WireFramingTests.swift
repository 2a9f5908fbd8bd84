import Testing
@testable import Kernel

@Suite struct WireFramingTests {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    static let body = ["sig", "{\"msg_type\":\"x\"}", "{}", "{}", "{}"].map(bytes)

    @Test(arguments: [0, 1, 3])
    func splitsIdentities(count: Int) throws {
        let identities = (0..<count).map { Self.bytes("id\($0)") }
        let frames = identities + [wireDelimiter] + Self.body + [[1, 2, 3]]
        let split = try WireFrames.split(frames)
        #expect(split.identities == identities)
        #expect(split.signature == Self.bytes("sig"))
        #expect(split.parts == Array(Self.body[1...]))
        #expect(split.buffers == [[1, 2, 3]])
        #expect(split.joined == frames)
    }

    @Test func missingDelimiter() {
        #expect(throws: WireError.missingDelimiter) { try WireFrames.split(Self.body) }
        #expect(WireError.missingDelimiter.description == "dropped a message without the <IDS|MSG> delimiter")
    }

    @Test func tooFewFrames() {
        let frames = [Self.bytes("id"), wireDelimiter] + Self.body.prefix(3)
        #expect(throws: WireError.tooFewFrames(3)) { try WireFrames.split(frames) }
        #expect(WireError.tooFewFrames(3).description
            == "dropped a message with 3 frames after <IDS|MSG> (need at least 5)")
    }
}

@Suite struct MessageCodecTests {
    static func request(_ codec: MessageCodec, type: String = "execute_request") -> [[UInt8]] {
        codec.encode(msgType: type, content: ["code": "1"], parent: nil, identities: [Array("client".utf8)])
    }

    @Test func acceptsSignedMessageOnce() throws {
        let codec = MessageCodec(key: Array("k".utf8))
        let frames = Self.request(codec)
        let message = try codec.decode(frames)
        #expect(message.msgType == "execute_request")
        #expect(message.identities == [Array("client".utf8)])
        #expect(message.content["code"] == "1")
        #expect(message.header["version"] == "5.4")
        #expect(throws: WireError.replayedSignature(msgType: "execute_request")) { try codec.decode(frames) }
        #expect(WireError.replayedSignature(msgType: "execute_request").description
            == "dropped a replayed execute_request message (signature seen before)")
    }

    @Test func rejectsForgedAndUnsigned() throws {
        let kernel = MessageCodec(key: Array("right".utf8))
        let forger = MessageCodec(key: Array("wrong".utf8))
        #expect(throws: WireError.badSignature(msgType: "execute_request")) {
            try kernel.decode(Self.request(forger))
        }
        let unsigned = MessageCodec(key: [])
        #expect(throws: WireError.missingSignature(msgType: "execute_request")) {
            try kernel.decode(Self.request(unsigned))
        }
        // Tampered content with the original signature.
        var frames = Self.request(kernel)
        frames[frames.count - 1] = Array("{\"code\":\"2\"}".utf8)
        #expect(throws: WireError.badSignature(msgType: "execute_request")) { try kernel.decode(frames) }
        #expect(WireError.badSignature(msgType: "execute_request").description
            == "dropped a execute_request message with a wrong signature")
    }

    @Test func emptyKeyAcceptsUnsignedAndReplays() throws {
        let codec = MessageCodec(key: [])
        let frames = Self.request(codec)
        #expect(frames[2] == [])  // signature frame
        _ = try codec.decode(frames)
        _ = try codec.decode(frames)
    }

    @Test func malformedJSONIsAnError() {
        let codec = MessageCodec(key: [])
        let frames = [wireDelimiter, [], Array("{\"msg_type\":\"a\"}".utf8), Array("{".utf8), [123, 125], [123, 125]]
        let error = #expect(throws: WireError.self) { try codec.decode(frames) }
        guard case .invalidJSON(frame: "parent_header", reason: let reason)? = error else {
            Issue.record("expected invalidJSON in parent_header, got \(String(describing: error))")
            return
        }
        #expect(reason.hasPrefix("invalid JSON: "))
        let noType = [wireDelimiter, [], [123, 125], [123, 125], [123, 125], [123, 125]]
        #expect(throws: WireError.invalidHeader) { try codec.decode(noType) }
    }

    @Test func replayGuardForgetsOldest() {
        let guardian = ReplayGuard(capacity: 2)
        #expect(guardian.accept([1]))
        #expect(guardian.accept([2]))
        #expect(!guardian.accept([1]))
        #expect(guardian.accept([3]))  // forgets [1]
        #expect(guardian.accept([1]))
        #expect(!guardian.accept([3]))
    }

    @Test func isoDates() {
        #expect(MessageHeader.isoDate(seconds: 0, microseconds: 5) == "1970-01-01T00:00:00.000005Z")
        #expect(MessageHeader.isoDate(seconds: 1_795_710_163, microseconds: 123_456)
            == "2026-11-26T16:22:43.123456Z")
        let id = MessageHeader.newID()
        #expect(id.count == 36 && Array(id)[14] == "4")
    }
}
