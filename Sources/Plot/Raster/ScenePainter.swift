/// Paints a scene's items with device-pixel geometry, one band of rows at a time: the canvas's
/// bands and the PNG encoder's.
///
/// The geometry (paths flattened, strokes and glyph outlines turned into polygons, markers
/// snapped and their sprites rasterised) is worked out once, on the first band a painter
/// paints, into a list of draws that every later band clips to its rows. A PNG encoder's
/// thread paints four bands of a 2x figure with one painter, and each band used to redo the
/// whole scene's geometry (flattening alone was 1.7% of a decision-boundary PNG's CPU). A
/// draw's pixels do not depend on the band: a fill is rasterised over its whole box (its
/// bounding box within its clip) and only the band's rows are painted, markers are stamped
/// from one mask, and images map each device pixel on its own.
struct ScenePainter {
    private let scale: Double
    private let items: [SceneItem]
    /// Coverage buffers shared by every fill of the render.
    private var raster = CoverageRasterizer()
    /// Markers rasterised so far, by size (nil: too large to stamp). A figure has one or a few
    /// sizes, so a list searched in order serves; a dictionary keyed by `MarkerSprite.Key` cost
    /// a new process about 0.1 ms per band, in the runtime's first conformance lookup for it.
    private var sprites: [SpriteSlot] = []
    /// The items in device pixels, made on the first band painted.
    private var draws: [Draw]?

    /// A marker size and its sprite (nil: too large to stamp). A struct, not a tuple: a list
    /// of tuples was copied through the runtime's generic tuple witnesses on every lookup.
    private struct SpriteSlot {
        let key: MarkerSprite.Key
        let sprite: MarkerSprite?
    }

    /// One item's paint in device pixels.
    private enum Draw {
        /// Polygons filled with an ink (non-zero winding), within `box`: their bounding box
        /// clipped to the item's clip.
        case polygons([[Point]], Ink, box: IntRect)
        /// A marker stamped at a device pixel; `reach` is how far its pixels go from the centre.
        case marker(MarkerSprite, x: Int, y: Int, reach: Double, fill: Ink?, outline: Ink?, clip: IntRect)
        /// An image stretched over a device rectangle.
        case image(RasterImage, Rect, Interpolation, clip: IntRect)
    }

    /// A painter for a scene's items.
    /// - Parameters:
    ///   - items: The scene's items, painted in order.
    ///   - scale: Device pixels per scene pixel.
    init(items: [SceneItem], scale: Double) {
        self.items = items
        self.scale = scale
    }

    private func device(_ p: Point) -> Point { Point(p.x * scale, p.y * scale) }

    /// Paints the items on some rows of a canvas.
    /// - Parameters:
    ///   - rows: The rows to paint (the view must hold them); nothing else is written.
    ///   - canvas: The canvas, whose size is the scene's in device pixels.
    mutating func paint(rows: Range<Int>, on canvas: CanvasView) {
        let draws = self.draws ?? prepared(canvasWidth: canvas.width, canvasHeight: canvas.height)
        self.draws = draws
        let band = IntRect(x0: 0, y0: rows.lowerBound, x1: canvas.width, y1: rows.upperBound)
        for draw in draws {
            switch draw {
            case .polygons(let polys, let ink, let box):
                // The whole box, not its part in these rows, so the pixels do not depend on
                // the band (see `CoverageRasterizer.fill(_:in:rows:ink:on:)`).
                if !box.intersection(band).isEmpty { raster.fill(polys, in: box, rows: rows, ink: ink, on: canvas) }
            case .marker(let sprite, let x, let y, let reach, let fill, let outline, let clip):
                // Markers outside these rows need no pixels.
                let c = clip.intersection(band)
                if c.isEmpty || Double(y) + reach < Double(c.y0) || Double(y) - reach > Double(c.y1) { continue }
                sprite.stamp(x: x, y: y, fill: fill, outline: outline, clip: c, on: canvas)
            case .image(let img, let rect, let interpolation, let clip):
                let c = clip.intersection(band)
                if !c.isEmpty { canvas.draw(img, in: rect, clip: c, interpolation: interpolation) }
            }
        }
    }

    /// The draws of every item, clipped to the canvas.
    private mutating func prepared(canvasWidth: Int, canvasHeight: Int) -> [Draw] {
        var draws: [Draw] = []
        prepare(items, clip: IntRect(x0: 0, y0: 0, x1: canvasWidth, y1: canvasHeight), into: &draws)
        return draws
    }

    private mutating func prepare(_ items: [SceneItem], clip: IntRect, into draws: inout [Draw]) {
        for item in items {
            switch item {
            case .fill(let path, let color):
                let polys = path.mapped(device).flattened(tolerance: 0.15).map(\.points)
                addPolygons(polys, color: color, clip: clip, to: &draws)
            case .stroke(let path, let stroke):
                stroked(path.mapped(device), stroke, clip: clip, into: &draws)
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
                if let sprite = sprite(MarkerSprite.Key(radius: r, strokeWidth: width)) {
                    draws.append(.marker(sprite, x: x, y: y, reach: r + width + 2, fill: fillColor.map(Ink.init),
                                         outline: outline.map { Ink($0.color) }, clip: clip))
                    continue
                }
                let snapped = Point(Double(x), Double(y))
                if let f = fillColor {
                    addPolygons([Stroker.circle(snapped, r)], color: f, clip: clip, to: &draws)
                }
                if let s = outline {
                    addPolygons(Stroker.ring(snapped, r, width: width), color: s.color, clip: clip, to: &draws)
                }
            case .text(let t):
                let path = TextLayout.outline(t).mapped(device)
                addPolygons(path.flattened(tolerance: 0.1).map(\.points), color: t.color, clip: clip, to: &draws)
            case .image(let img, let rect, let interpolation):
                let r = Rect(x: rect.x * scale, y: rect.y * scale, width: rect.width * scale,
                             height: rect.height * scale)
                draws.append(.image(img, r, interpolation, clip: clip))
            case .clipped(let rect, let inner):
                func px(_ v: Double) -> Int { Int(min(1e7, max(-1e7, (v * scale).rounded()))) }
                let r = IntRect(x0: px(rect.x), y0: px(rect.y), x1: px(rect.maxX), y1: px(rect.maxY))
                let c = clip.intersection(r)
                if !c.isEmpty { prepare(inner, clip: c, into: &draws) }
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

    private func stroked(_ path: Path, _ s: Stroke, clip: IntRect, into draws: inout [Draw]) {
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
        addPolygons(polys, color: color, clip: clip, to: &draws)
    }

    /// Adds a fill of polygons, boxed by their bounds within the clip (none when that is empty).
    private func addPolygons(_ polys: [[Point]], color: Color, clip: IntRect, to draws: inout [Draw]) {
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
        draws.append(.polygons(polys, Ink(color), box: box))
    }
}
