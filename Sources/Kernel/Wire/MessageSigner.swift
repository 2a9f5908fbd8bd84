// HMAC-SHA256 signing of Jupyter messages (swift-crypto). The signature covers the four JSON
// frames — header, parent_header, metadata, content — exactly as sent or received, and travels
// as lowercase hex. An empty key turns signing off: the signature frame is empty.

import Crypto

/// Signs and verifies messages with the connection file's key.
struct MessageSigner: Sendable {
    // The key's bytes (SymmetricKey is not Sendable; making one per message is cheap).
    private let key: [UInt8]

    /// Creates a signer for `key` (the connection file's `key`, as UTF-8 bytes).
    /// An empty key means no signing, as the messaging spec allows.
    init(key: [UInt8]) {
        self.key = key
    }

    /// Whether messages are signed at all.
    var isSigning: Bool { !key.isEmpty }

    /// The raw HMAC-SHA256 of the concatenated `parts`; nil when signing is off.
    func mac(_ parts: [[UInt8]]) -> [UInt8]? {
        guard isSigning else { return nil }
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
        for part in parts { hmac.update(data: part) }
        return Array(hmac.finalize())
    }

    /// The signature frame for `parts`: lowercase hex of the HMAC, or "" when signing is off.
    func signature(_ parts: [[UInt8]]) -> [UInt8] {
        guard let mac = mac(parts) else { return [] }
        return MessageSigner.hex(mac)
    }

    /// Whether `signature` (the hex frame as received) is right for `parts`, compared in
    /// constant time. With signing off every signature is accepted.
    func verify(signature: [UInt8], parts: [[UInt8]]) -> Bool {
        guard let expected = mac(parts) else { return true }
        guard let given = MessageSigner.unhex(signature) else { return false }
        return MessageSigner.constantTimeEqual(expected, given)
    }

    /// Lowercase hexadecimal of `bytes`, as ASCII bytes.
    static func hex(_ bytes: [UInt8]) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }

    /// The bytes of a hexadecimal string (either case); nil if it is not hex.
    static func unhex(_ text: [UInt8]) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 2)
        var i = 0
        while i < text.count {
            guard let high = nibble(text[i]), let low = nibble(text[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

    /// Equality whose time depends only on the lengths, not on where the bytes differ.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
