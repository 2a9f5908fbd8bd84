/// The raster of decision regions: a supersampled image in which each pixel takes the class
/// picked from its four neighbouring grid samples.
enum RegionRaster {
    /// How pixels get their class.
    struct Picker {
        /// Per grid sample, the class that clearly wins there, or -1 (ties, non-finite
        /// scores, classes outside 0...Int32.max): computed in one loop when the picker is made
        /// (for a window of rows when the samples come a window at a time).
        let clearClasses: [Int32]
        /// A pixel's class from its cell's first grid sample `s` (its four samples are `s`,
        /// `s + 1`, `s + columns` and `s + columns + 1`) and its offsets `tx`, `ty` (0...1)
        /// into the cell, which give the samples' bilinear weights. Scalars, not arrays: the
        /// render calls it for every pixel of a mixed cell, and arrays passed to a closure
        /// were retained and released on each call.
        let pick: (_ s: Int, _ columns: Int, _ tx: Double, _ ty: Double) -> Int

        /// The four samples and their bilinear weights for `pick`'s arguments.
        @inline(__always)
        static func corners(_ s: Int, _ columns: Int, _ tx: Double, _ ty: Double)
            -> (samples: (Int, Int, Int, Int), weights: (Double, Double, Double, Double)) {
            ((s, s + 1, s + columns, s + columns + 1),
             ((1 - tx) * (1 - ty), tx * (1 - ty), (1 - tx) * ty, tx * ty))
        }

        /// One class per sample: a pixel takes the class with the largest total bilinear
        /// weight among its four samples.
        static func classVote(_ classes: [Int]) -> Picker {
            let clear = classes.map { $0 >= 0 && $0 <= Int(Int32.max) ? Int32($0) : -1 }
            return Picker(clearClasses: clear) { s, columns, tx, ty in
                let (i, w) = corners(s, columns, tx, ty)
                let c = (classes[i.0], classes[i.1], classes[i.2], classes[i.3])
                // The total weight of the samples of class `k`.
                func total(_ k: Int) -> Double {
                    (c.0 == k ? w.0 : 0) + (c.1 == k ? w.1 : 0) + (c.2 == k ? w.2 : 0) + (c.3 == k ? w.3 : 0)
                }
                // Each corner's class in turn; the first with the strictly largest total wins.
                var best = c.0, bestWeight = total(c.0)
                func consider(_ k: Int) {
                    let t = total(k)
                    if t > bestWeight {
                        bestWeight = t
                        best = k
                    }
                }
                consider(c.1)
                consider(c.2)
                consider(c.3)
                return best
            }
        }

        /// `classCount` scores per sample: a pixel takes the class whose bilinearly
        /// interpolated score is largest (the first on ties).
        static func scoreArgmax(_ scores: [Float], classCount k: Int) -> Picker {
            Picker(clearClasses: clearWinners(scores, classCount: k)) { s, columns, tx, ty in
                let (i, w) = corners(s, columns, tx, ty)
                var best = 0, bestScore = -Double.infinity
                for c in 0..<k {
                    let v = w.0 * Double(scores[i.0 * k + c]) + w.1 * Double(scores[i.1 * k + c])
                        + w.2 * Double(scores[i.2 * k + c]) + w.3 * Double(scores[i.3 * k + c])
                    if v > bestScore {
                        bestScore = v
                        best = c
                    }
                }
                return best
            }
        }

        /// Per sample, the class with the largest score when it leads every other class by a
        /// clear margin (so rounding in interpolation cannot flip it), else -1.
        ///
        /// For two and three classes, the usual cases, the leader and the runner-up (the
        /// second largest score, which equals the leader when two classes tie) come from min
        /// and max: the chain of compares through the classes that other counts still use was
        /// a string of dependent selects, about 8 ns a sample, the larger part of drawing a
        /// 200 x 200 grid's regions.
        static func clearWinners(_ scores: [Float], classCount k: Int) -> [Int32] {
            let samples = k > 0 ? scores.count / k : 0
            return [Int32](unsafeUninitializedCapacity: samples) { out, initialized in
                scores.withUnsafeBufferPointer { v in
                    /// The winner's index, or -1 when a score is not finite or the lead is not clear.
                    @inline(__always) func verdict(_ best: Int, _ top: Float, _ runnerUp: Float, _ finite: Bool) -> Int32 {
                        let (a, b) = (Double(top), Double(runnerUp))
                        return finite && a - b > 1e-9 * (abs(a) + abs(b) + 1) && best <= Int(Int32.max) ? Int32(best) : -1
                    }
                    switch k {
                    case 2:
                        for s in 0..<samples {
                            let (a, b) = (v[2 * s], v[2 * s + 1])
                            out[s] = verdict(a >= b ? 0 : 1, max(a, b), min(a, b), a.isFinite && b.isFinite)
                        }
                    case 3:
                        for s in 0..<samples {
                            let (a, b, c) = (v[3 * s], v[3 * s + 1], v[3 * s + 2])
                            let best = a >= b && a >= c ? 0 : (b >= c ? 1 : 2)
                            let top = max(max(a, b), c), middle = max(min(a, b), min(max(a, b), c))
                            out[s] = verdict(best, top, middle, a.isFinite && b.isFinite && c.isFinite)
                        }
                    default:
                        for s in 0..<samples {
                            var best = 0, top = -Float.infinity, runnerUp = -Float.infinity, finite = true
                            for c in 0..<k {
                                let x = v[s * k + c]
                                finite = finite && x.isFinite
                                let leads = x > top
                                runnerUp = leads ? top : max(runnerUp, x)
                                best = leads ? c : best
                                top = leads ? x : top
                            }
                            out[s] = verdict(best, top, runnerUp, finite)
                        }
                    }
                }
                initialized = samples
            }
        }
    }

