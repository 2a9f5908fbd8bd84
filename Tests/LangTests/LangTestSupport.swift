import Foundation
@testable import Lang

/// An output sink that records everything, for tests.
final class RecordingSink: OutputSink, @unchecked Sendable {
    var stdout = ""
    var stderr = ""
    var displays: [(RichBundle, String?)] = []
    var updates: [(RichBundle, String)] = []
    var clears: [Bool] = []
    var inputs: [String] = []
    var prompts: [String] = []

    func write(_ text: String, to stream: OutputStreamKind) {
        if stream == .stdout { stdout += text } else { stderr += text }
    }
    func display(_ bundle: RichBundle, id: String?) { displays.append((bundle, id)) }
    func update(_ bundle: RichBundle, id: String) { updates.append((bundle, id)) }
    func clear(wait: Bool) { clears.append(wait) }
    func readLine(prompt: String, password: Bool) throws -> String {
        prompts.append(prompt)
        guard !inputs.isEmpty else { throw LangError.valueError("no input") }
        return inputs.removeFirst()
    }
}

/// Removes ANSI colour codes.
func stripANSI(_ text: String) -> String {
    text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
}

/// A session plus a counter, for running cells in tests.
final class TestSession {
    let session = Session()
    let sink = RecordingSink()
    var count = 0

    /// Runs a cell; returns the result's text/plain, or "Kind: message" for an error.
    @discardableResult
    func run(_ code: String) -> String {
        count += 1
        switch session.execute(code, cellName: "In[\(count)]", output: sink) {
        case .ok(let result, _): return result?["text/plain"] ?? ""
        case .error(let kind, let message, _): return "\(kind): \(message)"
        }
    }

    /// Runs a cell and returns the plain traceback text of its error ("" when it succeeds).
    func traceback(_ code: String) -> String {
        count += 1
        switch session.execute(code, cellName: "In[\(count)]", output: sink) {
        case .ok: return ""
        case .error(_, _, let traceback): return stripANSI(traceback.joined(separator: "\n"))
        }
    }

    /// Runs a cell and returns what it printed to stdout.
    func printed(_ code: String) -> String {
        sink.stdout = ""
        let result = run(code)
        if result.contains("Error:") || result.hasPrefix("Interrupted") { return result }
        return sink.stdout
    }
}
