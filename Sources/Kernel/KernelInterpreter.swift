// The seam between the Jupyter protocol and a language (the xeus pattern).
//
// Kernel turns wire messages into these Swift values and calls the interpreter; the interpreter
// answers with Swift values and publishes through an `ExecutionContext`. No JSON and no
// ZeroMQ cross this seam, so a language can be tested without sockets and the protocol can be
// tested with an echo interpreter.

/// A mime bundle: the representations of one value, keyed by mime type, in the order a
/// frontend should prefer them.
///
/// Text types (`text/plain`, `text/html`, `image/svg+xml`) carry their text; binary types
/// (`image/png`) carry base64 text, as the Jupyter messaging spec requires.
public struct MimeBundle: Equatable, Sendable {
    /// One representation: its mime type and its (text or base64) content.
    public struct Entry: Equatable, Sendable {
        /// The mime type, e.g. `text/plain` or `image/png`.
        public var mimeType: String
        /// The text, or base64 text for a binary type.
        public var content: String
        /// Creates an entry.
        /// - Parameters:
        ///   - mimeType: the mime type.
        ///   - content: the text, or base64 text for a binary type.
        public init(mimeType: String, content: String) {
            self.mimeType = mimeType
            self.content = content
        }
    }

    /// The representations, most preferred first.
    public var entries: [Entry]
    /// Per-mime-type metadata, e.g. `["image/png": ["width": 640, "height": 480]]`.
    public var metadata: [String: [String: Int]]

    /// Creates a bundle from its entries and metadata.
    public init(entries: [Entry] = [], metadata: [String: [String: Int]] = [:]) {
        self.entries = entries
        self.metadata = metadata
    }

    /// A bundle holding only `text/plain`.
    public static func plainText(_ text: String) -> MimeBundle {
        MimeBundle(entries: [Entry(mimeType: "text/plain", content: text)])
    }

    /// The content for `mimeType`, if the bundle has it.
    public subscript(mimeType: String) -> String? {
        entries.first { $0.mimeType == mimeType }?.content
    }
}

/// The name of an output stream.
public enum StreamName: String, Sendable {
    /// Standard output (`print`).
    case stdout
    /// Standard error (warnings).
    case stderr
}

/// What the frontend asked to run.
public struct ExecuteRequest: Sendable {
    /// The cell's source.
    public var code: String
    /// `silent`: publish nothing and do not count the execution.
    public var silent: Bool
    /// Whether the frontend can answer `input()` requests on stdin.
    public var allowStdin: Bool
    /// The execution count this cell gets (already incremented unless silent).
    public var executionCount: Int

    /// Creates a request (each parameter is the property of the same name).
    public init(code: String, silent: Bool, allowStdin: Bool, executionCount: Int) {
        self.code = code
        self.silent = silent
        self.allowStdin = allowStdin
        self.executionCount = executionCount
    }
}

/// A payload of an `execute_reply`.
public enum ExecutePayload: Equatable, Sendable {
    /// Show `bundle` in the frontend's pager (the `page` payload of `?name` and `help`).
    case page(MimeBundle)
}

/// How a cell ended.
public enum ExecuteOutcome: Equatable, Sendable {
    /// The cell ran; `result` is its value to publish as `execute_result`, if any.
    case ok(result: MimeBundle?, payloads: [ExecutePayload])
    /// The cell raised: error kind, message and traceback lines (ANSI colours allowed).
    case error(name: String, value: String, traceback: [String])
}

/// The value of one of an execute request's `user_expressions`.
public enum ExpressionOutcome: Equatable, Sendable {
    /// The expression's value, as a bundle.
    case value(MimeBundle)
    /// The expression raised, or is not an expression: error kind, message, traceback lines.
    case error(name: String, value: String, traceback: [String])
}

/// The answer to a completion request. Cursor positions count Unicode scalars.
public struct Completion: Equatable, Sendable {
    /// One match, with its kind (`function`, `keyword`, `variable`, `member`, `parameter`…).
    public struct Match: Equatable, Sendable {
        /// The text that replaces `cursorStart ..< cursorEnd`.
        public var text: String
        /// The kind of the match, shown by JupyterLab.
        public var type: String
        /// Creates a match.
        /// - Parameters:
        ///   - text: the replacement text.
        ///   - type: the kind of the match.
        public init(text: String, type: String) {
            self.text = text
            self.type = type
        }
    }
    /// The matches, best first.
    public var matches: [Match]
    /// Where the replaced text starts.
    public var cursorStart: Int
    /// Where the replaced text ends.
    public var cursorEnd: Int
    /// Creates a completion (each parameter is the property of the same name).
    public init(matches: [Match], cursorStart: Int, cursorEnd: Int) {
        self.matches = matches
        self.cursorStart = cursorStart
        self.cursorEnd = cursorEnd
    }
}

