import Foundation
import Testing
import Autograd
import Tensor
@testable import NN

/// Reads the PyTorch reference numbers in Tests/fixtures (made by tools/make_fixtures.py).
enum Fixtures {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The parsed JSON object of a fixture file.
    static func load(_ name: String) throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures").appendingPathComponent(name)
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Missing(description: "\(name) is not a JSON object")
        }
        return object
    }
}

extension Dictionary where Key == String, Value == Any {
    func get<T>(_ key: String, as type: T.Type = T.self) throws -> T {
        guard let v = self[key] as? T else { throw Fixtures.Missing(description: "missing or mistyped key '\(key)'") }
        return v
    }

    func object(_ key: String) throws -> [String: Any] { try get(key) }
    func objects(_ key: String) throws -> [[String: Any]] { try get(key) }
    func double(_ key: String) throws -> Double { try (get(key) as NSNumber).doubleValue }
    func doubles(_ key: String) throws -> [Double] { try (get(key) as [NSNumber]).map(\.doubleValue) }
    func floats(_ key: String) throws -> [Float] { try doubles(key).map { Float($0) } }
    func int(_ key: String) throws -> Int { try (get(key) as NSNumber).intValue }

    /// A `{"shape": [...], "data": [...]}` entry as a Tensor.
    func tensor(_ key: String) throws -> Tensor {
        let o = try object(key)
        let shape = try (o.get("shape") as [NSNumber]).map(\.intValue)
        return Tensor(shape: shape, scalars: try o.floats("data"))
    }
}

/// Expects `actual` to match `expected` elementwise within `tolerance` (absolute plus relative).
func expectClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-5,
                 _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what()): count \(actual.count) != \(expected.count)", sourceLocation: sourceLocation)
    guard actual.count == expected.count else { return }
    var worst: (Int, Float) = (0, 0)
    for i in actual.indices {
        let err = abs(actual[i] - expected[i]) / (1 + abs(expected[i]))
        if !(err <= worst.1) { worst = (i, err) }
    }
    #expect(worst.1 <= tolerance, "\(what()): element \(worst.0) is \(actual[worst.0]), expected \(expected[worst.0])", sourceLocation: sourceLocation)
}

func expectClose(_ actual: Tensor?, _ expected: Tensor, tolerance: Float = 1e-5,
                 _ what: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    guard let actual else {
        Issue.record("\(what()): missing tensor", sourceLocation: sourceLocation)
        return
    }
    #expect(actual.shape == expected.shape, "\(what()): shape \(actual.shape) != \(expected.shape)", sourceLocation: sourceLocation)
    expectClose(actual.scalars, expected.scalars, tolerance: tolerance, what(), sourceLocation: sourceLocation)
}
