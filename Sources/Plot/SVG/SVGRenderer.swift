import Foundation

/// Renders a scene to standalone SVG text.
///
/// The output has `width`/`height` and a `viewBox`, a white background rectangle, no external
/// references and no web fonts; coordinates carry at most two decimals; images (decision
/// grids, heatmaps, image grids) are embedded each as one PNG data URI.
public enum SVGRenderer {
    /// The font stack written on every text element.
    public static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

    /// Renders the scene.
    /// - Parameter scene: The scene.
    /// - Returns: The SVG document text.
    public static func render(_ scene: Scene) -> String {
        var w = SVGWriter()
        let width = SVGWriter.num(scene.width), height = SVGWriter.num(scene.height)
        w.out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" font-family=\"\(fontFamily)\">\n"
        w.out += "<rect width=\"100%\" height=\"100%\" fill=\"\(scene.background.hex)\"/>\n"
        w.writeItems(scene.items)
        w.out += "</svg>\n"
        return w.out
    }
}

/// Accumulates SVG markup.
struct SVGWriter {
    var out = ""
    private var clipCount = 0

    /// A number with at most two decimals and no trailing zeros.
    static func num(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 100).rounded() / 100
        if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) }
        var s = NumberText.fixed(r, decimals: 2)
        while s.hasSuffix("0") { s.removeLast() }
        if s == "-0" { s = "0" }
        return s
    }

    static func escape(_ s: String) -> String {
        var r = ""
        for c in s {
            switch c {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            default: r.append(c)
            }
        }
        return r
    }

    static func pathData(_ path: Path) -> String {
        var d = ""
        for e in path.elements {
            switch e {
            case .move(let p): d += "M\(num(p.x)) \(num(p.y))"
            case .line(let p): d += "L\(num(p.x)) \(num(p.y))"
            case .quad(let c, let p): d += "Q\(num(c.x)) \(num(c.y)) \(num(p.x)) \(num(p.y))"
            case .cubic(let a, let b, let p):
                d += "C\(num(a.x)) \(num(a.y)) \(num(b.x)) \(num(b.y)) \(num(p.x)) \(num(p.y))"
            case .close: d += "Z"
            }
        }
        return d
    }

    static func colorAttrs(_ name: String, _ c: Color) -> String {
        var s = "\(name)=\"\(c.hex)\""
        if c.alpha < 1 { s += " \(name)-opacity=\"\(num(c.alpha))\"" }
        return s
    }

    static func strokeAttrs(_ s: Stroke) -> String {
        var a = colorAttrs("stroke", s.color) + " stroke-width=\"\(num(s.width))\""
        if !s.dash.isEmpty { a += " stroke-dasharray=\"\(s.dash.map(num).joined(separator: " "))\"" }
        if s.cap != .butt { a += " stroke-linecap=\"\(s.cap.rawValue)\"" }
        if s.join != .miter { a += " stroke-linejoin=\"\(s.join.rawValue)\"" }
        return a
    }

    mutating func writeItems(_ items: [SceneItem]) {
        var k = 0
        while k < items.count {
            // Runs of circles with one style (scatter markers) share a <g> carrying the style.
            if case .circle(_, let r, let fill, let stroke) = items[k] {
                var end = k + 1
                while end < items.count, case .circle(_, let r2, let f2, let s2) = items[end], r2 == r, f2 == fill, s2 == stroke {
                    end += 1
                }
                if end - k >= 3 {
                    var g = "<g " + (fill.map { Self.colorAttrs("fill", $0) } ?? "fill=\"none\"")
                    if let st = stroke { g += " " + Self.strokeAttrs(st) }
                    out += g + ">\n"
                    for item in items[k..<end] {
                        if case .circle(let c, _, _, _) = item {
                            out += "<circle cx=\"\(Self.num(c.x))\" cy=\"\(Self.num(c.y))\" r=\"\(Self.num(r))\"/>\n"
                        }
                    }
                    out += "</g>\n"
                    k = end
                    continue
                }
            }
            writeItem(items[k])
            k += 1
        }
    }

    private mutating func writeItem(_ item: SceneItem) {
        switch item {
        case .fill(let path, let color):
            out += "<path d=\"\(Self.pathData(path))\" \(Self.colorAttrs("fill", color))/>\n"
        case .stroke(let path, let stroke):
            out += "<path d=\"\(Self.pathData(path))\" fill=\"none\" \(Self.strokeAttrs(stroke))/>\n"
        case .circle(let c, let r, let fill, let stroke):
            var a = "<circle cx=\"\(Self.num(c.x))\" cy=\"\(Self.num(c.y))\" r=\"\(Self.num(r))\" "
            a += fill.map { Self.colorAttrs("fill", $0) } ?? "fill=\"none\""
            if let s = stroke { a += " " + Self.strokeAttrs(s) }
            out += a + "/>\n"
        case .text(let t):
            text(t)
        case .image(let img, let rect, let interpolation):
            let png = PNGEncoder.encode(img)
            let b64 = Data(png).base64EncodedString()
            var a = "<image x=\"\(Self.num(rect.x))\" y=\"\(Self.num(rect.y))\" "
            a += "width=\"\(Self.num(rect.width))\" height=\"\(Self.num(rect.height))\" "
            a += "preserveAspectRatio=\"none\" "
            if interpolation == .nearest { a += "style=\"image-rendering:pixelated\" " }
            out += a + "href=\"data:image/png;base64,\(b64)\"/>\n"
        case .clipped(let rect, let inner):
            clipCount += 1
            let id = "c\(clipCount)"
            out += "<clipPath id=\"\(id)\"><rect x=\"\(Self.num(rect.x))\" y=\"\(Self.num(rect.y))\" "
            out += "width=\"\(Self.num(rect.width))\" height=\"\(Self.num(rect.height))\"/></clipPath>\n"
            out += "<g clip-path=\"url(#\(id))\">\n"
            writeItems(inner)
            out += "</g>\n"
        }
    }

    private mutating func text(_ t: TextItem) {
        let dy = TextLayout.baselineShift(t)
        var a = "<text x=\"\(Self.num(t.position.x))\" y=\"\(Self.num(t.position.y))\""
        if dy != 0 { a += " dy=\"\(Self.num(dy))\"" }
        a += " font-size=\"\(Self.num(t.size))\""
        if t.anchor != .start { a += " text-anchor=\"\(t.anchor.rawValue)\"" }
        if t.weight == .bold { a += " font-weight=\"bold\"" }
        if t.rotation != 0 {
            a += " transform=\"rotate(\(Self.num(t.rotation)) \(Self.num(t.position.x)) \(Self.num(t.position.y)))\""
        }
        if t.color != .text { a += " " + Self.colorAttrs("fill", t.color) } else { a += " fill=\"\(t.color.hex)\"" }
        out += a + ">\(Self.escape(t.text))</text>\n"
    }
}
