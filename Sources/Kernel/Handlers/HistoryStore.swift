// The session's input history, kept in memory, for history_request (tail, range, search).

/// One stored cell: session number, line number (the execution count) and source.
struct HistoryEntry: Equatable {
    var session: Int
    var line: Int
    var source: String
    /// The `text/plain` result of the cell, if it had one (for `output: true`).
    var output: String?
}

/// The cells run in this kernel session, in order.
struct HistoryStore {
    /// The number of this kernel session in history replies (IPython's current session is
    /// reached with 0 or with its own number; this kernel keeps one session, numbered 1).
    static let session = 1

    private(set) var entries: [HistoryEntry] = []

    /// Records a cell run with `store_history`.
    mutating func append(line: Int, source: String, output: String?) {
        entries.append(HistoryEntry(session: HistoryStore.session, line: line, source: source, output: output))
    }

    /// The last `n` entries.
    func tail(_ n: Int) -> [HistoryEntry] {
        Array(entries.suffix(max(0, n)))
    }

    /// Lines `start` ..< `stop` (stop nil: to the end) of `session` (0 or negative = current).
    func range(session: Int, start: Int, stop: Int?) -> [HistoryEntry] {
        guard session <= 0 || session == HistoryStore.session else { return [] }
        return entries.filter { entry in entry.line >= start && (stop.map { entry.line < $0 } ?? true) }
    }

    /// Entries whose source matches the glob `pattern`; with `unique`, only the last of equal
    /// sources; with `n`, only the last `n` results.
    func search(pattern: String, n: Int?, unique: Bool) -> [HistoryEntry] {
        let glob = Glob(pattern)
        var found = entries.filter { glob.matches($0.source) }
        if unique {
            var seen = Set<String>()
            found = found.reversed().filter { seen.insert($0.source).inserted }.reversed()
        }
        if let n, n >= 0 { found = Array(found.suffix(n)) }
        return found
    }

    /// The `history_reply` content for `request` (a history_request's content).
    func reply(to request: JSONValue) -> JSONValue {
        let output = request["output"]?.boolValue ?? false
        let found: [HistoryEntry]
        switch request["hist_access_type"]?.stringValue ?? "tail" {
        case "range":
            found = range(
                session: request["session"]?.intValue ?? 0, start: request["start"]?.intValue ?? 1,
                stop: request["stop"]?.intValue)
        case "search":
            found = search(
                pattern: request["pattern"]?.stringValue ?? "*", n: request["n"]?.intValue,
                unique: request["unique"]?.boolValue ?? false)
        default:
            found = tail(request["n"]?.intValue ?? 10)
        }
        let rows = found.map { entry -> JSONValue in
            let input: JSONValue = .string(entry.source)
            let cell: JSONValue = output ? [input, entry.output.map { .string($0) } ?? .null] : input
            return [.int(entry.session), .int(entry.line), cell]
        }
        return ["status": "ok", "history": .array(rows)]
    }
}
