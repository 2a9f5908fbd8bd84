import Testing
@testable import Plot

func readU32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
}

@Test func pngHasValidChunks() {
    var img = RasterImage(width: 5, height: 3)
    img.set(1, 1, Color(rgb: 0x123456))
    let png = PNGEncoder.encode(img, pixelsPerMeter: 5669)
    TestOutput.write(png, name: "png-tiny.png")
    #expect(Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    var i = 8
    var types: [String] = []
    while i < png.count {
        let len = Int(readU32(png, i))
        let type = String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self)
        types.append(type)
        #expect(readU32(png, i + 8 + len) == CRC32.checksum(png[(i + 4)..<(i + 8 + len)]))
        if type == "IHDR" {
            #expect(readU32(png, i + 8) == 5 && readU32(png, i + 12) == 3)
            #expect(png[i + 16] == 8 && png[i + 17] == 2)   // 8-bit RGB: the image is opaque
        }
        i += 12 + len
    }
    #expect(types == ["IHDR", "pHYs", "IDAT", "IEND"])
}

@Test func transparentImagesKeepAlpha() {
    let img = RasterImage(width: 2, height: 2, fill: Color.white.withAlpha(0.5))
    let png = PNGEncoder.encode(img)
    #expect(png[25] == 6)   // colour type RGBA
    TestOutput.write(png, name: "png-alpha.png")
}

@Test func filtersPickSubForHorizontalRamps() {
    var img = RasterImage(width: 64, height: 2)
    for x in 0..<64 { for y in 0..<2 { img.set(x, y, Color(red: Double(x) / 63, green: 0, blue: 0)) } }
    let f = PNGEncoder.filteredScanlines(img, channels: 3)
    #expect(f.count == 2 * (1 + 64 * 3))
    #expect(f[0] == 1)            // Sub on the first row (no row above)
    #expect(f[1 + 64 * 3] == 2)   // Up on the second (identical to the first)
}

@Test func figurePNGsAreWrittenAtTwiceTheSize() {
    let fig = SampleFigures.lossCurve(points: 1000)
    let png = fig.png(scale: 2)
    #expect(readU32(png, 16) == 1280 && readU32(png, 20) == 960)
    TestOutput.write(png, name: "figure-loss1000.png")
}
