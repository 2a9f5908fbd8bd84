import Foundation

/// Turns stroked polylines into filled polygons for the coverage rasteriser.
///
/// An open polyline becomes strips: runs of segments that turn by at most `stripTurn` at each
/// vertex, and whose mitre points stay within half of each segment (so the inner side cannot
/// fold back), are one polygon, the left offsets forward and the right offsets back, meeting
/// at mitred points. A sharper corner ends a strip and gets a join piece (round, miter or bevel),
/// and each open end a cap. A closed polyline is a rectangle per segment and a join piece per
/// corner. All pieces share one orientation, so under the non-zero rule their overlaps fill
/// once.
///
/// Why strips: a 1,000-point loss curve was 999 rectangles and 998 round joins of eight
/// vertices each, about 12,000 edges, nearly all of them at corners that turn by a fraction
/// of a degree; stroking was most of its painting. Where a strip bends by `θ`, its mitred
/// outside lies at most `hw · (1 / cos(θ/2) - 1) ≈ hw · θ² / 8` beyond the round join's arc
/// (under 0.004 px for a 6-pixel line at the largest turn), and the overlaps of the pieces no
/// longer add coverage twice at a line's anti-aliased edge.
enum Stroker {
    /// The largest turn (radians) at a vertex inside a strip.
    static let stripTurn = 0.1

    /// Polygons covering the stroke of a polyline.
    /// - Parameters:
    ///   - points: The polyline vertices (device pixels).
    ///   - closed: Whether the last vertex joins the first.
    ///   - width: Stroke width in device pixels.
    ///   - cap: End style for open polylines.
    ///   - join: Corner style.
    /// - Returns: Polygons, each positively oriented.
    static func polygons(_ input: [Point], closed: Bool, width: Double, cap: Stroke.Cap,
                         join: Stroke.Join) -> [[Point]] {
        var points: [Point] = []
        for p in input where points.last.map({ ($0 - p).length > 1e-9 }) ?? true { points.append(p) }
        if closed, points.count > 2, let f = points.first, let l = points.last, (f - l).length < 1e-9 {
            points.removeLast()
        }
        let hw = width / 2
        var out: [[Point]] = []
        if points.count == 1 {
            if cap == .round { out.append(circle(points[0], hw)) }
            if cap == .square {
                let p = points[0]
                out.append([Point(p.x - hw, p.y - hw), Point(p.x + hw, p.y - hw),
                            Point(p.x + hw, p.y + hw), Point(p.x - hw, p.y + hw)])
            }
            return out.map(oriented)
        }
        guard points.count > 1 else { return [] }
        if !closed { return openPolygons(points, hw: hw, cap: cap, join: join) }
        let n = points.count
        let (units, _) = segments(points, closed: true)
        for i in 0..<n {
            let a = points[i], b = points[(i + 1) % n]
            let nrm = Point(-units[i].y * hw, units[i].x * hw)
            out.append(oriented([a + nrm, b + nrm, b - nrm, a - nrm]))
        }
        // Joins at every vertex.
        for i in 0..<n {
            if let piece = joinPiece(at: points[i], from: units[(i - 1 + n) % n], to: units[i], hw: hw, join: join) {
                out.append(piece)
            }
        }
        return out
    }

    /// Each segment's unit direction and length: from each point to the next, and from the
    /// last back to the first when `closed`.
    private static func segments(_ points: [Point], closed: Bool) -> (units: [Point], lengths: [Double]) {
        let count = closed ? points.count : points.count - 1
        var units: [Point] = [], lengths: [Double] = []
        units.reserveCapacity(count)
        lengths.reserveCapacity(count)
        for i in 0..<count {
            let d = points[(i + 1) % points.count] - points[i]
            let len = d.length
            units.append(Point(d.x / len, d.y / len))
            lengths.append(len)
        }
        return (units, lengths)
    }

    /// The strips, joins and caps of an open polyline of distinct consecutive points.
    private static func openPolygons(_ points: [Point], hw: Double, cap: Stroke.Cap, join: Stroke.Join) -> [[Point]] {
        let n = points.count
        let (units, lengths) = segments(points, closed: false)
        var out: [[Point]] = []
        var left: [Point] = [], right: [Point] = []
        // Starts a strip at vertex `i` along segment `i` (square caps reach back by `hw`).
        func begin(_ i: Int) {
            let u = units[i], nrm = Point(-u.y * hw, u.x * hw)
            let p = i == 0 && cap == .square ? points[0] - u * hw : points[i]
            left = [p + nrm]
            right = [p - nrm]
        }
        // Ends the strip at vertex `i`, the end of segment `i - 1`, and emits it.
        func finish(_ i: Int) {
            let u = units[i - 1], nrm = Point(-u.y * hw, u.x * hw)
            let p = i == n - 1 && cap == .square ? points[i] + u * hw : points[i]
            left.append(p + nrm)
            right.append(p - nrm)
            out.append(oriented(left + right.reversed()))
        }
        let leastCosTurn = cos(stripTurn)
        begin(0)
        for i in 1..<(n - 1) {
            let u0 = units[i - 1], u1 = units[i]
            // Clamped: for straight vertices the dot product of two unit vectors can come
            // out an ulp above 1, and the square roots below would be NaN.
            let cosTurn = min(1, max(-1, u0.x * u1.x + u0.y * u1.y))
            if cosTurn >= leastCosTurn {
                // The mitre point is hw · tan(θ/2) along each segment from the vertex; half of
                // the shorter segment at most keeps the inner side from folding back. (Turns
                // this small keep cosHalf above 0.99, so nothing below divides by zero.)
                let cosHalf = ((1 + cosTurn) / 2).squareRoot()
                let tanHalf = ((1 - cosTurn) / 2).squareRoot() / cosHalf
                if hw * tanHalf <= 0.5 * min(lengths[i - 1], lengths[i]) {
                    // Inside a strip: both offsets meet at the mitre point.
                    let bis = Point(-(u0.y + u1.y), u0.x + u1.x)
                    let m = bis * (hw / cosHalf / bis.length)
                    left.append(points[i] + m)
                    right.append(points[i] - m)
                    continue
                }
            }
            finish(i)
            if let piece = joinPiece(at: points[i], from: u0, to: u1, hw: hw, join: join) {
                out.append(piece)
            }
            begin(i)
        }
        finish(n - 1)
        if cap == .round {
            out.append(circle(points[0], hw))
            out.append(circle(points[n - 1], hw))
        }
        return out
    }

