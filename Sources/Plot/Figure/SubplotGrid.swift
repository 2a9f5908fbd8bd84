/// Several charts in a grid of cells, read left to right, top to bottom.
public struct SubplotGrid: Chart {
    /// The charts.
    public let charts: [any Chart]
    /// Cells per row.
    public let columns: Int
    /// Title above the grid.
    public var title: String?
    /// Size of one cell.
    public let cellWidth: Double
    /// Size of one cell.
    public let cellHeight: Double

    /// Creates a grid; cells shrink so the whole grid is at most about 1000 pixels wide.
    /// - Parameters:
    ///   - charts: The charts.
    ///   - columns: Cells per row (clamped to 1...count).
    ///   - title: Title.
    public init(_ charts: [any Chart], columns: Int = 2, title: String? = nil) {
        self.charts = charts
        self.columns = max(1, min(columns, max(1, charts.count)))
        self.title = title
        let natural = charts.map(\.width).max() ?? 640
        let aspect = charts.map { $0.height / max(1, $0.width) }.max() ?? 0.75
        cellWidth = min(natural, max(300, 1000 / Double(self.columns)))
        cellHeight = cellWidth * aspect
    }

    private var rows: Int { (charts.count + columns - 1) / columns }
    private var titleHeight: Double { title == nil ? 0 : 30 }

    /// Natural width in pixels.
    public var width: Double { cellWidth * Double(columns) }
    /// Natural height in pixels.
    public var height: Double { cellHeight * Double(max(1, rows)) + titleHeight }

    /// Summary such as "4 subplots".
    public var summary: String { "\(charts.count) subplot\(charts.count == 1 ? "" : "s")" }

    /// Draws each chart into its cell (axes figures lay out to the cell, others scale to fit).
    public func draw(in frame: Rect, into scene: inout Scene) {
        let sx = frame.width / width, sy = frame.height / height
        if let t = title {
            scene.add(.text(TextItem(t, at: Point(frame.x + frame.width / 2, frame.y + 21 * sy), size: 16,
                                     anchor: .middle, weight: .bold)))
        }
        for (k, chart) in charts.enumerated() {
            let cell = Rect(x: frame.x + Double(k % columns) * cellWidth * sx,
                            y: frame.y + (titleHeight + Double(k / columns) * cellHeight) * sy,
                            width: cellWidth * sx, height: cellHeight * sy)
            if chart is Figure {
                chart.draw(in: cell, into: &scene)
            } else {
                chart.drawFitted(in: cell, into: &scene)
            }
        }
    }
}
