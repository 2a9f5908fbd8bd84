import Foundation

/// A model's summary table: one row per layer with its output shape and parameter count,
/// as text (monospace columns) and HTML (a `<table>`), in the spirit of Keras' `summary()`.
///
/// Output shapes come from the input shape of the model's last call, or from the first
/// layer's `in_features` when the model was never called; `-1` stands for the batch size and
/// `?` for a shape that cannot be known yet.
public struct ModelSummary: Sendable {
    /// One table row.
    public struct Row: Sendable, Equatable {
        /// The layer's position, e.g. `0` or `2.1` inside a nested Sequential.
        public var name: String
        /// The layer's type, e.g. `Linear`.
        public var type: String
        /// The output shape as text, e.g. `[-1, 16]`, or `?`.
        public var outputShape: String
        /// The number of parameter scalars.
        public var parameters: Int
    }

    /// The model's type name.
    public var title: String
    /// The rows, depth first (leaf layers only).
    public var rows: [Row]
    /// The total number of parameter scalars.
    public var totalParameters: Int

    /// Builds the summary of a model.
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - inputShape: The shape of one input sample, e.g. `[1, 8, 8]` for 8x8 images
    ///     (default: the last call's, or `[in]` when the first layer is Linear).
    public init(_ model: any Module, inputShape: [Int]? = nil) {
        title = model.typeName
        totalParameters = model.parameterCount
        var shape: [Int]? = inputShape.map { [-1] + $0 } ?? model.lastInputShape.map { [-1] + $0.dropFirst() }
        if shape == nil { shape = ModelSummary.guessInput(model) }
        var rows: [Row] = []
        func visit(_ m: any Module, _ name: String) {
            let kids = m.children
            if kids.isEmpty || !(m is Sequential) {
                let out = shape.flatMap { m.outputShape(for: $0) }
                shape = out
                rows.append(Row(name: name, type: m.typeName,
                                outputShape: out.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" } ?? "?",
                                parameters: m.parameterCount))
                return
            }
            for (i, kid) in kids.enumerated() { visit(kid, name.isEmpty ? "\(i)" : "\(name).\(i)") }
        }
        visit(model, "")
        self.rows = rows
    }

    /// `[-1, in]` for a model whose first layer is Linear (nil otherwise).
    static func guessInput(_ model: any Module) -> [Int]? {
        var m: any Module = model
        while let first = m.children.first { m = first }
        if let linear = m as? Linear { return [-1, linear.inFeatures] }
        return nil
    }

    /// The table as monospace text.
    public var text: String {
        let header = ("Layer", "Type", "Output shape", "Param #")
        let nameWidth = max(header.0.count, rows.map(\.name.count).max() ?? 0)
        let typeWidth = max(header.1.count, rows.map(\.type.count).max() ?? 0)
        let shapeWidth = max(header.2.count, rows.map(\.outputShape.count).max() ?? 0)
        let countWidth = max(header.3.count, rows.map { ModelSummary.grouped($0.parameters).count }.max() ?? 0)
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        func padLeft(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
        func line(_ a: String, _ b: String, _ c: String, _ d: String) -> String {
            pad(a, nameWidth) + "  " + pad(b, typeWidth) + "  " + pad(c, shapeWidth) + "  " + padLeft(d, countWidth)
        }
        let width = nameWidth + typeWidth + shapeWidth + countWidth + 6
        var lines = [title, line(header.0, header.1, header.2, header.3), String(repeating: "=", count: width)]
        for r in rows { lines.append(line(r.name, r.type, r.outputShape, ModelSummary.grouped(r.parameters))) }
        lines.append(String(repeating: "=", count: width))
        lines.append("Total params: \(ModelSummary.grouped(totalParameters))")
        return lines.joined(separator: "\n")
    }

    /// The table as an HTML fragment.
    public var html: String {
        var s = "<table class=\"swift-nn-summary\">\n<caption>\(ModelSummary.escape(title))</caption>\n"
        s += "<thead><tr><th>Layer</th><th>Type</th><th>Output shape</th><th style=\"text-align:right\">Param #</th></tr></thead>\n<tbody>\n"
        for r in rows {
            s += "<tr><td>\(ModelSummary.escape(r.name))</td><td>\(ModelSummary.escape(r.type))</td><td>\(ModelSummary.escape(r.outputShape))</td><td style=\"text-align:right\">\(ModelSummary.grouped(r.parameters))</td></tr>\n"
        }
        s += "</tbody>\n<tfoot><tr><td colspan=\"3\">Total params</td><td style=\"text-align:right\">\(ModelSummary.grouped(totalParameters))</td></tr></tfoot>\n</table>"
        return s
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
