/// Anti-aliased polygon fills by signed-area accumulation (the font-rs method), a strip of
/// rows at a time.
///
/// Every edge adds, to each pixel it crosses, the signed area it sweeps to its right; a running
/// sum along each row then gives the winding number integrated over the pixel. Coverage is
/// `min(1, |sum|)`, which is the non-zero winding rule with exact area anti-aliasing wherever
/// edges do not cross inside a pixel.
///
/// One rasteriser serves a whole render and keeps its buffers: the areas of `stripRows` rows at
/// a time (edges are bucketed by the strip they start in), each row's touched columns, and the
/// edge list. Before, every fill zeroed a float mask over its bounding box, and a loss curve or
/// the axes frame spans the whole plot (3.5 MB each at 2x), all of it fresh memory in a new
/// process. Painting skips runs of zero area at once: inside them the coverage is constant, so
/// a run is one store or one blend per pixel with no summing.
struct CoverageRasterizer {
    /// Rows accumulated at a time. Sixteen, not 32: the area buffer of a fill as wide as a 2x
    /// figure's plot is 82 KB instead of 164 KB, fresh pages in each painting thread of a new
    /// process (about 20 fewer page faults per thread; same pixels, and the benchmark
    /// figures' times within noise).
    static let stripRows = 16
    /// Coverage at or below this paints nothing (about half of one 8-bit level). `MarkerSprite`
    /// uses it too, so a stamped marker has the pixels of the same circle filled here. A
    /// computed constant, not a stored `static let`, so hot loops need no lazy-init check.
    static var visibleCoverage: Float { 0.002 }

    /// One edge, top to bottom, relative to the fill's box, with x already inside 0...width.
    private struct Edge {
        var x0: Double, y0: Double, y1: Double, dxdy: Double
        var dir: Float
    }

    private var edges: [Edge] = []
    /// Edge indices ordered by the strip they start in; `bucketStart[s]` is strip s's first.
    private var order: [Int32] = []
    private var bucketStart: [Int] = []
    private var active: [Int32] = []
    /// Accumulated signed areas of one strip, `(width + 2)` per row.
    private var acc: [Float] = []
    /// Per strip row, the first and one past the last `acc` column any edge touched.
    private var first = [Int32](repeating: Int32.max, count: stripRows)
    private var end = [Int32](repeating: 0, count: stripRows)

    /// Fills polygons (device pixels, non-zero winding) with an ink, inside a box of the canvas.
    /// - Parameters:
    ///   - polys: Closed polygons.
    ///   - box: The device pixels that may be painted (already clipped to the canvas).
    ///   - ink: The colour.
    ///   - canvas: The canvas to paint.
    mutating func fill(_ polys: [[Point]], in box: IntRect, ink: Ink, on canvas: inout Canvas) {
        canvas.withView { fill(polys, in: box, ink: ink, on: $0) }
    }

    /// Fills polygons into a canvas view, inside a box; the box must lie inside the rows the
    /// view holds.
    mutating func fill(_ polys: [[Point]], in box: IntRect, ink: Ink, on canvas: CanvasView) {
        fill(polys, in: box, rows: box.y0..<box.y1, ink: ink, on: canvas)
    }

