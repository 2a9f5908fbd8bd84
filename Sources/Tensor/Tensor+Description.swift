import Foundation

/// PyTorch-compatible printing (torch._tensor_str with precision 4, threshold 1000,
/// edge items 3, line width 80).
extension Tensor: CustomStringConvertible {
    /// The tensor printed like PyTorch: `tensor([[1.5000, 2.0000]])`, `tensor(3.)`,
    /// summarised with `...` past 1000 elements.
    public var description: String { formatted(suffix: "") }

    /// Prints like PyTorch with extra text before the closing parenthesis.
    ///
    /// - Parameter suffix: Text such as `, requires_grad=True` (the caller adds the comma).
    /// - Returns: `tensor(<data><suffix>)`, plus `, size=(0, 3)` for empty non-1-d tensors.
    public func formatted(suffix: String) -> String {
        let prefix = "tensor("
        var body: String
        var extra = ""
        if storage.isEmpty {
            body = "[]"
            if shape != [0] {
                extra = ", size=(" + shape.map(String.init).joined(separator: ", ")
                    + (shape.count == 1 ? ",)" : ")")
            }
        } else {
            let summarize = storage.count > TensorPrintOptions.threshold
            let sample = summarize ? summarizedValues() : storage
            let formatter = TensorNumberFormatter(values: sample)
            body = render(indent: prefix.count, summarize: summarize, formatter: formatter)
        }
        return prefix + body + extra + suffix + ")"
    }

    private func render(indent: Int, summarize: Bool, formatter: TensorNumberFormatter) -> String {
        if shape.isEmpty { return formatter.format(first) }
        return renderAxis(axis: 0, offset: 0, indent: indent, summarize: summarize, formatter: formatter)
    }

    private func renderAxis(axis: Int, offset: Int, indent: Int, summarize: Bool,
                            formatter: TensorNumberFormatter) -> String {
        let size = shape[axis]
        let edge = TensorPrintOptions.edgeItems
        let elided = summarize && size > 2 * edge
        let picked: [Int?] = elided
            ? Array(0..<edge).map { $0 } + [nil] + Array((size - edge)..<size).map { $0 }
            : Array(0..<size).map { $0 }
        if axis == shape.count - 1 {
            let storage = self.storage
            let data = picked.map { i -> String in
                guard let i else { return " ..." }
                return formatter.format(storage[offset + i])
            }
            let elementLength = formatter.width + 2
            let perLine = max(1, (TensorPrintOptions.lineWidth - indent) / elementLength)
            var lines: [String] = []
            var start = 0
            while start < data.count {
                lines.append(data[start..<min(start + perLine, data.count)].joined(separator: ", "))
                start += perLine
            }
            return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
        }
        let inner = Tensor.count(of: Array(shape[(axis + 1)...]))
        let slices = picked.map { i -> String in
            guard let i else { return "..." }
            return renderAxis(axis: axis + 1, offset: offset + i * inner, indent: indent + 1,
                              summarize: summarize, formatter: formatter)
        }
        let dim = shape.count - axis
        let separator = "," + String(repeating: "\n", count: dim - 1)
            + String(repeating: " ", count: indent + 1)
        return "[" + slices.joined(separator: separator) + "]"
    }

    /// The values PyTorch looks at to choose a format when summarising (edge items only).
    private func summarizedValues() -> [Float] {
        var out: [Float] = []
        collectSummary(axis: 0, offset: 0, into: &out)
        return out
    }

    private func collectSummary(axis: Int, offset: Int, into out: inout [Float]) {
        if shape.isEmpty { out.append(first); return }
        let size = shape[axis]
        let edge = TensorPrintOptions.edgeItems
        let rows = size > 2 * edge ? Array(0..<edge) + Array((size - edge)..<size) : Array(0..<size)
        let inner = Tensor.count(of: Array(shape[(axis + 1)...]))
        for i in rows {
            if axis == shape.count - 1 {
                out.append(storage[offset + i])
            } else {
                collectSummary(axis: axis + 1, offset: offset + i * inner, into: &out)
            }
        }
    }
}

/// The print options PyTorch uses by default (precision 4 is in `TensorNumberFormatter`'s formats).
enum TensorPrintOptions {
    static let threshold = 1000
    static let edgeItems = 3
    static let lineWidth = 80
}

/// PyTorch's `_Formatter` for floating tensors: integer mode (`1.`), fixed (`1.5000`) or
/// scientific (`1.0000e-05`), all right-aligned to one width.
struct TensorNumberFormatter {
    private(set) var intMode = true
    private(set) var sciMode = false
    private(set) var width = 1

    init(values: [Float]) {
        var minAbs = Double.infinity
        var maxAbs = 0.0
        var any = false
        for v in values where v.isFinite && v != 0 {
            any = true
            let d = Double(v)
            minAbs = min(minAbs, abs(d))
            maxAbs = max(maxAbs, abs(d))
            if d != d.rounded(.up) { intMode = false }
        }
        guard any else { return }
        let finite = values.lazy.filter { $0.isFinite && $0 != 0 }.map { Double($0) }
        if intMode {
            if maxAbs / minAbs > 1000 || maxAbs > 1e8 {
                sciMode = true
                for d in finite { width = max(width, String(format: "%.4e", d).count) }
            } else {
                for d in finite { width = max(width, String(format: "%.0f", d).count + 1) }
            }
        } else if maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4 {
            sciMode = true
            for d in finite { width = max(width, String(format: "%.4e", d).count) }
        } else {
            for d in finite { width = max(width, String(format: "%.4f", d).count) }
        }
    }

    /// One value, right-aligned to the common width.
    func format(_ value: Float) -> String {
        let d = Double(value)
        var text: String
        if value.isNaN {
            text = "nan"
        } else if value.isInfinite {
            text = value < 0 ? "-inf" : "inf"
        } else if sciMode {
            text = String(format: "%.4e", d)
        } else if intMode {
            text = String(format: "%.0f", d) + "."
        } else {
            text = String(format: "%.4f", d)
        }
        if text.count < width { text = String(repeating: " ", count: width - text.count) + text }
        return text
    }
}
