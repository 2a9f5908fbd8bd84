import Testing
@testable import Plot

/// The RGB of a device pixel.
func pixel(_ img: RasterImage, _ x: Int, _ y: Int) -> (Int, Int, Int) {
    let i = (y * img.width + x) * 4
    return (Int(img.pixels[i]), Int(img.pixels[i + 1]), Int(img.pixels[i + 2]))
}

func sampleScene() -> Scene {
    var s = Scene(width: 200, height: 120)
    var p = Path()
    p.move(to: Point(10, 100))
    p.line(to: Point(190, 100))
    s.add(.stroke(p, Stroke(color: Color(rgb: 0xFF0000), width: 4)))
    s.add(.fill(.rect(Rect(x: 20, y: 20, width: 40, height: 30)), Color(rgb: 0x0000FF)))
    s.add(.circle(center: Point(150, 40), radius: 15, fill: Color(rgb: 0x00AA00), stroke: nil))
    s.add(.text(TextItem("Hello αβ ∇", at: Point(70, 80), size: 16)))
    var dash = Path()
    dash.move(to: Point(10, 110))
    dash.line(to: Point(190, 115))
    s.add(.stroke(dash, Stroke(color: .black, width: 1.5, dash: [6, 3])))
    return s
}

@Test func rasterPixelsLandWhereDrawn() {
    let img = SceneRasterizer.render(sampleScene(), scale: 2)
    #expect(img.width == 400 && img.height == 240)
    #expect(pixel(img, 2, 2) == (255, 255, 255))          // background
    #expect(pixel(img, 200, 200) == (255, 0, 0))          // red line centre (y = 100 * 2)
    #expect(pixel(img, 200, 195) == (255, 255, 255))      // above the 8-px-wide line
    #expect(pixel(img, 80, 70) == (0, 0, 255))            // inside the blue rect
    #expect(pixel(img, 300, 80) == (0, 170, 0))           // circle centre
    // The rect's edge at x = 20 (device 40) is sharp: column 39 white, column 40 blue.
    #expect(pixel(img, 39, 70) == (255, 255, 255))
    #expect(pixel(img, 40, 70) == (0, 0, 255))
    TestOutput.write(PNGEncoder.encode(img), name: "scene-sample.png")
    TestOutput.write(SVGRenderer.render(sampleScene()), name: "scene-sample.svg")
}

@Test func textRendersDarkPixelsInItsBox() {
    var s = Scene(width: 120, height: 40)
    let t = TextItem("Loss", at: Point(60, 20), size: 20, anchor: .middle, baseline: .middle)
    s.add(.text(t))
    let img = SceneRasterizer.render(s, scale: 1)
    let box = TextLayout.bounds(t)
    var dark = 0, outsideDark = 0
    for y in 0..<img.height {
        for x in 0..<img.width {
            let (r, _, _) = pixel(img, x, y)
            let inside = box.contains(Point(Double(x) + 0.5, Double(y) + 0.5))
            if r < 128 { if inside { dark += 1 } else { outsideDark += 1 } }
        }
    }
    #expect(dark > 60)
    #expect(outsideDark == 0)
    // "Loss" at 20 px is about 44 px wide in DejaVu Sans.
    #expect(abs(Font.textWidth("Loss", size: 20) - 44.6) < 1)
}
