import Foundation

/// One glyph of the font data: its advance width, and where its outline starts in the
/// decoded values (the contour count, then per contour its point count and points).
struct Glyph: Sendable {
    /// Horizontal advance in font units.
    let advance: Int
    /// Index of the glyph's contour count in `Font`'s values.
    let outline: Int
}

/// The embedded DejaVu Sans faces: metrics for layout and outlines for the rasteriser.
///
/// Text layout is kerning-free: a run's width is the sum of its glyphs' advances. Characters
/// the font data lacks are drawn as `?`.
///
/// A face is read on first use in each process: the values are decoded and indexed by code
/// point, and outlines are read from the values when text is drawn. Building every glyph's
/// contours as nested arrays up front took 0.3-0.5 ms of a new kernel's first figure.
public struct Font: Sendable {
    /// Font units per em.
    let unitsPerEm: Double
    /// Ascender in font units.
    let ascender: Double
    /// Descender in font units (negative).
    let descender: Double
    /// Height of capital letters in font units.
    let capHeight: Double
    /// The decoded blob (16-bit values): a header of six, then per glyph its code point,
    /// advance, contour count and contours (a point count, then (x << 1 | on-curve, y) per point).
    private let values: [Int16]
    /// The code points the font has, ascending, and each one's glyph. Sorted arrays rather
    /// than a dictionary: a `[UInt32: Glyph]`'s first use cost a new kernel's first figure a
    /// search of every protocol conformance in the process (UInt32: Hashable), about 0.1 ms.
    private let codePoints: [UInt32]
    private let glyphList: [Glyph]

    /// The regular face.
    static let regular = Font(base64: DejaVuSansData.regular)
    /// The bold face.
    static let bold = Font(base64: DejaVuSansData.bold)

    /// The face for a weight.
    static func face(_ weight: FontWeight) -> Font { weight == .bold ? bold : regular }

    private init(base64: String) {
        let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) ?? Data()
        var values = [Int16](repeating: 0, count: data.count / 2)
        data.withUnsafeBytes { raw in
            for i in 0..<values.count {
                values[i] = Int16(bitPattern: UInt16(raw[2 * i]) | UInt16(raw[2 * i + 1]) << 8)
            }
        }
        // The blob is generated and committed with the source; a short or truncated decode is
        // a build error, caught here on first use.
        precondition(values.count > 6, "embedded font data is corrupt")
        unitsPerEm = Double(values[0])
        ascender = Double(values[1])
        descender = Double(values[2])
        capHeight = Double(values[3])
        let count = Int(values[5])
        var k = 6
        var table: [(codePoint: UInt32, glyph: Glyph)] = []
        table.reserveCapacity(count)
        for _ in 0..<count {
            precondition(k + 2 < values.count, "embedded font data is corrupt")
            let cp = UInt32(UInt16(bitPattern: values[k]))
            table.append((cp, Glyph(advance: Int(values[k + 1]), outline: k + 2)))
            let nContours = Int(values[k + 2])
            k += 3
            for _ in 0..<nContours {
                precondition(k < values.count, "embedded font data is corrupt")
                k += 1 + 2 * Int(values[k])
            }
        }
        precondition(k <= values.count, "embedded font data is corrupt")
        self.values = values
        // The generator writes each code point once (the search needs distinct keys).
        table.sort { $0.codePoint < $1.codePoint }
        assert(zip(table, table.dropFirst()).allSatisfy { $0.codePoint < $1.codePoint }, "a code point listed twice")
        codePoints = table.map(\.codePoint)
        glyphList = table.map(\.glyph)
    }

    /// The glyph for a code point, if the font has it (binary search).
    private func lookup(_ codePoint: UInt32) -> Glyph? {
        var lo = 0, hi = codePoints.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if codePoints[mid] < codePoint { lo = mid + 1 } else { hi = mid }
        }
        return lo < codePoints.count && codePoints[lo] == codePoint ? glyphList[lo] : nil
    }

    /// The glyph for a character, falling back to `?`.
    func glyph(_ scalar: Unicode.Scalar) -> Glyph? {
        lookup(scalar.value) ?? lookup(63)
    }

    /// Whether the font has a glyph for the scalar.
    func hasGlyph(_ scalar: Unicode.Scalar) -> Bool { lookup(scalar.value) != nil }

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
            var k = g.outline + 1
            for _ in 0..<Int(values[g.outline]) {
                let n = Int(values[k])
                let first = k + 1
                k = first + 2 * n
                guard n > 1 else { continue }
                // Point i of the contour: (x << 1 | on-curve, y) at values[first + 2i].
                func on(_ i: Int) -> Bool { (values[first + 2 * i] & 1) != 0 }
                func pt(_ i: Int) -> Point {
                    Point(penX + Double(values[first + 2 * i] >> 1) * scale, -Double(values[first + 2 * i + 1]) * scale)
                }
                func mid(_ a: Point, _ b: Point) -> Point { Point((a.x + b.x) / 2, (a.y + b.y) / 2) }
                // Start at an on-curve point, or at the midpoint of two off-curve points.
                let startIndex = (0..<n).first { on($0) }
                let start = startIndex.map(pt) ?? mid(pt(0), pt(1))
                path.move(to: start)
                let offset = startIndex ?? 0
                var control: Point? = nil
                for step in 1...n {
                    let i = (offset + step) % n
                    let q = pt(i)
                    if on(i) {
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
