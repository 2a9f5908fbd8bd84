import Foundation
import Testing
@testable import Plot

// The strip rasteriser, the 8-bit canvas and the marker rings.

/// Total ink of a black fill on a white canvas, in pixels of full coverage.
private func ink(_ canvas: Canvas) -> Double {
    canvas.rgbBytes().reduce(0.0) { $0 + Double(255 - Int($1)) } / (3 * 255)
}

private func filled(_ polys: [[Point]], width: Int = 120, height: Int = 150, box: IntRect? = nil,
                    color: Color = .black) -> Canvas {
    var canvas = Canvas(width: width, height: height, background: .white)
    var raster = CoverageRasterizer()
    raster.fill(polys, in: box ?? IntRect(x0: 0, y0: 0, x1: width, y1: height), ink: Ink(color), on: &canvas)
    return canvas
}

@Test func rectangleSpanningStripsHasExactCoverage() {
    // 100.5 rows tall (four strips), fractional on every side.
    let rect: [Point] = [Point(10.25, 3.5), Point(90.75, 3.5), Point(90.75, 104), Point(10.25, 104)]
    let canvas = filled([rect])
    #expect(abs(ink(canvas) - 80.5 * 100.5) < 2)
    let img = canvas.image()
    #expect(pixel(img, 50, 50) == (0, 0, 0))
    #expect(pixel(img, 50, 110) == (255, 255, 255))
    // Three-quarter-covered left column, half-covered top row.
    #expect(abs(pixel(img, 10, 50).0 - 64) <= 1)
    #expect(abs(pixel(img, 50, 3).0 - 128) <= 1)
}

@Test func stripBoundariesLeaveNoSeams() {
    // A slanted band crossing every strip boundary: each row holds the same ink.
    let band: [Point] = [Point(5, 0), Point(25, 0), Point(105, 150), Point(85, 150)]
    let canvas = filled([band])
    let rgb = canvas.rgbBytes()
    for y in 1..<149 {
        var row = 0.0
        for x in 0..<120 { row += Double(255 - Int(rgb[(y * 120 + x) * 3])) / 255 }
        #expect(abs(row - 20) < 0.05, "row \(y): \(row)")
    }
}

@Test func edgesLeftOfTheBoxStillCount() {
    // A triangle cut by the box's left side: the part inside must match an uncut render.
    let tri: [Point] = [Point(-30, 10), Point(70, 40), Point(-10, 130)]
    let cut = filled([tri], box: IntRect(x0: 20, y0: 0, x1: 120, y1: 150)).image()
    let whole = filled([tri]).image()
    for y in 0..<150 {
        for x in 0..<120 {
            let expected = x >= 20 ? pixel(whole, x, y) : (255, 255, 255)
            if pixel(cut, x, y) != expected { Issue.record("pixel \(x), \(y)"); return }
        }
    }
}

@Test func holesFollowTheNonZeroRule() {
    let outer = Stroker.circle(Point(60, 60), 40)
    let inner = Array(Stroker.circle(Point(60, 60), 20).reversed())
    let img = filled([outer, inner]).image()
    #expect(pixel(img, 60, 60) == (255, 255, 255))
    #expect(pixel(img, 60, 30) == (0, 0, 0))
}

@Test func markerRingCoversTheAnnulus() {
    let polys = Stroker.ring(Point(40.3, 50.7), 8, width: 1.2)
    #expect(polys.count == 2)
    let canvas = filled(polys)
    let area = Double.pi * (8.6 * 8.6 - 7.4 * 7.4)
    // Within the polygons' chord error (about 1%) of the true annulus.
    #expect(abs(ink(canvas) - area) / area < 0.02)
    let img = canvas.image()
    #expect(pixel(img, 40, 50) == (255, 255, 255))   // centre stays empty
}

@Test func translucentPaintRoundsOnceOverOpaquePixels() {
    var canvas = Canvas(width: 4, height: 1, background: .white)
    canvas.paint(y: 0, from: 0, to: 4, ink: Ink(Color(rgb: 0x0072B2).withAlpha(0.9)), coverage: 1)
    let expected = [0x00, 0x72, 0xB2].map { c -> UInt8 in UInt8((255 + (Double(c) - 255) * 0.9).rounded()) }
    #expect(Array(canvas.rgbBytes()[0..<3]) == expected)
}

@Test func canvasRowsAreScanlinesWithAFilterByte() {
    var canvas = Canvas(width: 3, height: 2, background: Color(rgb: 0x102030))
    #expect(canvas.stride == 10)
    let rows = canvas.takeScanlines()
    #expect(rows == [0, 0x10, 0x20, 0x30, 0x10, 0x20, 0x30, 0x10, 0x20, 0x30,
                     0, 0x10, 0x20, 0x30, 0x10, 0x20, 0x30, 0x10, 0x20, 0x30])
}

@Test func rowsEqualToTheRowAboveFilterToZeros() {
    var img = RasterImage(width: 50, height: 6, fill: Color(rgb: 0x336699))
    for x in 0..<50 { img.set(x, 2, Color(rgb: UInt32(x * 5000))) }
    let f = PNGEncoder.filteredScanlines(img, channels: 3)
    let stride = 1 + 50 * 3
    #expect(f[4 * stride] == 2 && f[(4 * stride + 1)..<(5 * stride)].allSatisfy { $0 == 0 })
    #expect(unfilter(f, width: 50, height: 6, channels: 3).count == 50 * 6 * 3)
    var raw: [UInt8] = []
    for p in 0..<(50 * 6) { raw += img.pixels[(p * 4)..<(p * 4 + 3)] }
    #expect(unfilter(f, width: 50, height: 6, channels: 3) == raw)
}

@Test func paintingInBandsGivesTheSamePixels() {
    // Every kind of item crosses band edges: regions (an image), markers, text, lines, a legend.
    let scenes = [SampleFigures.boundary(res: 40).scene(), SampleFigures.lossCurve().scene(),
                  SampleFigures.rosenbrock(res: 30).scene()]
    for scene in scenes {
        let whole = SceneRasterizer.paint(scene, scale: 2, bands: 1).rgbBytes()
        for bands in [2, 3, 7] {
            #expect(SceneRasterizer.paint(scene, scale: 2, bands: bands).rgbBytes() == whole, "\(bands) bands")
        }
    }
    #expect(SceneRasterizer.bands(height: 960) == 2 && SceneRasterizer.bands(height: 480) == 1)
    // More bands than fit evenly (10 rows asked in 7 bands: 5 bands of 2).
    #expect(Canvas.bandRanges(height: 10, bands: 7) == [0..<2, 2..<4, 4..<6, 6..<8, 8..<10])
    let grey = Color(rgb: 0x5A5A5A)
    let small = Canvas(width: 4, height: 10, background: .white, bands: 7) { view, rows, _ in
        for y in rows { view.paint(y: y, from: 0, to: 4, ink: Ink(grey), coverage: 1) }
    }
    #expect(small.rgbBytes().allSatisfy { $0 == 0x5A })
}
