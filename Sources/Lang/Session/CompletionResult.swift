/// The answer to a completion request. Positions count Unicode scalars from the start of the
/// code.
public struct CompletionResult: Sendable {
    /// The matches, each with its kind: `variable`, `function`, `keyword`, `member`,
    /// `parameter` or `magic`.
    public var matches: [(text: String, kind: String)]
    /// Where the text to replace starts.
    public var start: Int
    /// Where the text to replace ends (the cursor).
    public var end: Int

    /// Creates a result.
    /// - Parameters:
    ///   - matches: the matches with their kinds.
    ///   - start: start of the replaced range.
    ///   - end: end of the replaced range.
    public init(matches: [(text: String, kind: String)], start: Int, end: Int) {
        self.matches = matches
        self.start = start
        self.end = end
    }

    /// The matched texts only.
    public var texts: [String] { matches.map(\.text) }
}
