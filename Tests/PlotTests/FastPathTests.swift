import Foundation
import Testing
@testable import Plot

// The rendering fast paths against the straightforward code they replaced.

/// Undoes PNG filtering (RFC 2083 §6), the way a decoder does.
func unfilter(_ f: [UInt8], width: Int, height: Int, channels: Int) -> [UInt8] {
    let rowBytes = width * channels
    var raw = [UInt8](repeating: 0, count: rowBytes * height)
    for y in 0..<height {
        let type = f[y * (rowBytes + 1)]
        for i in 0..<rowBytes {
            let x = f[y * (rowBytes + 1) + 1 + i]
            let a = i >= channels ? Int(raw[y * rowBytes + i - channels]) : 0
            let b = y > 0 ? Int(raw[(y - 1) * rowBytes + i]) : 0
            let c = (y > 0 && i >= channels) ? Int(raw[(y - 1) * rowBytes + i - channels]) : 0
            let p = a + b - c
            let pred: Int
            switch type {
            case 0: pred = 0
            case 1: pred = a
            case 2: pred = b
            case 3: pred = (a + b) / 2
            default: pred = abs(p - a) <= abs(p - b) && abs(p - a) <= abs(p - c) ? a : (abs(p - b) <= abs(p - c) ? b : c)
            }
            raw[y * rowBytes + i] = x &+ UInt8(pred & 0xFF)
        }
    }
    return raw
}

/// A test image: white, a flat block, a gradient and noise, so every filter wins somewhere.
func mixedImage(width: Int, height: Int, alpha: Bool) -> RasterImage {
    var img = RasterImage(width: width, height: height)
    var rng = TestRandom(state: 11)
    for y in 0..<height {
        for x in 0..<width {
            let a: UInt8 = alpha ? UInt8(truncatingIfNeeded: x * 7 + y) : 255
            if x < width / 4 { continue }
            if x < width / 2 { img.set(x, y, rgba: (200, 30, 30, a)); continue }
            if y < height / 2 {
                img.set(x, y, rgba: (UInt8(truncatingIfNeeded: x * 3 + y), UInt8(truncatingIfNeeded: x + 5 * y), 90, a))
                continue
            }
            let v = rng.next()
            img.set(x, y, rgba: (UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v >> 16), a))
        }
    }
    return img
}

@Test(arguments: [3, 4])
func filteredScanlinesUnfilterToThePixels(channels: Int) {
    let img = mixedImage(width: 37, height: 23, alpha: channels == 4)
    let f = PNGEncoder.filteredScanlines(img, channels: channels)
    #expect(f.count == 23 * (1 + 37 * channels))
    let raw = unfilter(f, width: 37, height: 23, channels: channels)
    var expected: [UInt8] = []
    for p in 0..<(37 * 23) { expected += img.pixels[(p * 4)..<(p * 4 + channels)] }
    #expect(raw == expected)
    #expect(Set((0..<23).map { f[$0 * (1 + 37 * channels)] }).isSuperset(of: [1, 2]))
    TestOutput.write(PNGEncoder.encode(img), name: "png-mixed-\(channels).png")
}

@Test func distanceSymbolTableMatchesTheBaseTable() {
    for d in 1...32768 {
        var expected = 0
        while expected < 29 && BlockWriter.distanceBase[expected + 1] <= d { expected += 1 }
        if BlockWriter.distanceSymbol(d, codes: BlockWriter.distanceCodes) != expected { Issue.record("distance \(d)"); return }
    }
}

/// The PNG a scene should encode to in `bands` bands: the whole canvas painted at once,
/// filtered in one pass, and deflated in one segment per band.
func wholeImagePNG(_ scene: Scene, scale: Double, bands: Int) -> [UInt8] {
    var canvas = SceneRasterizer.paint(scene, scale: scale, bands: 1)
    let (w, h) = (canvas.width, canvas.height)
    var scanlines = canvas.takeScanlines()
    ScanlineFilter.apply(to: &scanlines, rowBytes: w * 3, height: h, channels: 3)
    let segments = Canvas.bandRanges(height: h, bands: bands).map { $0.lowerBound * (1 + w * 3)..<$0.upperBound * (1 + w * 3) }
    return PNGEncoder.encode(zlibStream: Deflate.zlibCompress(scanlines, segments: segments), width: w, height: h,
                             channels: 3, pixelsPerMeter: Int((2834.6 * scale).rounded()))
}

