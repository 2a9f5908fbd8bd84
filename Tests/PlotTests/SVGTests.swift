import Foundation
import Testing
@testable import Plot

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects elements and attributes of an SVG document with Foundation's XMLParser.
final class SVGProbe: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [String] = []
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append((name, attributes))
        if name == "text" {
            inText = true
            texts.append("")
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText, !texts.isEmpty { texts[texts.count - 1] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }

    /// Parses the document; nil when it is not well-formed.
    static func parse(_ svg: String) -> SVGProbe? {
        let probe = SVGProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        return parser.parse() ? probe : nil
    }
}

@Test(arguments: ["loss", "boundary", "contour", "hist", "heatmap", "images", "graph", "subplots"])
func svgIsStandaloneAndWellFormed(_ name: String) throws {
    let charts: [String: any Chart] = [
        "loss": SampleFigures.lossCurve(), "boundary": SampleFigures.boundary(), "contour": SampleFigures.rosenbrock(),
        "hist": SampleFigures.histogram(), "heatmap": SampleFigures.heatmap(), "images": SampleFigures.imageGrid(),
        "graph": SampleFigures.graph(), "subplots": SampleFigures.subplots(),
    ]
    let chart = try #require(charts[name])
    let svg = chart.svg()
    let probe = try #require(SVGProbe.parse(svg))
    let root = try #require(probe.elements.first)
    #expect(root.name == "svg")
    #expect(root.attributes["viewBox"] == "0 0 \(SVGWriter.num(chart.width)) \(SVGWriter.num(chart.height))")
    #expect(root.attributes["width"] == SVGWriter.num(chart.width))
    #expect(root.attributes["font-family"] == "DejaVu Sans, Helvetica, Arial, sans-serif")
    // White background first.
    #expect(probe.elements[1].name == "rect" && probe.elements[1].attributes["fill"] == "#ffffff")
    // No external references: every href is an embedded PNG; no web fonts or styles.
    for e in probe.elements {
        if let href = e.attributes["href"] ?? e.attributes["xlink:href"] {
            #expect(href.hasPrefix("data:image/png;base64,"))
        }
        #expect(e.name != "style" && e.name != "link" && e.name != "script")
    }
    #expect(!svg.contains("@font-face") && !svg.contains("url(http"))
    // Compact numbers: coordinates never carry more than two decimals.
    for e in probe.elements {
        for (key, value) in e.attributes where key != "href" {
            #expect(value.range(of: #"[0-9]\.[0-9]{3,}"#, options: .regularExpression) == nil, "\(e.name) \(key)")
        }
    }
}

@Test func rasterLayersAreOneEmbeddedImage() throws {
    let probe = try #require(SVGProbe.parse(SampleFigures.boundary(res: 200).svg()))
    #expect(probe.elements.filter { $0.name == "image" }.count == 1)
    #expect(probe.elements.filter { $0.name == "rect" }.count < 5)
    // 150 points drawn as circles.
    #expect(probe.elements.filter { $0.name == "circle" }.count == 150 + 3)
}

@Test func svgTextIsEscapedAndLabelled() throws {
    var fig = Figure(title: "a < b & c", xLabel: "epoch", yLabel: "loss")
    fig.line(y: [3, 1, 2], label: "train")
    let probe = try #require(SVGProbe.parse(fig.svg()))
    #expect(probe.texts.contains("a < b & c"))
    #expect(probe.texts.contains("epoch") && probe.texts.contains("loss") && probe.texts.contains("train"))
    let ylabel = try #require(probe.elements.first { $0.name == "text" && ($0.attributes["transform"] ?? "").hasPrefix("rotate(-90") })
    #expect(ylabel.attributes["text-anchor"] == "middle")
}

@Test(arguments: [(1.0, "1"), (0.5, "0.5"), (1.234567, "1.23"), (-0.001, "0"), (100.999, "101"), (-2.5, "-2.5")])
func svgNumbersHaveAtMostTwoDecimals(_ v: Double, _ text: String) {
    #expect(SVGWriter.num(v) == text)
}

@Test func sameStyleMarkersShareAGroup() throws {
    var fig = Figure(width: 300, height: 200)
    fig.scatter(x: [0.0, 1, 2, 3], y: [0.0, 1, 0, 1], color: Color(rgb: 0x0072B2))
    let svg = fig.svg()
    let probe = try #require(SVGProbe.parse(svg))
    let groups = probe.elements.filter { $0.name == "g" && $0.attributes["fill"] == "#0072b2" }
    #expect(groups.count == 1)
    #expect(groups.first?.attributes["fill-opacity"] == "0.9")
    #expect(probe.elements.filter { $0.name == "circle" && $0.attributes["fill"] == nil }.count == 4)
}
