import Foundation

/// Turns series into scene items through an axes transform, remembering where points landed
/// (for the legend's "best" placement).
struct SeriesPainter {
    let transform: AxesTransform
    /// Screen positions of drawn data points (sampled).
    private(set) var screenPoints: [Point] = []

    init(transform: AxesTransform) { self.transform = transform }

    private mutating func remember(_ p: Point) {
        if screenPoints.count < 20000 { screenPoints.append(p) }
    }

    /// The screen rectangle of a data extent.
    private func rect(_ e: Extent) -> Rect {
        let t = transform
        let x0 = t.x(e.xMin), x1 = t.x(e.xMax)
        let ya = t.logY ? t.plot.maxY : t.y(e.yMin), yb = t.logY ? t.plot.y : t.y(e.yMax)
        return Rect(x: min(x0, x1), y: min(ya, yb), width: abs(x1 - x0), height: abs(yb - ya))
    }

    func raster(_ r: RasterSeries) -> [SceneItem] { [.image(r.image, rect(r.extent), r.interpolation)] }

    /// Filled bands between contour levels: the lowest band's colour over the whole extent,
    /// then each level's superlevel set (`f >= level`) in the next band's colour on top, so
    /// neighbouring bands meet without seams.
    func contourBands(_ c: ContourSeries) -> [SceneItem] {
        let finite = c.values.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        let levels = c.levels.filter { $0 > lo && $0 < hi }.sorted()
        let bounds = [lo] + levels + [hi]
        let colors = (0..<(bounds.count - 1)).map { b -> Color in
            let mid = (bounds[b] + bounds[b + 1]) / 2
            return c.colormap.color(hi > lo ? (mid - lo) / (hi - lo) : 0.5)
        }
        let dx = (c.extent.xMax - c.extent.xMin) / Double(c.columns - 1)
        let dy = (c.extent.yMax - c.extent.yMin) / Double(c.rows - 1)
        func screen(_ p: Point) -> Point { transform.point(c.extent.xMin + p.x * dx, c.extent.yMin + p.y * dy) }
        var items: [SceneItem] = [.fill(.rect(rect(c.extent)), colors[0])]
        for (k, level) in levels.enumerated() {
            var path = Path()
            for poly in Isobands.superlevel(c.values, rows: c.rows, columns: c.columns, level: level) {
                path.append(.polyline(poly.map(screen), closed: true))
            }
            if !path.elements.isEmpty { items.append(.fill(path, colors[k + 1])) }
        }
        return items
    }

    static func bilinear(_ v: [Double], _ cols: Int, _ rows: Int, _ gx: Double, _ gy: Double) -> Double {
        let i = min(cols - 2, max(0, Int(gx))), j = min(rows - 2, max(0, Int(gy)))
        let tx = gx - Double(i), ty = gy - Double(j)
        let a = v[j * cols + i], b = v[j * cols + i + 1], c = v[(j + 1) * cols + i], d = v[(j + 1) * cols + i + 1]
        return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty
    }

    func contourLines(_ c: ContourSeries) -> [SceneItem] {
        let finite = c.values.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        let dx = (c.extent.xMax - c.extent.xMin) / Double(c.columns - 1)
        let dy = (c.extent.yMax - c.extent.yMin) / Double(c.rows - 1)
        var items: [SceneItem] = []
        for level in c.levels {
            var path = Path()
            for line in MarchingSquares.lines(c.values, rows: c.rows, columns: c.columns, level: level) {
                path.append(.polyline(line.map {
                    transform.point(c.extent.xMin + $0.x * dx, c.extent.yMin + $0.y * dy)
                }))
            }
            if path.elements.isEmpty { continue }
            let color = c.lineColor ?? c.colormap.color(hi > lo ? (level - lo) / (hi - lo) : 0.5)
            items.append(.stroke(path, Stroke(color: color, width: c.filled ? 0.8 : 1.5, join: .round)))
        }
        return items
    }

