/// The one place that turns a `LangError` into what the user sees: the error name, the
/// message, and the traceback lines (cell and line, the source line, a caret under the
/// column, one entry per function frame), coloured with ANSI codes like ipykernel.
public struct TracebackFormatter: Sendable {
    /// Whether to colour the output with ANSI escape codes.
    public var colors: Bool

    /// Creates a formatter.
    /// - Parameter colors: colour the output (the kernel does; tests usually do not).
    public init(colors: Bool = true) {
        self.colors = colors
    }

    /// The name, message and traceback lines of an error.
    /// - Parameter error: the error.
    /// - Returns: `ename`, `evalue` and the traceback lines, outermost entry first, ending with
    ///   the `Kind: message` line.
    public func format(_ error: LangError) -> (name: String, message: String, traceback: [String]) {
        var lines: [String] = []
        let isSyntax = error.kind == .syntax
        if !isSyntax {
            lines.append(paint("---------------------------------------------------------------------------", red))
            let name = error.kind.name
            let gap = String(repeating: " ", count: max(1, 42 - name.count))
            lines.append(paint(name, red) + gap + "Traceback (most recent call last)")
        }
        var entries: [(place: SourcePlace, function: String?)] = []
        if let place = error.place { entries.append((place, nil)) }
        for frame in error.frames.reversed() { entries.append((frame.place, frame.function)) }
        for (index, entry) in entries.enumerated() {
            if index == 1, error.omittedFrames > 0 {
                lines.append("    [... \(error.omittedFrames) more frame\(error.omittedFrames == 1 ? "" : "s") ...]")
            }
            lines.append(contentsOf: quote(entry.place, function: entry.function))
        }
        lines.append(paint(error.kind.name, red) + ": " + error.message)
        return (error.kind.name, error.message, lines)
    }

    /// The traceback as one text (lines joined by newlines), for terminals and tests.
    /// - Parameter error: the error.
    /// - Returns: the text.
    public func text(of error: LangError) -> String {
        format(error).traceback.joined(separator: "\n")
    }

    // MARK: - Parts

    private func quote(_ place: SourcePlace, function: String?) -> [String] {
        let line = place.span.start.line
        let name = place.source.name
        let label = name.hasPrefix("In[") ? "Cell " + paint(name, green) : "File " + paint(name, green)
        var header = label + ", line \(line)"
        if let function { header += ", in " + paint(function, cyan) }
        var lines = [header]
        guard let text = place.source.line(line) else { return lines }
        let arrow = "----> \(line) "
        lines.append(paint(arrow, green) + text)
        let column = max(1, place.span.start.column)
        let scalars = Array(text.unicodeScalars)
        var width = 1
        if place.span.end.line == line {
            width = max(1, min(place.span.end.column, scalars.count + 1) - column)
        }
        // Keep tabs in the padding so the caret lines up under tab-indented code.
        var pad = String(repeating: " ", count: arrow.count)
        for scalar in scalars.prefix(column - 1) { pad.unicodeScalars.append(scalar == "\t" ? "\t" : " ") }
        lines.append(pad + paint(String(repeating: "^", count: width), red))
        return lines
    }

    private var red: String { "\u{1B}[0;31m" }
    private var green: String { "\u{1B}[0;32m" }
    private var cyan: String { "\u{1B}[0;36m" }

    private func paint(_ text: String, _ code: String) -> String {
        colors ? code + text + "\u{1B}[0m" : text
    }
}
