/// The name of an output stream a cell writes to.
public enum OutputStreamKind: String, Sendable {
    /// Standard output (`print`).
    case stdout
    /// Standard error (`eprint`).
    case stderr
}

/// Where a running cell publishes its outputs. The kernel implements it (turning each call
/// into an iopub message); the `run` command implements it over the terminal.
///
/// A session calls these methods from the thread that runs the cell, which is not the thread
/// that called `Session.execute` (cells run on a thread with a large stack).
public protocol OutputSink: AnyObject {
    /// Appends `text` to a stream.
    /// - Parameters:
    ///   - text: the text, with its own newlines.
    ///   - stream: `.stdout` or `.stderr`.
    func write(_ text: String, to stream: OutputStreamKind)
    /// Shows a bundle; with an `id` it can be replaced later by `update`.
    /// - Parameters:
    ///   - bundle: what to show.
    ///   - id: a display id, or nil.
    func display(_ bundle: RichBundle, id: String?)
    /// Replaces the output shown under `id`.
    /// - Parameters:
    ///   - bundle: the new content.
    ///   - id: the display id given to `display`.
    func update(_ bundle: RichBundle, id: String)
    /// Clears the cell's output, at once or (with `wait`) when the next output comes.
    /// - Parameter wait: defer the clearing until new output arrives.
    func clear(wait: Bool)
    /// Asks the user for a line of text.
    /// - Parameters:
    ///   - prompt: the prompt to show.
    ///   - password: hide the typed text.
    /// - Returns: the line, without its newline.
    /// - Throws: any error when input is not available; the cell reports it as a ValueError.
    func readLine(prompt: String, password: Bool) throws -> String
}
