/// Whether a cell's text is ready to run (the Jupyter `is_complete_request`).
public enum CompletenessVerdict: Equatable, Sendable {
    /// The text parses: run it.
    case complete
    /// More lines could finish the text (an open bracket or block, a trailing operator or
    /// comma, an open `"""` string); `indent` is 4 spaces per open bracket or block.
    case incomplete(indent: String)
    /// The text has a mistake that more lines cannot fix.
    case invalid
}

/// Decides whether `source` is complete, incomplete or invalid.
///
/// A source is incomplete when parsing stops at the end of the input (an unclosed `(`/`[`/`{`,
/// a block header without its block, a trailing binary operator, comma or backslash, or an
/// unterminated `"""` string); any other syntax error makes it invalid.
/// - Parameter source: The cell text typed so far.
/// - Returns: The verdict, with the indent for the next line when incomplete.
public func completeness(of source: String) -> CompletenessVerdict {
    do {
        _ = try Parser.parse(source)
        return .complete
    } catch {
        if error.isAtEndOfInput || endsWithContinuationBackslash(source) {
            return .incomplete(indent: String(repeating: " ", count: 4 * openBracketCount(source)))
        }
        return .invalid
    }
}

private func endsWithContinuationBackslash(_ source: String) -> Bool {
    var trimmed = Substring(source)
    while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
    return trimmed.hasSuffix("\\") && !trimmed.contains("#")
}

/// The number of brackets and braces still open at the end of `source` (tokens up to the
/// first lexical error).
private func openBracketCount(_ source: String) -> Int {
    var lexer = Lexer(source)
    var depth = 0
    while let token = try? lexer.next(), token.kind != .endOfInput {
        switch token.kind {
        case .punctuation(.leftParen), .punctuation(.leftBracket), .punctuation(.leftBrace):
            depth += 1
        case .punctuation(.rightParen), .punctuation(.rightBracket), .punctuation(.rightBrace):
            depth = max(0, depth - 1)
        default:
            break
        }
    }
    return depth
}
