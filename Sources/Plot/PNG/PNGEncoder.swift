/// Encodes 8-bit RGB or RGBA images as PNG: per-row adaptive filters, our own zlib stream,
/// CRC-32 chunk checksums.
public enum PNGEncoder {
    /// Encodes an image.
    ///
    /// Each row takes the filter (None, Sub, Up, Average, Paeth) whose output has the smallest
    /// sum of absolute values as signed bytes (the libpng heuristic). A fully opaque image is
    /// stored as RGB.
    /// - Parameters:
    ///   - image: The pixels.
    ///   - pixelsPerMeter: Resolution stored in a pHYs chunk (e.g. 5669 for 144 dpi); none when 0.
    /// - Returns: The PNG file bytes.
    public static func encode(_ image: RasterImage, pixelsPerMeter: Int = 0) -> [UInt8] {
        let opaque = image.isOpaque
        let channels = opaque ? 3 : 4
        let filtered = filteredScanlines(image, channels: channels)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr: [UInt8] = []
        ihdr += bigEndian(UInt32(image.width))
        ihdr += bigEndian(UInt32(image.height))
        ihdr += [8, opaque ? 2 : 6, 0, 0, 0]
        appendChunk("IHDR", ihdr, to: &png)
        if pixelsPerMeter > 0 {
            let p = bigEndian(UInt32(pixelsPerMeter))
            appendChunk("pHYs", p + p + [1], to: &png)
        }
        appendChunk("IDAT", Deflate.zlibCompress(filtered), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// The filtered scanlines (filter byte + row) that go into the zlib stream; public so tests
    /// can compare our deflate with zlib's on the same data.
    /// - Parameters:
    ///   - image: The pixels.
    ///   - channels: 3 to drop alpha, 4 to keep it.
    /// - Returns: `height * (1 + width * channels)` bytes.
    public static func filteredScanlines(_ image: RasterImage, channels: Int) -> [UInt8] {
        let rowBytes = image.width * channels
        let px = image.pixels
        let raw: [UInt8]
        if channels == 4 {
            raw = px
        } else {
            var rgb = [UInt8](repeating: 0, count: rowBytes * image.height)
            var k = 0
            for p in 0..<(image.width * image.height) {
                rgb[k] = px[p * 4]
                rgb[k + 1] = px[p * 4 + 1]
                rgb[k + 2] = px[p * 4 + 2]
                k += 3
            }
            raw = rgb
        }
        var out = [UInt8](repeating: 0, count: (rowBytes + 1) * image.height)
        for y in 0..<image.height {
            let row = y * rowBytes
            let prior = row - rowBytes
            // A row equal to the one above (white margins, flat regions) takes Up at once.
            if y > 0 {
                var same = true
                for i in 0..<rowBytes where raw[row + i] != raw[prior + i] {
                    same = false
                    break
                }
                if same {
                    out[y * (rowBytes + 1)] = 2   // Up; the filtered bytes are already zero.
                    continue
                }
            }
            // One pass scores all five filters; a second writes the winner.
            var s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0
            // Edge bytes (first pixel, first row) with their zero neighbours, then the
            // branch-free interior.
            let interiorStart = y > 0 ? channels : rowBytes
            for i in 0..<min(rowBytes, interiorStart) {
                let x = raw[row + i]
                let a = i >= channels ? raw[row + i - channels] : 0
                let b = y > 0 ? raw[prior + i] : 0
                let c = (y > 0 && i >= channels) ? raw[prior + i - channels] : 0
                s0 += cost(x)
                s1 += cost(x &- a)
                s2 += cost(x &- b)
                s3 += cost(x &- UInt8((Int(a) + Int(b)) / 2))
                s4 += cost(x &- paeth(a, b, c))
            }
            var i = interiorStart
            while i < rowBytes {
                let x = raw[row + i], a = raw[row + i - channels]
                let b = raw[prior + i], c = raw[prior + i - channels]
                s0 += cost(x)
                s1 += cost(x &- a)
                s2 += cost(x &- b)
                s3 += cost(x &- UInt8((Int(a) + Int(b)) >> 1))
                s4 += cost(x &- paeth(a, b, c))
                i += 1
            }
            var filter = 0
            var best = s0
            for (f, score) in [(1, s1), (2, s2), (3, s3), (4, s4)] where score < best {
                best = score
                filter = f
            }
            let o = y * (rowBytes + 1)
            out[o] = UInt8(filter)
            for i in 0..<rowBytes {
                let x = raw[row + i]
                let a = i >= channels ? raw[row + i - channels] : 0
                let b = y > 0 ? raw[prior + i] : 0
                let v: UInt8
                switch filter {
                case 0: v = x
                case 1: v = x &- a
                case 2: v = x &- b
                case 3: v = x &- UInt8((Int(a) + Int(b)) / 2)
                default: v = x &- paeth(a, b, (y > 0 && i >= channels) ? raw[prior + i - channels] : 0)
                }
                out[o + 1 + i] = v
            }
        }
        return out
    }

    /// A filtered byte's cost: its magnitude as a signed byte.
    @inline(__always)
    private static func cost(_ v: UInt8) -> Int { v < 128 ? Int(v) : 256 - Int(v) }

    @inline(__always)
    private static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png += bigEndian(UInt32(data.count))
        png += typeBytes
        png += data
        var crc = CRC32()
        crc.update(typeBytes)
        crc.update(data)
        png += bigEndian(crc.value)
    }
}
