import Foundation

/// An axes figure: title, axis labels, linear or logarithmic y, legend and layered series.
///
/// Build it with the mutating methods (`line`, `scatter`, `histogram`, `heatmap`, `regions`,
/// `contour`, `path`) and render it through ``Chart``:
/// ```swift
/// var fig = Figure(title: "Loss", xLabel: "epoch", yLabel: "loss", logY: true)
/// fig.line(y: losses, label: "train")
/// let png = fig.png()
/// ```
public struct Figure: Chart, Equatable {
    /// Natural width in pixels.
    public var width: Double
    /// Natural height in pixels.
    public var height: Double
    /// Title above the axes.
    public var title: String?
    /// Label under the x axis.
    public var xLabel: String?
    /// Label left of the y axis.
    public var yLabel: String?
    /// Logarithmic y axis (non-positive values are left out).
    public var logY: Bool
    /// Fixed x limits, or automatic.
    public var xLimits: ClosedRange<Double>?
    /// Fixed y limits, or automatic.
    public var yLimits: ClosedRange<Double>?
    /// One data unit is as long on both axes.
    public var equalAspect: Bool
    /// The y axis grows downwards (image convention).
    public var yInverted: Bool
    /// Light grid lines at the major ticks.
    public var grid: Bool
    /// Ticks only at whole numbers (pixel indices of images).
    public var integerTicks: Bool
    /// Whether labelled series get a legend.
    public var showLegend: Bool
    /// A colour bar (value scale) to the right of the axes.
    public var colorbar: Colorbar?
    /// Layers in drawing order.
    public internal(set) var series: [Series]

    /// A colour bar description.
    public struct Colorbar: Equatable, Sendable {
        /// Value at the bottom.
        public var min: Double
        /// Value at the top.
        public var max: Double
        /// The scale.
        public var colormap: Colormap
        /// Values are log10 of the data: ticks are labelled as powers of ten.
        public var logarithmic: Bool = false

        /// Tick values (in colour-bar units) and labels for a bar of the given height.
        func ticks(height: Double) -> ([Double], [String]) {
            if logarithmic {
                let lo = Int(min.rounded(.up)), hi = Int(max.rounded(.down))
                if hi - lo >= 1 {
                    let every = Swift.max(1, (hi - lo + 7) / 8)
                    let values = stride(from: lo, through: hi, by: every).map(Double.init)
                    return (values, values.map { Ticks.powerLabel(pow(10, $0)) })
                }
                let values = Ticks.linear(min, max, target: Swift.max(2, Int(height / 60)))
                return (values, values.map { Ticks.minus(NumberText.significant(pow(10, $0), digits: 2)) })
            }
            let values = Ticks.linear(min, max, target: Swift.max(2, Int(height / 60)))
            return (values, Ticks.labels(values))
        }
    }

    /// Creates an empty figure.
    /// - Parameters:
    ///   - width: Width in pixels (640).
    ///   - height: Height in pixels (480).
    ///   - title: Title text.
    ///   - xLabel: X axis label.
    ///   - yLabel: Y axis label.
    ///   - logY: Logarithmic y axis.
    public init(width: Double = 640, height: Double = 480, title: String? = nil, xLabel: String? = nil,
                yLabel: String? = nil, logY: Bool = false) {
        self.width = width
        self.height = height
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
        self.xLimits = nil
        self.yLimits = nil
        self.equalAspect = false
        self.yInverted = false
        self.grid = false
        self.integerTicks = false
        self.showLegend = true
        self.colorbar = nil
        self.series = []
    }

    /// Summary such as "2 lines, 1 scatter".
    public var summary: String {
        if series.isEmpty { return "empty" }
        // Nouns in order of first appearance, counted in a parallel array (a figure has a few
        // kinds of series; a dictionary's first use cost a new kernel a conformance search).
        var nouns: [String] = [], counts: [Int] = []
        for s in series {
            if let i = nouns.firstIndex(of: s.noun) {
                counts[i] += 1
            } else {
                nouns.append(s.noun)
                counts.append(1)
            }
        }
        var text = ""
        for (i, n) in nouns.enumerated() {
            let c = counts[i]
            text += (i > 0 ? ", " : "") + "\(c) \(n)" + (c == 1 ? "" : (n.hasSuffix("h") ? "es" : "s"))
        }
        return text
    }

    /// Adds a layer as is.
    /// - Parameter s: The series.
    public mutating func add(_ s: Series) { series.append(s) }

    /// Adds every layer of another figure (and takes its labels where this one has none).
    /// - Parameter other: The figure to overlay.
    public mutating func add(_ other: Figure) {
        series += other.series
        title = title ?? other.title
        xLabel = xLabel ?? other.xLabel
        yLabel = yLabel ?? other.yLabel
        colorbar = colorbar ?? other.colorbar
        logY = logY || other.logY
        yInverted = yInverted || other.yInverted
        equalAspect = equalAspect || other.equalAspect
    }

