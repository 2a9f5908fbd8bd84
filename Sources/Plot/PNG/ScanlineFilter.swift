/// PNG row filtering (RFC 2083 §6), in place.
///
/// Each row takes Sub, Up or Paeth, whichever has the smallest sum of absolute values as signed
/// bytes (the libpng heuristic without None and Average, which never won on our figures: zlib
/// level 6 gives 34,601 and 146,292 bytes against 34,625 and 146,313 with all five filters, for
/// a loss curve and for decision regions). A row equal to the one above is Up, all zeros,
/// without scoring.
///
/// Rows go bottom to top, so the row above is still unfiltered when a row is filtered, and no
/// second image-sized buffer is needed. The row and the row above are copied into scratch rows
/// with `channels` zero bytes in front, so the loops have no edge cases; they read the scratch
/// through buffer pointers (bounds asserted in debug builds); with 16-bit partial sums eight
/// bytes share an SSE2 vector. Filtering a 1280 x 960 figure (release build, 2 shared cores):
/// 20 ms -> 4 ms with the padded rows; in place with pointers, 2.4 -> 2.3 ms (loss curve) and
/// 2.7 -> 2.5 ms (decision regions), best of 30 warm runs, same bytes; the larger gain of
/// working in place is the 3.7 MB buffer a fresh process no longer faults in.
///
/// Large images are filtered in bands of rows on all cores at once. Each band's top row needs
/// the unfiltered row above it, which the band above filters first, so those rows are copied
/// before the bands start. The output does not depend on the number of bands.
enum ScanlineFilter {
    /// The bytes of one band of rows filtered by one task.
    static let bandBytes = 1 << 19

    /// Filters scanlines in place.
    /// - Parameters:
    ///   - buffer: `height` rows, each a filter-type byte (overwritten) and `rowBytes` samples.
    ///   - rowBytes: Samples per row.
    ///   - height: Rows.
    ///   - channels: Bytes per pixel (1 for palette indices, 3 or 4).
    ///   - bandBytes: About how many bytes of rows one task filters (tests vary it).
    static func apply(to buffer: inout [UInt8], rowBytes: Int, height: Int, channels: Int,
                      bandBytes: Int = ScanlineFilter.bandBytes) {
        let stride = rowBytes + 1
        precondition(buffer.count == stride * height && channels >= 1 && rowBytes >= channels)
        guard height > 0 else { return }
        let padded = rowBytes + channels
        let bandRows = max(1, bandBytes / stride)
        let bands = (height + bandRows - 1) / bandRows
        // Per band: two padded rows (the row being filtered and the row above, swapped as
        // rows move up) and the unfiltered row above the band.
        var scratch = [UInt8](repeating: 0, count: bands * 3 * padded)
        buffer.withUnsafeMutableBufferPointer { rows in
            scratch.withUnsafeMutableBufferPointer { pads in
                guard let rowBase = rows.baseAddress, let padBase = pads.baseAddress else { return }
                for band in 1..<max(1, bands) {
                    let top = band * bandRows
                    (padBase + band * 3 * padded + 2 * padded + channels)
                        .update(from: rowBase + (top - 1) * stride + 1, count: rowBytes)
                }
                // Each band writes only its own rows and scratch.
                nonisolated(unsafe) let rows = rows, pads = pads
                ForkJoin.run(iterations: bands) { band in
                    let first = band * bandRows, slots = band * 3 * padded
                    guard let above = pads.baseAddress.map({ UnsafePointer($0 + slots + 2 * padded + channels) }) else { return }
                    filterRows(rows, UnsafeMutableBufferPointer(rebasing: pads[slots..<(slots + 2 * padded)]), above: above,
                               rowBytes: rowBytes, rows: first..<min(height, first + bandRows), channels: channels)
                }
            }
        }
    }

    /// Filters some rows of an image in place, bottom up: a band of the PNG encoder's rows,
    /// filtered as soon as it is painted (see `BandEncoder`).
    /// - Parameters:
    ///   - rows: The rows to filter.
    ///   - base: The image: rows of a filter-type byte and `rowBytes` samples.
    ///   - rowBytes: Samples per row.
    ///   - channels: Bytes per pixel.
    ///   - above: The unfiltered samples of the row above `rows` (not read for row 0).
    static func apply(rows: Range<Int>, of base: UnsafeMutablePointer<UInt8>, rowBytes: Int, channels: Int,
                      above: UnsafePointer<UInt8>) {
        guard !rows.isEmpty else { return }
        let padded = rowBytes + channels
        var scratch = [UInt8](repeating: 0, count: 2 * padded)
        scratch.withUnsafeMutableBufferPointer { pads in
            filterRows(UnsafeMutableBufferPointer(start: base, count: rows.upperBound * (rowBytes + 1)), pads, above: above,
                       rowBytes: rowBytes, rows: rows, channels: channels)
        }
    }

