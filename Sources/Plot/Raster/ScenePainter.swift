/// Walks scene items and paints them with device-pixel geometry, within a clip: one band of
/// rows at a time, by the canvas's bands and the PNG encoder's. One painter keeps its coverage
/// buffers and marker sprites from band to band.
struct ScenePainter {
    let scale: Double
    /// Coverage buffers shared by every fill of the render.
    private var raster = CoverageRasterizer()
    /// Markers rasterised so far, by size (nil: too large to stamp). A figure has one or a few
    /// sizes, so a list searched in order serves; a dictionary keyed by `MarkerSprite.Key` cost
    /// a new process about 0.1 ms per band, in the runtime's first conformance lookup for it.
    private var sprites: [SpriteSlot] = []

    /// A marker size and its sprite (nil: too large to stamp). A struct, not a tuple: a list
    /// of tuples was copied through the runtime's generic tuple witnesses on every lookup.
    private struct SpriteSlot {
        let key: MarkerSprite.Key
        let sprite: MarkerSprite?
    }

    init(scale: Double) { self.scale = scale }

    func device(_ p: Point) -> Point { Point(p.x * scale, p.y * scale) }

    mutating func paint(_ items: [SceneItem], clip: IntRect, on canvas: CanvasView) {
        for item in items {
            switch item {
            case .fill(let path, let color):
                let polys = path.mapped(device).flattened(tolerance: 0.15).map(\.points)
                fill(polys, color: color, clip: clip, on: canvas)
            case .stroke(let path, let stroke):
                stroked(path.mapped(device), stroke, clip: clip, on: canvas)
            case .circle(let center, let radius, let fillColor, let stroke):
                // Centres snap to whole device pixels, so markers of one size are stamped from
                // one rasterised copy and come out identical (see `MarkerSprite`). A circle
                // centred beyond 10^7 device pixels or of no finite size draws nothing, and an
                // outline of no finite width, or of none, is left out.
                let c = device(center), r = radius * scale
                let strokeWidth = (stroke?.width ?? 0) * scale
                let outline = strokeWidth.isFinite && strokeWidth != 0 ? stroke : nil
                let width = outline == nil ? 0 : strokeWidth
                guard c.x.isFinite, c.y.isFinite, abs(c.x) < 1e7, abs(c.y) < 1e7, r.isFinite else { continue }
                let (x, y) = (Int(c.x.rounded()), Int(c.y.rounded()))
                // Markers outside this band's rows need no pixels (each band sees them all).
                let reach = r + width + 2
                if Double(y) + reach < Double(clip.y0) || Double(y) - reach > Double(clip.y1) { continue }
                if let sprite = sprite(MarkerSprite.Key(radius: r, strokeWidth: width)) {
                    sprite.stamp(x: x, y: y, fill: fillColor.map(Ink.init), outline: outline.map { Ink($0.color) },
                                 clip: clip, on: canvas)
                    continue
                }
                let snapped = Point(Double(x), Double(y))
                if let f = fillColor {
                    fill([Stroker.circle(snapped, r)], color: f, clip: clip, on: canvas)
                }
                if let s = outline {
                    fill(Stroker.ring(snapped, r, width: width), color: s.color, clip: clip, on: canvas)
                }
            case .text(let t):
                let path = TextLayout.outline(t).mapped(device)
                fill(path.flattened(tolerance: 0.1).map(\.points), color: t.color, clip: clip, on: canvas)
            case .image(let img, let rect, let interpolation):
                let r = Rect(x: rect.x * scale, y: rect.y * scale, width: rect.width * scale,
                             height: rect.height * scale)
                canvas.draw(img, in: r, clip: clip, interpolation: interpolation)
            case .clipped(let rect, let inner):
                func px(_ v: Double) -> Int { Int(min(1e7, max(-1e7, (v * scale).rounded()))) }
                let r = IntRect(x0: px(rect.x), y0: px(rect.y), x1: px(rect.maxX), y1: px(rect.maxY))
                let c = clip.intersection(r)
                if !c.isEmpty { paint(inner, clip: c, on: canvas) }
            }
        }
    }

    /// The stamp for markers of one size, rasterised on first use.
    private mutating func sprite(_ key: MarkerSprite.Key) -> MarkerSprite? {
        if let known = sprites.first(where: { $0.key == key }) { return known.sprite }
        let made = MarkerSprite(key, raster: &raster)
        sprites.append(SpriteSlot(key: key, sprite: made))
        return made
    }

    private mutating func stroked(_ path: Path, _ s: Stroke, clip: IntRect, on canvas: CanvasView) {
        let width = max(1, s.width * scale)
        var polys: [[Point]] = []
        for sub in path.flattened(tolerance: 0.15) {
            var pieces: [(points: [Point], closed: Bool)] = [sub]
            if !s.dash.isEmpty {
                var pts = sub.points
                if sub.closed, let f = pts.first { pts.append(f) }
                pieces = Stroker.dashed(pts, pattern: s.dash.map { $0 * scale }).map { ($0, false) }
            }
            for piece in pieces {
                polys += Stroker.polygons(piece.points, closed: piece.closed, width: width, cap: s.cap,
                                          join: s.join)
            }
        }
        // Hairlines thinner than a device pixel are drawn one pixel wide, lighter.
        var color = s.color
        if s.width * scale < 1 { color = color.withAlpha(color.alpha * max(0, s.width * scale)) }
        fill(polys, color: color, clip: clip, on: canvas)
    }

    private mutating func fill(_ polys: [[Point]], color: Color, clip: IntRect, on canvas: CanvasView) {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for poly in polys {
            for p in poly {
                minX = min(minX, p.x); minY = min(minY, p.y)
                maxX = max(maxX, p.x); maxY = max(maxY, p.y)
            }
        }
        guard minX.isFinite, maxX.isFinite, minY.isFinite, maxY.isFinite else { return }
        // Clamped to the clip before converting, so far-away geometry cannot overflow Int.
        func clamp(_ v: Double, _ lo: Int, _ hi: Int) -> Int { Int(min(Double(hi), max(Double(lo), v))) }
        let box = IntRect(x0: clamp(minX.rounded(.down), clip.x0, clip.x1), y0: clamp(minY.rounded(.down), clip.y0, clip.y1),
                          x1: clamp(maxX.rounded(.up) + 1, clip.x0, clip.x1), y1: clamp(maxY.rounded(.up) + 1, clip.y0, clip.y1))
        guard !box.isEmpty else { return }
        raster.fill(polys, in: box, ink: Ink(color), on: canvas)
    }
}