    /// The piece that fills the outside of the corner at `p`, where the direction turns from
    /// `u0` to `u1` (unit vectors), or nil when they are collinear and a miter or bevel needs
    /// none.
    private static func joinPiece(at p: Point, from u0: Point, to u1: Point, hw: Double,
                                  join: Stroke.Join) -> [Point]? {
        if join == .round { return circle(p, hw) }
        let cross = u0.x * u1.y - u0.y * u1.x
        if abs(cross) < 1e-9 { return nil }
        // Outer side: where the turn opens.
        let s: Double = cross > 0 ? -1 : 1
        let n0 = Point(-u0.y * hw * s, u0.x * hw * s), n1 = Point(-u1.y * hw * s, u1.x * hw * s)
        let cosHalf = ((1 + (u0.x * u1.x + u0.y * u1.y)) / 2).squareRoot()
        if join == .miter && cosHalf > 0.25 {
            let bis = Point(n0.x + n1.x, n0.y + n1.y)
            let bl = bis.length
            let m = p + bis * (hw / cosHalf / bl)
            return oriented([p, p + n0, m, p + n1])
        }
        return oriented([p, p + n0, p + n1])
    }

    /// Splits a polyline into dashes.
    /// - Parameters:
    ///   - points: The polyline.
    ///   - pattern: On/off lengths in device pixels.
    /// - Returns: The "on" pieces.
    static func dashed(_ points: [Point], pattern: [Double]) -> [[Point]] {
        guard pattern.count >= 2, pattern.allSatisfy({ $0 > 0 }), points.count > 1 else { return [points] }
        var pieces: [[Point]] = []
        var current: [Point] = [points[0]]
        var index = 0
        var remaining = pattern[0]
        var on = true
        for i in 1..<points.count {
            var a = points[i - 1]
            let b = points[i]
            var segLen = (b - a).length
            while segLen > 0 {
                if segLen < remaining {
                    remaining -= segLen
                    if on { current.append(b) }
                    segLen = 0
                } else {
                    let t = remaining / segLen
                    let m = a + (b - a) * t
                    if on {
                        current.append(m)
                        pieces.append(current)
                    }
                    current = [m]
                    on.toggle()
                    segLen -= remaining
                    a = m
                    index = (index + 1) % pattern.count
                    remaining = pattern[index]
                }
            }
        }
        if on && current.count > 1 { pieces.append(current) }
        return pieces
    }

    /// A polygonal circle fine enough for its size: 8 to 64 vertices.
    /// - Parameters:
    ///   - c: The centre.
    ///   - r: The radius.
    ///   - fromTable: Whether to take the unit circle from the table every size shares (for
    ///     callers that draw many circles: round joins and caps) or to compute the one needed
    ///     (a marker sprite, drawn once per size). Both give the same vertices; the table costs
    ///     about 0.1 ms to build in a new process, which both painting threads waited for when
    ///     only markers needed circles.
    static func circle(_ c: Point, _ r: Double, fromTable: Bool = true) -> [Point] {
        let n = max(8, min(64, Int(r * 2.5)))
        return (fromTable ? unitCircles[n - 8] : unitCircle(vertices: n)).map { Point(c.x + r * $0.x, c.y + r * $0.y) }
    }

    /// The vertices of the unit circle with `n` vertices: cos(2πk/n), sin(2πk/n).
    private static func unitCircle(vertices n: Int) -> [Point] {
        (0..<n).map { k in
            let t = Double(k) / Double(n) * 2 * Double.pi
            return Point(cos(t), sin(t))
        }
    }

    /// The unit circles with 8...64 vertices (index `n - 8`), so the round joins of a long
    /// jagged line cost no sines.
    private static let unitCircles: [[Point]] = (8...64).map(unitCircle(vertices:))

    /// The outline of a circle of radius `r` stroked `width` wide: the annulus between radii
    /// `r - width / 2` and `r + width / 2`, as an outer polygon and a reversed inner one (so the
    /// non-zero rule leaves the middle empty), each as fine as `circle` makes it (`fromTable` as
    /// there).
    ///
    /// This is the stroke of the true circle; stroking the circle's polygon segment by segment
    /// with round joins gave nearly the same pixels from 20 to 60 pieces per marker, which made
    /// scatter markers the largest cost of a 300-point figure.
    static func ring(_ c: Point, _ r: Double, width: Double, fromTable: Bool = true) -> [[Point]] {
        let hw = width / 2
        let outer = circle(c, r + hw, fromTable: fromTable)
        guard r - hw > 0 else { return [outer] }
        return [outer, circle(c, r - hw, fromTable: fromTable).reversed()]
    }

    /// The polygon with positive signed area (reversed when needed).
    static func oriented(_ p: [Point]) -> [Point] {
        var area = 0.0
        for i in 0..<p.count {
            let a = p[i], b = p[(i + 1) % p.count]
            area += a.x * b.y - b.x * a.y
        }
        return area < 0 ? p.reversed() : p
    }
}
