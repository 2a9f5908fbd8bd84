import Foundation

/// Builders for layers computed on a grid over the plane: decision regions, contours and
/// trajectories.
extension Figure {
    /// Adds decision regions: each grid cell takes its class's palette colour, lightened.
    ///
    /// Grid row j is y = yMin + j * (yMax - yMin) / (rows - 1) (ascending y), column i likewise
    /// for x, as when a model is evaluated on `meshgrid(xs, ys)`.
    /// - Parameters:
    ///   - classes: Row-major class index per grid point, `rows * columns`.
    ///   - rows: Grid rows.
    ///   - columns: Grid columns.
    ///   - extent: The sampled rectangle.
    ///   - lightness: How far colours are mixed towards white (0.6).
    public mutating func regions(classes: [Int], rows: Int, columns: Int, extent: Extent,
                                 lightness: Double = 0.6) {
        guard rows > 1, columns > 1, classes.count >= rows * columns else { return }
        addRegions(rows: rows, columns: columns, extent: extent, lightness: lightness,
                   picker: .classVote(classes))
    }

    /// Adds decision regions from per-class scores (logits or probabilities): each pixel takes
    /// the class whose bilinearly interpolated score is largest, so boundaries are smooth lines
    /// between the grid samples.
    /// - Parameters:
    ///   - scores: Row-major scores, `rows * columns * classCount` (point by point), in single
    ///     precision as models give them (half the memory of doubles: 480 KB, not 960 KB, for
    ///     three classes on a 200 x 200 grid).
    ///   - classCount: Number of classes (scores per point).
    ///   - rows: Grid rows (ascending y, see `regions(classes:...)`).
    ///   - columns: Grid columns.
    ///   - extent: The sampled rectangle.
    ///   - lightness: How far colours are mixed towards white.
    public mutating func regions(scores: [Float], classCount k: Int, rows: Int, columns: Int, extent: Extent,
                                 lightness: Double = 0.6) {
        guard rows > 1, columns > 1, k >= 1, scores.count >= rows * columns * k else { return }
        addRegions(rows: rows, columns: columns, extent: extent, lightness: lightness,
                   picker: .scoreArgmax(scores, classCount: k))
    }

    /// `regions(scores:classCount:rows:columns:extent:lightness:)` with the scores computed a
    /// block of grid rows at a time, as they are painted, so they are never all in memory: for
    /// a model evaluated on the grid (a 200 x 200 grid of three classes was 480 KB of scores,
    /// and with their per-sample and per-cell classes about 800 KB of fresh pages in a new
    /// kernel, half of `boundary()`'s time there; a 1000 x 1000 grid was 12 MB).
    ///
    /// `scores` is called with `0..<rowsPerRequest`, then the next `rowsPerRequest` rows, and
    /// so on in ascending order, each row exactly once (the last block may be shorter). It
    /// returns `classCount` scores per sample of those rows, row-major, as
    /// `regions(scores:...)` takes them.
    /// - Parameters:
    ///   - rows: Grid rows (ascending y).
    ///   - columns: Grid columns.
    ///   - classCount: Scores per sample.
    ///   - extent: The sampled rectangle.
    ///   - lightness: How far colours are mixed towards white.
    ///   - rowsPerRequest: Grid rows per call of `scores` (at least 1).
    ///   - scores: The scores of a block of grid rows.
    /// - Throws: What `scores` throws; the figure is then unchanged.
    /// - Precondition: Each call of `scores` returns exactly `classCount` values per sample of
    ///   the rows asked for (`boundary()` checks a model's output before passing it on).
    public mutating func regions(rows: Int, columns: Int, classCount k: Int, extent: Extent, lightness: Double = 0.6,
                                 rowsPerRequest: Int, scores: (_ gridRows: Range<Int>) throws -> [Float]) rethrows {
        guard rows > 1, columns > 1, k >= 1 else { return }
        let perRow = columns * k, blockRows = max(1, rowsPerRequest)
        // The scores of grid rows heldStart..<heldEnd: the current window, which is the last
        // row of the one before and the blocks asked for since.
        var held: [Float] = []
        var heldStart = 0, heldEnd = 0
        let img = try RegionRaster.render(rows: rows, columns: columns, lightness: lightness) { needed in
            // The window before ended at needed.upperBound - 1 (one row is kept), or there was
            // none.
            assert(needed.lowerBound <= heldEnd, "region windows overlap the one before")
            var window: [Float] = []
            window.reserveCapacity((needed.upperBound - needed.lowerBound + blockRows) * perRow)
            if needed.lowerBound < heldEnd {
                window += held[((needed.lowerBound - heldStart) * perRow)...]
            }
            heldStart = needed.lowerBound
            while heldEnd < needed.upperBound {
                let block = heldEnd..<min(rows, heldEnd + blockRows)
                let fresh = try scores(block)
                precondition(fresh.count == block.count * perRow,
                             "regions: scores for grid rows \(block) must hold \(block.count * perRow) values, not \(fresh.count)")
                window += fresh
                heldEnd = block.upperBound
            }
            held = window
            return (heldStart..<heldEnd, .scoreArgmax(held, classCount: k))
        }
        addRegionLayer(img, rows: rows, columns: columns, extent: extent)
    }

    /// The region raster, supersampled (see `RegionRaster`), added as a bilinear image layer.
    private mutating func addRegions(rows: Int, columns: Int, extent: Extent, lightness: Double,
                                     picker: RegionRaster.Picker) {
        addRegionLayer(RegionRaster.render(rows: rows, columns: columns, lightness: lightness, picker: picker),
                       rows: rows, columns: columns, extent: extent)
    }

