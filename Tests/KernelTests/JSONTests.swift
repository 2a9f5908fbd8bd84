import Testing
@testable import Kernel

@Suite struct JSONTests {
    @Test(arguments: [Double.nan, .infinity, -.infinity, -Double.nan])
    func nonFiniteBecomesNull(_ value: Double) {
        let text = JSONWriter.string(["x": .double(value), "list": [.double(value), 1]])
        #expect(text == "{\"list\":[null,1],\"x\":null}")
        #expect(!text.contains("nan") && !text.contains("inf"))
    }

    @Test func writesFiniteNumbersAndEscapes() throws {
        let text = JSONWriter.string([.double(1.5), .double(2), .double(1e-5), .int(-3)])
        #expect(try JSONParser.parse(text) == [.double(1.5), .int(2), .double(1e-5), .int(-3)])
        #expect(JSONWriter.string("a\"b\\c\nd\u{1}é/") == "\"a\\\"b\\\\c\\nd\\u0001é/\"")
        #expect(JSONWriter.string([:]) == "{}")
        #expect(JSONWriter.string([true, false, nil]) == "[true,false,null]")
        #expect(JSONWriter.string(["b": 1, "a": 2]) == "{\"a\":2,\"b\":1}")
    }

    @Test func parsesAndRoundTrips() throws {
        let text = #"{"a": [1, -2.5, 3e2, true, null], "b": {"c": "x\u00e9\ud83d\ude00\n"}}"#
        let value = try JSONParser.parse(text)
        #expect(value["a"] == [1, .double(-2.5), 300, true, nil])
        #expect(value["b"]?["c"] == .string("xé😀\n"))
        #expect(try JSONParser.parse(JSONWriter.encode(value)) == value)
    }

    @Test(arguments: ["", "{", "{\"a\" 1}", "01", "-", "1.", "\"a\u{1}\"", "nul", "NaN", "[1] [2]"])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func boundsNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONParser.parse(ok)) != nil)
    }
}
