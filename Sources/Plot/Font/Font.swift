import Foundation

/// One decoded glyph: advance width and TrueType quadratic contours, in font units.
struct Glyph: Sendable {
    /// Horizontal advance.
    let advance: Int
    /// Contours of (x, y, onCurve) points.
    let contours: [[(x: Int, y: Int, on: Bool)]]
}

/// The embedded DejaVu Sans faces: metrics for layout and outlines for the rasteriser.
///
/// Text layout is kerning-free: a run's width is the sum of its glyphs' advances. Characters
/// the font data lacks are drawn as `?`.
public struct Font: Sendable {
    /// Font units per em.
    let unitsPerEm: Double
    /// Ascender in font units.
    let ascender: Double
    /// Descender in font units (negative).
    let descender: Double
    /// Height of capital letters in font units.
    let capHeight: Double
    private let glyphs: [UInt32: Glyph]

    /// The regular face.
    static let regular = Font(base64: DejaVuSansData.regular)
    /// The bold face.
    static let bold = Font(base64: DejaVuSansData.bold)

    /// The face for a weight.
    static func face(_ weight: FontWeight) -> Font { weight == .bold ? bold : regular }

    private init(base64: String) {
        let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) ?? Data()
        var values = [Int](repeating: 0, count: data.count / 2)
        data.withUnsafeBytes { raw in
            for i in 0..<values.count {
                values[i] = Int(Int16(bitPattern: UInt16(raw[2 * i]) | UInt16(raw[2 * i + 1]) << 8))
            }
        }
        // The blob is generated and committed with the source; an empty decode is a build error.
        precondition(values.count > 6, "embedded font data is corrupt")
        unitsPerEm = Double(values[0])
        ascender = Double(values[1])
        descender = Double(values[2])
        capHeight = Double(values[3])
        let count = values[5]
        var k = 6
        var table: [UInt32: Glyph] = [:]
        for _ in 0..<count {
            let cp = UInt32(UInt16(bitPattern: Int16(values[k])))
            let advance = values[k + 1]
            let nContours = values[k + 2]
            k += 3
            var contours: [[(x: Int, y: Int, on: Bool)]] = []
            for _ in 0..<nContours {
                let n = values[k]
                k += 1
                var pts: [(x: Int, y: Int, on: Bool)] = []
                pts.reserveCapacity(n)
                for _ in 0..<n {
                    let xv = values[k]
                    pts.append((x: xv >> 1, y: values[k + 1], on: (xv & 1) != 0))
                    k += 2
                }
                contours.append(pts)
            }
            table[cp] = Glyph(advance: advance, contours: contours)
        }
        glyphs = table
    }

    /// The glyph for a character, falling back to `?`.
    func glyph(_ scalar: Unicode.Scalar) -> Glyph? {
        glyphs[scalar.value] ?? glyphs[63]
    }

    /// Whether the font has a glyph for the scalar.
    func hasGlyph(_ scalar: Unicode.Scalar) -> Bool { glyphs[scalar.value] != nil }

    /// Width of a text run in pixels.
    /// - Parameters:
    ///   - text: The characters.
    ///   - size: Font size in pixels.
    ///   - weight: Regular or bold.
    /// - Returns: The advance width of the run.
    public static func textWidth(_ text: String, size: Double, weight: FontWeight = .normal) -> Double {
        let f = face(weight)
        var units = 0
        for s in text.unicodeScalars { units += f.glyph(s)?.advance ?? 0 }
        return Double(units) * size / f.unitsPerEm
    }

    /// Cap height as a fraction of the font size (about 0.73 for DejaVu Sans).
    public static var capHeightRatio: Double { regular.capHeight / regular.unitsPerEm }

    /// The outline of a text run with its origin on the baseline at the start of the run,
    /// y pointing down, in pixels.
    /// - Parameters:
    ///   - text: The characters.
    ///   - size: Font size in pixels.
    /// - Returns: The glyph outlines as one path (fill with non-zero winding).
    func outline(_ text: String, size: Double) -> Path {
        let scale = size / unitsPerEm
        var path = Path()
        var penX = 0.0
        for s in text.unicodeScalars {
            guard let g = glyph(s) else { continue }
            for contour in g.contours where contour.count > 1 {
                func pt(_ p: (x: Int, y: Int, on: Bool)) -> Point {
                    Point(penX + Double(p.x) * scale, -Double(p.y) * scale)
                }
                func mid(_ a: Point, _ b: Point) -> Point { Point((a.x + b.x) / 2, (a.y + b.y) / 2) }
                let n = contour.count
                // Start at an on-curve point, or at the midpoint of two off-curve points.
                let startIndex = contour.firstIndex { $0.on }
                let start: Point
                if let si = startIndex {
                    start = pt(contour[si])
                } else {
                    start = mid(pt(contour[0]), pt(contour[1]))
                }
                path.move(to: start)
                let offset = startIndex ?? 0
                var control: Point? = nil
                for step in 1...n {
                    let p = contour[(offset + step) % n]
                    let q = pt(p)
                    if p.on {
                        if let c = control { path.quad(to: q, control: c) } else { path.line(to: q) }
                        control = nil
                    } else {
                        if let c = control { path.quad(to: mid(c, q), control: c) }
                        control = q
                    }
                }
                if let c = control { path.quad(to: start, control: c) }
                path.close()
            }
            penX += Double(g.advance) * scale
        }
        return path
    }
}