@Test func scenePNGMatchesEncodingTheRenderedImage() {
    // One band (a 1x figure of 30 x 30 regions is small enough) is the plain encoder's file.
    let scene = SampleFigures.boundary(res: 30).scene()
    let png = SceneRasterizer.png(scene, scale: 1, bands: 1)
    #expect(png == PNGEncoder.encode(SceneRasterizer.render(scene, scale: 1), pixelsPerMeter: 2835))
    #expect(png == wholeImagePNG(scene, scale: 1, bands: 1))
}

@Test func bandsEncodedOnTheirOwnMatchOneWholeImagePass() {
    // Each band is painted with the rows above it that its deflate history needs, filtered
    // and deflated on its own; the file must equal painting the whole canvas, filtering it in
    // one pass and deflating it in the same segments.
    var tinted = SampleFigures.lossCurve().scene()
    tinted.background = Color(rgb: 0xFFF4E0)   // not a grey: cleared pixel by pixel
    for scene in [SampleFigures.boundary(res: 40).scene(), SampleFigures.lossCurve().scene(), tinted] {
        let (w, h) = SceneRasterizer.size(of: scene, scale: 2)
        let bands = BandEncoder.bands(width: w, height: h)
        #expect(bands == 8, "a 2x figure's default")
        #expect(SceneRasterizer.png(scene, scale: 2) == wholeImagePNG(scene, scale: 2, bands: bands))
        // 1 band; bands shorter than their history (30 and 480 bands: 32 rows and 2 rows).
        for bands in [1, 2, 3, 7, 30, 700] {   // 700 asked: 480 bands of 2 rows
            #expect(SceneRasterizer.png(scene, scale: 2, bands: bands) == wholeImagePNG(scene, scale: 2, bands: bands),
                    "\(bands) bands")
        }
    }
}

@Test func bandEncodersGiveTheSameBytesWhicheverThreadTakesABand() {
    // Each thread keeps its buffer, painter and hash tables from band to band; which thread
    // takes which band varies from run to run, the bytes must not.
    let scene = SampleFigures.boundary(res: 40).scene()
    let expected = [2, 3, 8].map { wholeImagePNG(scene, scale: 2, bands: $0) }
    for run in 0..<24 {
        let k = run % 3, bands = [2, 3, 8][k]
        #expect(SceneRasterizer.png(scene, scale: 2, bands: bands) == expected[k], "run \(run), \(bands) bands")
    }
}

@Test func pngBandsFollowTheScanlineBytes() {
    #expect(BandEncoder.bands(width: 1, height: 1) == 1)
    #expect(BandEncoder.bands(width: 640, height: 480) == 2)   // 0.92 MB of scanlines
    #expect(BandEncoder.bands(width: 200_000, height: 3) == 3)  // 1.8 MB, but never more bands than rows
    // The history above a band: enough rows for deflate's reach, or all there are.
    #expect(BandEncoder.historyRows(above: 120, stride: 3841) == 9)
    #expect(BandEncoder.historyRows(above: 4, stride: 3841) == 4)
    #expect(BandEncoder.historyRows(above: 0, stride: 3841) == 0)
}

/// Scores of three classes on an n x n grid over [-1, 1]^2: minus the squared distance to
/// three centres, with a wobble so boundaries curve.
func curvyScores(n: Int) -> [Float] { curvyScores(rows: n, columns: n) }

