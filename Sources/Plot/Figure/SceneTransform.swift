/// Uniform scaling and translation of scene items, for charts drawn into frames smaller or
/// larger than their natural size.
extension SceneItem {
    /// The item scaled by `s` about the origin, then moved by (dx, dy).
    /// - Parameters:
    ///   - s: Scale factor (positive).
    ///   - dx: Horizontal shift.
    ///   - dy: Vertical shift.
    /// - Returns: The transformed item.
    public func transformed(scale s: Double, dx: Double, dy: Double) -> SceneItem {
        func p(_ q: Point) -> Point { Point(q.x * s + dx, q.y * s + dy) }
        func r(_ q: Rect) -> Rect { Rect(x: q.x * s + dx, y: q.y * s + dy, width: q.width * s, height: q.height * s) }
        func st(_ k: Stroke) -> Stroke {
            var k2 = k
            k2.width *= s
            k2.dash = k.dash.map { $0 * s }
            return k2
        }
        switch self {
        case .fill(let path, let c): return .fill(path.mapped(p), c)
        case .stroke(let path, let k): return .stroke(path.mapped(p), st(k))
        case .circle(let c, let radius, let f, let k):
            return .circle(center: p(c), radius: radius * s, fill: f, stroke: k.map(st))
        case .text(var t):
            t.position = p(t.position)
            t.size *= s
            return .text(t)
        case .image(let img, let rect, let i): return .image(img, r(rect), i)
        case .clipped(let rect, let items):
            return .clipped(r(rect), items.map { $0.transformed(scale: s, dx: dx, dy: dy) })
        }
    }
}

extension Chart {
    /// Draws the chart at its natural size, scaled uniformly to fit and centred in `frame`.
    /// - Parameters:
    ///   - frame: The target frame.
    ///   - scene: The scene to add items to.
    func drawFitted(in frame: Rect, into scene: inout Scene) {
        var natural = Scene(width: width, height: height)
        draw(in: Rect(x: 0, y: 0, width: width, height: height), into: &natural)
        let s = min(frame.width / width, frame.height / height)
        let dx = frame.x + (frame.width - width * s) / 2, dy = frame.y + (frame.height - height * s) / 2
        for item in natural.items { scene.add(item.transformed(scale: s, dx: dx, dy: dy)) }
    }
}
