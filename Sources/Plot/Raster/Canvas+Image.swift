/// Drawing raster images (decision regions, heatmaps, image grids, colour bars) onto the canvas.
extension CanvasView {
    /// Draws an image stretched over a device rectangle, within a clip.
    ///
    /// Where a device pixel's four source taps are equal (flat decision regions, nearest
    /// sampling) it skips the bilinear weights and converts each run's colour once, and stores
    /// opaque colours without blending: 600 x 600 decision regions drawn at 2x (1280 x 960)
    /// went from 7.8 ms to 3.5 ms (release build), within one level of the old bytes
    /// (FastPathTests). Runs of such pixels under full cover are painted as one span, and only
    /// the two source rows in use are packed into words (not the whole image, which was 1.4 MB
    /// of fresh memory). Palette images (decision regions) are read through their palette.
    /// Runs are found in source columns, not device pixels: where a run of device pixels
    /// starts, the two source rows in use are compared from its column on, eight at a time,
    /// to where their run of one colour ends, and the run is painted to the device column
    /// past it (a 2x decision-boundary figure: 1.2-2.2 ms -> 0.5-0.9 ms per band with the ends
    /// listed per row, same bytes; 0.9-1.4 -> 0.55-0.75 ms with buffer pointers; see `flatEnd`
    /// for asking only where runs start).
    func draw(_ image: RasterImage, in rect: Rect, clip: IntRect, interpolation: Interpolation) {
        guard rect.x.isFinite, rect.y.isFinite, rect.width.isFinite, rect.height.isFinite else { return }
        func clamp(_ v: Double, _ lo: Int, _ hi: Int) -> Int { Int(min(Double(hi), max(Double(lo), v))) }
        let bx0 = clamp(rect.x.rounded(.down), clip.x0, clip.x1)
        let by0 = clamp(rect.y.rounded(.down), clip.y0, clip.y1)
        let bx1 = clamp(rect.maxX.rounded(.up), clip.x0, clip.x1)
        let by1 = clamp(rect.maxY.rounded(.up), clip.y0, clip.y1)
        guard bx0 < bx1, by0 < by1, rect.width > 0, rect.height > 0 else { return }
        let sx = Double(image.width) / rect.width, sy = Double(image.height) / rect.height
        let iw = image.width, ih = image.height
        // The two source rows in use, each pixel as one RGBA word, so four taps compare in
        // three instructions (rebuilt only when the rows change, about twice per source row).
        var top = [UInt32](repeating: 0, count: iw), bottom = top
        var topRow = -1, bottomRow = -1
        // Column mappings computed once: source columns, blend weight and edge coverage.
        let columns = bx1 - bx0
        var col0 = [Int](repeating: 0, count: columns), col1 = col0
        var colT = [Float](repeating: 0, count: columns), colCover = colT
        for k in 0..<columns {
            let cx = Double(bx0 + k) + 0.5
            colCover[k] = Float(max(0, min(1, min(cx + 0.5 - rect.x, rect.maxX - (cx - 0.5)))))
            let u = (cx - rect.x) * sx
            if interpolation == .nearest {
                col0[k] = min(iw - 1, max(0, Int(u)))
                col1[k] = col0[k]
            } else {
                let fu = min(Double(iw) - 1, max(0, u - 0.5))
                col0[k] = Int(fu)
                col1[k] = min(iw - 1, col0[k] + 1)
                colT[k] = Float(fu - Double(col0[k]))
            }
        }
        // Where runs may end: device columns with full cover, and for each source column j
        // the first device column whose right tap lies past j (`col1` never decreases).
        let fullCover = (colCover.firstIndex { $0 >= 1 } ?? columns)..<((colCover.lastIndex { $0 >= 1 } ?? -1) + 1)
        var pastColumn = [Int](repeating: columns, count: iw)
        var k1 = 0
        for j in 0..<iw {
            while k1 < columns && col1[k1] <= j { k1 += 1 }
            pastColumn[j] = k1
        }
        // For the rows in use, `flatEnd(from: i)` is the last source column of the run from i
        // in which both rows hold top[i] (i - 1 when they differ at i). A device pixel's four
        // taps are equal exactly when it is at least col1, and an equal-taps run of one colour
        // ends at the first device column whose right tap passes it.
        for y in by0..<by1 {
            let cy = Double(y) + 0.5
            // Partial coverage of the rectangle's edge rows and columns keeps edges smooth.
            let covY = Float(min(1, min(cy + 0.5 - rect.y, rect.maxY - (cy - 0.5))))
            if covY <= 0 { continue }
            let v = (cy - rect.y) * sy
            let row0: Int, row1: Int, ty: Float
            if interpolation == .nearest {
                row0 = min(ih - 1, max(0, Int(v)))
                row1 = row0
                ty = 0
            } else {
                let fv = min(Double(ih) - 1, max(0, v - 0.5))
                row0 = Int(fv)
                row1 = min(ih - 1, row0 + 1)
                ty = Float(fv - Double(row0))
            }
            if row0 != topRow {
                if row0 == bottomRow {
                    swap(&top, &bottom)
                    (topRow, bottomRow) = (bottomRow, topRow)
                } else {
                    image.packRow(row0, into: &top)
                    topRow = row0
                }
            }
            if row1 != bottomRow {
                if row1 == topRow { bottom = top } else { image.packRow(row1, into: &bottom) }
                bottomRow = row1
            }
            top.withUnsafeBufferPointer { top in
                bottom.withUnsafeBufferPointer { bottom in
                    // The last equal-taps colour, converted once per run of equal pixels.
                    var lastTap: UInt32 = 0, haveTap = false
                    var tapInk = Ink(r: 0, g: 0, b: 0, alpha: 0)
                    // The last run found: any column inside it ends where it ends (pixels of
                    // partial cover, painted one by one, ask again for the same run).
                    var runStart = 0, runEnd = -1
                    var k = 0
                    while k < columns {
                        let cover = colCover[k] * covY
                        if cover <= 0 {
                            k += 1
                            continue
                        }
                        let c0 = col0[k]
                        let p00 = top[c0]
                        let flat: Int
                        if c0 >= runStart && c0 <= runEnd {
                            flat = runEnd
                        } else {
                            flat = Self.flatEnd(from: c0, top: top, bottom: bottom)
                            (runStart, runEnd) = (c0, flat)
                        }
                        if flat >= col1[k] {
                            // Fast path: four equal taps (flat regions, nearest sampling) need
                            // no interpolation, and a run of them under full cover is painted
                            // at once.
                            if p00 != lastTap || !haveTap {
                                lastTap = p00
                                haveTap = true
                                tapInk = Ink(packed: p00)
                            }
                            var run = k + 1
                            if cover >= 1 && fullCover.contains(k) {
                                run = max(run, min(pastColumn[flat], fullCover.upperBound))
                            }
                            paint(y: y, from: bx0 + k, to: bx0 + run, ink: tapInk, coverage: cover)
                            k = run
                            continue
                        }
                        let tx = colT[k]
                        let p10 = top[col1[k]], p01 = bottom[c0], p11 = bottom[col1[k]]
                        let w00 = (1 - tx) * (1 - ty), w10 = tx * (1 - ty), w01 = (1 - tx) * ty, w11 = tx * ty
                        // Channel `shift / 8` of the four taps, weighted.
                        @inline(__always) func mix(_ shift: UInt32) -> Float {
                            Float((p00 >> shift) & 0xFF) * w00 + Float((p10 >> shift) & 0xFF) * w10
                                + Float((p01 >> shift) & 0xFF) * w01 + Float((p11 >> shift) & 0xFF) * w11
                        }
                        let r = mix(0), g = mix(8), b = mix(16), a = mix(24)
                        blend(bx0 + k, y, r: r / 255, g: g / 255, b: b / 255, alpha: a / 255 * cover)
                        k += 1
                    }
                }
            }
        }
    }
}

