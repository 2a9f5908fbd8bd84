import Foundation

/// Places text runs: anchor and baseline offsets and rotation, shared by both backends so SVG
/// and PNG put text in the same place.
public enum TextLayout {
    /// The offset from a text item's position to the start of its alphabetic baseline, before
    /// rotation.
    /// - Parameter t: The text run.
    /// - Returns: (dx, dy) in pixels.
    public static func baselineOffset(_ t: TextItem) -> (dx: Double, dy: Double) {
        let w = Font.textWidth(t.text, size: t.size, weight: t.weight)
        let dx: Double
        switch t.anchor {
        case .start: dx = 0
        case .middle: dx = -w / 2
        case .end: dx = -w
        }
        let cap = Font.capHeightRatio * t.size
        let dy: Double
        switch t.baseline {
        case .alphabetic: dy = 0
        case .middle: dy = cap / 2
        case .top: dy = cap
        }
        return (dx, dy)
    }

    /// The vertical offset from the position to the baseline (used by SVG, where
    /// `text-anchor` handles the horizontal part).
    static func baselineShift(_ t: TextItem) -> Double { baselineOffset(t).dy }

    /// The glyph outlines of a text run in scene coordinates.
    /// - Parameter t: The text run.
    /// - Returns: A path to fill with the non-zero rule.
    public static func outline(_ t: TextItem) -> Path {
        let (dx, dy) = baselineOffset(t)
        let local = Font.face(t.weight).outline(t.text, size: t.size)
        let angle = t.rotation * Double.pi / 180
        let c = cos(angle), s = sin(angle)
        let origin = t.position
        return local.mapped { p in
            let x = p.x + dx, y = p.y + dy
            return Point(origin.x + x * c - y * s, origin.y + x * s + y * c)
        }
    }

    /// The axis-aligned box a text run covers (rotation of 0 or ±90 degrees).
    /// - Parameter t: The text run.
    /// - Returns: The box from cap height to descender.
    public static func bounds(_ t: TextItem) -> Rect {
        let w = Font.textWidth(t.text, size: t.size, weight: t.weight)
        let (dx, dy) = baselineOffset(t)
        let top = dy - Font.capHeightRatio * t.size - 0.05 * t.size, bottom = dy + 0.24 * t.size
        if abs(t.rotation.truncatingRemainder(dividingBy: 180)) == 90 {
            let sign = t.rotation.truncatingRemainder(dividingBy: 360) == 90
                || t.rotation.truncatingRemainder(dividingBy: 360) == -270 ? 1.0 : -1.0
            // Rotated: x extent comes from the vertical metrics, y extent from the width.
            let xs = [-bottom * sign, -top * sign].sorted()
            let ys = [dx * sign, (dx + w) * sign].sorted()
            return Rect(x: t.position.x + xs[0], y: t.position.y + ys[0], width: xs[1] - xs[0],
                        height: ys[1] - ys[0])
        }
        return Rect(x: t.position.x + dx, y: t.position.y + top, width: w, height: bottom - top)
    }
}