    /// Filters `rows` of the image, bottom up; `pads` holds the two padded working rows, and
    /// `above` the unfiltered samples of the row above the first one (unused for row 0).
    private static func filterRows(_ image: UnsafeMutableBufferPointer<UInt8>, _ pads: UnsafeMutableBufferPointer<UInt8>,
                                   above: UnsafePointer<UInt8>, rowBytes: Int, rows: Range<Int>, channels ch: Int) {
        guard let base = image.baseAddress, let scratch = pads.baseAddress, !rows.isEmpty else { return }
        let stride = rowBytes + 1, padded = rowBytes + ch
        assert(rows.upperBound * stride <= image.count && pads.count == 2 * padded)
        var current = scratch, prior = scratch + padded
        // Samples of row y start at base + y * stride + 1; padded rows keep ch zeros in front.
        (current + ch).update(from: base + (rows.upperBound - 1) * stride + 1, count: rowBytes)
        for y in rows.reversed() {
            let out = base + y * stride
            if y == 0 {
                prior.update(repeating: 0, count: padded)
            } else if y == rows.lowerBound {
                (prior + ch).update(from: above, count: rowBytes)
            } else {
                (prior + ch).update(from: base + (y - 1) * stride + 1, count: rowBytes)
            }
            let lo = firstDifference(current + ch, prior + ch, count: rowBytes)
            if y > 0 && lo == rowBytes {
                out.pointee = 2
                (out + 1).update(repeating: 0, count: rowBytes)
            } else {
                // Outside the span where the rows differ (plus `ch` bytes, whose left
                // neighbours differ), Up and Paeth give zeros; only Sub needs those bytes, and
                // only when it can still win.
                let end = min(rowBytes, lastDifference(current + ch, prior + ch, count: rowBytes) + 1 + ch)
                let span = max(0, end - lo)
                var (sub, up, pae) = scores(current + lo, prior + lo, count: span, channels: ch)
                if sub <= min(up, pae) {
                    sub += subScore(current, count: lo, channels: ch)
                    if end < rowBytes { sub += subScore(current + end, count: rowBytes - end, channels: ch) }
                }
                let type: UInt8 = up <= sub && up <= pae ? 2 : (sub <= pae ? 1 : 4)
                out.pointee = y == 0 && type == 2 ? 0 : type   // Up on the first row is None
                if type == 1 {
                    filter(type, current, prior, count: rowBytes, channels: ch, into: out + 1)
                } else {
                    (out + 1).update(repeating: 0, count: lo)
                    filter(type, current + lo, prior + lo, count: span, channels: ch, into: out + 1 + lo)
                    if lo + span < rowBytes { (out + 1 + lo + span).update(repeating: 0, count: rowBytes - lo - span) }
                }
            }
            swap(&current, &prior)
        }
    }

