import Foundation
@testable import Plot

/// Figures used by several tests (and written to $SWIFT_NN_PNG_OUT for a look).
enum SampleFigures {
    static func lossCurve(points: Int = 200) -> Figure {
        var fig = Figure(title: "Training loss", xLabel: "epoch", yLabel: "loss", logY: true)
        let train = (0..<points).map { 2.3 * exp(-Double($0) / 40) + 0.01 + 0.005 * sin(Double($0)) }
        let val = (0..<points).map { 2.4 * exp(-Double($0) / 45) + 0.03 }
        fig.line(y: train, label: "train")
        fig.line(y: val, label: "validation", style: LineStyle(dash: .dashed))
        return fig
    }

    /// Three blobs on a circle, with the class of the nearest centre as the "model".
    static func blobs() -> (x: [Double], y: [Double], c: [Int]) {
        var rng = TestRandom(state: 7)
        func uniform() -> Double { Double(rng.next() % 1_000_000) / 1_000_000 }
        var xs: [Double] = [], ys: [Double] = [], cs: [Int] = []
        for i in 0..<150 {
            let k = i % 3
            let a = Double(k) * 2 * Double.pi / 3
            xs.append(cos(a) * 2 + (uniform() - 0.5) * 2)
            ys.append(sin(a) * 2 + (uniform() - 0.5) * 2)
            cs.append(k)
        }
        return (xs, ys, cs)
    }

    static func boundary(res: Int = 100) -> Figure {
        let (xs, ys, cs) = blobs()
        let e = Extent(xMin: -4, xMax: 4, yMin: -4, yMax: 4)
        var grid: [Float] = []
        for j in 0..<res {
            for i in 0..<res {
                let x = e.xMin + (e.xMax - e.xMin) * Double(i) / Double(res - 1)
                let y = e.yMin + (e.yMax - e.yMin) * Double(j) / Double(res - 1)
                let d = (0..<3).map { k -> Double in
                    let a = Double(k) * 2 * Double.pi / 3
                    return (x - 2 * cos(a)) * (x - 2 * cos(a)) + (y - 2 * sin(a)) * (y - 2 * sin(a))
                }
                grid += d.map { Float(-$0) }
            }
        }
        var fig = Figure(title: "Decision regions", xLabel: "x₁", yLabel: "x₂")
        fig.regions(scores: grid, classCount: 3, rows: res, columns: res, extent: e)
        fig.scatter(x: xs, y: ys, classes: cs)
        return fig
    }

    static func rosenbrock(res: Int = 80) -> Figure {
        let e = Extent(xMin: -2, xMax: 2, yMin: -1, yMax: 3)
        var v: [Double] = []
        for j in 0..<res {
            for i in 0..<res {
                let x = e.xMin + 4 * Double(i) / Double(res - 1), y = e.yMin + 4 * Double(j) / Double(res - 1)
                v.append((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x))
            }
        }
        var fig = Figure(title: "Loss surface and gradient descent", xLabel: "w₁", yLabel: "w₂")
        fig.contour(v, rows: res, columns: res, extent: e, logarithmic: true)
        var px = [-1.5], py = [2.5]
        for _ in 0..<40 {
            let x = px.last!, y = py.last!
            let gx = -2 * (1 - x) - 400 * x * (y - x * x), gy = 200 * (y - x * x)
            px.append(x - 0.0015 * gx)
            py.append(y - 0.0015 * gy)
        }
        fig.path(x: px, y: py, label: "GD, lr = 0.0015")
        return fig
    }

    static func histogram() -> Figure {
        var rng = TestRandom(state: 3)
        let v = (0..<2000).map { _ -> Double in
            (0..<12).reduce(0.0) { acc, _ in acc + Double(rng.next() % 10000) / 10000 } - 6
        }
        var fig = Figure(title: "Initial weights", xLabel: "value", yLabel: "count")
        fig.histogram(v, bins: 30, label: "W₁")
        return fig
    }

    static func heatmap() -> Figure {
        var fig = Figure(width: 480, height: 400, title: "Confusion matrix")
        let v: [Double] = [50, 2, 1, 3, 45, 4, 0, 6, 48]
        fig.heatmap(v, rows: 3, columns: 3)
        return fig
    }
}

extension SampleFigures {
    /// Eight 28x28 "digits": rings of growing radius.
    static func imageGrid() -> ImageGrid {
        let imgs = (0..<8).map { k -> GrayImage in
            var v = [Double](repeating: 0, count: 28 * 28)
            for y in 0..<28 {
                for x in 0..<28 {
                    let d = ((Double(x) - 13.5) * (Double(x) - 13.5) + (Double(y) - 13.5) * (Double(y) - 13.5)).squareRoot()
                    v[y * 28 + x] = max(0, 1 - abs(d - Double(3 + k)) / 1.5)
                }
            }
            return GrayImage(width: 28, height: 28, values: v)!
        }
        return ImageGrid(images: imgs, columns: 4, labels: (0..<8).map { "label \($0)" }, title: "Digits")
    }

    /// micrograd's example: L = (a * b + c) * f.
    static func graph() -> GraphDiagram {
        let nodes = [
            GraphDiagram.Node(id: 1, title: "a", lines: ["data 2.0000", "grad 6.0000"], kind: .parameter),
            GraphDiagram.Node(id: 2, title: "b", lines: ["data −3.0000", "grad −4.0000"], kind: .parameter),
            GraphDiagram.Node(id: 3, title: "×", lines: ["data −6.0000", "grad −2.0000"]),
            GraphDiagram.Node(id: 4, title: "c", lines: ["data 10.0000", "grad −2.0000"], kind: .input),
            GraphDiagram.Node(id: 5, title: "+", lines: ["data 4.0000", "grad −2.0000"]),
            GraphDiagram.Node(id: 6, title: "f", lines: ["data −2.0000", "grad 4.0000"], kind: .parameter),
            GraphDiagram.Node(id: 7, title: "× (L)", lines: ["data −8.0000", "grad 1.0000"], kind: .output),
        ]
        return GraphDiagram(nodes: nodes, edges: [(1, 3), (2, 3), (3, 5), (4, 5), (5, 7), (6, 7)],
                            title: "L = (a·b + c)·f")
    }

    static func subplots() -> SubplotGrid {
        SubplotGrid([lossCurve(), histogram(), heatmap(), imageGrid()], columns: 2, title: "Overview")
    }
}
