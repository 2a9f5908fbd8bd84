import Testing
@testable import Kernel

@Suite struct JSONTests {
    @Test(arguments: [Double.nan, .infinity, -.infinity, -Double.nan])
    func nonFiniteBecomesNull(_ value: Double) {
        let text = JSONWriter.string(["x": .double(value), "list": [.double(value), 1]])
        #expect(text == "{\"list\":[null,1],\"x\":null}")
        #expect(!text.contains("nan") && !text.contains("inf"))
    }

    @Test func writesFiniteNumbersAndEscapes() {
        #expect(JSONWriter.string([.double(1.5), .double(2), .double(1e-5), .int(-3)]) == "[1.5,2.0,1e-05,-3]")
        #expect(JSONWriter.string("a\"b\\c\nd\u{1}é") == "\"a\\\"b\\\\c\\nd\\u0001é\"")
        #expect(JSONWriter.string([:]) == "{}")
        #expect(JSONWriter.string([true, false, nil]) == "[true,false,null]")
    }

    @Test func parsesAndRoundTrips() throws {
        let text = #"{"a": [1, -2.5, 3e2, true, null], "b": {"c": "x\u00e9\ud83d\ude00\n"}}"#
        let value = try JSONParser.parse(text)
        #expect(value["a"] == [1, .double(-2.5), .double(300), true, nil])
        #expect(value["b"]?["c"] == .string("xé😀\n"))
        #expect(try JSONParser.parse(JSONWriter.encode(value)) == value)
    }

    @Test(arguments: [
        ("", "invalid JSON at byte 0: unexpected end"),
        ("{", "invalid JSON at byte 1: expected a string key"),
        ("[1,]", "invalid JSON at byte 3: unexpected character"),
        ("{\"a\" 1}", "invalid JSON at byte 5: expected ':'"),
        ("01", "invalid JSON at byte 1: trailing characters"),
        ("-", "invalid JSON at byte 1: bad number"),
        ("1.", "invalid JSON at byte 2: bad number"),
        ("\"a\u{1}\"", "invalid JSON at byte 3: control character in string"),
        ("nul", "invalid JSON at byte 3: bad literal"),
        ("NaN", "invalid JSON at byte 0: unexpected character"),
    ])
    func rejectsMalformed(_ text: String, _ message: String) {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        #expect(error?.description == message)
    }

    @Test func boundsNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONParser.parse(ok)) != nil)
    }
}
