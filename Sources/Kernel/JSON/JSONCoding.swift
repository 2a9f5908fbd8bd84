// Reading and writing the JSON frames of Jupyter messages with Foundation's JSONDecoder and
// JSONEncoder, through `JSONValue`'s Codable conformance. Malformed input is an error value,
// never a crash (Foundation bounds nesting depth); non-finite numbers are written as null.

import Foundation

/// Why a frame is not valid JSON.
struct JSONParseError: Error, Equatable, CustomStringConvertible {
    /// What Foundation reported.
    var reason: String

    var description: String { "invalid JSON: \(reason)" }
}

/// Parses UTF-8 JSON text into `JSONValue`.
enum JSONParser {
    /// Parses one JSON document.
    /// - Throws: `JSONParseError` for anything that is not exactly one JSON value.
    static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw JSONParseError(reason: Self.reason(error))
        } catch {
            throw JSONParseError(reason: "\(error)")
        }
    }

    /// Parses JSON text.
    static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    private static func reason(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .typeMismatch(_, let context),
             .valueNotFound(_, let context), .keyNotFound(_, let context):
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey]
            return (underlying as? String) ?? context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}

/// Serialises JSON values to compact UTF-8 bytes (object keys sorted, slashes unescaped).
enum JSONWriter {
    /// The JSON text of `value`; NaN and ±Infinity are written as null.
    static func encode(_ value: JSONValue) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: every case maps to a JSON value and non-finite
        // doubles are encoded as null before Foundation sees them.
        return (try? Array(encoder.encode(value))) ?? Array("null".utf8)
    }

    /// The JSON text of `value` as a String.
    static func string(_ value: JSONValue) -> String {
        String(decoding: encode(value), as: UTF8.self)
    }
}

extension JSONValue: Codable {
    init(from decoder: Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !array.isAtEnd { elements.append(try array.decode(JSONValue.self)) }
            self = .array(elements)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: JSONValue] = [:]
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let flag = try? single.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? single.decode(Int.self) {
            self = .int(integer)
        } else if let number = try? single.decode(Double.self) {
            self = .double(number)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    func encode(to encoder: Encoder) throws {
        switch self {
        case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
        case .bool(let flag): var c = encoder.singleValueContainer(); try c.encode(flag)
        case .int(let integer): var c = encoder.singleValueContainer(); try c.encode(integer)
        case .double(let number):
            var c = encoder.singleValueContainer()
            if number.isFinite { try c.encode(number) } else { try c.encodeNil() }
        case .string(let text): var c = encoder.singleValueContainer(); try c.encode(text)
        case .array(let elements):
            var c = encoder.unkeyedContainer()
            for element in elements { try c.encode(element) }
        case .object(let members):
            var c = encoder.container(keyedBy: AnyKey.self)
            for (key, member) in members { try c.encode(member, forKey: AnyKey(key)) }
        }
    }

    /// Any string as a coding key.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
