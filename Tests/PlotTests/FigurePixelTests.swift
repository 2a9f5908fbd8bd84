import Testing
@testable import Plot

@Test func redLineIsRedWhereItShouldBe() {
    var fig = Figure(width: 300, height: 200)
    fig.line(x: [0, 1], y: [0.5, 0.5], color: Color(rgb: 0xFF0000), width: 3)
    let layout = AxesLayout(figure: fig, frame: Rect(x: 0, y: 0, width: 300, height: 200))
    let img = SceneRasterizer.render(fig.scene(), scale: 1)
    let y = Int(layout.transform.y(0.5)), x = Int(layout.transform.x(0.5))
    #expect(pixel(img, x, y) == (255, 0, 0))
    #expect(pixel(img, x, y - 6) == (255, 255, 255))
    #expect(pixel(img, 1, 1) == (255, 255, 255))
    // The line is horizontal and centred: limits are the data padded by 5% on x only.
    #expect(abs(layout.transform.xLo - -0.05) < 1e-12 && abs(layout.transform.xHi - 1.05) < 1e-12)
}

@Test func titleIsRenderedAsDarkPixels() {
    let fig = Figure(width: 320, height: 240, title: "Loss curve")
    let img = SceneRasterizer.render(fig.scene(), scale: 2)
    let layout = AxesLayout(figure: fig, frame: Rect(x: 0, y: 0, width: 320, height: 240))
    let box = TextLayout.bounds(TextItem("Loss curve", at: Point(layout.transform.plot.center.x, layout.transform.plot.y - 10),
                                         size: AxesStyle.titleFont, anchor: .middle))
    var dark = 0
    for y in Int(box.y * 2)..<Int(box.maxY * 2) {
        for x in Int(box.x * 2)..<Int(box.maxX * 2) where pixel(img, x, y).0 < 100 { dark += 1 }
    }
    #expect(dark > 150)
    // Nothing dark above the title.
    for x in 0..<img.width { #expect(pixel(img, x, 2).0 == 255) }
}

@Test func scatterClassesUsePaletteAndLegend() {
    var fig = Figure(width: 300, height: 200)
    fig.scatter(x: [0.0, 1.0], y: [0.0, 1.0], classes: [0, 1])
    let entries = Legend.entries(fig.series)
    #expect(entries.map(\.1) == ["class 0", "class 1"])
    let img = SceneRasterizer.render(fig.scene(), scale: 1)
    let layout = AxesLayout(figure: fig, frame: Rect(x: 0, y: 0, width: 300, height: 200))
    let p = layout.transform.point(0, 0)
    let (r, g, b) = pixel(img, Int(p.x), Int(p.y))
    // Okabe-Ito blue 0x0072B2 at 90% opacity over white.
    #expect(abs(r - 26) <= 3 && abs(g - 128) <= 3 && abs(b - 186) <= 3)
    #expect(fig.textForm == "<Figure 300x200: 1 scatter>")
}

@Test func logAxisDropsNonPositiveValues() {
    var fig = Figure(logY: true)
    fig.line(y: [0.0, 10, 1, 0.1])
    let (_, yr) = AxesLayout.limits(fig)
    #expect(yr.0 > 0.05 && yr.0 < 0.1 && yr.1 > 10 && yr.1 < 20)
}

@Test func contourOfCircleHasRadiusOne() {
    let n = 41
    var v: [Double] = []
    for j in 0..<n {
        for i in 0..<n {
            let x = -2 + 4 * Double(i) / Double(n - 1), y = -2 + 4 * Double(j) / Double(n - 1)
            v.append(x * x + y * y)
        }
    }
    let lines = MarchingSquares.lines(v, rows: n, columns: n, level: 1)
    #expect(lines.count == 1)
    let pts = lines[0]
    #expect(pts.count > 40)
    #expect(pts.first == pts.last)   // closed ring
    for p in pts {
        let x = -2 + 4 * p.x / Double(n - 1), y = -2 + 4 * p.y / Double(n - 1)
        #expect(abs((x * x + y * y).squareRoot() - 1) < 0.02)
    }
}

@Test func graphLayersGoLeftToRight() {
    let g = SampleFigures.graph()
    let x = Dictionary(uniqueKeysWithValues: zip(g.nodes.map(\.id), g.boxes.map(\.x)))
    #expect(x[1]! < x[3]! && x[3]! < x[5]! && x[5]! < x[7]!)
    #expect(x[4]! < x[5]! && x[6]! < x[7]!)
    #expect(g.summary == "graph with 7 nodes")
}

@Test func dashesSplitALine() {
    let pieces = Stroker.dashed([Point(0, 0), Point(20, 0)], pattern: [4, 2])
    #expect(pieces.count == 4)
    #expect(pieces[0] == [Point(0, 0), Point(4, 0)])
    #expect(pieces[1] == [Point(6, 0), Point(10, 0)])
}

@Test func classGridRegionsColourEachSideOfTheBoundary() {
    // Left half class 0, right half class 1.
    let n = 10
    let classes = (0..<(n * n)).map { ($0 % n) < n / 2 ? 0 : 1 }
    var fig = Figure(width: 300, height: 300)
    fig.regions(classes: classes, rows: n, columns: n, extent: Extent(xMin: 0, xMax: 1, yMin: 0, yMax: 1))
    let img = SceneRasterizer.render(fig.scene(), scale: 1)
    let layout = AxesLayout(figure: fig, frame: Rect(x: 0, y: 0, width: 300, height: 300))
    let left = layout.transform.point(0.1, 0.5), right = layout.transform.point(0.9, 0.5)
    let c0 = Palette.color(0).lightened(0.6).bytes, c1 = Palette.color(1).lightened(0.6).bytes
    let (lr, lg, lb) = pixel(img, Int(left.x), Int(left.y)), (rr, rg, rb) = pixel(img, Int(right.x), Int(right.y))
    #expect(abs(lr - Int(c0.0)) <= 1 && abs(lg - Int(c0.1)) <= 1 && abs(lb - Int(c0.2)) <= 1)
    #expect(abs(rr - Int(c1.0)) <= 1 && abs(rg - Int(c1.1)) <= 1 && abs(rb - Int(c1.2)) <= 1)
}

@Test func superlevelSetOfAConeIsADisc() {
    let n = 41
    var v: [Double] = []
    for j in 0..<n {
        for i in 0..<n {
            let x = -2 + 4 * Double(i) / Double(n - 1), y = -2 + 4 * Double(j) / Double(n - 1)
            v.append(-(x * x + y * y).squareRoot())
        }
    }
    // f >= -1 is the unit disc: area pi in data units, (n-1)^2 / 16 per data unit^2 in grid units.
    let polys = Isobands.superlevel(v, rows: n, columns: n, level: -1)
    var area = 0.0
    for p in polys {
        for k in 0..<p.count {
            let a = p[k], b = p[(k + 1) % p.count]
            area += (a.x * b.y - b.x * a.y) / 2
        }
    }
    let expected = Double.pi * Double((n - 1) * (n - 1)) / 16
    #expect(area > 0)
    #expect(abs(area - expected) / expected < 0.01)
}

@Test func extremeValuesDoNotCrash() {
    var fig = Figure(width: 200, height: 150, logY: false)
    fig.line(x: [0, 1, 2], y: [1e300, -1e300, 0])
    fig.scatter(x: [Double.infinity, 0, 1e308], y: [0, Double.nan, -1e308])
    fig.histogram([1e308, -1e308, 0])
    let img = SceneRasterizer.render(fig.scene(), scale: 1)
    #expect(img.width == 200)
    let svg = fig.svg()
    #expect(SVGProbe.parse(svg) != nil)
}

@Test func scoreRegionsFollowTheDiagonal() {
    // Class 0 scores x - y, class 1 scores y - x: the boundary is the diagonal y = x.
    let n = 5
    var scores: [Float] = []
    for j in 0..<n {
        for i in 0..<n { scores += [Float(i - j), Float(j - i)] }
    }
    var fig = Figure(width: 300, height: 300)
    fig.regions(scores: scores, classCount: 2, rows: n, columns: n, extent: Extent(xMin: 0, xMax: 4, yMin: 0, yMax: 4))
    let img = SceneRasterizer.render(fig.scene(), scale: 1)
    let t = AxesLayout(figure: fig, frame: Rect(x: 0, y: 0, width: 300, height: 300)).transform
    let c0 = Palette.color(0).lightened(0.6).bytes, c1 = Palette.color(1).lightened(0.6).bytes
    // Below and above the diagonal, between grid samples (a cell-wise argmax would give stairs).
    let below = t.point(2.6, 1.4), above = t.point(1.4, 2.6)
    #expect(pixel(img, Int(below.x), Int(below.y)) == (Int(c0.0), Int(c0.1), Int(c0.2)))
    #expect(pixel(img, Int(above.x), Int(above.y)) == (Int(c1.0), Int(c1.1), Int(c1.2)))
}