    /// The first index where two byte runs differ, or `count` when they are equal.
    @inline(__always)
    private static func firstDifference(_ a: UnsafeMutablePointer<UInt8>, _ b: UnsafeMutablePointer<UInt8>,
                                        count: Int) -> Int {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var i = 0
        while i + 8 <= count {
            let x = ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if x != 0 { return i + UInt64(littleEndian: x).trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < count && a[i] == b[i] { i += 1 }
        return i
    }

    /// The last index where two byte runs differ, or -1 when they are equal.
    @inline(__always)
    private static func lastDifference(_ a: UnsafeMutablePointer<UInt8>, _ b: UnsafeMutablePointer<UInt8>,
                                       count: Int) -> Int {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var i = count
        while i - 8 >= 0 {
            let x = ra.loadUnaligned(fromByteOffset: i - 8, as: UInt64.self) ^ rb.loadUnaligned(fromByteOffset: i - 8, as: UInt64.self)
            if x != 0 { return i - 1 - UInt64(littleEndian: x).leadingZeroBitCount >> 3 }
            i -= 8
        }
        while i > 0 && a[i - 1] == b[i - 1] { i -= 1 }
        return i - 1
    }

    /// The sum of |Sub-filtered byte| over `count` bytes of a padded row (from `current + ch`).
    @inline(__always)
    private static func subScore(_ current: UnsafeMutablePointer<UInt8>, count n: Int, channels ch: Int) -> Int {
        var total = 0, start = 0
        while start < n {
            let end = min(n, start + 256)
            var s: UInt16 = 0
            for i in start..<end { s &+= cost(current[i &+ ch] &- current[i]) }
            total += Int(s)
            start = end
        }
        return total
    }

    /// Sums of |filtered byte| for Sub, Up and Paeth over one padded row.
    ///
    /// Where a stretch of the row equals the row above (its left neighbours included), Up and
    /// Paeth give zeros there (with x = b and a = c, Paeth predicts b, or a when a = b), so
    /// only Sub is summed: such stretches fill most of a decision boundary's rows, between the
    /// few places where a class edge or a marker changes from one row to the next, and Paeth's
    /// arithmetic was most of the scoring. The benchmark's 2x decision boundary, filtered whole
    /// on one core (best of 40 warm runs, same bytes): 1.12-1.3 ms -> 0.82-0.86 ms with stretches
    /// of 64 bytes (0.88-0.9 ms with 32, 1.15 ms with 16).
    @inline(__always)
    private static func scores(_ current: UnsafeMutablePointer<UInt8>, _ prior: UnsafeMutablePointer<UInt8>,
                               count n: Int, channels ch: Int) -> (Int, Int, Int) {
        var sub = 0, up = 0, pae = 0
        // 16-bit partial sums over 256 bytes (at most 256 * 128): eight lanes per vector.
        var start = 0
        while start < n {
            let end = min(n, start + 256)
            var s: UInt16 = 0, u: UInt16 = 0, p: UInt16 = 0
            var piece = start
            while piece < end {
                let pieceEnd = min(end, piece + equalStretch)
                let count = pieceEnd - piece + ch
                if firstDifference(current + piece, prior + piece, count: count) == count {
                    sub += subScore(current + piece, count: pieceEnd - piece, channels: ch)
                } else {
                    for i in piece..<pieceEnd {
                        let x = current[i &+ ch], a = current[i], b = prior[i &+ ch], c = prior[i]
                        s &+= cost(x &- a)
                        u &+= cost(x &- b)
                        p &+= cost(x &- paeth(a, b, c))
                    }
                }
                piece = pieceEnd
            }
            sub += Int(s)
            up += Int(u)
            pae += Int(p)
            start = end
        }
        return (sub, up, pae)
    }

    /// The stretches `scores` and Paeth filtering check for equality with the row above.
    private static var equalStretch: Int { 64 }

    /// One padded row filtered with Sub (1), Up (2) or Paeth (4) into `out`.
    @inline(__always)
    private static func filter(_ type: UInt8, _ current: UnsafeMutablePointer<UInt8>, _ prior: UnsafeMutablePointer<UInt8>,
                               count n: Int, channels ch: Int, into out: UnsafeMutablePointer<UInt8>) {
        switch type {
        case 1: for i in 0..<n { out[i] = current[i &+ ch] &- current[i] }
        case 2: for i in 0..<n { out[i] = current[i &+ ch] &- prior[i &+ ch] }
        default:
            // Zeros where the row equals the row above (see `scores`).
            var piece = 0
            while piece < n {
                let pieceEnd = min(n, piece + equalStretch)
                let count = pieceEnd - piece + ch
                if firstDifference(current + piece, prior + piece, count: count) == count {
                    (out + piece).update(repeating: 0, count: pieceEnd - piece)
                } else {
                    for i in piece..<pieceEnd { out[i] = current[i &+ ch] &- paeth(current[i], prior[i &+ ch], prior[i]) }
                }
                piece = pieceEnd
            }
        }
    }

    /// A filtered byte's cost: its magnitude as a signed byte.
    @inline(__always)
    private static func cost(_ v: UInt8) -> UInt16 { UInt16(Int8(bitPattern: v).magnitude) }

    /// The Paeth predictor, branch-free.
    @inline(__always)
    private static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let ia = Int16(a), ib = Int16(b), ic = Int16(c)
        let pa = magnitude(ib &- ic), pb = magnitude(ia &- ic), pc = magnitude(ia &+ ib &- ic &- ic)
        return pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
    }

    @inline(__always)
    private static func magnitude(_ v: Int16) -> Int16 {
        let s = v >> 15
        return (v ^ s) &- s
    }
}