/// Whether a cell is ready to run (the `is_complete` request).
public enum Completeness: Equatable, Sendable {
    /// The cell can run.
    case complete
    /// More lines are needed; `indent` is the text to start the next line with.
    case incomplete(indent: String)
    /// The cell cannot run as written (a syntax error more lines will not fix).
    case invalid
    /// The language cannot tell.
    case unknown
}

/// Static facts about the language, for `kernel_info_reply`.
public struct LanguageInfo: Sendable {
    /// The language's name (`language_info.name`).
    public var name: String
    /// The language's version.
    public var version: String
    /// The mime type of a cell's source.
    public var mimeType: String
    /// The file extension of a script, with the dot.
    public var fileExtension: String
    /// The Pygments lexer for highlighting, if any.
    public var pygmentsLexer: String?
    /// The CodeMirror mode for highlighting, if any.
    public var codemirrorMode: String?
    /// The kernel implementation's name (`implementation`).
    public var implementation: String
    /// The kernel implementation's version.
    public var implementationVersion: String
    /// The text a console shows on start.
    public var banner: String
    /// Links for the frontend's help menu.
    public var helpLinks: [(text: String, url: String)]

    /// Creates the facts (each parameter is the property of the same name).
    public init(
        name: String, version: String, mimeType: String, fileExtension: String,
        pygmentsLexer: String? = nil, codemirrorMode: String? = nil,
        implementation: String, implementationVersion: String, banner: String,
        helpLinks: [(text: String, url: String)] = []
    ) {
        self.name = name
        self.version = version
        self.mimeType = mimeType
        self.fileExtension = fileExtension
        self.pygmentsLexer = pygmentsLexer
        self.codemirrorMode = codemirrorMode
        self.implementation = implementation
        self.implementationVersion = implementationVersion
        self.banner = banner
        self.helpLinks = helpLinks
    }
}

/// Where a running cell publishes. Kernel implements it and turns each call into an iopub
/// message (or a stdin round trip for `input`), parented to the running request.
public protocol ExecutionContext: AnyObject {
    /// Appends `text` to a stream (`stream` message).
    func stream(_ name: StreamName, _ text: String)
    /// Shows a bundle (`display_data`); with an `id` it can be updated later.
    func display(_ bundle: MimeBundle, id: String?)
    /// Replaces the output shown under `id` (`update_display_data`).
    func update(_ bundle: MimeBundle, id: String)
    /// Clears the cell's output (`clear_output`), at once or when the next output comes.
    func clear(wait: Bool)
    /// Asks the frontend for a line of text (`input_request` on stdin).
    /// - Throws: `InputError` when the frontend does not allow stdin or the request fails.
    func input(prompt: String, password: Bool) throws -> String
}

/// Why `ExecutionContext.input` failed.
public enum InputError: Error, Equatable, CustomStringConvertible {
    /// The frontend sent `allow_stdin: false` (e.g. nbconvert).
    case notAllowed
    /// The cell was interrupted while waiting for input.
    case interrupted
    /// The input request could not reach the frontend (no stdin connection).
    case unreachable

    /// The sentence the user sees.
    public var description: String {
        switch self {
        case .notAllowed: "input() is not available: this frontend does not allow stdin"
        case .interrupted: "input() was interrupted"
        case .unreachable: "input() could not reach the frontend: it has no stdin connection; pass values as variables instead"
        }
    }
}

/// A language behind the kernel. Kernel calls every method on the shell thread except
/// `interrupt()`, which comes from the control thread or a SIGINT handler and must only set a
/// flag that the running cell checks.
public protocol KernelInterpreter: AnyObject {
    /// The language's identity for `kernel_info_reply`.
    var languageInfo: LanguageInfo { get }
    /// Runs a cell, publishing its outputs through `context`.
    func execute(_ request: ExecuteRequest, context: ExecutionContext) -> ExecuteOutcome
    /// Completions at `cursor` (Unicode scalars from the start of `code`).
    func complete(code: String, cursor: Int) -> Completion
    /// Help for the name at `cursor`; nil when there is nothing to show.
    func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle?
    /// Whether `code` is ready to run.
    func isComplete(code: String) -> Completeness
    /// Evaluates one of an execute request's `user_expressions` after its cell ran, publishing
    /// nothing.
    func evaluate(expression: String) -> ExpressionOutcome
    /// Asks the running cell to stop at its next check point with `Interrupted`. Thread-safe.
    func interrupt()
    /// Forgets the session's state (used by a restart in process, if ever). Optional.
    func reset()
}

extension KernelInterpreter {
    /// Does nothing: a language without in-process restart need not implement `reset()`.
    public func reset() {}

    /// Answers that user expressions are not supported, for a language that cannot evaluate
    /// them.
    public func evaluate(expression: String) -> ExpressionOutcome {
        .error(name: "NotImplementedError", value: "this kernel does not evaluate user_expressions", traceback: [])
    }
}
