import ArgumentParser
import Foundation
import Lang

/// `swift-nn-kernel run FILE.snn [--out DIR]`: run a file of the notebook language from the
/// shell with the kernel's interpreter.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a .snn file: text to stdout/stderr, rich outputs as numbered files.",
        discussion: """
            Every rich output (a figure, a model summary, a displayed value) is written to DIR \
            as NNN.png, NNN.svg or NNN.html, numbered in order; its text form goes to stdout. \
            The exit status is 1 when the program raises, with the traceback on stderr.
            """
    )

    @Argument(help: "The file to run.")
    var file: String

    @Option(help: "Directory for rich outputs (created if missing). Without it they are not written.")
    var out: String?

    @Flag(help: "Write tracebacks without ANSI colours.")
    var noColor = false

    func run() throws {
        ProcessTuning.apply()
        let source: String
        do {
            source = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        if let out {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        }
        let sink = FileOutputSink(directory: out)
        let session = Session()
        let interrupts = InterruptForwarder(session: session)
        defer { withExtendedLifetime(interrupts) {} }
        switch session.execute(source, cellName: file, output: sink) {
        case .ok(let result, let pages):
            for page in pages { sink.writePage(page) }
            if let result { sink.display(result, id: nil) }
        case .error(_, _, let traceback):
            let text = traceback.joined(separator: "\n")
            FileHandle.standardError.write(Data(((noColor ? ANSI.strip(text) : text) + "\n").utf8))
            throw ExitCode(1)
        }
    }
}

/// Removes ANSI colour escapes from traceback text.
enum ANSI {
    static func strip(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }
}
