/// A circle marker rasterised once and stamped wherever it is drawn, as matplotlib's Agg
/// backend draws markers (`draw_markers` renders the marker's scanlines once and copies them
/// to each point, snapped to whole pixels).
///
/// Why: a 300-point scatter plot filled 600 polygons (disc and outline) per band, and each
/// marker landed at a different sub-pixel offset, so no two markers had the same pixels. With
/// centres snapped to whole device pixels (at most half a device pixel away: a quarter of a
/// CSS pixel at 2x, half a pixel at scale 1, where a marker may sit that far off a line
/// vertex it marks), markers of one style are identical, which the PNG's filters and LZ77
/// matches turn into repeats: the 2x decision-boundary figure of the benchmark went from
/// 148,112 to about 102,000 bytes, and its deflate from 4.2 to 3.1 ms.
///
/// The masks hold the coverage `CoverageRasterizer.fill` would paint the disc and the outline
/// with at an integer centre, and stamping blends the same inks with them, so a stamped marker
/// matches a filled one at the snapped centre to within a level of rounding.
struct MarkerSprite {
    /// What makes two markers' pixels the same: their size in device pixels.
    struct Key: Equatable {
        /// The circle's radius in device pixels.
        let radius: Double
        /// The outline's width in device pixels (0 for none).
        let strokeWidth: Double
    }

    /// One run of equal coverage in a row of the marker: columns `x0..<x1` from the mask's
    /// left edge.
    private struct Run {
        var x0: Int32, x1: Int32
        var coverage: Float
    }

    /// A mask stored as its runs of visible coverage, row by row (Agg's scanline storage):
    /// stamping visits no empty pixels.
    private struct RunMask {
        var runs: [Run] = []
        /// Row r's runs are `runs[rowStart[r]..<rowStart[r + 1]]`.
        var rowStart: [Int] = [0]

        /// Runs of equal coverage above `fill`'s visibility threshold.
        init(_ mask: [Float], side: Int) {
            rowStart.reserveCapacity(side + 1)
            for r in 0..<side {
                var x = 0
                while x < side {
                    let c = mask[r * side + x]
                    var run = x + 1
                    while run < side && mask[r * side + run] == c { run += 1 }
                    if c > CoverageRasterizer.visibleCoverage { runs.append(Run(x0: Int32(x), x1: Int32(run), coverage: c)) }
                    x = run
                }
                rowStart.append(runs.count)
            }
        }

        /// A mask with no runs in any of its `side` rows.
        init(emptySide side: Int) {
            rowStart = [Int](repeating: 0, count: side + 1)
        }
    }

    /// Pixels from the centre to the mask's edge.
    let reach: Int
    /// The mask's side: `2 * reach`; the centre is at the corner between its middle pixels.
    let side: Int
    /// Coverage of the disc.
    private let disc: RunMask
    /// Coverage of the outline (no runs without one).
    private let ring: RunMask

    /// The largest reach stamped; bigger circles are filled as polygons (a mask grows with the
    /// square of the size, and large circles are rare: a few at most per figure).
    static let maxReach = 48

    /// Rasterises a marker, or returns nil when it is too large to stamp.
    /// - Parameters:
    ///   - key: Radius and outline width in device pixels.
    ///   - raster: The render's rasteriser (its buffers are reused).
    init?(_ key: Key, raster: inout CoverageRasterizer) {
        let outer = key.radius + key.strokeWidth / 2
        guard outer.isFinite, key.radius >= 0, key.strokeWidth >= 0 else { return nil }
        let reach = Int(outer.rounded(.up)) + 2
        guard reach <= Self.maxReach else { return nil }
        self.reach = reach
        side = 2 * reach
        let center = Point(Double(reach), Double(reach))
        disc = RunMask(raster.coverage(of: [Stroker.circle(center, key.radius, fromTable: false)], width: side, height: side),
                       side: side)
        ring = key.strokeWidth > 0
            ? RunMask(raster.coverage(of: Stroker.ring(center, key.radius, width: key.strokeWidth, fromTable: false),
                                      width: side, height: side), side: side)
            : RunMask(emptySide: side)
    }

    /// Blends the marker centred on device pixel corner (`x`, `y`): the disc in `fill`, then
    /// the outline in `outline`, inside `clip`.
    /// - Parameters:
    ///   - x: Centre column (whole device pixels).
    ///   - y: Centre row.
    ///   - fill: The disc's ink, or nil for none.
    ///   - outline: The outline's ink, or nil for none.
    ///   - clip: The device pixels that may be painted.
    ///   - canvas: The canvas.
    func stamp(x: Int, y: Int, fill: Ink?, outline: Ink?, clip: IntRect, on canvas: CanvasView) {
        let (left, top) = (x - reach, y - reach)
        let box = IntRect(x0: left, y0: top, x1: left + side, y1: top + side).intersection(clip)
        guard !box.isEmpty else { return }
        for row in box.y0..<box.y1 {
            if let fill { paint(disc, row: row - top, left: left, y: row, box: box, ink: fill, on: canvas) }
            if let outline { paint(ring, row: row - top, left: left, y: row, box: box, ink: outline, on: canvas) }
        }
    }

    /// Paints one row of a mask, clipped to `box`.
    @inline(__always)
    private func paint(_ mask: RunMask, row: Int, left: Int, y: Int, box: IntRect, ink: Ink, on canvas: CanvasView) {
        for k in mask.rowStart[row]..<mask.rowStart[row + 1] {
            let run = mask.runs[k]
            let x0 = max(box.x0, left + Int(run.x0)), x1 = min(box.x1, left + Int(run.x1))
            if x0 < x1 { canvas.paint(y: y, from: x0, to: x1, ink: ink, coverage: run.coverage) }
        }
    }
}
