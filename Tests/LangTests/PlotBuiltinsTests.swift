import Foundation
import Plot
import Testing
@testable import Lang

@Suite struct PlotBuiltinsTests {
    @Test("figure builtins return figures", arguments: [
        ("plot([1, 2, 3])", "<Figure 640x480: 1 line>"),
        ("plot([0, 1, 2], [1, 4, 9], label=\"sq\", style=\"--\")", "<Figure 640x480: 1 line>"),
        ("plot([[1, 2], [3, 4], [5, 6]])", "<Figure 640x480: 2 lines>"),
        ("scatter([[0, 0], [1, 1], [2, 0]], [0, 1, 2])", "<Figure 640x480: 1 scatter>"),
        ("scatter([0, 1, 2], [2, 1, 0])", "<Figure 640x480: 1 scatter>"),
        ("hist([1, 2, 2, 3, 3, 3], bins=3)", "<Figure 640x480: 1 histogram>"),
        ("imshow([[1, 2], [3, 4]])", "<Figure 560x480: 1 image>"),
        ("imshow(ones(4, 5, 3))", "<Figure 560x480: 1 image>"),
        ("images([[[0, 1], [1, 0]], [[1, 0], [0, 1]]], labels=[3, 7])", "<Figure 340x212: 2 images>"),
        ("images(zeros(3, 1, 4, 4), cols=3, normalize=\"global\", cmap=\"gray_r\")", "<Figure 468x148: 3 images>"),
        ("plot([1, 2], [3, 4], \"--\")", "<Figure 640x480: 1 line>"),
        ("contour(fn(a, b) = a * a + b * b, [-1, 1], [-1, 1], res=12)", "<Figure 640x480: 1 contour>"),
        ("contour(fn(a, b) = a * a + b * b + 0.01, [-1, 1], [-1, 1], res=12, log=true)", "<Figure 640x480: 1 contour>"),
        ("contour(fn(w) = w[0] * w[0] + w[1], [-1, 1], [-1, 1], res=5, levels=4)", "<Figure 640x480: 1 contour>"),
        ("contour(fn(a, b) = a * a + b * b, [-1, 1], [-1, 1], res=12, levels=[0.25, 0.5]).path([[0.5, 0.5], [0.1, 0.2]])",
         "<Figure 640x480: 1 contour, 1 path>"),
        ("boundary(fn(P) = P @ [[1, -1], [-1, 1]], [[0, 0], [1, 1], [0, 1]], [0, 1, 1], res=20)",
         "<Figure 640x480: 1 image, 1 scatter>"),
        ("boundary(fn(P) = P @ [[1], [-1]], [[0, 0], [1, 1], [0, 1]], res=20)",
         "<Figure 640x480: 1 image, 1 contour, 1 scatter>"),
        ("subplots([plot([1, 2]), hist([1, 2])], cols=2)", "<Figure 1000x375: 2 subplots>"),
        ("fig = figure(title=\"t\")\nfig.line([1, 2]).scatter([[0, 0]])\nfig", "<Figure 640x480: 1 line, 1 scatter>"),
        ("f = figure(title=\"t\")\nf.title", "\"t\""),
        ("f = figure(xlim=[0, 10], ylim=[-1, 1])\nf.line([1, 2], [0, 0.5], \"--\")", "<Figure 640x480: 1 line>"),
        ("f = figure()\nf.xlabel = \"epoch\"\nf.xlabel", "\"epoch\""),
        ("a = plot([1, 2])\nb = plot([2, 1])\na.add(b)", "<Figure 640x480: 2 lines>"),
    ])
    func figureResults(_ code: String, _ expected: String) {
        #expect(TestSession().run(code) == expected)
    }

    /// The SVG of the figure a cell evaluates to.
    private func svg(_ t: TestSession, _ cell: String) throws -> String {
        guard case .ok(let result?, _) = t.session.execute(cell, cellName: "In[3]", output: t.sink) else {
            throw LangError.valueError("no figure")
        }
        return try #require(result["image/svg+xml"])
    }

    @Test func boundaryDrawsAModelInEvaluationModeAndRestoresItsMode() throws {
        let t = TestSession()
        t.run("%format svg")
        t.run("seed(1)\nX, y = moons(30)\nmodel = Sequential(Linear(2, 32), ReLU(), Dropout(0.5), Linear(32, 2))")
        // With dropout on, two draws would differ; in evaluation mode they are the same.
        #expect(try svg(t, "boundary(model, X, y, res=30)") == svg(t, "boundary(model, X, y, res=30)"))
        // Still training afterwards: dropout makes two forward passes differ.
        #expect(t.run("seed(2)\n(model(X) != model(X)).sum().item() > 0") == "true")
    }

    @Test func boundaryOfAModelInBlocksMatchesTheWholeGrid() throws {
        let t = TestSession()
        t.run("%format svg")
        t.run("seed(3)\nX, y = spiral(60, classes=3)\nmodel = Sequential(Linear(2, 16), ReLU(), Linear(16, 3))")
        // res=50 is 2,500 points: a model gets them in blocks of 20 grid rows (the last one
        // 10), painted as they come, a plain function in one call; the regions must be the
        // same, and so must the points coloured by prediction when y is left out.
        #expect(try svg(t, "boundary(model, X, y, res=50)") == svg(t, "boundary(fn(P) = model(P), X, y, res=50)"))
        #expect(try svg(t, "boundary(model, X, res=50)") == svg(t, "boundary(fn(P) = model(P), X, res=50)"))
        #expect(try svg(t, "boundary(model, X, res=50)") != svg(t, "boundary(model, X, y, res=50)"))
    }

