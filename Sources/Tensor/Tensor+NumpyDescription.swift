import Foundation

/// numpy-style printing (`t.numpy_str()`).
extension Tensor {
    /// The values printed the way numpy prints an array: `[[1. 2.]\n [3. 4.]]`.
    ///
    /// - Returns: numpy-style text (fixed notation with up to 8 decimals, trailing zeros
    ///   removed, columns aligned on the decimal point); past 1000 elements each axis longer
    ///   than 6 shows its first and last 3 entries around `...`, like numpy.
    public func numpyDescription() -> String {
        if shape.isEmpty { return Tensor.numpyNumber(first) }
        if scalarCount == 0 { return "[]" }
        let values = storage
        let summarize = values.count > TensorPrintOptions.threshold
        let edge = TensorPrintOptions.edgeItems
        func picked(_ size: Int) -> [Int?] {
            summarize && size > 2 * edge
                ? Array(0..<edge).map { $0 } + [nil] + Array((size - edge)..<size).map { $0 }
                : Array(0..<size).map { $0 }
        }
        // the elements shown, to align them
        var shown: [Int] = []
        func collect(_ axis: Int, _ offset: Int) {
            let inner = Tensor.count(of: Array(shape[(axis + 1)...]))
            for i in picked(shape[axis]).compactMap({ $0 }) {
                if axis == rank - 1 { shown.append(offset + i) } else { collect(axis + 1, offset + i * inner) }
            }
        }
        collect(0, 0)
        // numpy aligns on the decimal point: integer parts padded left, fractions right
        var texts = [Int: String]()
        var left = 0, right = 0
        for i in shown {
            let t = Tensor.numpyNumber(values[i])
            let dot = t.firstIndex(of: ".") ?? t.endIndex
            left = Swift.max(left, t.distance(from: t.startIndex, to: dot))
            right = Swift.max(right, t.distance(from: dot, to: t.endIndex))
            texts[i] = t
        }
        func cell(_ i: Int) -> String {
            let t = texts[i] ?? ""
            let dot = t.firstIndex(of: ".") ?? t.endIndex
            let l = t.distance(from: t.startIndex, to: dot), r = t.distance(from: dot, to: t.endIndex)
            return String(repeating: " ", count: left - l) + t + String(repeating: " ", count: right - r)
        }
        func render(_ axis: Int, _ offset: Int) -> String {
            let inner = Tensor.count(of: Array(shape[(axis + 1)...]))
            if axis == rank - 1 {
                return "[" + picked(shape[axis]).map { $0.map { cell(offset + $0) } ?? "..." }.joined(separator: " ") + "]"
            }
            let sep = String(repeating: "\n", count: rank - axis - 1) + String(repeating: " ", count: axis + 1)
            return "[" + picked(shape[axis]).map { $0.map { render(axis + 1, offset + $0 * inner) } ?? "..." }
                .joined(separator: sep) + "]"
        }
        return render(0, 0)
    }

    static func numpyNumber(_ v: Float) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        if v == v.rounded() && Swift.abs(v) < 1e16 { return String(Int64(v)) + "." }
        var s = String(format: "%.8f", Double(v))
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
