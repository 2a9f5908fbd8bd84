import Testing
@testable import Plot

// BandFilter against one pass of ScanlineFilter over the whole image, on small canvases whose
// bands have one row, one chunk, a chunk and one row, and so on.

/// The sample byte at row y, column i: groups of three equal rows (stretches equal to the row
/// above), a constant left margin, and the rest varied.
private func sample(_ y: Int, _ i: Int) -> UInt8 {
    i < 20 ? 7 : UInt8(truncatingIfNeeded: (y / 3) &* 2_654_435_761 &+ i &* 40_503 &+ (i / 50) &* y)
}

@Test(arguments: [(height: 1, bands: 1), (height: 3, bands: 3), (height: 33, bands: 1), (height: 34, bands: 1),
                  (height: 34, bands: 2), (height: 65, bands: 2), (height: 100, bands: 3), (height: 130, bands: 4),
                  (height: 257, bands: 7)])
func bandFilterMatchesOnePassOverTheImage(height: Int, bands: Int) {
    let width = 45, rowBytes = width * 3
    var expected = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
    for y in 0..<height {
        for i in 0..<rowBytes { expected[y * (rowBytes + 1) + 1 + i] = sample(y, i) }
    }
    ScanlineFilter.apply(to: &expected, rowBytes: rowBytes, height: height, channels: 3)
    let ranges = Canvas.bandRanges(height: height, bands: bands)
    let filter = BandFilter(bands: ranges, rowBytes: rowBytes, channels: 3)
    var canvas = Canvas(width: width, height: height, background: .white, bands: bands) { view, rows, band in
        filter.started(band)
        for y in rows {
            for i in 0..<rowBytes { (view.base + y * view.stride + 1 + i).pointee = sample(y, i) }
        }
        filter.painted(band, in: view)
    }
    canvas.withView { filter.finish(in: $0) }
    #expect(canvas.takeScanlines() == expected, "\(height) rows in \(bands) bands")
}