    @Test("plot errors name the argument", arguments: [
        ("plot([1, 2], style=\"x\")", "ValueError: plot() argument 'style' must be \"-\", \"--\", \":\", \"o\" or \"-o\", got \"x\""),
        ("plot([1, 2], [1, 2, 3])", "ValueError: plot() argument 'x' has 2 values but y has 3"),
        ("plot(\"a\")", "TypeError: plot() argument 'x' must be a tensor or a list of numbers, not string"),
        ("plot([1], color=\"blu\")", "ValueError: plot() argument 'color' must be a colour like \"#0072b2\" or \"red\", got \"blu\""),
        ("hist([1], bins=0)", "ValueError: hist() argument 'bins' must be between 1 and 10000, got 0"),
        ("scatter([[1, 2, 3]])", "ValueError: scatter() argument 'X' must have shape [N, 2] (one point per row), got [1, 3]"),
        ("subplots([1])", "TypeError: subplots() argument 'figs' must be a list of figures, found number"),
        ("imshow([[1, 2]], cmap=\"jet\")", "ValueError: imshow() argument 'cmap' must be one of \"viridis\", \"gray\", \"gray_r\", got \"jet\""),
        ("figure(width=10)", "ValueError: figure() width and height must be between 100 and 4000 pixels"),
        ("images([[1, 2, 3]])", "ValueError: images() needs [N, H, W] images, or [N, D] rows with D a square number; got [1, 3]"),
        ("graph(3)", "TypeError: graph() argument 'L' must be a tensor, not number"),
        ("figure(ylim=[1, 0])", "ValueError: figure() argument 'ylim' must be [low, high] with low < high"),
        ("contour(fn(a, b) = a, [0, 1], [0, 1], levels=1e300)", "ValueError: contour() argument 'levels' must be a count between 1 and 100 or a list of values"),
        ("imshow(zeros(0, 4, 3))", "ValueError: imshow() got an empty tensor (shape [0, 4, 3])"),
        ("boundary(fn(P) = P, zeros(0, 2))", "ValueError: boundary() argument 'X' has no points"),
        ("boundary(fn(P) = zeros(3), [[0, 0], [1, 1]], res=2)",
         "ValueError: boundary() model returned shape [3] for 4 points of the 4-point grid; expected [4, k] (one row of k scores per point)"),
        ("contour(fn(a, b) = a, [1, 0], [0, 1])", "ValueError: contour() argument 'xrange' must be [low, high] with low < high"),
    ])
    func plotErrors(_ code: String, _ expected: String) {
        #expect(TestSession().run(code) == expected)
    }

    @Test func figureBundleCarriesPNGAtTwiceTheSizeAndSVG() throws {
        let t = TestSession()
        guard case .ok(let result?, _) = t.session.execute("plot([1, 3, 2])", cellName: "In[1]", output: t.sink) else {
            Issue.record("no result")
            return
        }
        #expect(result.metadata["image/png"] == ["width": 640, "height": 480])
        let png = try #require(result["image/png"].flatMap { Data(base64Encoded: $0) })
        let bytes = [UInt8](png)
        #expect(Array(bytes[1...3]) == Array("PNG".utf8))
        let width = Int(bytes[16]) << 24 | Int(bytes[17]) << 16 | Int(bytes[18]) << 8 | Int(bytes[19])
        #expect(width == 1280)
        #expect(result["image/svg+xml"]?.hasPrefix("<svg") == true)
        #expect(result["text/plain"] == "<Figure 640x480: 1 line>")
    }

    @Test func formatMagicNarrowsTheBundle() {
        let t = TestSession()
        t.run("%format svg")
        guard case .ok(let result?, _) = t.session.execute("plot([1, 2])", cellName: "In[2]", output: t.sink) else {
            Issue.record("no result")
            return
        }
        #expect(result["image/png"] == nil)
        #expect(result["image/svg+xml"] != nil)
    }

    @Test func graphShowsOpsValuesAndGrads() throws {
        let t = TestSession()
        let text = t.run("a = param(2.0)\nb = param(-3.0)\nL = a * b + 10\nL.backward()\ng = graph(L)\ng")
        #expect(text.hasPrefix("<Figure ") && text.contains(": graph with "), "\(text)")
        guard case .ok(let result?, _) = t.session.execute("g", cellName: "In[9]", output: t.sink) else {
            Issue.record("no result")
            return
        }
        let svg = try #require(result["image/svg+xml"])
        #expect(svg.contains(">×</text>") && svg.contains(">+</text>"))
        #expect(svg.contains("grad 1.0000") && svg.contains("grad −3.0000") && svg.contains("data 4.0000"))
    }

    @Test func historyChartHasLossAndAccuracy() {
        let both = HistoryChart.chart(epochs: [1, 2, 3], loss: [1, 0.5, 0.25], valLoss: [1.1, 0.6, 0.4],
                                      accuracy: [0.5, 0.7, 0.9])
        #expect(both.summary == "2 subplots")
        let lossOnly = HistoryChart.chart(epochs: [], loss: [1, 0.5], valLoss: [1.2, 0.7])
        #expect(lossOnly.summary == "2 lines")
    }

    @Test func liveFigureDisplaysOnceThenUpdatesAtMostAsOftenAsAllowed() {
        let sink = RecordingSink()
        let context = BuiltinContext(registry: BuiltinRegistry(), interruptFlag: InterruptFlag(), output: sink)
        let live = LiveFigure(context: context, minimumInterval: .seconds(3600))
        var fig = Figure()
        fig.line(y: [1.0, 0.5])
        #expect(live.update(fig))
        #expect(!live.update(fig))          // too soon: dropped
        live.finish(fig)                     // the final state is always sent
        #expect(sink.displays.count == 1 && sink.updates.count == 1)
        #expect(sink.displays[0].1 == sink.updates[0].1)
        #expect(live.sentCount == 2)
    }
}
