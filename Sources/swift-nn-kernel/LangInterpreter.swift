import Kernel
import Lang

/// Wires the notebook language into the kernel: Kernel's `KernelInterpreter` seam, answered by
/// a Lang `Session`. Kernel knows nothing of Lang and Lang nothing of Kernel; this file is the
/// only place that knows both, and it only converts values.
final class LangInterpreter: KernelInterpreter {
    private let session: Session

    init(session: Session) {
        self.session = session
    }

    let languageInfo = LanguageInfo(
        name: "swift-nn",
        version: Session.languageVersion,
        mimeType: "text/x-swift-nn",
        fileExtension: ".snn",
        pygmentsLexer: "python",
        codemirrorMode: "python",
        implementation: "swift-nn",
        implementationVersion: Version.current,
        banner: "Swift-NN \(Version.current): tensors, autograd and neural networks in a small language",
        helpLinks: [("Swift-NN language reference", "https://github.com/swift-nn/swift-nn/blob/main/docs/language.md")]
    )

    func execute(_ request: ExecuteRequest, context: ExecutionContext) -> ExecuteOutcome {
        let sink = KernelOutputSink(context: context, allowStdin: request.allowStdin)
        let cellName = request.silent ? "<silent>" : "In[\(request.executionCount)]"
        switch session.execute(request.code, cellName: cellName, output: sink) {
        case .ok(let result, let pages):
            return .ok(result: result.map(MimeBundle.init), payloads: pages.map { .page(MimeBundle($0)) })
        case .error(let kind, let message, let traceback):
            return .error(name: kind, value: message, traceback: traceback)
        }
    }

    func evaluate(expression: String) -> ExpressionOutcome {
        switch session.evaluate(expression) {
        case .ok(let result, _):
            return .value(result.map(MimeBundle.init) ?? .plainText("none"))
        case .error(let kind, let message, let traceback):
            return .error(name: kind, value: message, traceback: traceback)
        }
    }

    func complete(code: String, cursor: Int) -> Completion {
        let result = session.complete(code, cursor: cursor)
        return Completion(
            matches: result.matches.map { Completion.Match(text: $0.text, type: $0.kind) },
            cursorStart: result.start,
            cursorEnd: result.end
        )
    }

    func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle? {
        session.inspect(code, cursor: cursor, detailLevel: detailLevel).map(MimeBundle.init)
    }

    func isComplete(code: String) -> Completeness {
        switch session.isComplete(code) {
        case .complete: .complete
        case .incomplete(let indent): .incomplete(indent: indent)
        case .invalid: .invalid
        }
    }

    func interrupt() {
        session.interrupt()
    }

    func reset() {
        session.reset()
    }
}

extension MimeBundle {
    /// The kernel's form of a Lang bundle: the same entries and metadata.
    init(_ bundle: RichBundle) {
        self.init(
            entries: bundle.entries.map { Entry(mimeType: $0.mimeType, content: $0.content) },
            metadata: bundle.metadata
        )
    }
}

/// Lang's output sink over the kernel's execution context: streams, displays and input go to
/// iopub and stdin messages parented to the running request.
final class KernelOutputSink: OutputSink {
    private let context: ExecutionContext
    private let allowStdin: Bool

    init(context: ExecutionContext, allowStdin: Bool) {
        self.context = context
        self.allowStdin = allowStdin
    }

    func write(_ text: String, to stream: OutputStreamKind) {
        context.stream(stream == .stderr ? .stderr : .stdout, text)
    }

    func display(_ bundle: RichBundle, id: String?) {
        context.display(MimeBundle(bundle), id: id)
    }

    func update(_ bundle: RichBundle, id: String) {
        context.update(MimeBundle(bundle), id: id)
    }

    func clear(wait: Bool) {
        context.clear(wait: wait)
    }

    func readLine(prompt: String, password: Bool) throws -> String {
        guard allowStdin else { throw InputError.notAllowed }
        return try context.input(prompt: prompt, password: password)
    }
}
