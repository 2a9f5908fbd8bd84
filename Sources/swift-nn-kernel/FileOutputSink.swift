import Foundation
import Lang

/// The `run` command's output sink: streams go to the process's stdout and stderr, and each
/// rich output is written to the output directory as a numbered file (PNG, SVG or HTML), with
/// its text form printed. Display updates rewrite the same numbered file, so a live figure ends
/// as its final state; an update of a text-only display (fit's progress line) is printed.
final class FileOutputSink: OutputSink {
    private let directory: String?
    private var counter = 0
    private var filesByDisplayID: [String: Int] = [:]

    init(directory: String?) {
        self.directory = directory
    }

    func write(_ text: String, to stream: OutputStreamKind) {
        let handle = stream == .stderr ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data(text.utf8))
    }

    func display(_ bundle: RichBundle, id: String?) {
        counter += 1
        if let id { filesByDisplayID[id] = counter }
        save(bundle, number: counter)
        if let text = bundle.entries.first(where: { $0.mimeType == "text/plain" })?.content {
            write(text + "\n", to: .stdout)
        }
    }

    func update(_ bundle: RichBundle, id: String) {
        guard let number = filesByDisplayID[id] else { return display(bundle, id: id) }
        if bundle.entries.allSatisfy({ $0.mimeType == "text/plain" }), let text = bundle.entries.first?.content {
            write(text + "\n", to: .stdout)  // a text display updated in place, e.g. fit's progress line
        } else {
            save(bundle, number: number)
        }
    }

    func clear(wait: Bool) {}

    func readLine(prompt: String, password: Bool) throws -> String {
        write(prompt, to: .stdout)
        guard let line = Swift.readLine() else { throw RunInputError.endOfInput }
        return line
    }

    /// Shows a help page (the `page` payload in the kernel) as text.
    func writePage(_ bundle: RichBundle) {
        if let text = bundle.entries.first(where: { $0.mimeType == "text/plain" })?.content {
            write(text + "\n", to: .stdout)
        }
    }

    private func save(_ bundle: RichBundle, number: Int) {
        guard let directory else { return }
        let stem = (directory as NSString).appendingPathComponent(String(format: "%03d", number))
        for entry in bundle.entries {
            switch entry.mimeType {
            case "image/png":
                if let bytes = Data(base64Encoded: entry.content) {
                    FileManager.default.createFile(atPath: stem + ".png", contents: bytes)
                }
            case "image/svg+xml":
                FileManager.default.createFile(atPath: stem + ".svg", contents: Data(entry.content.utf8))
            case "text/html":
                FileManager.default.createFile(atPath: stem + ".html", contents: Data(entry.content.utf8))
            default:
                continue
            }
        }
    }
}

/// Why `input()` failed under `run`.
enum RunInputError: Error, CustomStringConvertible {
    case endOfInput
    var description: String { "input() reached the end of standard input" }
}

/// Turns SIGINT (Ctrl-C) into a session interrupt while `run` executes, so a long loop ends
/// with `Interrupted` and a traceback instead of killing the process mid-write.
final class InterruptForwarder {
    private let source: DispatchSourceSignal

    init(session: Session) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { session.interrupt() }
        source.resume()
    }

    deinit {
        source.cancel()
    }
}
