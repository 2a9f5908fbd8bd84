/// An opaque 8-bit RGB pixel buffer that the scene rasteriser paints into, stored in PNG
/// scanline layout: each row is one filter-type byte followed by `width * 3` samples.
///
/// Why 8 bits and this layout: a fresh process (each notebook kernel's first figure, every
/// benchmark run) pays a page fault for every 4 KB it touches first, so memory is the main cost
/// of a 1280 x 960 render. The earlier float canvas (14.7 MB) plus its 8-bit copy and the
/// filtered copy touched about 22 MB; this one is 3.7 MB and can be filtered in place. The PNG
/// backend goes further and holds only a band of rows per thread (`BandEncoder`, which paints
/// through a `CanvasView` of its buffer); a whole canvas serves `SceneRasterizer.render`.
/// Blending rounds to 8 bits each time, so pixels where several translucent layers overlap can
/// differ by a level from a float canvas; a single layer over an opaque pixel gives the same
/// byte.
struct Canvas {
    let width: Int
    let height: Int
    /// Bytes per row: the filter-type byte, then RGB samples.
    let stride: Int
    /// `height` rows of `stride` bytes; the first byte of each row is 0 (filter type None)
    /// until the rows are filtered in place for PNG.
    private(set) var scanlines: [UInt8]

    init(width: Int, height: Int, background: Color) {
        self.init(width: width, height: height, background: background, bands: 1) { _, _, _ in }
    }

    /// Makes a canvas and paints it in horizontal bands on all cores at once: each band's
    /// rows are cleared to the background and handed to `paint`, which must write only those
    /// rows (the scene rasteriser clips every item to the band).
    ///
    /// A 2x figure's painting was one core's work (about 8 ms for a decision boundary), and
    /// the 3.7 MB of fresh memory was faulted in by one thread; bands halve both on two cores.
    /// The band count depends on the height alone, so a figure's pixels are the same on every
    /// machine.
    /// - Parameters:
    ///   - width: Width in pixels.
    ///   - height: Height in pixels.
    ///   - background: The colour every pixel starts with.
    ///   - bands: How many bands to paint concurrently (at most `height`).
    ///   - paint: Paints one band: the view, the rows it may write and the band's index in
    ///     `bandRanges(height:bands:)`.
    init(width: Int, height: Int, background: Color, bands: Int,
         paint: (CanvasView, _ rows: Range<Int>, _ band: Int) -> Void) {
        precondition(width > 0 && height > 0, "canvas size must be positive")
        self.width = width
        self.height = height
        let stride = 1 + width * 3
        self.stride = stride
        let ranges = Self.bandRanges(height: height, bands: bands)
        scanlines = [UInt8](unsafeUninitializedCapacity: stride * height) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            let view = CanvasView(base: base, width: width, height: height, stride: stride)
            withoutActuallyEscaping(paint) { paint in
                // Each band initialises and paints only its own rows.
                nonisolated(unsafe) let paint = paint
                ForkJoin.run(iterations: ranges.count) { band in
                    let rows = ranges[band]
                    view.clear(rows: rows, to: background)
                    paint(view, rows, band)
                }
            }
            initialized = stride * height
        }
    }

    /// The rows of each band when `height` rows are painted in at most `bands` bands: bands of
    /// `ceil(height / bands)` rows, top to bottom, the last one possibly shorter (10 rows in 7
    /// bands are 5 bands of 2). None is empty.
    static func bandRanges(height: Int, bands: Int) -> [Range<Int>] {
        let count = max(1, min(bands, height))
        let rows = max(1, (height + count - 1) / count)
        return Swift.stride(from: 0, to: height, by: rows).map { $0..<min(height, $0 + rows) }
    }

    /// A view for painting, valid inside `body` only.
    mutating func withView<R>(_ body: (CanvasView) -> R) -> R {
        let (w, h, s) = (width, height, stride)
        return scanlines.withUnsafeMutableBufferPointer { buffer in
            // The canvas is never empty (width and height are positive).
            body(CanvasView(base: buffer.baseAddress.unsafelyUnwrapped, width: w, height: h, stride: s))
        }
    }

    /// Blends a colour (components in 0...1) into one pixel with the given opacity.
    mutating func blend(_ x: Int, _ y: Int, r: Float, g: Float, b: Float, alpha: Float) {
        withView { $0.blend(x, y, r: r, g: g, b: b, alpha: alpha) }
    }

    /// Paints pixels `x0..<x1` of row `y` with an ink at a constant coverage.
    mutating func paint(y: Int, from x0: Int, to x1: Int, ink: Ink, coverage: Float) {
        withView { $0.paint(y: y, from: x0, to: x1, ink: ink, coverage: coverage) }
    }

    /// Draws an image stretched over a device rectangle, within a clip (see `CanvasView`).
    mutating func draw(_ image: RasterImage, in rect: Rect, clip: IntRect, interpolation: Interpolation) {
        withView { $0.draw(image, in: rect, clip: clip, interpolation: interpolation) }
    }

    /// The canvas as packed 8-bit RGB samples, `width * height * 3` (no filter bytes).
    func rgbBytes() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height * 3)
        let rowBytes = width * 3
        for y in 0..<height {
            out.replaceSubrange((y * rowBytes)..<((y + 1) * rowBytes),
                                with: scanlines[(y * stride + 1)..<((y + 1) * stride)])
        }
        return out
    }

    /// The canvas as an opaque 8-bit image.
    func image() -> RasterImage {
        var bytes = [UInt8](repeating: 255, count: width * height * 4)
        var p = 0
        for y in 0..<height {
            var k = y * stride + 1
            for _ in 0..<width {
                bytes[p] = scanlines[k]
                bytes[p + 1] = scanlines[k + 1]
                bytes[p + 2] = scanlines[k + 2]
                k += 3
                p += 4
            }
        }
        var img = RasterImage(width: width, height: height)
        img.pixels = bytes
        return img
    }

    /// Hands the scanlines over (for in-place PNG filtering), leaving the canvas empty.
    mutating func takeScanlines() -> [UInt8] {
        var out: [UInt8] = []
        swap(&out, &scanlines)
        return out
    }
}

