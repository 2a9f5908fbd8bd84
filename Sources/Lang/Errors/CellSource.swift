/// The text of one executed cell (or file), kept so tracebacks can quote any of its lines,
/// even when the error happens later in a function defined there.
public final class CellSource: Sendable {
    /// The cell's name, e.g. `In[3]` or a file path.
    public let name: String
    /// The source lines, without their newlines.
    public let lines: [String]

    /// Creates a cell source.
    /// - Parameters:
    ///   - name: the cell's name.
    ///   - text: the full source text.
    public init(name: String, text: String) {
        self.name = name
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        }
    }

    /// The 1-based line `number`, or nil when out of range.
    /// - Parameter number: the line number.
    /// - Returns: the line text.
    public func line(_ number: Int) -> String? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }
}
