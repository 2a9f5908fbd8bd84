import Foundation

/// The data-space rectangle a raster or grid covers.
public struct Extent: Equatable, Sendable {
    /// Left edge (data units).
    public var xMin: Double
    /// Right edge.
    public var xMax: Double
    /// Bottom edge.
    public var yMin: Double
    /// Top edge.
    public var yMax: Double

    /// Creates an extent.
    /// - Parameters:
    ///   - xMin: Left edge.
    ///   - xMax: Right edge.
    ///   - yMin: Bottom edge.
    ///   - yMax: Top edge.
    public init(xMin: Double, xMax: Double, yMin: Double, yMax: Double) {
        self.xMin = xMin
        self.xMax = xMax
        self.yMin = yMin
        self.yMax = yMax
    }
}

/// How a line series is drawn, parsed from matplotlib-like format strings.
public struct LineStyle: Equatable, Sendable {
    /// The dash pattern kind of the line.
    public enum Dash: Equatable, Sendable { case solid, dashed, dotted, none }
    /// The line's dash kind (`.none` draws markers only).
    public var dash: Dash
    /// Whether each point gets a round marker.
    public var markers: Bool

    /// Creates a style.
    /// - Parameters:
    ///   - dash: Line dash kind.
    ///   - markers: Whether to draw markers.
    public init(dash: Dash = .solid, markers: Bool = false) {
        self.dash = dash
        self.markers = markers
    }

    /// Parses "-", "--", ":", "o", "-o", "o--" ...; `nil` for anything else.
    /// - Parameter format: The format string.
    public init?(parsing format: String) {
        let markers = format.contains("o")
        let rest = format.replacingOccurrences(of: "o", with: "")
        switch rest {
        case "-": self.init(dash: .solid, markers: markers)
        case "--": self.init(dash: .dashed, markers: markers)
        case ":": self.init(dash: .dotted, markers: markers)
        case "": self.init(dash: markers ? .none : .solid, markers: markers)
        default: return nil
        }
    }
}

/// A polyline through (x, y) points.
public struct LineSeries: Equatable, Sendable {
    /// X values.
    public var x: [Double]
    /// Y values (same count as x; non-finite values break the line).
    public var y: [Double]
    /// Legend label.
    public var label: String?
    /// Colour; the palette's next colour when nil.
    public var color: Color?
    /// Dashes and markers.
    public var style: LineStyle
    /// Line width in pixels.
    public var width: Double
}

/// Points, optionally coloured by integer class.
public struct ScatterSeries: Equatable, Sendable {
    /// X values.
    public var x: [Double]
    /// Y values.
    public var y: [Double]
    /// Class of each point (colours and legend entries per class), or nil.
    public var classes: [Int]?
    /// Names of the classes for the legend (default "class k").
    public var classNames: [String]?
    /// Legend label when not classed.
    public var label: String?
    /// Colour when not classed.
    public var color: Color?
    /// Marker radius in pixels.
    public var radius: Double
}

/// Histogram bars between consecutive edges.
public struct BarSeries: Equatable, Sendable {
    /// Bin edges, ascending (count = heights + 1).
    public var edges: [Double]
    /// Bar heights.
    public var heights: [Double]
    /// Legend label.
    public var label: String?
    /// Colour.
    public var color: Color?
}

/// An image stretched over a data extent (image row 0 at the top of the extent on screen).
public struct RasterSeries: Equatable, Sendable {
    /// The pixels.
    public var image: RasterImage
    /// The covered data rectangle.
    public var extent: Extent
    /// Resampling.
    public var interpolation: Interpolation
}

/// Contour lines (and optionally filled bands) of a function sampled on a grid.
public struct ContourSeries: Equatable, Sendable {
    /// Samples, row-major: row j is y = yMin + j * dy (ascending y), column i is x.
    public var values: [Double]
    /// Columns (x samples).
    public var columns: Int
    /// Rows (y samples).
    public var rows: Int
    /// The sampled rectangle (first and last samples lie on its edges).
    public var extent: Extent
    /// Levels at which lines are drawn.
    public var levels: [Double]
    /// Whether bands between levels are filled.
    public var filled: Bool
    /// Colour scale of bands and lines.
    public var colormap: Colormap
    /// One colour for all lines instead of the colormap.
    public var lineColor: Color?
}

/// A path through points with arrows, e.g. an optimiser's trajectory.
public struct PathSeries: Equatable, Sendable {
    /// X values.
    public var x: [Double]
    /// Y values.
    public var y: [Double]
    /// Legend label.
    public var label: String?
    /// Colour.
    public var color: Color?
}

/// One layer of an axes figure.
public enum Series: Equatable, Sendable {
    /// A line.
    case line(LineSeries)
    /// A scatter.
    case scatter(ScatterSeries)
    /// Histogram bars.
    case bars(BarSeries)
    /// An image layer (imshow, heatmap, decision regions).
    case raster(RasterSeries)
    /// Contours.
    case contour(ContourSeries)
    /// A trajectory with arrows.
    case path(PathSeries)

    /// Short noun used in figure summaries.
    var noun: String {
        switch self {
        case .line: return "line"
        case .scatter: return "scatter"
        case .bars: return "histogram"
        case .raster: return "image"
        case .contour: return "contour"
        case .path: return "path"
        }
    }
}
