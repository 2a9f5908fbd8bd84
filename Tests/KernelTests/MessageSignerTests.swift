import Testing
@testable import Kernel

/// RFC 4231 HMAC-SHA256 test cases (5 is a truncated MAC and does not apply).
@Suite struct MessageSignerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var id: Int
        var key: [UInt8]
        var data: [UInt8]
        var mac: String
        var testDescription: String { "RFC 4231 case \(id)" }
    }

    static let largeKey = [UInt8](repeating: 0xaa, count: 131)
    static let cases: [Case] = [
        Case(id: 1, key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
             mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Case(id: 2, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
             mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Case(id: 3, key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50),
             mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Case(id: 4, key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
             mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Case(id: 6, key: largeKey, data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
             mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Case(id: 7, key: largeKey,
             data: Array(("This is a test using a larger than block-size key and a larger than block-size data."
                 + " The key needs to be hashed before being used by the HMAC algorithm.").utf8),
             mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: cases)
    func rfc4231(_ c: Case) {
        let signer = MessageSigner(key: c.key)
        #expect(String(decoding: signer.signature([c.data]), as: UTF8.self) == c.mac)
        // Split into parts, the MAC is over their concatenation.
        let half = c.data.count / 2
        let parts = [Array(c.data[..<half]), Array(c.data[half...])]
        #expect(String(decoding: signer.signature(parts), as: UTF8.self) == c.mac)
        #expect(signer.verify(signature: Array(c.mac.uppercased().utf8), parts: [c.data]))
    }

    @Test func emptyKeyDoesNotSign() {
        let signer = MessageSigner(key: [])
        #expect(!signer.isSigning)
        #expect(signer.signature([Array("{}".utf8)]) == [])
        #expect(signer.verify(signature: [], parts: [Array("{}".utf8)]))
    }

    @Test func verifyRejectsWrongSignatures() {
        let signer = MessageSigner(key: Array("secret".utf8))
        let parts = [Array("{}".utf8), Array("{}".utf8)]
        var good = signer.signature(parts)
        #expect(signer.verify(signature: good, parts: parts))
        #expect(!signer.verify(signature: [], parts: parts))
        #expect(!signer.verify(signature: Array(good.dropLast(2)), parts: parts))
        #expect(!signer.verify(signature: Array("zz".utf8) + good.dropFirst(2), parts: parts))
        good[0] = good[0] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(!signer.verify(signature: good, parts: parts))
    }

    @Test func hexRoundTrip() {
        #expect(MessageSigner.hex([0x00, 0xab, 0xff]) == Array("00abff".utf8))
        #expect(MessageSigner.unhex(Array("00ABff".utf8)) == [0x00, 0xab, 0xff])
        #expect(MessageSigner.unhex(Array("abc".utf8)) == nil)
        #expect(MessageSigner.unhex(Array("gg".utf8)) == nil)
    }
}
