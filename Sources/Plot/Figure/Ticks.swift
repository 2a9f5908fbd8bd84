import Foundation

/// Axis tick positions and labels: "nice" 1-2-5 steps on linear axes, powers of ten on
/// logarithmic ones.
public enum Ticks {
    /// The 1-2-5 step (times a power of ten) giving at most about `target` intervals over the
    /// span.
    /// - Parameters:
    ///   - span: The data range length (positive).
    ///   - target: The wanted number of intervals.
    /// - Returns: A step of the form {1, 2, 5} x 10^k.
    public static func niceStep(span: Double, target: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(1, target))
        let mag = pow(10, (log10(raw)).rounded(.down))
        let residual = raw / mag
        let m: Double = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10
        return m * mag
    }

    /// Tick values inside `lo...hi` at a nice step.
    /// - Parameters:
    ///   - lo: Lower axis limit.
    ///   - hi: Upper axis limit.
    ///   - target: The wanted number of intervals.
    ///   - minStep: The smallest step allowed (1 for pixel indices).
    /// - Returns: The tick values, ascending, snapped to multiples of the step.
    public static func linear(_ lo: Double, _ hi: Double, target: Int, minStep: Double = 0) -> [Double] {
        let step = max(minStep, niceStep(span: hi - lo, target: target))
        let first = (lo / step - 1e-9).rounded(.up)
        var out: [Double] = []
        var k = first
        while k * step <= hi + step * 1e-9 && out.count < 100 {
            let v = k * step
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return out
    }

    /// Labels for linear ticks: as many decimals as the step needs, U+2212 for minus,
    /// scientific notation for very large or very small values.
    /// - Parameter values: The tick values (evenly spaced).
    /// - Returns: One label per tick.
    public static func labels(_ values: [Double]) -> [String] {
        guard values.count > 0 else { return [] }
        var step = values.count > 1 ? abs(values[1] - values[0]) : max(abs(values[0]), 1)
        if !(step > 0 && step.isFinite) { step = 1 }
        let biggest = values.map(abs).max() ?? 0
        if biggest >= 1e6 || (step < 1e-4 && step > 0) {
            return scientific(values, step: step)
        }
        let decimals = max(0, Int((-log10(step) - 1e-9).rounded(.up)))
        return values.map { v in minus(NumberText.fixed(v, decimals: decimals)) }
    }

    /// Replaces the hyphen of negative numbers by a real minus sign.
    static func minus(_ s: String) -> String {
        var t = s
        if t.hasPrefix("-") {
            t.removeFirst()
            if t.allSatisfy({ $0 == "0" || $0 == "." }) { return t }
            return "\u{2212}" + t
        }
        return t
    }

    /// Scientific labels sharing the exponent of the largest value, e.g. `2.5e−7`.
    private static func scientific(_ values: [Double], step: Double) -> [String] {
        let biggest = max(values.map(abs).filter(\.isFinite).max() ?? 1, Double.leastNormalMagnitude)
        let e = Int(log10(biggest).rounded(.down))
        let unit = pow(10, Double(e))
        let decimals = max(0, min(6, Int((-log10(step / unit) - 1e-9).rounded(.up))))
        return values.map { v in
            if v == 0 { return "0" }
            return minus(NumberText.fixed(v / unit, decimals: decimals)) + "e" + minus(String(e))
        }
    }

    /// Powers of ten inside `lo...hi` (both positive), thinned to at most about 8.
    /// - Parameters:
    ///   - lo: Lower limit (> 0).
    ///   - hi: Upper limit.
    /// - Returns: Major ticks and minor ticks (2...9 times each power, when few decades).
    public static func logarithmic(_ lo: Double, _ hi: Double) -> (major: [Double], minor: [Double]) {
        guard lo > 0, hi > lo else { return ([], []) }
        let a = Int((log10(lo) - 1e-9).rounded(.up)), b = Int((log10(hi) + 1e-9).rounded(.down))
        let decades = max(1, b - a)
        let every = decades > 8 ? Int((Double(decades) / 8).rounded(.up)) : 1
        var major: [Double] = []
        if a <= b {
            for e in stride(from: a, through: b, by: 1) where (e - a) % every == 0 { major.append(pow(10, Double(e))) }
        }
        var minor: [Double] = []
        if decades <= 6 {
            let lowE = Int(log10(lo).rounded(.down)), highE = Int(log10(hi).rounded(.up))
            for e in lowE...highE {
                for m in 2...9 {
                    let v = Double(m) * pow(10, Double(e))
                    if v >= lo && v <= hi { minor.append(v) }
                }
            }
        }
        return (major, minor)
    }

    /// Label of a power of ten, e.g. `10⁻³`.
    /// - Parameter v: A power of ten.
    /// - Returns: The label with superscript exponent.
    public static func powerLabel(_ v: Double) -> String {
        let e = Int(log10(v).rounded())
        let sup: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵",
                                           "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return "10" + String(String(e).map { sup[$0] ?? $0 })
    }
}
