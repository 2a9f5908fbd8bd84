/// Timing for `%time` and `%timeit`.
enum MagicTiming {
    /// Seconds as a short human text with 3 significant digits: `1.23 ms`, `45.6 µs`.
    /// - Parameter seconds: the time.
    /// - Returns: the text.
    static func format(seconds: Double) -> String {
        let (value, unit): (Double, String) =
            seconds >= 1 ? (seconds, "s") : seconds >= 1e-3 ? (seconds * 1e3, "ms")
            : seconds >= 1e-6 ? (seconds * 1e6, "µs") : (seconds * 1e9, "ns")
        let digits = value >= 100 ? 0 : value >= 10 ? 1 : 2
        return fixed(value, digits) + " " + unit
    }

    /// `value` with `digits` decimals.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded)"
        if digits == 0, text.hasSuffix(".0") { text.removeLast(2) }
        if let dot = text.firstIndex(of: "."), digits > 0 {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        }
        return text
    }

    /// Runs `body` in batches: the batch size grows ×10 until a batch takes 0.05 s (or
    /// 1,000,000 loops), then 5 batches are timed and the median per loop is reported.
    /// The interrupt flag is checked between loops.
    /// - Parameters:
    ///   - context: the session context (interrupt checks).
    ///   - body: the timed statement.
    /// - Returns: the report line.
    /// - Throws: `Interrupted`, or what the body throws.
    static func timeit(context: BuiltinContext, _ body: () throws -> Void) throws -> String {
        let clock = ContinuousClock()
        func batch(_ loops: Int) throws -> Double {
            let start = clock.now
            for _ in 0..<loops {
                try context.checkInterrupt()
                try body()
            }
            return (clock.now - start).seconds
        }
        var loops = 1
        while true {
            let elapsed = try batch(loops)
            if elapsed >= 0.05 || loops >= 1_000_000 { break }
            loops *= 10
        }
        let runs = 5
        var perLoop: [Double] = []
        for _ in 0..<runs { perLoop.append(try batch(loops) / Double(loops)) }
        perLoop.sort()
        let median = perLoop[runs / 2]
        let best = perLoop[0]
        return "\(format(seconds: median)) per loop (median of \(runs) runs, \(loops) loop\(loops == 1 ? "" : "s") each; fastest \(format(seconds: best)))"
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