    /// Fills polygons inside a box, painting only some of its rows (one band of a parallel
    /// render): the rows of the box that `rows` holds must lie inside the rows the view holds.
    ///
    /// A row's coverage does not depend on which rows are painted: edges are placed relative
    /// to the whole box and accumulated a strip at a time from the box's top, whatever rows
    /// are asked for, so a band gets the very pixels a whole render gives. (The PNG encoder
    /// relies on it: a band's first rows are filtered against, and matched with, rows the band
    /// above painted; see `BandEncoder`.)
    /// - Parameters:
    ///   - polys: Closed polygons (device pixels, non-zero winding).
    ///   - box: The device pixels the polygons may cover (already clipped to the canvas).
    ///   - rows: The canvas rows to paint.
    ///   - ink: The colour.
    ///   - canvas: The canvas to paint.
    mutating func fill(_ polys: [[Point]], in box: IntRect, rows: Range<Int>, ink: Ink, on canvas: CanvasView) {
        let w = box.x1 - box.x0, h = box.y1 - box.y0
        // The rows to paint, counted from the box's top.
        let top = max(rows.lowerBound, box.y0), bottom = max(top, min(rows.upperBound, box.y1))
        let painted = (top - box.y0)..<(bottom - box.y0)
        guard w > 0, h > 0, !painted.isEmpty else { return }
        loadEdges(polys, origin: Point(Double(box.x0), Double(box.y0)), width: w, height: h)
        guard !edges.isEmpty else { return }
        let stride = w + 2
        let strips = (h + Self.stripRows - 1) / Self.stripRows
        if strips == 1 {
            // One strip (markers, glyphs, ticks): no bucketing.
            for e in edges { accumulate(e, rows: 0..<h, stride: stride, width: Double(w)) }
            for r in 0..<h {
                finishRow(r, paint: painted.contains(r), stride: stride, width: w, canvasX: box.x0, canvasY: box.y0 + r,
                          ink: ink, on: canvas)
            }
            return
        }
        bucket(strips: strips)
        active.removeAll(keepingCapacity: true)
        for s in 0..<strips {
            let sy0 = s * Self.stripRows, sy1 = min(h, sy0 + Self.stripRows)
            if sy0 >= painted.upperBound { break }
            // Strips above the rows painted only keep the active edges up to date.
            let wanted = sy1 > painted.lowerBound
            for k in bucketStart[s]..<bucketStart[s + 1] { active.append(order[k]) }
            var kept = 0
            for k in 0..<active.count {
                let e = edges[Int(active[k])]
                if wanted { accumulate(e, rows: sy0..<sy1, stride: stride, width: Double(w)) }
                if e.y1 > Double(sy1) {
                    active[kept] = active[k]
                    kept += 1
                }
            }
            active.removeLast(active.count - kept)
            guard wanted else { continue }
            for r in 0..<(sy1 - sy0) {
                finishRow(r, paint: painted.contains(sy0 + r), stride: stride, width: w, canvasX: box.x0,
                          canvasY: box.y0 + sy0 + r, ink: ink, on: canvas)
            }
        }
    }

    /// The coverage (0...1) of polygons over a `width x height` box at the origin: the numbers
    /// `fill` paints with, kept instead of painted (a marker rasterised once, then stamped).
    /// - Parameters:
    ///   - polys: Closed polygons in the box's pixels (non-zero winding).
    ///   - w: Box width in pixels.
    ///   - h: Box height in pixels.
    /// - Returns: `w * h` coverages, row by row.
    mutating func coverage(of polys: [[Point]], width w: Int, height h: Int) -> [Float] {
        var mask = [Float](repeating: 0, count: max(0, w * h))
        guard w > 0, h > 0 else { return mask }
        loadEdges(polys, origin: Point(0, 0), width: w, height: h)
        let rowStride = w + 2
        for sy0 in stride(from: 0, to: h, by: Self.stripRows) {
            let sy1 = min(h, sy0 + Self.stripRows)
            for e in edges { accumulate(e, rows: sy0..<sy1, stride: rowStride, width: Double(w)) }
            for r in 0..<(sy1 - sy0) {
                let line = r * rowStride, out = (sy0 + r) * w
                var sum: Float = 0
                for x in 0..<w {
                    sum += acc[line + x]
                    mask[out + x] = min(1, abs(sum))
                }
                for i in line..<(line + rowStride) { acc[i] = 0 }
                first[r] = Int32.max
                end[r] = 0
            }
        }
        return mask
    }

    /// Replaces the edge list with the polygons' edges relative to a box's `origin`, clipped to
    /// its `width x height`, and makes the area buffer hold a strip of rows that wide.
    private mutating func loadEdges(_ polys: [[Point]], origin: Point, width w: Int, height h: Int) {
        edges.removeAll(keepingCapacity: true)
        for poly in polys where poly.count > 2 {
            var prev = poly[poly.count - 1]
            for p in poly {
                addEdge(Point(prev.x - origin.x, prev.y - origin.y), Point(p.x - origin.x, p.y - origin.y),
                        width: Double(w), height: Double(h))
                prev = p
            }
        }
        if acc.count < (w + 2) * Self.stripRows {
            acc = [Float](repeating: 0, count: (w + 2) * Self.stripRows)
        }
    }

