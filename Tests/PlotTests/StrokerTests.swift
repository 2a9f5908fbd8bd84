import Foundation
import Testing
@testable import Plot

// Stroked polylines: strips across gentle turns, join pieces at sharp ones.

/// Total ink of black polygons filled on a white canvas, in pixels of full coverage.
private func ink(of polys: [[Point]], width: Int = 160, height: Int = 160) -> Double {
    var canvas = Canvas(width: width, height: height, background: .white)
    var raster = CoverageRasterizer()
    raster.fill(polys, in: IntRect(x0: 0, y0: 0, x1: width, y1: height), ink: Ink(.black), on: &canvas)
    return canvas.rgbBytes().reduce(0.0) { $0 + Double(255 - Int($1)) } / (3 * 255)
}

/// `count` points on a quarter circle of radius `r` about (`cx`, `cy`).
private func arc(count: Int, r: Double, cx: Double = 20, cy: Double = 20) -> [Point] {
    (0..<count).map { k in
        let t = Double(k) / Double(count - 1) * Double.pi / 2
        return Point(cx + r * cos(t), cy + r * sin(t))
    }
}

@Test func finelySampledCurveIsOneStripWithItsExactArea() {
    // 400 points on a quarter circle turn by 0.2 degrees at each vertex: one strip, no joins.
    let points = arc(count: 400, r: 100)
    let polys = Stroker.polygons(points, closed: false, width: 4, cap: .butt, join: .round)
    #expect(polys.count == 1)
    // The stroke is a quarter annulus between radii 98 and 102: (π/4)(102² - 98²) = 200π.
    // Rectangles and round joins per segment added their overlaps at the line's edge.
    let exact = 200 * Double.pi
    let covered = ink(of: polys)
    #expect(abs(covered - exact) < exact * 0.01, "ink \(covered), exact \(exact)")
}

@Test func collinearPointsStrokeLikeTheirEndpoints() {
    // Steps of (2, 1.5), whose unit vectors' dot product is exactly 1, and of (1.5, 1.5) and
    // (1.6, 0.4), where it rounds to just above 1 at most vertices.
    for step in [Point(2, 1.5), Point(1.5, 1.5), Point(1.6, 0.4)] {
        let many = (0...60).map { Point(20, 10.5) + step * Double($0) }
        let two = [many[0], many[60]]
        #expect(Stroker.polygons(many, closed: false, width: 3, cap: .butt, join: .round).count == 1,
                "step \(step)")
        for cap in [Stroke.Cap.butt, .square, .round] {
            let a = Stroker.polygons(many, closed: false, width: 3, cap: cap, join: .round)
            let b = Stroker.polygons(two, closed: false, width: 3, cap: cap, join: .round)
            #expect(abs(ink(of: a) - ink(of: b)) < 0.05, "step \(step), cap \(cap)")
        }
    }
}

@Test func sharpCornersStillGetTheirJoins() {
    // A right angle at (100, 40): the outside of the corner is filled by the round join (a
    // quarter of the 12-gon that stands for a disc of radius 5: 18.75 square pixels), the
    // miter (a 5 x 5 square) or the bevel (half of it).
    let corner = [Point(20, 40), Point(100, 40), Point(100, 120)]
    let bevel = Stroker.polygons(corner, closed: false, width: 10, cap: .butt, join: .bevel)
    let round = Stroker.polygons(corner, closed: false, width: 10, cap: .butt, join: .round)
    let miter = Stroker.polygons(corner, closed: false, width: 10, cap: .butt, join: .miter)
    // Two 80 x 10 arms share a 5 x 5 square; the bevel adds the triangle beyond it.
    let bevelInk = ink(of: bevel)
    #expect(abs(bevelInk - (80 * 10 + 80 * 10 - 25 + 12.5)) < 1)
    #expect(abs(ink(of: round) - (bevelInk - 12.5 + 18.75)) < 1)
    #expect(abs(ink(of: miter) - (bevelInk + 12.5)) < 1)
}

@Test func stripsCrossGentleZigzagsButNotFoldingOnes() {
    // A zigzag of `count` steps of `step` pixels, heading ±0.045 rad: it turns by 0.09 rad
    // at every vertex, under `Stroker.stripTurn`.
    func zigzag(step: Double, count: Int) -> [Point] {
        var points = [Point(20, 80)]
        for k in 0..<count {
            let angle = k % 2 == 0 ? 0.045 : -0.045
            points.append(points[points.count - 1] + Point(cos(angle), sin(angle)) * step)
        }
        return points
    }
    // One-pixel steps: one strip, whose ink is the width times the polyline's length.
    let gentle = zigzag(step: 1, count: 100)
    let strip = Stroker.polygons(gentle, closed: false, width: 6, cap: .butt, join: .round)
    #expect(strip.count == 1)
    #expect(abs(ink(of: strip) - 6 * 100) < 6)
    // Steps of 0.05 pixels: a mitre point would lie 0.135 pixels along each segment, past its
    // far end, and fold the strip's inner side over itself; those vertices end their strips
    // and get joins instead.
    let tight = zigzag(step: 0.05, count: 100)
    #expect(Stroker.polygons(tight, closed: false, width: 6, cap: .butt, join: .round).count > 100)
}

/// Marker sprites compute their circle instead of building the shared table; both must be the
/// polygon of cos(2πk/n), sin(2πk/n) with 8 to 64 vertices by size, so stamped markers keep the
/// pixels of filled circles.
@Test func circlesComputedOnTheSpotMatchTheTable() {
    let c = Point(3.25, -7.5)
    for r in stride(from: 0.5, through: 30, by: 0.37) {
        let n = max(8, min(64, Int(r * 2.5)))
        let expected = (0..<n).map { k -> Point in
            let t = Double(k) / Double(n) * 2 * Double.pi
            return Point(c.x + r * cos(t), c.y + r * sin(t))
        }
        #expect(Stroker.circle(c, r, fromTable: false) == expected, "radius \(r)")
        #expect(Stroker.circle(c, r) == expected, "radius \(r)")
        #expect(Stroker.ring(Point(1, 2), r, width: 1.5, fromTable: false) == Stroker.ring(Point(1, 2), r, width: 1.5))
    }
}