/// `curvyScores` on a grid of `rows` x `columns` samples.
func curvyScores(rows: Int, columns: Int) -> [Float] {
    var s: [Float] = []
    for j in 0..<rows {
        for i in 0..<columns {
            let x = -1 + 2 * Double(i) / Double(columns - 1), y = -1 + 2 * Double(j) / Double(rows - 1)
            for c in 0..<3 {
                let a = Double(c) * 2 * Double.pi / 3
                let dx: Double = x - 0.6 * cos(a), dy: Double = y - 0.6 * sin(a)
                let wobble: Double = 0.2 * sin(5 * x + Double(c)) * cos(3 * y)
                s.append(Float(wobble - (dx * dx + dy * dy)))
            }
        }
    }
    return s
}

@Test func uniformRegionCellsMatchPerPixelPicking() {
    let n = 40
    let scores = curvyScores(n: n)
    let classes = (0..<(n * n)).map { s in (0..<3).max { scores[s * 3 + $0] < scores[s * 3 + $1] } ?? 0 }
    for picker in [RegionRaster.Picker.scoreArgmax(scores, classCount: 3), .classVote(classes)] {
        let fast = RegionRaster.render(rows: n, columns: n, lightness: 0.6, picker: picker)
        let slow = RegionRaster.render(rows: n, columns: n, lightness: 0.6, uniformCells: false, picker: picker)
        #expect(fast.width == 160 && fast.height == 160)
        #expect(fast == slow)
        // All three classes appear, so boundaries (the slow path) were exercised too.
        var colours = Set<[UInt8]>()
        for p in stride(from: 0, to: fast.pixels.count, by: 4) { colours.insert(Array(fast.pixels[p..<(p + 3)])) }
        #expect(colours.count == 3)
    }
}

@Test(arguments: [(rows: 23, columns: 57), (rows: 300, columns: 170)])
func uniformRegionCellsMatchPerPixelPickingOnOblongGrids(rows: Int, columns: Int) {
    // Runs of uniform cells are filled per row; the cells' pixel spans must tile each row
    // whatever the supersampling factor (4 and 2 here) and shape.
    let picker = RegionRaster.Picker.scoreArgmax(curvyScores(rows: rows, columns: columns), classCount: 3)
    let fast = RegionRaster.render(rows: rows, columns: columns, lightness: 0.6, picker: picker)
    let slow = RegionRaster.render(rows: rows, columns: columns, lightness: 0.6, uniformCells: false, picker: picker)
    let f = RegionRaster.factor(rows: rows, columns: columns)
    #expect(fast.width == columns * f && fast.height == rows * f)
    #expect(fast == slow)
}

@Test func regionsArePaletteImagesStoredAsPalettePNGs() {
    let n = 40
    let img = RegionRaster.render(rows: n, columns: n, lightness: 0.6,
                                  picker: .scoreArgmax(curvyScores(n: n), classCount: 3))
    guard case .indexed(let packed, let palette, let bits) = img.storage else {
        Issue.record("regions should be a palette image")
        return
    }
    // Four bits an index (eight colours), two to a byte, the left pixel's high.
    #expect(bits == 4 && packed.count == 80 * 160 && palette.count == Palette.okabeIto.count)
    let indices: [UInt8] = (0..<(160 * 160)).map { i in
        let byte = packed[(i / 160) * 80 + (i % 160) / 2]
        return i % 2 == 0 ? byte >> 4 : byte & 0x0F
    }
    // Class c is Palette.color(c) lightened, as the RGBA raster had it.
    let expected = RasterImage.bytes(Palette.color(2).lightened(0.6))
    let word = palette[2]
    #expect((UInt8(word & 0xFF), UInt8((word >> 8) & 0xFF), UInt8((word >> 16) & 0xFF), UInt8(word >> 24)) == expected)
    #expect(Set(indices) == [0, 1, 2])
    // Colour type 3, 4 bits deep, with a PLTE chunk of 8 colours and no tRNS (every colour is
    // opaque).
    let png = PNGEncoder.encode(img)
    #expect(png[25] == 3 && png[24] == 4)
    let text = String(decoding: png, as: Unicode.ASCII.self)
    #expect(text.contains("PLTE") && !text.contains("tRNS"))
    // Python's test decodes the file with Pillow and compares it with the expanded pixels.
    TestOutput.write(png, name: "png-palette-regions.png")
    TestOutput.write(img.pixels, name: "png-palette-regions.rgba")
    // Its RGBA pixels are the palette entries of its indices, red first.
    let expanded = indices.flatMap { i -> [UInt8] in
        let w = palette[Int(i)]
        return [UInt8(w & 0xFF), UInt8((w >> 8) & 0xFF), UInt8((w >> 16) & 0xFF), UInt8(w >> 24)]
    }
    #expect(img.pixels == expanded)
    // Painting through the palette gives the pixels of the same image stored as RGBA.
    var rgba = RasterImage(width: img.width, height: img.height)
    rgba.pixels = expanded
    var viaPalette = Canvas(width: 90, height: 70, background: .white)
    var viaBytes = Canvas(width: 90, height: 70, background: .white)
    let rect = Rect(x: 3.3, y: 2.6, width: 81.2, height: 60.9)
    viaPalette.draw(img, in: rect, clip: IntRect(x0: 0, y0: 0, x1: 90, y1: 70), interpolation: .bilinear)
    viaBytes.draw(rgba, in: rect, clip: IntRect(x0: 0, y0: 0, x1: 90, y1: 70), interpolation: .bilinear)
    #expect(viaPalette.rgbBytes() == viaBytes.rgbBytes())
}