    /// Adds one directed polygon edge. Parts left of the box become vertical edges at x = 0
    /// (they still change the winding of everything to their right) and parts right of it
    /// vertical edges at x = width.
    private mutating func addEdge(_ a: Point, _ b: Point, width w: Double, height h: Double) {
        guard a.y != b.y, a.y.isFinite, b.y.isFinite, a.x.isFinite, b.x.isFinite else { return }
        let (p0, p1, dir): (Point, Point, Float) = a.y < b.y ? (a, b, 1) : (b, a, -1)
        if p1.y <= 0 || p0.y >= h { return }
        if min(p0.x, p1.x) >= 0 && max(p0.x, p1.x) <= w {
            edges.append(Edge(x0: p0.x, y0: p0.y, y1: p1.y, dxdy: (p1.x - p0.x) / (p1.y - p0.y), dir: dir))
            return
        }
        // Split where the edge crosses x = 0 and x = w, and clamp each piece's ends.
        let dx = p1.x - p0.x
        var t1 = 1.0, t2 = 1.0
        if dx != 0 {
            let ta = (0 - p0.x) / dx, tb = (w - p0.x) / dx
            let lo = min(ta, tb), hi = max(ta, tb)
            if lo > 0 && lo < 1 { t1 = lo }
            if hi > 0 && hi < 1 { if t1 == 1 { t1 = hi } else { t2 = hi } }
        }
        var prevT = 0.0
        var prevPoint = Point(min(w, max(0, p0.x)), p0.y)
        for k in 0..<3 {
            let t = k == 0 ? t1 : (k == 1 ? t2 : 1.0)
            guard t > prevT else { continue }
            let q = t == 1 ? p1 : Point(p0.x + dx * t, p0.y + (p1.y - p0.y) * t)
            let qc = Point(min(w, max(0, q.x)), q.y)
            if qc.y > prevPoint.y {
                edges.append(Edge(x0: prevPoint.x, y0: prevPoint.y, y1: qc.y,
                                  dxdy: (qc.x - prevPoint.x) / (qc.y - prevPoint.y), dir: dir))
            }
            prevT = t
            prevPoint = qc
        }
    }

