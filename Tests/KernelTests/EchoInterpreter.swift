import Foundation
import Synchronization
@testable import Kernel

/// A language for protocol tests: it echoes each cell as its result, streams and displays it.
///
/// Special cells: `fail` ends with an error (`slowfail` after 200 ms); `ask` reads a line with `input()` and echoes it;
/// `spin` loops until interrupted; `page` returns a page payload; `quiet` has no result.
/// User expressions evaluate to `value of <expression>`, except `bad`, which fails.
final class EchoInterpreter: KernelInterpreter, @unchecked Sendable {
    let interrupted = Atomic<Bool>(false)
    let interruptCount = Atomic<Int>(0)
    /// Codes seen by `execute`, in order (shell thread only; read after the server stops).
    private(set) var executed: [String] = []

    var languageInfo: LanguageInfo {
        LanguageInfo(
            name: "echo", version: "1.0", mimeType: "text/plain", fileExtension: ".txt",
            implementation: "echo", implementationVersion: "1.0", banner: "Echo kernel")
    }

    func execute(_ request: ExecuteRequest, context: ExecutionContext) -> ExecuteOutcome {
        executed.append(request.code)
        switch request.code {
        case "slowfail":
            usleep(200_000)
            return .error(name: "EchoError", value: "asked to fail", traceback: ["EchoError: asked to fail"])
        case "fail":
            return .error(name: "EchoError", value: "asked to fail", traceback: ["EchoError: asked to fail"])
        case "ask":
            do {
                let line = try context.input(prompt: "name? ", password: false)
                return .ok(result: .plainText("hello \(line)"), payloads: [])
            } catch {
                return .error(name: "InputError", value: "\(error)", traceback: [])
            }
        case "spin":
            // Consumes the flag, so an interrupt that came just before the cell still counts.
            while !interrupted.exchange(false, ordering: .sequentiallyConsistent) { usleep(1000) }
            return .error(name: "Interrupted", value: "interrupted", traceback: [])
        case "page":
            return .ok(result: nil, payloads: [.page(.plainText("the docs"))])
        case "quiet":
            return .ok(result: nil, payloads: [])
        default:
            context.stream(.stdout, "out: \(request.code)\n")
            context.display(.plainText("shown"), id: "d1")
            context.update(.plainText("updated"), id: "d1")
            context.clear(wait: true)
            return .ok(result: .plainText(request.code), payloads: [])
        }
    }

    func evaluate(expression: String) -> ExpressionOutcome {
        expression == "bad"
            ? .error(name: "EchoError", value: "bad expression", traceback: ["EchoError: bad expression"])
            : .value(.plainText("value of \(expression)"))
    }

    func complete(code: String, cursor: Int) -> Completion {
        let prefix = String(String.UnicodeScalarView(code.unicodeScalars.prefix(cursor)))
        let word = prefix.split(whereSeparator: { $0 == " " }).last.map(String.init) ?? ""
        let matches = ["echo", "exit", "print"].filter { $0.hasPrefix(word) }
        return Completion(matches: matches.map { .init(text: $0, type: "function") },
                          cursorStart: cursor - word.unicodeScalars.count, cursorEnd: cursor)
    }

    func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
        code.isEmpty ? nil : .plainText("about \(code)")
    }

    func isComplete(code: String) -> Completeness {
        code.hasSuffix(":") ? .incomplete(indent: "    ") : .complete
    }

    func interrupt() {
        interrupted.store(true, ordering: .sequentiallyConsistent)
        interruptCount.add(1, ordering: .sequentiallyConsistent)
    }
}