extension CanvasView {
    /// The last source column of the run from `i` in which both packed rows hold `top[i]`,
    /// or `i - 1` where the rows differ at `i`.
    ///
    /// Asked for where a run of device pixels starts (and for each pixel whose taps differ),
    /// eight columns compared per step. A bilinear image changes its pair of source rows on
    /// almost every device row (a 600-pixel region raster over 740 rows), so finding every
    /// column's run once per pair, as `draw` did, walked all 600 columns per row for the few
    /// runs a row of regions has.
    /// - Parameters:
    ///   - i: A column of both rows.
    ///   - top: One source row, one RGBA word per pixel.
    ///   - bottom: The other, as long.
    @inline(__always)
    static func flatEnd(from i: Int, top: UnsafeBufferPointer<UInt32>, bottom: UnsafeBufferPointer<UInt32>) -> Int {
        let n = top.count
        precondition(i >= 0 && i < n && bottom.count == n, "a column of two rows of one length")
        let t = top[i]
        guard bottom[i] == t, let a = top.baseAddress, let b = bottom.baseAddress else { return i - 1 }
        let same = SIMD8<UInt32>(repeating: t)
        let (ra, rb) = (UnsafeRawPointer(a), UnsafeRawPointer(b))
        var j = i + 1
        while j + 8 <= n {
            let x = ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<UInt32>.self)
            let y = rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<UInt32>.self)
            let equal = (x .== same) .& (y .== same)
            if !all(equal) {
                var m = 0
                while equal[m] { m += 1 }
                return j + m - 1
            }
            j += 8
        }
        while j < n && top[j] == t && bottom[j] == t { j += 1 }
        return j - 1
    }
}

extension Ink {
    /// An ink from an RGBA word (red in the low byte).
    init(packed p: UInt32) {
        let a: UInt8
        (r8, g8, b8, a) = RasterImage.rgba(p)
        r = Float(r8)
        g = Float(g8)
        b = Float(b8)
        alpha = Float(a) / 255
    }
}
