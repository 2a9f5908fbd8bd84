/// A vector path: subpaths of lines and Bézier curves, in scene coordinates.
public struct Path: Equatable, Sendable {
    /// One drawing command.
    public enum Element: Equatable, Sendable {
        /// Starts a new subpath.
        case move(Point)
        /// A straight line to the point.
        case line(Point)
        /// A quadratic Bézier with one control point.
        case quad(Point, Point)
        /// A cubic Bézier with two control points.
        case cubic(Point, Point, Point)
        /// Closes the current subpath.
        case close
    }

    /// The commands in order.
    public private(set) var elements: [Element] = []

    /// Creates an empty path.
    public init() {}

    /// Starts a subpath at `p`.
    public mutating func move(to p: Point) { elements.append(.move(p)) }
    /// Adds a line to `p`.
    public mutating func line(to p: Point) { elements.append(.line(p)) }
    /// Adds a quadratic curve to `p` with control point `c`.
    public mutating func quad(to p: Point, control c: Point) { elements.append(.quad(c, p)) }
    /// Adds a cubic curve to `p` with control points `c1`, `c2`.
    public mutating func cubic(to p: Point, control1 c1: Point, control2 c2: Point) {
        elements.append(.cubic(c1, c2, p))
    }
    /// Closes the current subpath.
    public mutating func close() { elements.append(.close) }

    /// A path through the points, optionally closed.
    /// - Parameters:
    ///   - points: The vertices; a path with fewer than 2 points is empty.
    ///   - closed: Whether to close the polygon.
    /// - Returns: The polyline path.
    public static func polyline(_ points: [Point], closed: Bool = false) -> Path {
        var p = Path()
        guard let first = points.first else { return p }
        p.move(to: first)
        for q in points.dropFirst() { p.line(to: q) }
        if closed { p.close() }
        return p
    }

    /// A rectangle path (clockwise on screen).
    /// - Parameter r: The rectangle.
    /// - Returns: A closed path.
    public static func rect(_ r: Rect) -> Path {
        polyline([Point(r.x, r.y), Point(r.maxX, r.y), Point(r.maxX, r.maxY), Point(r.x, r.maxY)],
                 closed: true)
    }

    /// A rounded rectangle built from cubic arcs.
    /// - Parameters:
    ///   - r: The rectangle.
    ///   - radius: Corner radius (clamped to half the shorter side).
    /// - Returns: A closed path.
    public static func roundedRect(_ r: Rect, radius: Double) -> Path {
        let k = min(radius, r.width / 2, r.height / 2)
        let c = k * 0.5523
        var p = Path()
        p.move(to: Point(r.x + k, r.y))
        p.line(to: Point(r.maxX - k, r.y))
        p.cubic(to: Point(r.maxX, r.y + k), control1: Point(r.maxX - k + c, r.y),
                control2: Point(r.maxX, r.y + k - c))
        p.line(to: Point(r.maxX, r.maxY - k))
        p.cubic(to: Point(r.maxX - k, r.maxY), control1: Point(r.maxX, r.maxY - k + c),
                control2: Point(r.maxX - k + c, r.maxY))
        p.line(to: Point(r.x + k, r.maxY))
        p.cubic(to: Point(r.x, r.maxY - k), control1: Point(r.x + k - c, r.maxY),
                control2: Point(r.x, r.maxY - k + c))
        p.line(to: Point(r.x, r.y + k))
        p.cubic(to: Point(r.x + k, r.y), control1: Point(r.x, r.y + k - c),
                control2: Point(r.x + k - c, r.y))
        p.close()
        return p
    }

    /// A circle made of four cubic arcs.
    /// - Parameters:
    ///   - center: Centre.
    ///   - radius: Radius.
    /// - Returns: A closed path.
    public static func circle(center: Point, radius r: Double) -> Path {
        let c = r * 0.5523
        let (x, y) = (center.x, center.y)
        var p = Path()
        p.move(to: Point(x + r, y))
        p.cubic(to: Point(x, y + r), control1: Point(x + r, y + c), control2: Point(x + c, y + r))
        p.cubic(to: Point(x - r, y), control1: Point(x - c, y + r), control2: Point(x - r, y + c))
        p.cubic(to: Point(x, y - r), control1: Point(x - r, y - c), control2: Point(x - c, y - r))
        p.cubic(to: Point(x + r, y), control1: Point(x + c, y - r), control2: Point(x + r, y - c))
        p.close()
        return p
    }

    /// The path with every point mapped through `f`.
    /// - Parameter f: The point transform.
    /// - Returns: The transformed path.
    public func mapped(_ f: (Point) -> Point) -> Path {
        var out = Path()
        out.elements = elements.map { e in
            switch e {
            case .move(let p): return .move(f(p))
            case .line(let p): return .line(f(p))
            case .quad(let c, let p): return .quad(f(c), f(p))
            case .cubic(let a, let b, let p): return .cubic(f(a), f(b), f(p))
            case .close: return .close
            }
        }
        return out
    }

    /// Appends all elements of another path.
    /// - Parameter other: The path to append.
    public mutating func append(_ other: Path) { elements += other.elements }

    /// Flattens the path into polylines, curves subdivided until within `tolerance` pixels.
    /// - Parameter tolerance: Maximum distance from the true curve.
    /// - Returns: One polyline per subpath, with whether it was closed.
    func flattened(tolerance: Double = 0.2) -> [(points: [Point], closed: Bool)] {
        var result: [(points: [Point], closed: Bool)] = []
        var current: [Point] = []
        var start = Point(0, 0)
        func flush(_ closed: Bool) {
            if current.count > 1 { result.append((current, closed)) }
            current = []
        }
        for e in elements {
            switch e {
            case .move(let p):
                flush(false)
                current = [p]
                start = p
            case .line(let p):
                if current.isEmpty { current = [start] }
                current.append(p)
            case .quad(let c, let p):
                let a = current.last ?? start
                if current.isEmpty { current = [a] }
                let dd = ((a.x - 2 * c.x + p.x) * (a.x - 2 * c.x + p.x)
                    + (a.y - 2 * c.y + p.y) * (a.y - 2 * c.y + p.y)).squareRoot()
                let n = max(1, min(100, Int((dd / (4 * tolerance)).squareRoot().rounded(.up))))
                for i in 1...n {
                    let t = Double(i) / Double(n), u = 1 - t
                    current.append(Point(u * u * a.x + 2 * u * t * c.x + t * t * p.x,
                                         u * u * a.y + 2 * u * t * c.y + t * t * p.y))
                }
            case .cubic(let c1, let c2, let p):
                let a = current.last ?? start
                if current.isEmpty { current = [a] }
                let d1 = (a - c1 * 2 + c2).length, d2 = (c1 - c2 * 2 + p).length
                let dd = max(d1, d2)
                let n = max(1, min(100, Int((dd * 0.75 / tolerance).squareRoot().rounded(.up))))
                for i in 1...n {
                    let t = Double(i) / Double(n), u = 1 - t
                    let b0 = u * u * u, b1 = 3 * u * u * t, b2 = 3 * u * t * t, b3 = t * t * t
                    current.append(Point(b0 * a.x + b1 * c1.x + b2 * c2.x + b3 * p.x,
                                         b0 * a.y + b1 * c1.y + b2 * c2.y + b3 * p.y))
                }
            case .close:
                flush(true)
            }
        }
        flush(false)
        return result
    }
}
