/// Encodes 8-bit RGB, RGBA and palette images as PNG: per-row adaptive filters, our own zlib
/// stream, CRC-32 chunk checksums.
public enum PNGEncoder {
    /// Encodes an image.
    ///
    /// Each row of an RGB(A) image takes the filter (Sub, Up or Paeth) whose output has the
    /// smallest sum of absolute values as signed bytes (see `ScanlineFilter`). A fully opaque
    /// image is stored as RGB. A palette image (decision regions) is stored as one: PLTE, tRNS
    /// when a colour is translucent, and rows of indices filtered the same way. The PNG
    /// specification advises no filter for palettes, but our matcher skips the inside of long
    /// runs when it fills its hash chains, so it misses the row above; with Up those rows are
    /// zeros (unfiltered, the 160 x 160 test regions came out half as large again).
    /// - Parameters:
    ///   - image: The pixels.
    ///   - pixelsPerMeter: Resolution stored in a pHYs chunk (e.g. 5669 for 144 dpi); none when 0.
    /// - Returns: The PNG file bytes.
    public static func encode(_ image: RasterImage, pixelsPerMeter: Int = 0) -> [UInt8] {
        if case .indexed(let indices, let palette, let bits) = image.storage {
            return encodePalette(indices, palette: palette, bits: bits, width: image.width, height: image.height,
                                 pixelsPerMeter: pixelsPerMeter)
        }
        let channels = image.isOpaque ? 3 : 4
        var scanlines = scanlineLayout(image, channels: channels)
        return encode(scanlines: &scanlines, width: image.width, height: image.height, channels: channels,
                      pixelsPerMeter: pixelsPerMeter)
    }

    /// Encodes rows already in scanline layout (a spare byte, then `width * channels` samples,
    /// per row), filtering them in place, with no second image-sized buffer (`encode(_:)`'s
    /// path).
    /// - Parameters:
    ///   - scanlines: `height * (1 + width * channels)` bytes; filtered on return.
    ///   - width: Width in pixels.
    ///   - height: Height in pixels.
    ///   - channels: 3 (RGB) or 4 (RGBA).
    ///   - pixelsPerMeter: Resolution for a pHYs chunk; none when 0.
    /// - Returns: The PNG file bytes.
    static func encode(scanlines: inout [UInt8], width: Int, height: Int, channels: Int,
                       pixelsPerMeter: Int = 0) -> [UInt8] {
        precondition(scanlines.count == height * (1 + width * channels), "scanline bytes must match the size")
        ScanlineFilter.apply(to: &scanlines, rowBytes: width * channels, height: height, channels: channels)
        return encode(filtered: scanlines, width: width, height: height, channels: channels,
                      pixelsPerMeter: pixelsPerMeter)
    }

    /// Encodes rows already filtered (a filter-type byte, then `width * channels` filtered
    /// samples, per row).
    /// - Parameters:
    ///   - filtered: `height * (1 + width * channels)` bytes.
    ///   - width: Width in pixels.
    ///   - height: Height in pixels.
    ///   - channels: 3 (RGB) or 4 (RGBA).
    ///   - pixelsPerMeter: Resolution for a pHYs chunk; none when 0.
    /// - Returns: The PNG file bytes.
    static func encode(filtered: [UInt8], width: Int, height: Int, channels: Int, pixelsPerMeter: Int = 0) -> [UInt8] {
        precondition(filtered.count == height * (1 + width * channels), "scanline bytes must match the size")
        return encode(zlibStream: Deflate.zlibCompress(filtered), width: width, height: height, channels: channels,
                      pixelsPerMeter: pixelsPerMeter)
    }

    /// Wraps filtered rows already compressed into a zlib stream (the rasteriser deflates each
    /// band of rows as it paints it; see `BandEncoder`) in a PNG file.
    /// - Parameters:
    ///   - zlibStream: The zlib stream of the filtered rows.
    ///   - width: Width in pixels.
    ///   - height: Height in pixels.
    ///   - channels: 3 (RGB) or 4 (RGBA).
    ///   - pixelsPerMeter: Resolution for a pHYs chunk; none when 0.
    /// - Returns: The PNG file bytes.
    static func encode(zlibStream: [UInt8], width: Int, height: Int, channels: Int, pixelsPerMeter: Int = 0) -> [UInt8] {
        precondition(channels == 3 || channels == 4, "channels must be 3 or 4")
        return file(width: width, height: height, colorType: channels == 3 ? 2 : 6, pixelsPerMeter: pixelsPerMeter,
                    idat: zlibStream)
    }

