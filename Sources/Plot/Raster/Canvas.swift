/// An opaque 8-bit RGB pixel buffer that the scene rasteriser paints into, stored in PNG
/// scanline layout: each row is one filter-type byte followed by `width * 3` samples.
///
/// Why 8 bits and this layout: a fresh process (each notebook kernel's first figure, every
/// benchmark run) pays a page fault for every 4 KB it touches first, so memory is the main cost
/// of a 1280 x 960 render. The earlier float canvas (14.7 MB) plus its 8-bit copy and the
/// filtered copy touched about 22 MB; this one is 3.7 MB, and `PNGEncoder` filters it in place
/// and deflates it directly. Blending rounds to 8 bits each time, so pixels where several
/// translucent layers overlap can differ by a level from a float canvas; a single layer over an
/// opaque pixel gives the same byte.
struct Canvas {
    let width: Int
    let height: Int
    /// Bytes per row: the filter-type byte, then RGB samples.
    let stride: Int
    /// `height` rows of `stride` bytes; the first byte of each row is 0 (filter type None)
    /// until `PNGEncoder` filters the rows in place.
    private(set) var scanlines: [UInt8]

    init(width: Int, height: Int, background: Color) {
        precondition(width > 0 && height > 0, "canvas size must be positive")
        self.width = width
        self.height = height
        stride = 1 + width * 3
        let (r, g, b) = background.bytes
        scanlines = [UInt8](repeating: r, count: stride * height)
        if r != g || g != b {
            for y in 0..<height {
                var i = y * stride + 1
                for _ in 0..<width {
                    scanlines[i] = r
                    scanlines[i + 1] = g
                    scanlines[i + 2] = b
                    i += 3
                }
            }
        }
        for y in 0..<height { scanlines[y * stride] = 0 }
    }

    /// The index of pixel (x, y)'s red sample.
    @inline(__always)
    func offset(_ x: Int, _ y: Int) -> Int { y * stride + 1 + x * 3 }

    /// Blends a colour (components in 0...1) into one pixel with the given opacity.
    mutating func blend(_ x: Int, _ y: Int, r: Float, g: Float, b: Float, alpha: Float) {
        let ink = Ink(r: r, g: g, b: b, alpha: 1)
        paint(y: y, from: x, to: x + 1, ink: ink, coverage: alpha)
    }

    /// Paints pixels `x0..<x1` of row `y` with an ink at a constant coverage: a plain store
    /// where the result is opaque, else `p + (c - p) * alpha` rounded to the nearest level.
    @inline(__always)
    mutating func paint(y: Int, from x0: Int, to x1: Int, ink: Ink, coverage: Float) {
        let alpha = coverage * ink.alpha
        var i = offset(x0, y)
        let end = i + (x1 - x0) * 3
        if alpha >= 1 {
            while i < end {
                scanlines[i] = ink.r8
                scanlines[i + 1] = ink.g8
                scanlines[i + 2] = ink.b8
                i += 3
            }
            return
        }
        guard alpha > 0 else { return }
        while i < end {
            scanlines[i] = Self.mix(scanlines[i], ink.r, alpha)
            scanlines[i + 1] = Self.mix(scanlines[i + 1], ink.g, alpha)
            scanlines[i + 2] = Self.mix(scanlines[i + 2], ink.b, alpha)
            i += 3
        }
    }

    /// `p + (c - p) * a`, rounded: `c` is 0...255 and `a` 0...1, so the result is in 0...255.
    @inline(__always)
    static func mix(_ p: UInt8, _ c: Float, _ a: Float) -> UInt8 {
        let v = Float(p)
        return UInt8(truncatingIfNeeded: Int32(v + (c - v) * a + 0.5))
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