/// The pixels of a `Canvas` while it is painted: a pointer and the layout, so several threads
/// can paint disjoint bands of rows at once. Writes are checked against the rows the memory
/// holds in debug builds; callers keep to their clip.
///
/// The memory may hold only some of the image's rows (`rows`): the PNG encoder paints a band
/// at a time into a buffer of the band's size (see `BandEncoder`). Coordinates stay the
/// image's.
struct CanvasView: @unchecked Sendable {
    /// Row `rows.lowerBound`'s filter byte.
    let base: UnsafeMutablePointer<UInt8>
    let width: Int
    /// The whole image's height.
    let height: Int
    /// Bytes per row: the filter-type byte, then RGB samples.
    let stride: Int
    /// The image rows the memory holds, from `base` on.
    let rows: Range<Int>

    /// A view of memory holding every row of the image.
    init(base: UnsafeMutablePointer<UInt8>, width: Int, height: Int, stride: Int) {
        self.init(base: base, width: width, height: height, stride: stride, rows: 0..<height)
    }

    /// A view of memory holding some of the image's rows.
    /// - Parameters:
    ///   - base: Where row `rows.lowerBound` starts (its filter byte).
    ///   - width: The image's width in pixels.
    ///   - height: The image's height in pixels.
    ///   - stride: Bytes per row.
    ///   - rows: The image rows the memory holds, `stride` bytes each from `base` on.
    init(base: UnsafeMutablePointer<UInt8>, width: Int, height: Int, stride: Int, rows: Range<Int>) {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= height, "rows outside the image")
        self.base = base
        self.width = width
        self.height = height
        self.stride = stride
        self.rows = rows
    }

    /// The index of pixel (x, y)'s red sample.
    @inline(__always)
    func offset(_ x: Int, _ y: Int) -> Int { (y - rows.lowerBound) * stride + 1 + x * 3 }

    /// Sets every pixel of `rows` to a colour and each row's filter byte to 0.
    func clear(rows cleared: Range<Int>, to background: Color) {
        assert(cleared.lowerBound >= rows.lowerBound && cleared.upperBound <= rows.upperBound, "clear outside the rows held")
        let (r, g, b) = background.bytes
        let first = base + (cleared.lowerBound - rows.lowerBound) * stride
        if r == g && g == b {
            first.initialize(repeating: r, count: cleared.count * stride)
        } else {
            let ink = Ink(background.withAlpha(1))
            for y in cleared { paint(y: y, from: 0, to: width, ink: ink, coverage: 1) }
        }
        for k in 0..<cleared.count { first[k * stride] = 0 }
    }

    /// Blends a colour (components in 0...1) into one pixel with the given opacity.
    func blend(_ x: Int, _ y: Int, r: Float, g: Float, b: Float, alpha: Float) {
        let ink = Ink(r: r, g: g, b: b, alpha: 1)
        paint(y: y, from: x, to: x + 1, ink: ink, coverage: alpha)
    }

    /// Paints pixels `x0..<x1` of row `y` with an ink at a constant coverage: a plain store
    /// where the result is opaque, else `p + (c - p) * alpha` rounded to the nearest level.
    @inline(__always)
    func paint(y: Int, from x0: Int, to x1: Int, ink: Ink, coverage: Float) {
        assert(rows.contains(y) && x0 >= 0 && x1 <= width, "paint outside the rows held")
        let alpha = coverage * ink.alpha
        var p = base + offset(x0, y)
        let end = p + (x1 - x0) * 3
        if alpha >= 1 {
            // Eight pixels at a time as three 64-bit stores of the repeating r, g, b bytes
            // (decision regions and filled areas are long opaque runs).
            let c = UInt64(ink.r8) | UInt64(ink.g8) << 8 | UInt64(ink.b8) << 16
            let w0 = c | c << 24 | c << 48            // r g b r g b r g
            let w1 = c >> 16 | c << 8 | c << 32 | c << 56   // b r g b r g b r
            let w2 = c >> 8 | c << 16 | c << 40       // g b r g b r g b
            let raw = UnsafeMutableRawPointer(p)
            var k = 0
            let whole = (x1 - x0) / 8 * 24
            while k < whole {
                raw.storeBytes(of: w0.littleEndian, toByteOffset: k, as: UInt64.self)
                raw.storeBytes(of: w1.littleEndian, toByteOffset: k + 8, as: UInt64.self)
                raw.storeBytes(of: w2.littleEndian, toByteOffset: k + 16, as: UInt64.self)
                k += 24
            }
            p += k
            while p < end {
                p[0] = ink.r8
                p[1] = ink.g8
                p[2] = ink.b8
                p += 3
            }
            return
        }
        guard alpha > 0 else { return }
        while p < end {
            p[0] = Self.mix(p[0], ink.r, alpha)
            p[1] = Self.mix(p[1], ink.g, alpha)
            p[2] = Self.mix(p[2], ink.b, alpha)
            p += 3
        }
    }

    /// `p + (c - p) * a`, rounded: `c` is 0...255 and `a` 0...1, so the result is in 0...255.
    @inline(__always)
    static func mix(_ p: UInt8, _ c: Float, _ a: Float) -> UInt8 {
        let v = Float(p)
        return UInt8(truncatingIfNeeded: Int32(v + (c - v) * a + 0.5))
    }
}

