/// Contour lines of a sampled function by marching squares, joined into polylines.
enum MarchingSquares {
    /// The polylines where the grid's bilinear interpolant crosses `level`.
    /// - Parameters:
    ///   - values: Row-major samples (`rows * columns`), row j at y index j.
    ///   - rows: Grid rows.
    ///   - columns: Grid columns.
    ///   - level: The contour level.
    /// - Returns: Polylines in grid coordinates (x = column, y = row, fractional).
    static func lines(_ values: [Double], rows: Int, columns: Int, level: Double) -> [[Point]] {
        guard rows > 1, columns > 1, values.count >= rows * columns else { return [] }
        // Crossing points are keyed by the grid edge they lie on, so pieces join exactly.
        // Horizontal edge (i, j)-(i+1, j): key 2 * (j * columns + i); vertical (i, j)-(i, j+1): +1.
        func v(_ i: Int, _ j: Int) -> Double { values[j * columns + i] }
        func point(_ key: Int) -> Point {
            let cell = key / 2
            let i = cell % columns, j = cell / columns
            if key % 2 == 0 {
                let a = v(i, j), b = v(i + 1, j)
                let t = a == b ? 0.5 : (level - a) / (b - a)
                return Point(Double(i) + t, Double(j))
            }
            let a = v(i, j), b = v(i, j + 1)
            let t = a == b ? 0.5 : (level - a) / (b - a)
            return Point(Double(i), Double(j) + t)
        }
        var segments: [(Int, Int)] = []
        for j in 0..<(rows - 1) {
            for i in 0..<(columns - 1) {
                let a = v(i, j), b = v(i + 1, j), c = v(i + 1, j + 1), d = v(i, j + 1)
                guard a.isFinite, b.isFinite, c.isFinite, d.isFinite else { continue }
                let bottom = 2 * (j * columns + i), top = 2 * ((j + 1) * columns + i)
                let left = 2 * (j * columns + i) + 1, right = 2 * (j * columns + i + 1) + 1
                var index = 0
                if a >= level { index |= 1 }
                if b >= level { index |= 2 }
                if c >= level { index |= 4 }
                if d >= level { index |= 8 }
                switch index {
                case 0, 15: break
                case 1, 14: segments.append((left, bottom))
                case 2, 13: segments.append((bottom, right))
                case 3, 12: segments.append((left, right))
                case 4, 11: segments.append((right, top))
                case 6, 9: segments.append((bottom, top))
                case 7, 8: segments.append((left, top))
                case 5, 10:
                    // Saddle: the centre value decides which corners connect.
                    let centreHigh = (a + b + c + d) / 4 >= level
                    if (index == 5) == centreHigh {
                        segments.append((left, top))
                        segments.append((bottom, right))
                    } else {
                        segments.append((left, bottom))
                        segments.append((right, top))
                    }
                default: break
                }
            }
        }
        return join(segments).map { $0.map(point) }
    }

    /// Chains segments sharing endpoints into polylines.
    private static func join(_ segments: [(Int, Int)]) -> [[Int]] {
        var adjacency: [Int: [Int]] = [:]
        for (k, s) in segments.enumerated() {
            adjacency[s.0, default: []].append(k)
            adjacency[s.1, default: []].append(k)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var result: [[Int]] = []
        func other(_ seg: Int, _ end: Int) -> Int { segments[seg].0 == end ? segments[seg].1 : segments[seg].0 }
        func extend(_ chain: inout [Int]) {
            while let last = chain.last, let next = adjacency[last]?.first(where: { !used[$0] }) {
                used[next] = true
                chain.append(other(next, last))
            }
        }
        for (k, s) in segments.enumerated() where !used[k] {
            used[k] = true
            var forward = [s.0, s.1]
            extend(&forward)
            var backward = [s.0]
            extend(&backward)
            result.append(backward.reversed() + forward.dropFirst())
        }
        return result
    }
}
