/// A point in scene coordinates (pixels at 1x, y pointing down).
public struct Point: Equatable, Sendable {
    /// Horizontal coordinate.
    public var x: Double
    /// Vertical coordinate (down is positive).
    public var y: Double

    /// Creates a point.
    /// - Parameters:
    ///   - x: Horizontal coordinate.
    ///   - y: Vertical coordinate.
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
    static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
    static func * (a: Point, s: Double) -> Point { Point(a.x * s, a.y * s) }

    /// Euclidean length of the point taken as a vector.
    var length: Double { (x * x + y * y).squareRoot() }
}

/// An axis-aligned rectangle in scene coordinates.
public struct Rect: Equatable, Sendable {
    /// Left edge.
    public var x: Double
    /// Top edge.
    public var y: Double
    /// Width (non-negative).
    public var width: Double
    /// Height (non-negative).
    public var height: Double

    /// Creates a rectangle from its top-left corner and size.
    /// - Parameters:
    ///   - x: Left edge.
    ///   - y: Top edge.
    ///   - width: Width.
    ///   - height: Height.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Right edge.
    public var maxX: Double { x + width }
    /// Bottom edge.
    public var maxY: Double { y + height }
    /// Centre point.
    public var center: Point { Point(x + width / 2, y + height / 2) }

    /// Whether the point lies inside (edges included).
    /// - Parameter p: The point to test.
    /// - Returns: `true` when `p` is inside the rectangle.
    public func contains(_ p: Point) -> Bool {
        p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY
    }

    /// The rectangle shrunk by the given insets.
    /// - Parameters:
    ///   - left: Inset of the left edge.
    ///   - top: Inset of the top edge.
    ///   - right: Inset of the right edge.
    ///   - bottom: Inset of the bottom edge.
    /// - Returns: The inset rectangle (never negative in size).
    public func inset(left: Double, top: Double, right: Double, bottom: Double) -> Rect {
        Rect(x: x + left, y: y + top, width: max(0, width - left - right),
             height: max(0, height - top - bottom))
    }

    /// Whether two rectangles overlap.
    func intersects(_ o: Rect) -> Bool {
        x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY
    }
}
