import Foundation
import Autograd
import Plot
import Tensor

/// Turns language values (tensors, lists, ranges) into the plain arrays Plot takes.
enum PlotData {
    /// The numbers of a tensor (flattened), a list or range of numbers, or a number.
    /// - Parameters:
    ///   - value: the value.
    ///   - what: how error messages name it, e.g. `plot() argument 'y'`.
    ///   - context: the context (iterating ranges and lists).
    /// - Returns: the numbers.
    /// - Throws: TypeError when the value holds something else.
    static func numbers(_ value: Value, _ what: String, context: BuiltinContext) throws -> [Double] {
        switch value {
        case .tensor(let v): return v.value.scalars.map(Double.init)
        case .number(let n): return [n]
        case .list, .range:
            let items = try Iteration.items(of: value, context: context, what: what)
            return try items.map { item in
                guard let n = item.asNumber else {
                    throw LangError.typeError("\(what) must hold numbers, not \(item.typeName)")
                }
                return n
            }
        default:
            throw LangError.typeError("\(what) must be a tensor or a list of numbers, not \(value.typeName)")
        }
    }

    /// A tensor's shape and numbers (lists are converted to tensors first).
    static func tensor(_ value: Value, _ what: String) throws -> (shape: [Int], values: [Double]) {
        guard let v = value.asVariable() else {
            throw LangError.typeError("\(what) must be a tensor, not \(value.typeName)")
        }
        return (v.value.shape, v.value.scalars.map(Double.init))
    }

    /// Points from an [N, 2] tensor (or a list of [x, y] pairs): the x and y columns.
    static func points(_ value: Value, _ what: String) throws -> (x: [Double], y: [Double]) {
        let (shape, v) = try tensor(value, what)
        guard shape.count == 2, shape[1] == 2 else {
            throw LangError.valueError("\(what) must have shape [N, 2] (one point per row), got \(shape)")
        }
        let n = shape[0]
        return ((0..<n).map { v[2 * $0] }, (0..<n).map { v[2 * $0 + 1] })
    }

    /// Integer class labels: a vector of class indices, or one-hot / probability rows (argmax).
    static func labels(_ value: Value, count: Int, _ what: String) throws -> [Int] {
        let (shape, v) = try tensor(value, what)
        var labels: [Int]
        if shape.count == 2 && shape[1] > 1 {
            labels = argmaxRows(v, rows: shape[0], columns: shape[1])
        } else {
            labels = v.map { $0.isFinite ? Int(min(1e6, max(0, $0.rounded()))) : 0 }
        }
        guard labels.count == count else {
            throw LangError.valueError("\(what) has \(labels.count) labels for \(count) points")
        }
        labels = labels.map { max(0, $0) }
        return labels
    }

    /// The index of the largest value of each row.
    static func argmaxRows(_ v: [Double], rows: Int, columns: Int) -> [Int] {
        (0..<rows).map { argmax(v, row: $0, columns: columns) }
    }

    /// The index of the largest value of one row (the first on ties).
    static func argmax<Score: Comparable>(_ v: [Score], row r: Int, columns: Int) -> Int {
        var best = 0
        for c in 1..<max(1, columns) where v[r * columns + c] > v[r * columns + best] { best = c }
        return best
    }

    /// A line style from its format string.
    static func style(_ text: String, _ what: String) throws -> LineStyle {
        guard let s = LineStyle(parsing: text) else {
            throw LangError.valueError("\(what) must be \"-\", \"--\", \":\", \"o\" or \"-o\", got \"\(text)\"")
        }
        return s
    }

    /// A colour from its name or hex text, or nil for `none`.
    static func color(_ value: Value, _ what: String) throws -> Color? {
        switch value {
        case .none: return nil
        case .string(let s):
            guard let c = Color(parsing: s) else {
                throw LangError.valueError("\(what) must be a colour like \"#0072b2\" or \"red\", got \"\(s)\"")
            }
            return c
        default:
            throw LangError.typeError("\(what) must be a colour string, not \(value.typeName)")
        }
    }

    /// A colour map by name.
    static func colormap(_ name: String, _ what: String) throws -> Colormap {
        guard let c = Colormap(rawValue: name) else {
            let names = Colormap.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw LangError.valueError("\(what) must be one of \(names), got \"\(name)\"")
        }
        return c
    }

    /// A [lo, hi] pair.
    static func range(_ value: Value, _ what: String, context: BuiltinContext) throws -> (Double, Double) {
        let v = try numbers(value, what, context: context)
        guard v.count == 2, v[0].isFinite, v[1].isFinite, v[1] > v[0] else {
            throw LangError.valueError("\(what) must be [low, high] with low < high")
        }
        return (v[0], v[1])
    }

    /// A short text of a tensor for graph nodes: a number for one element, a few numbers, or
    /// the shape.
    static func brief(_ t: Tensor) -> String {
        let s = t.scalars
        func f(_ x: Float) -> String {
            let d = Double(x)
            guard d.isFinite else { return String(d) }
            let text = NumberText.fixed(d, decimals: 4)
            return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
        }
        if s.count == 1 { return f(s[0]) }
        if s.count <= 3 { return "[" + s.map(f).joined(separator: ", ") + "]" }
        return "shape [" + t.shape.map(String.init).joined(separator: ", ") + "]"
    }
}
