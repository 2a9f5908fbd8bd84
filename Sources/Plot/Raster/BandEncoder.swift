/// Paints, filters and deflates a scene's PNG rows one band at a time, in a buffer the size of
/// a band that it keeps from band to band: the PNG backend's worker, one per thread (see
/// `SceneRasterizer.png`).
///
/// Why bands in a small buffer, not one canvas: a new process (each notebook kernel's first
/// figure, every benchmark run) pays a page fault for every 4 KB it touches first, and on
/// this project's KVM machine one costs 2 to 15 µs, varying with the host (touching 3.7 MB of
/// fresh memory took 1.8-14 ms in one C loop, against 0.06 ms once the pages were in). A 2x
/// figure's canvas was 3.7 MB: about 1,000 of the 1,150 page faults a decision-boundary PNG
/// added to a new kernel. Now each thread holds one band of about 0.5 MB, and the band's
/// rows are still in the core's cache when they are filtered and deflated.
///
/// Each band is one segment of the zlib stream (see `Deflate`), ending on a byte boundary; its
/// matches may reach back `Deflate.historyBytes` into the rows above, which the decoder
/// already holds. So the encoder also paints the rows above the band whose filtered bytes
/// make that history, plus one more row for the first of them to be filtered against. A pixel
/// comes out the same whichever band paints it (see `ScenePainter`), and a row's filtering
/// depends only on it and the row above, so these are the bytes the band above produced; the file equals
/// deflating the whole filtered image in the same segments (tested). The extra rows are about
/// 8% more painting for the bands of a 2x figure (nine history rows and one more above each
/// band of 120).
struct BandEncoder {
    private let background: Color
    private let width: Int
    private let height: Int
    /// Bytes per row: the filter-type byte, then RGB samples.
    private let stride: Int
    private var painter: ScenePainter
    /// The painted rows: the band, the history above it and the row above that.
    private var buffer: [UInt8] = []
    /// Deflate's hash chains, reset for each band.
    private var tables = LZ77Matcher.Tables()

    /// A worker for one scene's PNG.
    /// - Parameters:
    ///   - scene: The scene.
    ///   - scale: Device pixels per scene pixel.
    init(scene: Scene, scale: Double) {
        background = scene.background
        (width, height) = SceneRasterizer.size(of: scene, scale: scale)
        stride = 1 + width * 3
        painter = ScenePainter(items: scene.items, scale: scale)
    }

    /// How many bands a PNG of this size is encoded in: one per 512 KB of scanlines or so, so
    /// the two cores share the work in pieces, and the history above each band (at most
    /// `Deflate.historyBytes`) stays a small share of it. The count depends on the size alone,
    /// never on the machine, so the file is the same everywhere. A 2x figure (1280 x 960) has
    /// eight bands of 120 rows.
    /// - Parameters:
    ///   - width: Width in pixels.
    ///   - height: Height in pixels.
    /// - Returns: The band count, at least 1 and at most `height`.
    static func bands(width: Int, height: Int) -> Int {
        let bytes = height * (1 + width * 3)
        return max(1, min(height, (bytes + bandBytes - 1) / bandBytes))
    }

    /// About how many bytes of scanlines one band holds.
    static let bandBytes = 1 << 19

    /// The rows above a band whose filtered bytes hold the segment's history: enough for
    /// `Deflate.historyBytes`, or all the rows above when there are fewer.
    /// - Parameters:
    ///   - first: The band's first row.
    ///   - stride: Bytes per row.
    /// - Returns: How many rows above the band to paint as history.
    static func historyRows(above first: Int, stride: Int) -> Int {
        min(first, (Deflate.historyBytes + stride - 1) / stride)
    }

    /// Encodes one band: paints it (with its history rows), filters it and deflates it as a
    /// segment of the image's zlib stream.
    /// - Parameters:
    ///   - band: The band's rows.
    ///   - final: Whether the band is the image's last (its segment ends the stream).
    /// - Returns: The segment: its deflate bytes and the Adler-32 of the band's filtered rows.
    mutating func encode(rows band: Range<Int>, final: Bool) -> Deflate.Segment {
        precondition(band.lowerBound >= 0 && band.upperBound <= height && !band.isEmpty, "band outside the image")
        let history = Self.historyRows(above: band.lowerBound, stride: stride)
        // The first row painted: the history's top, or the row above it, which is only read.
        let top = band.lowerBound - history - (band.lowerBound > history ? 1 : 0)
        let painted = top..<band.upperBound
        let bytes = painted.count * stride
        if buffer.count < bytes {
            // Room for a band of this size with the most history any band has, so a worker
            // that started on the first band (which has none) need not grow it. Every byte is
            // written by the clear below before it is read.
            let room = max(bytes, min(height, band.count + Self.historyRows(above: height, stride: stride) + 1) * stride)
            buffer = [UInt8](unsafeUninitializedCapacity: room) { _, count in count = room }
        }
        let (background, width, height, stride) = (self.background, self.width, self.height, self.stride)
        buffer.withUnsafeMutableBufferPointer { memory in
            guard let base = memory.baseAddress else { return }
            let view = CanvasView(base: base, width: width, height: height, stride: stride, rows: painted)
            view.clear(rows: painted, to: background)
            painter.paint(rows: painted, on: view)
            // Rows counted from `top`; row 0 of the image has no row above, any other top row
            // is only the row the next one is filtered against.
            let filtered = (top == 0 ? 0 : 1)..<painted.count
            ScanlineFilter.apply(rows: filtered, of: base, rowBytes: width * 3, channels: 3, above: base + 1)
        }
        let segment = (band.lowerBound - top) * stride..<bytes
        // The history the matcher is primed with lies in filtered rows: all the rows above the
        // band, or enough of them past the unfiltered top row.
        assert(top == 0 || segment.lowerBound - Deflate.historyBytes >= stride, "history reaches the unfiltered row")
        return Deflate.Segment(deflated: Deflate.compress(buffer, range: segment, final: final, tables: &tables),
                               checksum: Adler32.checksum(buffer, range: segment), length: segment.count)
    }
}