    /// Orders edges by the strip they start in (a counting sort).
    private mutating func bucket(strips: Int) {
        func strip(_ e: Edge) -> Int { min(strips - 1, Int(max(0, e.y0)) / Self.stripRows) }
        bucketStart.removeAll(keepingCapacity: true)
        bucketStart.append(contentsOf: repeatElement(0, count: strips + 1))
        for e in edges { bucketStart[strip(e) + 1] += 1 }
        for s in 0..<strips { bucketStart[s + 1] += bucketStart[s] }
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: repeatElement(0, count: edges.count))
        // Fill each bucket from its end, counting down, so bucketStart needs no copy.
        for i in stride(from: edges.count - 1, through: 0, by: -1) {
            let s = strip(edges[i])
            bucketStart[s + 1] -= 1
            order[bucketStart[s + 1]] = Int32(i)
        }
        // Now bucketStart[s + 1] is strip s's first index: shift back.
        bucketStart.removeFirst()
        bucketStart.append(edges.count)
    }

    /// Adds an edge's areas to the rows of one strip.
    @inline(__always)
    private mutating func accumulate(_ e: Edge, rows: Range<Int>, stride: Int, width w: Double) {
        let ya = max(e.y0, Double(rows.lowerBound)), yb = min(e.y1, Double(rows.upperBound))
        guard ya < yb else { return }
        // Clamped, so rounding in long, steep edges cannot step outside the row.
        var x = min(w, max(0, e.x0 + (ya - e.y0) * e.dxdy))
        let yStart = Int(ya.rounded(.down)), yEnd = Int(yb.rounded(.up))
        let dxdy = e.dxdy, dir = e.dir
        var y = yStart
        while y < yEnd {
            let r = y - rows.lowerBound
            let line = r * stride
            let dy = min(Double(y + 1), yb) - max(Double(y), ya)
            let xnext = min(w, max(0, x + dxdy * dy))
            let d = Float(dy) * dir
            let (xa, xb) = x < xnext ? (x, xnext) : (xnext, x)
            let xaFloor = xa.rounded(.down)
            let xai = Int(xaFloor)
            let xbCeil = xb.rounded(.up)
            let xbi = Int(xbCeil)
            first[r] = min(first[r], Int32(xai))
            end[r] = max(end[r], Int32(xbi + 1))
            if xbi <= xai + 1 {
                let xmf = Float(0.5 * (x + xnext) - xaFloor)
                acc[line + xai] += d - d * xmf
                acc[line + xai + 1] += d * xmf
            } else {
                let s = Float(1 / (xb - xa))
                let xaf = Float(xa - xaFloor)
                let a0 = 0.5 * s * (1 - xaf) * (1 - xaf)
                let xbf = Float(xb - xbCeil + 1)
                let am = 0.5 * s * xbf * xbf
                acc[line + xai] += d * a0
                if xbi == xai + 2 {
                    acc[line + xai + 1] += d * (1 - a0 - am)
                } else {
                    let a1 = s * (1.5 - xaf)
                    acc[line + xai + 1] += d * (a1 - a0)
                    var xi = xai + 2
                    while xi < xbi - 1 {
                        acc[line + xi] += d * s
                        xi += 1
                    }
                    let a2 = a1 + Float(xbi - xai - 3) * s
                    acc[line + xbi - 1] += d * (1 - a2 - am)
                }
                acc[line + xbi] += d * am
            }
            x = xnext
            y += 1
        }
    }

    /// The first column in `x..<end` of the strip row at `line` where an edge left area, or
    /// `end`: eight columns at a time, since a frame or grid lines leave long empty stretches
    /// between their edges in every row they cross.
    @inline(__always)
    private func nextArea(line: Int, from x: Int, to end: Int) -> Int {
        acc.withUnsafeBufferPointer { a in
            guard let base = a.baseAddress else { return end }
            assert(line + end <= a.count)
            var i = x
            while i + 8 <= end {
                let v = UnsafeRawPointer(base + line + i).loadUnaligned(as: SIMD8<Float>.self)
                if any(v .!= 0) { break }
                i += 8
            }
            while i < end && base[line + i] == 0 { i += 1 }
            return i
        }
    }

    /// Paints one strip row from its running sum of areas (unless `paint` is false: a row of
    /// the strip outside the rows asked for), then clears the row for reuse.
    @inline(__always)
    private mutating func finishRow(_ r: Int, paint: Bool, stride: Int, width w: Int, canvasX: Int, canvasY: Int, ink: Ink,
                                    on canvas: CanvasView) {
        let f = Int(first[r]), e = Int(end[r])
        guard f < e else { return }
        let line = r * stride
        let xEnd = paint ? min(w, e) : f
        var sum: Float = 0
        var x = f
        while x < xEnd {
            let v = acc[line + x]
            if v != 0 {
                sum += v
                let c = min(1, abs(sum))
                if c > Self.visibleCoverage { canvas.paint(y: canvasY, from: canvasX + x, to: canvasX + x + 1, ink: ink, coverage: c) }
                x += 1
            } else {
                // A run with no edges: constant coverage.
                let run = nextArea(line: line, from: x + 1, to: xEnd)
                let c = min(1, abs(sum))
                if c > Self.visibleCoverage { canvas.paint(y: canvasY, from: canvasX + x, to: canvasX + run, ink: ink, coverage: c) }
                x = run
            }
        }
        acc.withUnsafeMutableBufferPointer { UnsafeMutableBufferPointer(rebasing: $0[(line + f)..<(line + e)]).update(repeating: 0) }
        first[r] = Int32.max
        end[r] = 0
    }
}