@Test func oddWidthRegionsPackTheirLastIndexAlone() {
    // 321 grid columns at one pixel a step: 321 pixels a row, so each row ends with a byte
    // holding one index (high half) and rows must start on a byte. Python decodes the file
    // with Pillow and compares it with these pixels.
    let (rows, columns) = (5, 321)
    #expect(RegionRaster.factor(rows: rows, columns: columns) == 1)
    let img = RegionRaster.render(rows: rows, columns: columns, lightness: 0.6,
                                  picker: .scoreArgmax(curvyScores(rows: rows, columns: columns), classCount: 3))
    guard case .indexed(let packed, let palette, let bits) = img.storage else {
        Issue.record("regions should be a palette image")
        return
    }
    #expect(bits == 4 && packed.count == 161 * rows)
    var expected: [UInt8] = []
    for y in 0..<rows {
        for x in 0..<columns {
            let byte = packed[y * 161 + x / 2]
            let word = palette[Int(x % 2 == 0 ? byte >> 4 : byte & 0x0F)]
            expected += [UInt8(word & 0xFF), UInt8((word >> 8) & 0xFF), UInt8((word >> 16) & 0xFF), UInt8(word >> 24)]
        }
        #expect(packed[y * 161 + 160] & 0x0F == 0, "the last byte's low half is padding")
    }
    #expect(img.pixels == expected)
    TestOutput.write(PNGEncoder.encode(img), name: "png-palette-odd-width.png")
    TestOutput.write(img.pixels, name: "png-palette-odd-width.rgba")
}

@Test func translucentPaletteColoursGoInTRNS() {
    let img = RasterImage(width: 3, height: 2, indices: [0, 1, 2, 2, 1, 0],
                          palette: [0xFF00_00FF, 0x8000_FF00, 0xFFFF_0000])
    #expect(!img.isOpaque)
    #expect(img.pixels[4..<8] == [0x00, 0xFF, 0x00, 0x80])
    let png = PNGEncoder.encode(img)
    TestOutput.write(png, name: "png-palette-translucent.png")
    TestOutput.write(img.pixels, name: "png-palette-translucent.rgba")
    // tRNS holds the alphas up to the last translucent entry: [255, 128].
    let bytes = png
    guard let at = (0..<(bytes.count - 4)).first(where: { bytes[$0..<($0 + 4)] == [0x74, 0x52, 0x4E, 0x53] }) else {
        Issue.record("no tRNS chunk")
        return
    }
    #expect(Array(bytes[(at - 4)..<at]) == [0, 0, 0, 2])
    #expect(Array(bytes[(at + 4)..<(at + 6)]) == [255, 128])
}