    /// Pixels per grid step for a grid (up to 4, at most about 640 pixels a side).
    static func factor(rows: Int, columns: Int) -> Int { max(1, min(4, 640 / max(rows, columns))) }

    /// Paints the regions, bottom grid row at the bottom of the image, as a palette image (one
    /// byte per pixel; the palette is `Palette`'s colours, lightened).
    ///
    /// Fast path: a grid cell whose four corner samples are all won, clearly, by one class is
    /// filled with that class without asking `pick` per pixel. This is exact for both pickers
    /// Figure uses: the class vote gives the corners' class, and bilinearly interpolated score
    /// differences are convex combinations of the corners' differences, so the corners' winner
    /// wins inside too. `regions(scores:)` on a 200 x 200 grid of three classes (600 x 600
    /// pixels, release build): 11.5 ms -> 1 ms, with identical pixels (FastPathTests).
    ///
    /// Why a palette image: the RGBA raster was 1.4 MB of fresh memory (about 350 page faults
    /// in a new kernel), and the SVG backend deflated all of it; the indices were 360 KB a byte
    /// each, and at four bits each (the palette has eight colours) they are 180 KB, 45 fewer
    /// page faults in `boundary()`, which runs on one core. PNG stores them as they are.
    /// - Parameters:
    ///   - rows: Grid rows (ascending y).
    ///   - columns: Grid columns.
    ///   - lightness: How far class colours are mixed towards white.
    ///   - uniformCells: Whether to use the fast path (tests turn it off to compare).
    ///   - picker: How a pixel's class is chosen, for all the grid's samples.
    /// - Returns: The image, `columns * f x rows * f` for `f = factor(rows:columns:)`.
    static func render(rows: Int, columns: Int, lightness: Double, uniformCells: Bool = true,
                       picker: Picker) -> RasterImage {
        render(rows: rows, columns: columns, lightness: lightness, uniformCells: uniformCells) { _ in
            (0..<rows, picker)
        }
    }

