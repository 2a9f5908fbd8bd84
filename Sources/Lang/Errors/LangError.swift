/// A place in the source: which cell and which span. Tracebacks quote it.
public struct SourcePlace: Sendable {
    /// The cell the span is in.
    public var source: CellSource
    /// The span.
    public var span: SourceSpan

    /// Creates a place.
    /// - Parameters:
    ///   - source: the cell.
    ///   - span: the span in that cell.
    public init(source: CellSource, span: SourceSpan) {
        self.source = source
        self.span = span
    }
}

/// One function frame of a traceback: where, inside function `function`, the error passed.
public struct TraceFrame: Sendable {
    /// The function's name (`<fn>` for anonymous functions).
    public var function: String
    /// Where in the function.
    public var place: SourcePlace

    /// Creates a frame.
    /// - Parameters:
    ///   - function: the function's name.
    ///   - place: where in its body.
    public init(function: String, place: SourcePlace) {
        self.function = function
        self.place = place
    }
}

/// An error raised while running a cell: its kind, the user-facing message, where it
/// happened and the function frames it passed through.
///
/// Builtins throw it without a place (`LangError(.value, "...")`); the interpreter adds the
/// place of the call that raised it and one frame per function call it unwinds.
public struct LangError: Error, Sendable, CustomStringConvertible {
    /// The kind (`TypeError`...).
    public var kind: ErrorKind
    /// The message, one sentence saying what is wrong and, where possible, what to do.
    public var message: String
    /// The innermost place not yet attributed to a frame (after unwinding: the place in the
    /// cell where the failing statement is).
    public var place: SourcePlace?
    /// Function frames, innermost first.
    public var frames: [TraceFrame]
    /// Frames left out of `frames` (deep recursion keeps only the innermost few).
    public var omittedFrames = 0

    /// Creates an error without a place.
    /// - Parameters:
    ///   - kind: the kind.
    ///   - message: the user-facing message.
    public init(_ kind: ErrorKind, _ message: String) {
        self.kind = kind
        self.message = message
        self.place = nil
        self.frames = []
    }

    /// `Kind: message`.
    public var description: String { "\(kind.name): \(message)" }

    /// A TypeError.
    /// - Parameter message: the message.
    /// - Returns: the error.
    public static func typeError(_ message: String) -> LangError { LangError(.type, message) }
    /// A ValueError.
    /// - Parameter message: the message.
    /// - Returns: the error.
    public static func valueError(_ message: String) -> LangError { LangError(.value, message) }
    /// An IndexError.
    /// - Parameter message: the message.
    /// - Returns: the error.
    public static func indexError(_ message: String) -> LangError { LangError(.index, message) }

    /// This error with `place` set, unless it already has one.
    /// - Parameter place: where the error happened.
    /// - Returns: the located error.
    func located(_ place: SourcePlace) -> LangError {
        guard self.place == nil else { return self }
        var copy = self
        copy.place = place
        return copy
    }

    /// This error after unwinding through a call of `function` made at `callPlace`: the
    /// current place becomes the function's frame and the call becomes the current place.
    /// - Parameters:
    ///   - function: the called function's name.
    ///   - callPlace: where the call is (nil when a builtin made the call; the builtin's call
    ///     site is added later).
    /// - Returns: the error with one more frame.
    func unwound(through function: String, calledAt callPlace: SourcePlace?) -> LangError {
        var copy = self
        if let inner = place {
            copy.frames.append(TraceFrame(function: function, place: inner))
        }
        copy.place = callPlace
        return copy
    }
}