    func bars(_ b: BarSeries, color: Color) -> [SceneItem] {
        var items: [SceneItem] = []
        let base = transform.logY ? transform.yLo : 0
        for (i, h) in b.heights.enumerated() where i + 1 < b.edges.count && h.isFinite {
            if transform.logY && h <= 0 { continue }
            let x0 = transform.x(b.edges[i]), x1 = transform.x(b.edges[i + 1])
            let y0 = transform.y(base), y1 = transform.y(h)
            let r = Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0))
            items.append(.fill(.rect(r), color))
        }
        // Thin white separators between bars, like edgecolor="white".
        var sep = Path()
        for e in b.edges.dropFirst().dropLast() {
            sep.move(to: Point(transform.x(e), transform.plot.y))
            sep.line(to: Point(transform.x(e), transform.plot.maxY))
        }
        if !sep.elements.isEmpty, b.edges.count < 200 {
            items.append(.clipped(transform.plot, [.stroke(sep, Stroke(color: .white, width: 0.8))]))
        }
        return items
    }

    /// Polylines through the drawable points, broken at gaps.
    private mutating func pieces(_ x: [Double], _ y: [Double]) -> [[Point]] {
        var out: [[Point]] = []
        var current: [Point] = []
        for i in 0..<min(x.count, y.count) {
            if transform.drawable(x[i], y[i]) {
                let p = transform.point(x[i], y[i])
                current.append(p)
                if i % max(1, x.count / 2000) == 0 { remember(p) }
            } else if !current.isEmpty {
                out.append(current)
                current = []
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static func dash(_ style: LineStyle, width: Double) -> (dash: [Double], cap: Stroke.Cap) {
        switch style.dash {
        case .dashed: return ([3.7 * width, 1.6 * width], .butt)
        case .dotted: return ([0.1, 1.65 * width], .round)
        default: return ([], .round)
        }
    }

    mutating func line(_ l: LineSeries, color: Color) -> [SceneItem] {
        var items: [SceneItem] = []
        let pcs = pieces(l.x, l.y)
        if l.style.dash != .none {
            var path = Path()
            for p in pcs { path.append(p.count == 1 ? .polyline([p[0], p[0]]) : .polyline(p)) }
            let (dash, cap) = Self.dash(l.style, width: l.width)
            items.append(.stroke(path, Stroke(color: color, width: l.width, dash: dash, cap: cap, join: .round)))
        }
        if l.style.markers {
            let r = max(2.5, l.width * 1.6)
            for p in pcs.joined() { items.append(.circle(center: p, radius: r, fill: color, stroke: nil)) }
        }
        return items
    }

    mutating func scatter(_ s: ScatterSeries, color: Color) -> [SceneItem] {
        var items: [SceneItem] = []
        let edge: Stroke? = s.x.count <= 3000 ? Stroke(color: .white, width: 0.6) : nil
        for i in 0..<min(s.x.count, s.y.count) where transform.drawable(s.x[i], s.y[i]) {
            let p = transform.point(s.x[i], s.y[i])
            remember(p)
            let c = s.classes.map { Palette.color($0[i]) } ?? color
            items.append(.circle(center: p, radius: s.radius, fill: c.withAlpha(0.9), stroke: edge))
        }
        return items
    }

    mutating func path(_ p: PathSeries, color: Color) -> [SceneItem] {
        var items: [SceneItem] = []
        let pts = pieces(p.x, p.y).flatMap { $0 }
        guard let first = pts.first, let last = pts.last else { return [] }
        items.append(.stroke(.polyline(pts), Stroke(color: color, width: 1.8, cap: .round, join: .round)))
        for q in pts.dropFirst().dropLast() { items.append(.circle(center: q, radius: 2.2, fill: color, stroke: nil)) }
        // Arrowheads at segment midpoints, on at most ~25 segments.
        let every = max(1, (pts.count - 1) / 25)
        var arrows = Path()
        for i in stride(from: 0, to: pts.count - 1, by: every) {
            let a = pts[i], b = pts[i + 1]
            let d = b - a
            let len = d.length
            if len < 14 { continue }
            let u = Point(d.x / len, d.y / len), n = Point(-u.y, u.x)
            let tip = a + d * 0.5 + u * 4.5
            let size = 9.0, half = 4.0
            arrows.append(.polyline([tip, tip - u * size + n * half, tip - u * size - n * half], closed: true))
        }
        if !arrows.elements.isEmpty { items.append(.fill(arrows, color)) }
        items.append(.circle(center: first, radius: 5, fill: .white, stroke: Stroke(color: color, width: 2)))
        items.append(.circle(center: last, radius: 5, fill: color, stroke: Stroke(color: .white, width: 1)))
        return items
    }
}
