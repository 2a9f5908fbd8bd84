/// How a path's outline is drawn.
public struct Stroke: Equatable, Sendable {
    /// How stroke ends look.
    public enum Cap: String, Sendable { case butt, round, square }
    /// How stroke corners look.
    public enum Join: String, Sendable { case miter, round, bevel }

    /// Line colour.
    public var color: Color
    /// Line width in pixels (1x).
    public var width: Double
    /// Dash pattern (on, off, ...) in pixels; empty for a solid line.
    public var dash: [Double]
    /// End style.
    public var cap: Cap
    /// Corner style.
    public var join: Join

    /// Creates a stroke style.
    /// - Parameters:
    ///   - color: Line colour.
    ///   - width: Line width.
    ///   - dash: Dash pattern, empty for solid.
    ///   - cap: End style.
    ///   - join: Corner style.
    public init(color: Color, width: Double = 1, dash: [Double] = [], cap: Cap = .butt,
                join: Join = .round) {
        self.color = color
        self.width = width
        self.dash = dash
        self.cap = cap
        self.join = join
    }
}

/// Horizontal anchoring of a text run at its position.
public enum TextAnchor: String, Sendable { case start, middle, end }

/// Vertical placement of a text run relative to its position.
public enum TextBaseline: Sendable {
    /// The position is on the alphabetic baseline.
    case alphabetic
    /// The position is at the middle of capital letters.
    case middle
    /// The position is at the top of capital letters.
    case top
}

/// Font weight of a text run.
public enum FontWeight: String, Sendable { case normal, bold }

/// A run of text placed in the scene.
public struct TextItem: Equatable, Sendable {
    /// The characters.
    public var text: String
    /// Anchor position.
    public var position: Point
    /// Font size in pixels (1x).
    public var size: Double
    /// Horizontal anchoring.
    public var anchor: TextAnchor
    /// Vertical placement.
    public var baseline: TextBaseline
    /// Regular or bold.
    public var weight: FontWeight
    /// Rotation in degrees, clockwise on screen, about the position.
    public var rotation: Double
    /// Text colour.
    public var color: Color

    /// Creates a text run.
    /// - Parameters:
    ///   - text: The characters.
    ///   - position: Anchor position.
    ///   - size: Font size in pixels.
    ///   - anchor: Horizontal anchoring.
    ///   - baseline: Vertical placement.
    ///   - weight: Regular or bold.
    ///   - rotation: Clockwise degrees.
    ///   - color: Text colour.
    public init(_ text: String, at position: Point, size: Double = 12, anchor: TextAnchor = .start,
                baseline: TextBaseline = .alphabetic, weight: FontWeight = .normal,
                rotation: Double = 0, color: Color = .text) {
        self.text = text
        self.position = position
        self.size = size
        self.anchor = anchor
        self.baseline = baseline
        self.weight = weight
        self.rotation = rotation
        self.color = color
    }
}

/// How an image is resampled when drawn larger or smaller than its pixel size.
public enum Interpolation: String, Sendable { case nearest, bilinear }

/// One drawing operation of a scene, painted in order.
public enum SceneItem: Equatable, Sendable {
    /// Fills a path (non-zero winding).
    case fill(Path, Color)
    /// Strokes a path.
    case stroke(Path, Stroke)
    /// A circle with optional fill and outline (scatter markers).
    case circle(center: Point, radius: Double, fill: Color?, stroke: Stroke?)
    /// A run of text.
    case text(TextItem)
    /// An image stretched over a rectangle.
    case image(RasterImage, Rect, Interpolation)
    /// Items clipped to a rectangle.
    case clipped(Rect, [SceneItem])
}

/// A resolution-independent drawing: what every figure builds, and what both backends render.
public struct Scene: Equatable, Sendable {
    /// Width in pixels at 1x.
    public var width: Double
    /// Height in pixels at 1x.
    public var height: Double
    /// Background colour (white).
    public var background: Color
    /// Items in painting order.
    public var items: [SceneItem]

    /// Creates an empty scene.
    /// - Parameters:
    ///   - width: Width in pixels.
    ///   - height: Height in pixels.
    ///   - background: Background colour, white by default.
    public init(width: Double, height: Double, background: Color = .white) {
        self.width = width
        self.height = height
        self.background = background
        self.items = []
    }

    /// Appends an item.
    /// - Parameter item: The item to paint last.
    public mutating func add(_ item: SceneItem) { items.append(item) }
}