    /// Adds a region raster as a bilinear image layer over the cells around the grid samples.
    private mutating func addRegionLayer(_ img: RasterImage, rows: Int, columns: Int, extent: Extent) {
        series.append(.raster(RasterSeries(image: img, extent: cellExtent(extent, rows: rows, columns: columns),
                                           interpolation: .bilinear)))
    }

    /// Adds probability shading for a single-output model: class 0's colour where p = 0 through
    /// white at 0.5 to class 1's colour where p = 1, with the p = 0.5 line.
    /// - Parameters:
    ///   - probabilities: Row-major p per grid point (ascending y rows, see `regions`).
    ///   - rows: Grid rows.
    ///   - columns: Grid columns.
    ///   - extent: The sampled rectangle.
    public mutating func probabilityRegions(_ probabilities: [Double], rows: Int, columns: Int, extent: Extent) {
        guard rows > 1, columns > 1, probabilities.count >= rows * columns else { return }
        let c0 = Palette.color(0).lightened(0.35), c1 = Palette.color(1).lightened(0.35)
        var img = RasterImage(width: columns, height: rows)
        for j in 0..<rows {
            for i in 0..<columns {
                let p = probabilities[j * columns + i]
                let q = p.isFinite ? min(1, max(0, p)) : 0.5
                let c = q < 0.5 ? Color.mix(c0, .white, q * 2) : Color.mix(.white, c1, (q - 0.5) * 2)
                img.set(i, rows - 1 - j, c)
            }
        }
        series.append(.raster(RasterSeries(image: img, extent: cellExtent(extent, rows: rows, columns: columns),
                                           interpolation: .bilinear)))
        series.append(.contour(ContourSeries(values: probabilities, columns: columns, rows: rows, extent: extent,
                                             levels: [0.5], filled: false, colormap: .viridis,
                                             lineColor: Color(rgb: 0x444444))))
        colorbar = nil
    }

    /// Adds contours of a function sampled on a grid (rows ascending in y, see `regions`).
    /// - Parameters:
    ///   - values: Row-major samples, `rows * columns`.
    ///   - rows: Grid rows.
    ///   - columns: Grid columns.
    ///   - extent: The sampled rectangle.
    ///   - levels: Contour levels; about 10 nice levels over the data when nil.
    ///   - filled: Fill the bands between levels (with lines on top).
    ///   - colormap: Colour scale.
    ///   - logarithmic: Contour log10 of the (positive) values, for surfaces spanning decades;
    ///     `levels` stay in data units and the colour bar is labelled in powers of ten.
    public mutating func contour(_ input: [Double], rows: Int, columns: Int, extent: Extent,
                                 levels: [Double]? = nil, filled: Bool = true, colormap: Colormap = .viridis,
                                 logarithmic: Bool = false) {
        guard rows > 1, columns > 1, input.count >= rows * columns else { return }
        var values = input
        var given = levels
        if logarithmic {
            let smallest = input.filter { $0 > 0 && $0.isFinite }.min() ?? 1
            values = input.map { $0.isFinite ? log10(max($0, smallest)) : $0 }
            given = levels?.filter { $0 > 0 }.map { log10($0) }
        }
        let finite = values.filter(\.isFinite)
        let lo = finite.min() ?? 0, hi = finite.max() ?? 1
        var lv = given ?? Ticks.linear(lo, hi, target: 10).filter { $0 > lo && $0 < hi }
        if logarithmic && given == nil && hi - lo < 10 {
            // 1, 2, 5 per decade over few decades; 1, 3 over more.
            let steps = hi - lo <= 4 ? [0, log10(2.0), log10(5.0)] : [0, log10(3.0)]
            lv = stride(from: Int(lo.rounded(.down)), through: Int(hi.rounded(.up)), by: 1).flatMap { e in
                steps.map { Double(e) + $0 }
            }.filter { $0 > lo && $0 < hi }
        }
        series.append(.contour(ContourSeries(values: values, columns: columns, rows: rows, extent: extent,
                                             levels: lv.sorted(), filled: filled, colormap: colormap,
                                             lineColor: filled ? Color(white: 0.25, alpha: 0.6) : nil)))
        if filled, hi > lo { colorbar = Colorbar(min: lo, max: hi, colormap: colormap, logarithmic: logarithmic) }
    }

    /// Adds a trajectory: a line through the points with arrows along it and markers at each
    /// point (hollow start, filled end).
    /// - Parameters:
    ///   - x: X values.
    ///   - y: Y values.
    ///   - label: Legend label.
    ///   - color: Colour (default: red-orange, which stands out on viridis).
    public mutating func path<X: PlotValue, Y: PlotValue>(x: [X], y: [Y], label: String? = nil,
                                                          color: Color? = nil) {
        let xs = x.doubles, ys = y.doubles
        let n = min(xs.count, ys.count)
        series.append(.path(PathSeries(x: Array(xs.prefix(n)), y: Array(ys.prefix(n)), label: label,
                                       color: color ?? Color(rgb: 0xD55E00))))
    }

    /// The extent of the cells around grid samples (half a step beyond the outer samples), so
    /// pixel centres sit on the samples.
    private func cellExtent(_ e: Extent, rows: Int, columns: Int) -> Extent {
        let dx = (e.xMax - e.xMin) / Double(columns - 1) / 2, dy = (e.yMax - e.yMin) / Double(rows - 1) / 2
        return Extent(xMin: e.xMin - dx, xMax: e.xMax + dx, yMin: e.yMin - dy, yMax: e.yMax + dy)
    }
}

extension Color {
    /// A gray level.
    init(white: Double, alpha: Double = 1) { self.init(red: white, green: white, blue: white, alpha: alpha) }
}
