// Builds message headers: a fresh uuid4 `msg_id`, the kernel's session id, and the date as
// ISO 8601 UTC with microseconds, e.g. `2026-11-21T16:22:43.123456Z`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Helpers for the `header` of messages Kernel sends.
enum MessageHeader {
    /// The protocol version Kernel speaks.
    static let protocolVersion = "5.4"

    /// A header for a new message of `msgType` in `session`.
    static func make(msgType: String, session: String, username: String) -> JSONValue {
        .object([
            "msg_id": .string(newID()),
            "session": .string(session),
            "username": .string(username),
            "date": .string(isoDate()),
            "msg_type": .string(msgType),
            "version": .string(protocolVersion),
        ])
    }

    /// A random (version 4) UUID in its lowercase 8-4-4-4-12 form.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next(), low = generator.next()
        var bytes = (0..<16).map { i in UInt8(truncatingIfNeeded: (i < 8 ? high : low) >> (8 * UInt64(i % 8))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = MessageSigner.hex(bytes)
        var out: [UInt8] = []
        for (index, c) in hex.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { out.append(UInt8(ascii: "-")) }
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Now, as ISO 8601 UTC with microseconds and a `Z`.
    static func isoDate() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return isoDate(seconds: Int(now.tv_sec), microseconds: Int(now.tv_nsec) / 1000)
    }

    /// `seconds` since the epoch plus `microseconds`, as ISO 8601 UTC with microseconds.
    static func isoDate(seconds: Int, microseconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let s = String(value)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))."
            + "\(pad(Int32(microseconds), 6))Z"
    }
}
