// Glob patterns for history_request's `search` (IPython uses SQLite GLOB: case-sensitive,
// `*` any run, `?` one character, `[abc]`, `[a-z]`, `[^abc]`/`[!abc]`).

/// A compiled glob pattern over Unicode scalars.
struct Glob {
    private let pattern: [Unicode.Scalar]

    /// Compiles `pattern`.
    init(_ pattern: String) { self.pattern = Array(pattern.unicodeScalars) }

    /// Whether all of `text` matches the pattern.
    func matches(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        var p = 0, t = 0
        var starP = -1, starT = 0
        while t < s.count {
            if p < pattern.count, pattern[p] == "*" {
                starP = p
                starT = t
                p += 1
            } else if p < pattern.count, let next = matchOne(at: p, s[t]) {
                p = next
                t += 1
            } else if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// If the pattern element at `p` (not `*`) matches `c`, the index after that element.
    private func matchOne(at p: Int, _ c: Unicode.Scalar) -> Int? {
        switch pattern[p] {
        case "?": return p + 1
        case "[":
            var i = p + 1
            var negate = false
            if i < pattern.count, pattern[i] == "^" || pattern[i] == "!" {
                negate = true
                i += 1
            }
            var found = false
            var first = true
            while i < pattern.count, pattern[i] != "]" || first {
                first = false
                if i + 2 < pattern.count, pattern[i + 1] == "-", pattern[i + 2] != "]" {
                    if pattern[i] <= c && c <= pattern[i + 2] { found = true }
                    i += 3
                } else {
                    if pattern[i] == c { found = true }
                    i += 1
                }
            }
            guard i < pattern.count else { return pattern[p] == c ? p + 1 : nil }  // no ']': literal
            return found != negate ? i + 1 : nil
        default:
            return pattern[p] == c ? p + 1 : nil
        }
    }
}
