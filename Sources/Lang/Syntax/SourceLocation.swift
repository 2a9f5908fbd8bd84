/// A position in a cell's source text.
///
/// Lines and columns are 1-based and count Unicode scalars (the unit Jupyter uses for
/// `cursor_pos`); `offset` is the 0-based index of the scalar in the whole source, handy for
/// slicing the source and for mapping a completion cursor to a node.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, in Unicode scalars.
    public var column: Int
    /// The 0-based offset from the start of the source, in Unicode scalars.
    public var offset: Int

    /// Creates a location.
    /// - Parameters:
    ///   - line: The 1-based line.
    ///   - column: The 1-based column in Unicode scalars.
    ///   - offset: The 0-based scalar offset in the source.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The start of a source text.
    public static let start = SourceLocation(line: 1, column: 1, offset: 0)

    /// `line L, column C`, the form used in error messages.
    public var description: String { "line \(line), column \(column)" }

    /// Orders locations by their offset in the source.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        lhs.offset < rhs.offset
    }
}

/// The source range a token or syntax node covers: from `start` up to (not including) `end`.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    /// The first scalar of the range.
    public var start: SourceLocation
    /// The position just after the last scalar of the range.
    public var end: SourceLocation

    /// Creates a span.
    /// - Parameters:
    ///   - start: The first position.
    ///   - end: The position just after the last scalar.
    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// Creates the span from the start of `first` to the end of `last`.
    /// - Parameters:
    ///   - first: The span that starts the range.
    ///   - last: The span that ends the range.
    public init(from first: SourceSpan, to last: SourceSpan) {
        self.start = first.start
        self.end = last.end
    }

    /// An empty span at one location.
    /// - Parameter location: Where the span sits.
    public init(at location: SourceLocation) {
        self.start = location
        self.end = location
    }

    /// `start-end` in `line:column` form, for debugging.
    public var description: String { "\(start.line):\(start.column)-\(end.line):\(end.column)" }
}
