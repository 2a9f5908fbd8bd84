/// Number formatting without Foundation's `String(format:)` (whose first call on Linux costs
/// about 0.2 s of locale loading, more than drawing a whole figure).
public enum NumberText {
    /// `v` with exactly `decimals` digits after the point, rounded half away from zero;
    /// ASCII hyphen for negatives ("-0.50"); non-finite values as Swift prints them.
    /// - Parameters:
    ///   - v: The number.
    ///   - decimals: Digits after the point (0...12).
    /// - Returns: The text.
    public static func fixed(_ v: Double, decimals: Int) -> String {
        guard v.isFinite else { return String(v) }
        let d = max(0, min(12, decimals))
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(v) * scale).rounded()
        guard scaled < 9e15 else { return String(v) }
        let n = UInt64(scaled)
        let p = UInt64(scale)
        let whole = String(n / p)
        var text = (v < 0 && n != 0 ? "-" : "") + whole
        if d > 0 {
            let frac = String(n % p)
            text += "." + String(repeating: "0", count: d - frac.count) + frac
        }
        return text
    }

    /// `v` rounded to `digits` significant digits, in fixed notation (e.g. 0.0032, 45, 1200).
    /// - Parameters:
    ///   - v: The number.
    ///   - digits: Significant digits (1...12).
    /// - Returns: The text.
    public static func significant(_ v: Double, digits: Int) -> String {
        guard v.isFinite, v != 0 else { return v == 0 ? "0" : String(v) }
        var e = 0
        var m = abs(v)
        while m >= 10 { m /= 10; e += 1 }
        while m < 1 { m *= 10; e -= 1 }
        return fixed(v, decimals: max(0, digits - 1 - e))
    }
}