/// The image drawing code before the equal-taps fast path, kept as the reference.
func referenceDraw(_ image: RasterImage, in rect: Rect, on canvas: inout Canvas, interpolation: Interpolation) {
    let bx0 = max(0, Int(rect.x.rounded(.down))), by0 = max(0, Int(rect.y.rounded(.down)))
    let bx1 = min(canvas.width, Int(rect.maxX.rounded(.up))), by1 = min(canvas.height, Int(rect.maxY.rounded(.up)))
    let sx = Double(image.width) / rect.width, sy = Double(image.height) / rect.height
    let px = image.pixels, iw = image.width, ih = image.height
    for y in by0..<by1 {
        let cy = Double(y) + 0.5
        let covY = Float(min(1, min(cy + 0.5 - rect.y, rect.maxY - (cy - 0.5))))
        if covY <= 0 { continue }
        let v = (cy - rect.y) * sy
        let fv = min(Double(ih) - 1, max(0, v - 0.5))
        let row0 = interpolation == .nearest ? min(ih - 1, max(0, Int(v))) : Int(fv)
        let row1 = interpolation == .nearest ? row0 : min(ih - 1, row0 + 1)
        let ty = interpolation == .nearest ? 0 : Float(fv - Double(row0))
        for x in bx0..<bx1 {
            let cx = Double(x) + 0.5
            let cover = Float(max(0, min(1, min(cx + 0.5 - rect.x, rect.maxX - (cx - 0.5))))) * covY
            if cover <= 0 { continue }
            let u = (cx - rect.x) * sx
            let fu = min(Double(iw) - 1, max(0, u - 0.5))
            let col0 = interpolation == .nearest ? min(iw - 1, max(0, Int(u))) : Int(fu)
            let col1 = interpolation == .nearest ? col0 : min(iw - 1, col0 + 1)
            let tx = interpolation == .nearest ? 0 : Float(fu - Double(col0))
            var out: [Float] = []
            for ch in 0..<4 {
                let p00 = Float(px[(row0 * iw + col0) * 4 + ch]), p10 = Float(px[(row0 * iw + col1) * 4 + ch])
                let p01 = Float(px[(row1 * iw + col0) * 4 + ch]), p11 = Float(px[(row1 * iw + col1) * 4 + ch])
                out.append(p00 * (1 - tx) * (1 - ty) + p10 * tx * (1 - ty) + p01 * (1 - tx) * ty + p11 * tx * ty)
            }
            canvas.blend(x, y, r: out[0] / 255, g: out[1] / 255, b: out[2] / 255, alpha: out[3] / 255 * cover)
        }
    }
}

@Test(arguments: [Interpolation.bilinear, .nearest])
func equalTapsFastPathStaysWithinOneLevel(interpolation: Interpolation) {
    // Flat blocks (fast path), a half-transparent block and noise, stretched with fractional edges.
    var img = mixedImage(width: 24, height: 18, alpha: false)
    for y in 0..<6 { for x in 0..<8 { img.set(x, y, rgba: (10, 120, 250, 128)) } }
    let rect = Rect(x: 3.3, y: 2.6, width: 91.5, height: 70.2)
    var fast = Canvas(width: 100, height: 80, background: Color(rgb: 0xF0E0D0))
    fast.draw(img, in: rect, clip: IntRect(x0: 0, y0: 0, x1: 100, y1: 80), interpolation: interpolation)
    var slow = Canvas(width: 100, height: 80, background: Color(rgb: 0xF0E0D0))
    referenceDraw(img, in: rect, on: &slow, interpolation: interpolation)
    let a = fast.rgbBytes(), b = slow.rgbBytes()
    #expect(a.count == b.count)
    #expect(zip(a, b).allSatisfy { abs(Int($0) - Int($1)) <= 1 })
    #expect(zip(a, b).filter { $0 != $1 }.count < a.count / 100)
}
