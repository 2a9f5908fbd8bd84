/// Filled contours by marching squares: the region where a sampled function is at least a
/// level, traced as closed outlines in grid coordinates.
///
/// Each cell contributes the polygon of its part above the level (values interpolated
/// linearly along cell edges, saddles resolved by the centre value as `MarchingSquares` does).
/// Vertices are named by grid corner or grid edge, so an edge shared by two cells cancels
/// exactly; the edges left over are the region's outline, chained into loops. Band edges thus
/// pass through the same points as the contour lines, and SVG paths stay short.
enum Isobands {
    /// Outlines of `f >= level` (counter-clockwise in grid coordinates; holes clockwise).
    /// - Parameters:
    ///   - values: Row-major samples (`rows * columns`), row j at y index j.
    ///   - rows: Grid rows.
    ///   - columns: Grid columns.
    ///   - level: The level.
    /// - Returns: Closed loops (x = column, y = row, fractional), to fill with non-zero winding.
    static func superlevel(_ values: [Double], rows: Int, columns: Int, level: Double) -> [[Point]] {
        guard rows > 1, columns > 1, values.count >= rows * columns else { return [] }
        func v(_ i: Int, _ j: Int) -> Double { values[j * columns + i] }
        // Vertex keys: 3 * (j * columns + i) + 0 corner, + 1 crossing on the horizontal edge
        // (i, j)-(i+1, j), + 2 crossing on the vertical edge (i, j)-(i, j+1).
        func corner(_ i: Int, _ j: Int) -> Int { 3 * (j * columns + i) }
        func hCross(_ i: Int, _ j: Int) -> Int { 3 * (j * columns + i) + 1 }
        func vCross(_ i: Int, _ j: Int) -> Int { 3 * (j * columns + i) + 2 }
        var edges: [Int: Int] = [:]   // (from << 32 | to) -> count
        func add(_ poly: [Int]) {
            for k in 0..<poly.count {
                let a = poly[k], b = poly[(k + 1) % poly.count]
                if a == b { continue }
                let reverse = b << 32 | a
                if let n = edges[reverse] {
                    if n == 1 { edges[reverse] = nil } else { edges[reverse] = n - 1 }
                } else {
                    edges[a << 32 | b, default: 0] += 1
                }
            }
        }
        for j in 0..<(rows - 1) {
            for i in 0..<(columns - 1) {
                let a = v(i, j), b = v(i + 1, j), c = v(i + 1, j + 1), d = v(i, j + 1)
                guard a.isFinite, b.isFinite, c.isFinite, d.isFinite else { continue }
                let ins = [a >= level, b >= level, c >= level, d >= level]
                let count = ins.filter { $0 }.count
                if count == 0 { continue }
                // Corners counter-clockwise and the crossing key of the side after each.
                let corners = [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)]
                let sides = [hCross(i, j), vCross(i + 1, j), hCross(i, j + 1), vCross(i, j)]
                if count == 2 && ins[0] == ins[2] && (a + b + c + d) / 4 < level {
                    // Saddle with a low centre: two separate corner pieces.
                    for k in 0..<4 where ins[k] {
                        add([corners[k], sides[k], sides[(k + 3) % 4]])
                    }
                    continue
                }
                var poly: [Int] = []
                for k in 0..<4 {
                    if ins[k] { poly.append(corners[k]) }
                    if ins[k] != ins[(k + 1) % 4] { poly.append(sides[k]) }
                }
                add(poly)
            }
        }
        // Chain the remaining directed edges into loops.
        var outgoing: [Int: [Int]] = [:]
        for (key, n) in edges.sorted(by: { $0.key < $1.key }) {
            for _ in 0..<n { outgoing[key >> 32, default: []].append(key & 0xFFFF_FFFF) }
        }
        var loops: [[Int]] = []
        for start in outgoing.keys.sorted() {
            while let first = outgoing[start]?.popLast() {
                var loop = [start]
                var current = first
                var guardCount = 0
                while current != start, guardCount < edges.count + 4 {
                    loop.append(current)
                    guard let next = outgoing[current]?.popLast() else { break }
                    current = next
                    guardCount += 1
                }
                if loop.count >= 3 { loops.append(loop) }
            }
        }
        func point(_ key: Int) -> Point {
            let cell = key / 3, kind = key % 3
            let i = cell % columns, j = cell / columns
            switch kind {
            case 0: return Point(Double(i), Double(j))
            case 1:
                let fa = v(i, j), fb = v(i + 1, j)
                return Point(Double(i) + (fa == fb ? 0.5 : (level - fa) / (fb - fa)), Double(j))
            default:
                let fa = v(i, j), fb = v(i, j + 1)
                return Point(Double(i), Double(j) + (fa == fb ? 0.5 : (level - fa) / (fb - fa)))
            }
        }
        return loops.map { loop in
            // Drop corners in the middle of straight runs along the grid border.
            var kept: [Int] = []
            for (k, key) in loop.enumerated() {
                let prev = loop[(k + loop.count - 1) % loop.count], next = loop[(k + 1) % loop.count]
                if key % 3 == 0 && prev % 3 == 0 && next % 3 == 0 {
                    let p = point(prev), q = point(key), r = point(next)
                    if (p.x == q.x && q.x == r.x) || (p.y == q.y && q.y == r.y) { continue }
                }
                kept.append(key)
            }
            return kept.map(point)
        }
    }
}