    /// Encodes a palette image (colour type 3, with the image's 4 or 8 bits per index; its rows
    /// are already packed as PNG packs them).
    private static func encodePalette(_ indices: [UInt8], palette: [UInt32], bits: Int, width: Int, height: Int,
                                      pixelsPerMeter: Int) -> [UInt8] {
        let rowBytes = RasterImage.indexRowBytes(width: width, bits: bits)
        var scanlines = scanlineLayout(indices, rowBytes: rowBytes, height: height)
        ScanlineFilter.apply(to: &scanlines, rowBytes: rowBytes, height: height, channels: 1)
        var plte: [UInt8] = [], alphas: [UInt8] = []
        for word in palette {
            let (r, g, b, a) = RasterImage.rgba(word)
            plte += [r, g, b]
            alphas.append(a)
        }
        // tRNS lists alphas up to the last translucent entry; the rest are opaque.
        while alphas.last == 255 { alphas.removeLast() }
        var extra = [("PLTE", plte)]
        if !alphas.isEmpty { extra.append(("tRNS", alphas)) }
        return file(width: width, height: height, bitDepth: UInt8(bits), colorType: 3, pixelsPerMeter: pixelsPerMeter,
                    extra: extra, idat: Deflate.zlibCompress(scanlines))
    }

    /// The PNG file: signature, IHDR, pHYs, `extra` chunks, one IDAT of the compressed
    /// scanlines, IEND.
    private static func file(width: Int, height: Int, bitDepth: UInt8 = 8, colorType: UInt8, pixelsPerMeter: Int,
                             extra: [(String, [UInt8])] = [], idat: [UInt8]) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr: [UInt8] = []
        ihdr += bigEndian(UInt32(width))
        ihdr += bigEndian(UInt32(height))
        ihdr += [bitDepth, colorType, 0, 0, 0]
        appendChunk("IHDR", ihdr, to: &png)
        if pixelsPerMeter > 0 {
            let p = bigEndian(UInt32(pixelsPerMeter))
            appendChunk("pHYs", p + p + [1], to: &png)
        }
        for (type, data) in extra { appendChunk(type, data, to: &png) }
        appendChunk("IDAT", idat, to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// The filtered scanlines (filter byte + row) that go into the zlib stream; public so tests
    /// can compare our deflate with zlib's on the same data.
    /// - Parameters:
    ///   - image: The pixels (a palette image is read as its RGBA pixels).
    ///   - channels: 3 to drop alpha, 4 to keep it.
    /// - Returns: `height * (1 + width * channels)` bytes.
    public static func filteredScanlines(_ image: RasterImage, channels: Int) -> [UInt8] {
        let rowBytes = image.width * channels
        var scanlines = scanlineLayout(image, channels: channels)
        ScanlineFilter.apply(to: &scanlines, rowBytes: rowBytes, height: image.height, channels: channels)
        return scanlines
    }

    /// Packed rows with a zero byte in front of each.
    private static func scanlineLayout(_ samples: [UInt8], rowBytes: Int, height: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        for y in 0..<height {
            out.replaceSubrange((y * (rowBytes + 1) + 1)..<((y + 1) * (rowBytes + 1)),
                                with: samples[(y * rowBytes)..<((y + 1) * rowBytes)])
        }
        return out
    }

    /// The image's rows with a zero byte in front of each: RGBA as stored, or RGB without
    /// alpha, in one pass (no packed copy first).
    private static func scanlineLayout(_ image: RasterImage, channels: Int) -> [UInt8] {
        precondition(channels == 3 || channels == 4, "channels must be 3 or 4")
        let px = image.pixels
        if channels == 4 { return scanlineLayout(px, rowBytes: image.width * 4, height: image.height) }
        let stride = 1 + image.width * 3
        var out = [UInt8](repeating: 0, count: stride * image.height)
        var p = 0
        for y in 0..<image.height {
            var k = y * stride + 1
            for _ in 0..<image.width {
                out[k] = px[p]
                out[k + 1] = px[p + 1]
                out[k + 2] = px[p + 2]
                k += 3
                p += 4
            }
        }
        return out
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
