/// An 8-bit RGBA pixel image (row-major, top row first), stored as RGBA bytes or, for images of
/// a few flat colours such as decision regions, as palette indices of 4 or 8 bits.
public struct RasterImage: Equatable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// How the pixels are held.
    private(set) var storage: Storage

    /// Pixel storage.
    enum Storage: Sendable {
        /// RGBA bytes, `width * height * 4`.
        case rgba([UInt8])
        /// Indices into `palette`, whose entries are RGBA words (red in the low byte), `bits`
        /// (4 or 8) each, packed as PNG packs them: each row starts on a byte, and of two
        /// 4-bit indices in a byte the left pixel's is in the high half. An eighth or a
        /// quarter of the memory of RGBA, and PNG stores it as a palette image as it is.
        case indexed([UInt8], palette: [UInt32], bits: Int)
    }

    /// RGBA bytes, `width * height * 4` (an indexed image's are expanded from its palette).
    public internal(set) var pixels: [UInt8] {
        get {
            switch storage {
            case .rgba(let bytes):
                return bytes
            case .indexed:
                var bytes = [UInt8](repeating: 0, count: width * height * 4)
                var row = [UInt32](repeating: 0, count: width)
                for y in 0..<height {
                    packRow(y, into: &row)
                    for (x, word) in row.enumerated() {
                        let i = (y * width + x) * 4
                        (bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]) = Self.rgba(word)
                    }
                }
                return bytes
            }
        }
        set {
            precondition(newValue.count == width * height * 4, "RGBA bytes must match the size")
            storage = .rgba(newValue)
        }
    }

    /// Creates a palette image.
    /// - Parameters:
    ///   - width: Width in pixels (at least 1).
    ///   - height: Height in pixels (at least 1).
    ///   - indices: The palette indices, row-major, top row first, packed as `Storage.indexed`
    ///     says: `indexRowBytes(width:bits:)` bytes a row.
    ///   - bits: Bits per index: 8, or 4 for a palette of at most 16 colours.
    ///   - palette: RGBA words (red in the low byte), at most 2^`bits`; every index must be
    ///     below its count.
    init(width: Int, height: Int, indices: [UInt8], bits: Int = 8, palette: [UInt32]) {
        precondition(width > 0 && height > 0, "image size must be positive")
        precondition(bits == 8 || bits == 4, "indices are 4 or 8 bits")
        precondition(indices.count == Self.indexRowBytes(width: width, bits: bits) * height, "one index per pixel")
        precondition(!palette.isEmpty && palette.count <= 1 << bits, "a palette has 1 to 2^bits colours")
        self.width = width
        self.height = height
        self.storage = .indexed(indices, palette: palette, bits: bits)
    }

    /// Bytes per row of a palette image with `bits`-bit indices (rows start on a byte).
    static func indexRowBytes(width: Int, bits: Int) -> Int { (width * bits + 7) / 8 }

    /// Images are equal when they have the same size and pixels, however they are stored.
    public static func == (a: RasterImage, b: RasterImage) -> Bool {
        a.width == b.width && a.height == b.height && a.pixels == b.pixels
    }

    /// Creates an image filled with one colour.
    /// - Parameters:
    ///   - width: Width in pixels (at least 1).
    ///   - height: Height in pixels (at least 1).
    ///   - fill: Initial colour.
    public init(width: Int, height: Int, fill: Color = .white) {
        precondition(width > 0 && height > 0, "image size must be positive")
        self.width = width
        self.height = height
        let (r, g, b) = fill.bytes
        let a = UInt8((fill.alpha * 255).rounded())
        if r == 255 && g == 255 && b == 255 && a == 255 {
            self.storage = .rgba([UInt8](repeating: 255, count: width * height * 4))
            return
        }
        var px = [UInt8](repeating: 0, count: width * height * 4)
        var i = 0
        while i < px.count {
            px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a
            i += 4
        }
        self.storage = .rgba(px)
    }

    /// Sets one pixel.
    /// - Parameters:
    ///   - x: Column.
    ///   - y: Row.
    ///   - color: The colour.
    public mutating func set(_ x: Int, _ y: Int, _ color: Color) {
        set(x, y, rgba: Self.bytes(color))
    }

    /// Sets one pixel from bytes (the fast path for loops that reuse a few colours).
    mutating func set(_ x: Int, _ y: Int, rgba: (UInt8, UInt8, UInt8, UInt8)) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        var bytes = pixels
        storage = .rgba([])   // so `bytes` is the only reference and is written in place
        let i = (y * width + x) * 4
        bytes[i] = rgba.0
        bytes[i + 1] = rgba.1
        bytes[i + 2] = rgba.2
        bytes[i + 3] = rgba.3
        storage = .rgba(bytes)
    }

    /// Row `y` as RGBA words (red in the low byte), written into `words` (`width` long).
    func packRow(_ y: Int, into words: inout [UInt32]) {
        precondition(y >= 0 && y < height && words.count >= width, "packRow needs a row of the image and room for it")
        let width = width
        words.withUnsafeMutableBufferPointer { out in
            switch storage {
            case .rgba(let px):
                var p = y * width * 4
                for i in 0..<width {
                    out[i] = Self.word((px[p], px[p + 1], px[p + 2], px[p + 3]))
                    p += 4
                }
            case .indexed(let indices, let palette, let bits):
                // Through buffer pointers, each index clamped to the palette (every index is
                // below its count anyway): `draw` packs a row of a region raster for almost
                // every device row, and checked reads were a quarter of its time.
                indices.withUnsafeBufferPointer { row in
                    palette.withUnsafeBufferPointer { colours in
                        let rowBytes = Self.indexRowBytes(width: width, bits: bits)
                        // The initialiser guarantees both; the clamp keeps the reads in bounds.
                        assert(row.count >= (y + 1) * rowBytes && !colours.isEmpty,
                               "a palette image needs an index per pixel")
                        let start = y * rowBytes, last = colours.count - 1
                        if bits == 8 {
                            for i in 0..<width { out[i] = colours[min(Int(row[start + i]), last)] }
                        } else {
                            for i in 0..<width {
                                let byte = row[start + i >> 1]
                                out[i] = colours[min(Int(i & 1 == 0 ? byte >> 4 : byte & 0x0F), last)]
                            }
                        }
                    }
                }
            }
        }
    }

    /// A colour as RGBA bytes.
    static func bytes(_ color: Color) -> (UInt8, UInt8, UInt8, UInt8) {
        let (r, g, b) = color.bytes
        return (r, g, b, UInt8((color.alpha * 255).rounded()))
    }

    /// RGBA bytes as one word, red in the low byte (the layout of palettes and packed rows).
    @inline(__always)
    static func word(_ rgba: (UInt8, UInt8, UInt8, UInt8)) -> UInt32 {
        UInt32(rgba.0) | UInt32(rgba.1) << 8 | UInt32(rgba.2) << 16 | UInt32(rgba.3) << 24
    }

    /// The RGBA bytes of a word made by ``word(_:)``.
    @inline(__always)
    static func rgba(_ word: UInt32) -> (UInt8, UInt8, UInt8, UInt8) {
        (UInt8(truncatingIfNeeded: word), UInt8(truncatingIfNeeded: word >> 8),
         UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 24))
    }

    /// Whether every pixel is fully opaque (then PNG stores RGB only).
    var isOpaque: Bool {
        switch storage {
        case .indexed(_, let palette, _):
            return palette.allSatisfy { $0 >> 24 == 255 }
        case .rgba(let px):
            var i = 3
            while i < px.count {
                if px[i] != 255 { return false }
                i += 4
            }
            return true
        }
    }
}