    /// `render(rows:columns:lightness:uniformCells:picker:)` with the grid's samples taken a
    /// window of rows at a time, so a caller that computes them (a model evaluated on the grid)
    /// never holds them all.
    ///
    /// Pixel rows are painted bottom grid row first, and `window` is called whenever the next
    /// pixel row needs grid rows beyond the current window, with the two rows it needs (cell
    /// row j needs grid rows j and j + 1). It returns a window that starts at the first of
    /// them, with at least both, and a picker whose sample indices count from that window's
    /// first row (sample `(r - window.lowerBound) * columns + i` is row r, column i). Windows
    /// are asked for in ascending order and each overlaps the one before by one row.
    /// - Parameters:
    ///   - rows: Grid rows (ascending y).
    ///   - columns: Grid columns.
    ///   - lightness: How far class colours are mixed towards white.
    ///   - uniformCells: Whether to use the fast path (tests turn it off to compare).
    ///   - window: The samples of a window of grid rows that contains the rows asked for.
    /// - Returns: The image, as `render(rows:columns:lightness:uniformCells:picker:)` makes it.
    /// - Throws: What `window` throws.
    static func render(rows: Int, columns: Int, lightness: Double, uniformCells: Bool = true,
                       window: (_ needed: Range<Int>) throws -> (rows: Range<Int>, picker: Picker)) rethrows -> RasterImage {
        precondition(rows > 1 && columns > 1, "a region grid needs 2 x 2 samples")
        let f = factor(rows: rows, columns: columns)
        let w = columns * f, h = rows * f
        // Class c is palette entry Palette.index(c), the colour Palette.color(c) lightened.
        let palette = Palette.okabeIto.map { RasterImage.word(RasterImage.bytes($0.lightened(lightness))) }
        @inline(__always) func entry(_ c: Int) -> UInt8 { UInt8(Palette.index(c)) }
        let cellColumns = columns - 1
        // Column mapping, the same for every row; cellStart[i]..<cellStart[i + 1] are the
        // pixels of cell column i (the mapping never decreases).
        var colT = [Double](repeating: 0, count: w)
        var cellStart = [Int](repeating: w, count: cellColumns + 1)
        for px in (0..<w).reversed() {
            let gx = min(Double(columns - 1), max(0, (Double(px) + 0.5) / Double(f) - 0.5))
            let cell = min(columns - 2, Int(gx))
            colT[px] = gx - Double(cell)
            cellStart[cell] = px
        }
        for i in stride(from: cellColumns - 1, through: 0, by: -1) { cellStart[i] = min(cellStart[i], cellStart[i + 1]) }
        // The current window: its first grid row, its end and its picker; and its cell rows
        // as runs of cells, each filled with one class or (class -1) picked pixel by pixel,
        // cell row r's runs being runs[rowRuns[r]..<rowRuns[r + 1]]. A row is a handful of
        // runs, so pixel rows (f per cell row) walk runs, not cells.
        var first = 0, end = 0
        var picker = Picker(clearClasses: []) { _, _, _, _ in 0 }
        var runs: [(cells: Range<Int>, fill: Int32)] = [], rowRuns: [Int] = []
        func advance(to j: Int) throws {
            let (range, next) = try window(j..<(j + 2))
            precondition(range.lowerBound == j && range.upperBound >= j + 2 && range.upperBound <= rows,
                         "a region window must start at the row asked for and hold the next one")
            (first, end, picker) = (range.lowerBound, range.upperBound, next)
            let sample = next.clearClasses
            precondition(!uniformCells || sample.count >= range.count * columns, "a picker needs a class per sample")
            runs.removeAll(keepingCapacity: true)
            rowRuns.removeAll(keepingCapacity: true)
            for r in 0..<(range.count - 1) {
                rowRuns.append(runs.count)
                var start = 0, current: Int32 = -1
                for i in 0..<cellColumns {
                    var c: Int32 = -1
                    if uniformCells {
                        let s = r * columns + i
                        let corner = sample[s]
                        if corner >= 0, sample[s + 1] == corner, sample[s + columns] == corner,
                           sample[s + columns + 1] == corner { c = corner }
                    }
                    if i == 0 {
                        current = c
                    } else if c != current {
                        runs.append((start..<i, current))
                        (start, current) = (i, c)
                    }
                }
                runs.append((start..<cellColumns, current))
            }
            rowRuns.append(runs.count)
        }
        // Each pixel row is made a byte per pixel in `line`, then packed into the image: four
        // bits per index for the eight-colour palette.
        let bits = palette.count <= 16 ? 4 : 8
        let rowBytes = RasterImage.indexRowBytes(width: w, bits: bits)
        var line = [UInt8](repeating: 0, count: w + 16)
        let pixels = try [UInt8](unsafeUninitializedCapacity: rowBytes * h) { image, initialized in
            try line.withUnsafeMutableBufferPointer { buffer in
                for py in 0..<h {
                    let gy = min(Double(rows - 1), max(0, (Double(py) + 0.5) / Double(f) - 0.5))
                    let j = min(rows - 2, Int(gy)), ty = gy - Double(j)
                    // j grows by at most one per pixel row (a grid step is f >= 1 pixels).
                    if j + 1 >= end { try advance(to: j) }
                    let cellRow = j - first, samples = cellRow * columns
                    for (cells, c) in runs[rowRuns[cellRow]..<rowRuns[cellRow + 1]] {
                        if c >= 0 {
                            // Uniform cells of one class: their pixels in this row at once.
                            let span = cellStart[cells.lowerBound]..<cellStart[cells.upperBound]
                            UnsafeMutableBufferPointer(rebasing: buffer[span]).update(repeating: entry(Int(c)))
                            continue
                        }
                        for i in cells {
                            for px in cellStart[i]..<cellStart[i + 1] {
                                buffer[px] = entry(picker.pick(samples + i, columns, colT[px], ty))
                            }
                        }
                    }
                    Self.pack(buffer, count: w, bits: bits,
                              into: UnsafeMutableBufferPointer(rebasing: image[((h - 1 - py) * rowBytes)...].prefix(rowBytes)))
                }
            }
            initialized = rowBytes * h
        }
        return RasterImage(width: w, height: h, indices: pixels, bits: bits, palette: palette)
    }

    /// Packs `count` one-byte indices into `bits`-bit indices as PNG packs them (the left
    /// pixel's in the high half of a byte), sixteen at a time. `line` has 16 bytes of room
    /// past `count`, whose contents do not matter.
    private static func pack(_ line: UnsafeMutableBufferPointer<UInt8>, count: Int, bits: Int,
                             into row: UnsafeMutableBufferPointer<UInt8>) {
        guard let source = line.baseAddress, let target = row.baseAddress else { return }
        if bits == 8 {
            target.update(from: source, count: count)
            return
        }
        assert(bits == 4 && line.count >= count + 16 && row.count == (count + 1) / 2)
        let raw = UnsafeRawPointer(source)
        var i = 0
        // Sixteen indices (below 16) make eight bytes: even lanes high, odd lanes low.
        while i + 16 <= count {
            let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            let packed = v.evenHalf &<< 4 | v.oddHalf
            UnsafeMutableRawPointer(target + i / 2).storeBytes(of: packed, as: SIMD8<UInt8>.self)
            i += 16
        }
        while i < count {
            let high = source[i] << 4, low = i + 1 < count ? source[i + 1] : 0
            target[i / 2] = high | low
            i += 2
        }
    }
}