/// A paint colour, prepared once per fill: 8-bit components for opaque stores, 0...255 floats
/// for blending, and the opacity.
struct Ink {
    let r8: UInt8, g8: UInt8, b8: UInt8
    let r: Float, g: Float, b: Float
    let alpha: Float

    init(_ color: Color) {
        (r8, g8, b8) = color.bytes
        r = Float(color.red * 255)
        g = Float(color.green * 255)
        b = Float(color.blue * 255)
        alpha = Float(color.alpha)
    }

    /// An ink from components in 0...1.
    init(r: Float, g: Float, b: Float, alpha: Float) {
        func byte(_ v: Float) -> UInt8 { UInt8(min(255, max(0, v * 255)).rounded()) }
        (r8, g8, b8) = (byte(r), byte(g), byte(b))
        self.r = min(255, max(0, r * 255))
        self.g = min(255, max(0, g * 255))
        self.b = min(255, max(0, b * 255))
        self.alpha = alpha
    }
}

/// A device-pixel rectangle, half-open: x0..<x1, y0..<y1.
struct IntRect {
    var x0: Int, y0: Int, x1: Int, y1: Int

    /// The overlap of two rectangles (possibly empty).
    func intersection(_ o: IntRect) -> IntRect {
        IntRect(x0: max(x0, o.x0), y0: max(y0, o.y0), x1: min(x1, o.x1), y1: min(y1, o.y1))
    }

    var isEmpty: Bool { x1 <= x0 || y1 <= y0 }
}