    /// Adds a line.
    /// - Parameters:
    ///   - x: X values; 0, 1, 2... when nil.
    ///   - y: Y values.
    ///   - label: Legend label.
    ///   - style: Dashes and markers ("-" solid by default).
    ///   - color: Colour, or the palette's next.
    ///   - width: Line width in pixels.
    public mutating func line<Y: PlotValue>(x: [Double]? = nil, y: [Y], label: String? = nil,
                                            style: LineStyle = LineStyle(), color: Color? = nil,
                                            width: Double = 2) {
        let ys = y.doubles
        let xs = x ?? ys.indices.map(Double.init)
        let n = min(xs.count, ys.count)
        series.append(.line(LineSeries(x: Array(xs.prefix(n)), y: Array(ys.prefix(n)), label: label,
                                       color: color, style: style, width: width)))
    }

    /// Adds points, coloured per class when `classes` is given (legend "class k" or `classNames`).
    /// - Parameters:
    ///   - x: X values.
    ///   - y: Y values.
    ///   - classes: Integer class per point, or nil for one colour.
    ///   - classNames: Legend names of the classes.
    ///   - label: Legend label when not classed.
    ///   - color: Colour when not classed.
    ///   - radius: Marker radius in pixels.
    public mutating func scatter<X: PlotValue, Y: PlotValue>(x: [X], y: [Y], classes: [Int]? = nil,
                                                             classNames: [String]? = nil,
                                                             label: String? = nil, color: Color? = nil,
                                                             radius: Double = 4) {
        let xs = x.doubles, ys = y.doubles
        let n = min(xs.count, ys.count, classes?.count ?? Int.max)
        series.append(.scatter(ScatterSeries(x: Array(xs.prefix(n)), y: Array(ys.prefix(n)),
                                             classes: classes.map { Array($0.prefix(n)) },
                                             classNames: classNames, label: label, color: color,
                                             radius: radius)))
    }

    /// Adds a histogram of the values.
    /// - Parameters:
    ///   - values: The samples (non-finite ones are ignored).
    ///   - bins: Number of equal-width bins (at least 1).
    ///   - label: Legend label.
    ///   - color: Bar colour.
    public mutating func histogram<V: PlotValue>(_ values: [V], bins: Int = 20, label: String? = nil,
                                                 color: Color? = nil) {
        let v = values.doubles.filter(\.isFinite)
        let k = max(1, bins)
        var lo = v.min() ?? 0, hi = v.max() ?? 1
        if lo == hi {
            lo -= 0.5
            hi += 0.5
        }
        // Halved differences cannot overflow, even for values near ±Double.greatestFiniteMagnitude.
        let half = hi / 2 - lo / 2
        let edges = (0...k).map { lo + half * (2 * Double($0) / Double(k)) }
        var counts = [Double](repeating: 0, count: k)
        for x in v {
            let t = (x / 2 - lo / 2) / half
            guard t.isFinite else { continue }
            counts[min(k - 1, max(0, Int(t * Double(k))))] += 1
        }
        series.append(.bars(BarSeries(edges: edges, heights: counts, label: label, color: color)))
    }

    /// Adds a heatmap of a matrix (row 0 drawn at the top, like imshow), with a colour bar.
    /// - Parameters:
    ///   - values: Row-major values, `rows * columns`.
    ///   - rows: Number of rows.
    ///   - columns: Number of columns.
    ///   - colormap: Colour scale (viridis).
    ///   - range: Value range mapped to the scale; data min...max when nil.
    ///   - interpolation: Nearest (pixelated) by default.
    public mutating func heatmap<V: PlotValue>(_ values: [V], rows: Int, columns: Int,
                                               colormap: Colormap = .viridis, range: ClosedRange<Double>? = nil,
                                               interpolation: Interpolation = .nearest) {
        guard rows > 0, columns > 0, values.count >= rows * columns else { return }
        let v = values.doubles
        let finite = v.filter(\.isFinite)
        var lo = range?.lowerBound ?? finite.min() ?? 0, hi = range?.upperBound ?? finite.max() ?? 1
        if hi <= lo { hi = lo + 1; lo -= 0 }
        var img = RasterImage(width: columns, height: rows)
        for r in 0..<rows {
            for c in 0..<columns { img.set(c, r, colormap.color((v[r * columns + c] - lo) / (hi - lo))) }
        }
        series.append(.raster(RasterSeries(image: img, extent: Extent(xMin: -0.5, xMax: Double(columns) - 0.5,
                                                                       yMin: -0.5, yMax: Double(rows) - 0.5),
                                           interpolation: interpolation)))
        yInverted = true
        equalAspect = true
        integerTicks = true
        colorbar = Colorbar(min: lo, max: hi, colormap: colormap)
    }

    /// Adds an RGB(A) image over the pixel-index extent (row 0 at the top).
    /// - Parameter image: The pixels.
    public mutating func image(_ image: RasterImage) {
        series.append(.raster(RasterSeries(image: image, extent: Extent(
            xMin: -0.5, xMax: Double(image.width) - 0.5, yMin: -0.5, yMax: Double(image.height) - 0.5),
                                           interpolation: .nearest)))
        yInverted = true
        equalAspect = true
        integerTicks = true
    }
}
