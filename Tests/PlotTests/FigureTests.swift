import Testing
@testable import Plot

@Test func sampleFiguresRender() {
    let figs: [(String, Figure)] = [
        ("loss", SampleFigures.lossCurve()), ("boundary", SampleFigures.boundary()),
        ("contour", SampleFigures.rosenbrock()), ("hist", SampleFigures.histogram()),
        ("heatmap", SampleFigures.heatmap()),
    ]
    for (name, fig) in figs {
        let svg = fig.svg()
        #expect(svg.hasPrefix("<svg"))
        TestOutput.write(svg, name: "figure-\(name).svg")
        TestOutput.write(fig.png(), name: "figure-\(name).png")
    }
    let charts: [(String, any Chart)] = [
        ("images", SampleFigures.imageGrid()), ("graph", SampleFigures.graph()), ("subplots", SampleFigures.subplots()),
    ]
    for (name, chart) in charts {
        TestOutput.write(chart.svg(), name: "figure-\(name).svg")
        TestOutput.write(chart.png(), name: "figure-\(name).png")
    }
}
