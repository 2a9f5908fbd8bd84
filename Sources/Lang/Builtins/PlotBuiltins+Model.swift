import Foundation
import Autograd
import NN
import Plot
import Tensor

/// Plotting builtins that evaluate models and functions or read tensors as images: boundary,
/// contour, imshow, images, graph.
enum PlotModelBuiltins {
    static var builtins: [Builtin] {
        [
            Builtin("boundary", [.required("model"), .required("X"), .optional("y", .none), .optional("res", 200)]
                        + PlotBuiltins.labelParameters,
                    summary: "Decision regions of a model over the plane of X, with the points on top.",
                    details: """
                    The model (or any function of an [M, 2] tensor) is evaluated on a res x res grid \
                    covering X. Several outputs: regions by predicted class (argmax). One output: shading \
                    by probability (sigmoid applied to logits) with the 0.5 line. Points are coloured by y \
                    (or by the prediction when y is none). A model is drawn as it predicts: in evaluation \
                    mode (Dropout off, BatchNorm on its running statistics), as predict() does; its mode \
                    is restored afterwards.
                    Example: boundary(model, X, y)
                    """) { args, context in
                try boundary(args, context: context)
            },
            Builtin("contour", [.required("f"), .required("xrange"), .required("yrange"), .optional("levels", .none),
                                .optional("res", 60), .optional("filled", true), .optional("log", false)]
                        + PlotBuiltins.labelParameters,
                    summary: "Contours of a function of two variables (a loss surface); add a path with fig.path(points).",
                    details: """
                    f is called as f(X, Y) on grids (elementwise code works as is), or per point as \
                    f(x, y), or as f(w) with w = [x, y]. levels is a count or a list of values. \
                    log=true contours log10(f) (levels 1-2-5 or 1-3 per decade, colour bar in powers of \
                    ten), for loss surfaces that span decades.
                    Example:
                    fig = contour(fn(a, b) = (1 - a)^2 + 100 * (b - a^2)^2, [-2, 2], [-1, 3], levels=20)
                    fig.path(trajectory)
                    """) { args, context in
                try contour(args, context: context)
            },
            Builtin("imshow", [.required("t"), .optional("cmap", "viridis"), .optional("title", .none),
                               .optional("vmin", .none), .optional("vmax", .none)],
                    summary: "Show a 2-D tensor as an image with a colour bar (an [H, W, 3] or [3, H, W] tensor as RGB).",
                    details: "cmap is \"viridis\", \"gray\" or \"gray_r\". Example: imshow(model.weight)") { args, context in
                try imshow(args)
            },
            Builtin("images", [.required("t"), .optional("cols", 8), .optional("labels", .none), .optional("title", .none),
                               .optional("cmap", "gray"), .optional("normalize", "image")],
                    summary: "A grid of images: digits, filters, feature maps ([N, H, W], [N, C, H, W] or [N, H*W]).",
                    details: """
                    normalize is "image" (each image over its own range) or "global" (one range, to compare \
                    filters). labels puts a caption under each image.
                    Example: images(X[0:16], cols=8, labels=y[0:16])
                    """) { args, context in
                try images(args, context: context)
            },
            Builtin("graph", [.required("L"), .optional("title", .none)],
                    summary: "Draw the computational graph that produced L: each node's op, value and grad.",
                    details: """
                    Nodes run left to right from the leaves to L; grads appear once L.backward() ran.
                    Example: a = param(2.0); b = param(-3.0); L = a * b + 10; L.backward(); graph(L)
                    """) { args, _ in
                try graph(args)
            },
        ]
    }

    // MARK: - boundary

    private static func boundary(_ args: Arguments, context: BuiltinContext) throws -> Value {
        let (x, y) = try PlotData.points(args["X"], PlotBuiltins.what(args, "X"))
        guard !x.isEmpty else { throw LangError.valueError("boundary() argument 'X' has no points") }
        guard (x + y).allSatisfy({ $0.isFinite && abs($0) < 1e15 }) else {
            throw LangError.valueError("boundary() argument 'X' has non-finite values (nan or inf)")
        }
        let res = try args.integer("res")
        guard res >= 2 && res <= 1000 else {
            throw LangError.valueError("boundary() argument 'res' must be between 2 and 1000, got \(res)")
        }
        func padded(_ v: [Double]) -> (Double, Double) {
            let lo = v.min() ?? 0, hi = v.max() ?? 1
            let m = max(0.5, (hi - lo) * 0.1)
            return (lo - m, hi + m)
        }
        let (x0, x1) = padded(x), (y0, y1) = padded(y)
        // Grid points start..<start + count, row by row (x varies fastest), as [count, 2].
        func gridPoints(_ start: Int, _ count: Int) -> Tensor {
            let scalars = [Float](unsafeUninitializedCapacity: 2 * count) { out, initialized in
                for s in 0..<count {
                    let (j, i) = (start + s).quotientAndRemainder(dividingBy: res)
                    out[2 * s] = Float(x0 + (x1 - x0) * Double(i) / Double(res - 1))
                    out[2 * s + 1] = Float(y0 + (y1 - y0) * Double(j) / Double(res - 1))
                }
                initialized = 2 * count
            }
            return Tensor(shape: [count, 2], scalars: scalars)
        }
        let saved = context.gradEnabled
        context.gradEnabled = false
        defer { context.gradEnabled = saved }
        // A model is drawn as predict() gives it (evaluation mode, restored afterwards):
        // Dropout in training mode would draw noise, not the boundary.
        let module = NNBuiltins.module(in: args["model"])
        // Points are coloured by y, checked before the model runs, or else by the model's
        // prediction at their nearest grid sample.
        let labels = args.isNone("y") ? nil : try PlotData.labels(args["y"], count: x.count, PlotBuiltins.what(args, "y"))
        let nearest: [Int] = labels != nil ? [] : zip(x, y).map { px, py in
            let i = min(res - 1, max(0, Int(((px - x0) / (x1 - x0) * Double(res - 1)).rounded())))
            let j = min(res - 1, max(0, Int(((py - y0) / (y1 - y0) * Double(res - 1)).rounded())))
            return j * res + i
        }
        // A model in evaluation mode treats rows independently (unless a layer such as
        // Softmax(dim=0) mixes them, which no classifier does), so it takes the grid in blocks
        // of whole grid rows, about 1,024 points: activations stay under 64 KB per 16 units,
        // small enough for malloc to reuse instead of mapping fresh pages (200 x 200 at once
        // through a 16-unit layer was 2.5 MB per activation, about 1,000 page faults in a new
        // kernel), and res=1000 on a wide model no longer needs gigabytes. The regions are
        // painted as the blocks come (see `Figure.regions(rows:...)`), so the scores are not
        // all kept either, except for one output (its shading and 0.5 contour need the whole
        // grid). A plain function gets the whole grid at once, in case it mixes rows.
        let blockRows = module == nil ? res : max(1, 1024 / res)
        var k = 0
        /// The scores on grid rows `gridRows`: one row of k per point, the same k every time.
        func evaluate(_ gridRows: Range<Int>) throws -> [Float] {
            try context.checkInterrupt()
            let count = gridRows.count * res
            let input = gridPoints(gridRows.lowerBound * res, count)
            let out: Tensor
            if let module {
                out = try Trainer.predict(module, x: input)
            } else {
                let output = try context.call(args["model"], [.tensor(input)])
                guard let v = output.asVariable() else {
                    throw LangError.typeError("boundary() model must return a tensor, returned \(output.typeName)")
                }
                out = v.value
            }
            let shape = out.shape, scalars = out.scalars
            guard scalars.count % count == 0, !scalars.isEmpty, shape.first == count || scalars.count == count else {
                throw LangError.valueError("boundary() model returned shape \(shape) for \(count) points of the \(res * res)-point grid; expected [\(count), k] (one row of k scores per point)")
            }
            guard k == 0 || scalars.count == k * count else {
                throw LangError.valueError("boundary() model returned \(k) scores per point for some grid points and \(scalars.count / count) for others; it must return the same number for every point")
            }
            k = scalars.count / count
            return scalars
        }
        let first = try evaluate(0..<min(res, blockRows))
        var fig = Figure(xLabel: "x₁", yLabel: "x₂")
        try PlotBuiltins.applyLabels(args, to: &fig)
        let extent = Extent(xMin: x0, xMax: x1, yMin: y0, yMax: y1)
        var classes = labels ?? []
        if k == 1 {
            // Shading by probability and the p = 0.5 contour need the whole grid.
            var values = first
            values.reserveCapacity(res * res)
            for row in stride(from: blockRows, to: res, by: blockRows) {
                values += try evaluate(row..<min(res, row + blockRows))
            }
            let isProbability = values.allSatisfy { $0 >= 0 && $0 <= 1 }
            let p = isProbability ? values.map(Double.init) : values.map { 1 / (1 + exp(-Double($0))) }
            fig.probabilityRegions(p, rows: res, columns: res, extent: extent)
            if labels == nil { classes = nearest.map { p[$0] >= 0.5 ? 1 : 0 } }
        } else {
            // Predictions for the points, taken as their samples' blocks go by.
            let order = labels == nil ? nearest.indices.sorted { nearest[$0] < nearest[$1] } : []
            var next = 0
            if labels == nil { classes = [Int](repeating: 0, count: x.count) }
            var pending: [Float]? = first
            try fig.regions(rows: res, columns: res, classCount: k, extent: extent, rowsPerRequest: blockRows) { gridRows in
                let block: [Float]
                if gridRows.lowerBound == 0, let held = pending {
                    block = held
                    pending = nil
                } else {
                    block = try evaluate(gridRows)
                }
                let firstSample = gridRows.lowerBound * res
                while next < order.count && nearest[order[next]] < gridRows.upperBound * res {
                    classes[order[next]] = PlotData.argmax(block, row: nearest[order[next]] - firstSample, columns: k)
                    next += 1
                }
                return block
            }
        }
        fig.scatter(x: x, y: y, classes: classes, radius: x.count > 1000 ? 3 : 4)
        return .object(FigureValue(fig))
    }

    // MARK: - contour

    private static func contour(_ args: Arguments, context: BuiltinContext) throws -> Value {
        let (x0, x1) = try PlotData.range(args["xrange"], PlotBuiltins.what(args, "xrange"), context: context)
        let (y0, y1) = try PlotData.range(args["yrange"], PlotBuiltins.what(args, "yrange"), context: context)
        let res = try args.integer("res")
        guard res >= 3 && res <= 400 else {
            throw LangError.valueError("contour() argument 'res' must be between 3 and 400, got \(res)")
        }
        let xs = (0..<res).map { x0 + (x1 - x0) * Double($0) / Double(res - 1) }
        let ys = (0..<res).map { y0 + (y1 - y0) * Double($0) / Double(res - 1) }
        let saved = context.gradEnabled
        context.gradEnabled = false
        defer { context.gradEnabled = saved }
        let values = try sample(args["f"], xs: xs, ys: ys, context: context)
        let logarithmic = try args.bool("log")
        var levels: [Double]? = nil
        switch args["levels"] {
        case .none: break
        case .number(let n):
            guard n >= 1 && n <= 100, let count = Value.exactInteger(n) else {
                throw LangError.valueError("contour() argument 'levels' must be a count between 1 and 100 or a list of values")
            }
            let finite = values.filter { $0.isFinite && (!logarithmic || $0 > 0) }.map { logarithmic ? log10($0) : $0 }
            let lo = finite.min() ?? 0, hi = finite.max() ?? 1
            levels = Ticks.linear(lo, hi, target: count).filter { $0 > lo && $0 < hi }.map { logarithmic ? pow(10, $0) : $0 }
        default:
            levels = try PlotData.numbers(args["levels"], PlotBuiltins.what(args, "levels"), context: context)
        }
        var fig = Figure(xLabel: "x", yLabel: "y")
        try PlotBuiltins.applyLabels(args, to: &fig)
        fig.contour(values, rows: res, columns: res, extent: Extent(xMin: x0, xMax: x1, yMin: y0, yMax: y1),
                    levels: levels, filled: try args.bool("filled"), logarithmic: logarithmic)
        return .object(FigureValue(fig))
    }

    /// Values of f on the grid, row j at ys[j]: vectorised f(X, Y) when that works, else per
    /// point f(x, y), or f([x, y]) for a one-parameter function.
    private static func sample(_ f: Value, xs: [Double], ys: [Double], context: BuiltinContext) throws -> [Double] {
        let n = xs.count * ys.count
        var arity = 2
        if case .function(let fn) = f { arity = fn.parameterNames.count }
        if arity == 2 {
            var gx = [Float](), gy = [Float]()
            gx.reserveCapacity(n)
            gy.reserveCapacity(n)
            for y in ys { for x in xs { gx.append(Float(x)); gy.append(Float(y)) } }
            let shape = [ys.count, xs.count]
            if let out = try? context.call(f, [.tensor(Tensor(shape: shape, scalars: gx)), .tensor(Tensor(shape: shape, scalars: gy))]),
               case .tensor(let v) = out, v.value.scalarCount == n {
                return v.value.scalars.map(Double.init)
            }
        }
        var out: [Double] = []
        out.reserveCapacity(n)
        for y in ys {
            try context.checkInterrupt()
            for x in xs {
                let r = arity == 1
                    ? try context.call(f, [.tensor(Tensor(shape: [2], scalars: [Float(x), Float(y)]))])
                    : try context.call(f, [.number(x), .number(y)])
                guard let v = r.asNumber else {
                    throw LangError.typeError("contour() function must return a number, returned \(r.typeName)")
                }
                out.append(v)
            }
        }
        return out
    }

    // MARK: - imshow, images

    private static func imshow(_ args: Arguments) throws -> Value {
        let (shape, v) = try PlotData.tensor(args["t"], PlotBuiltins.what(args, "t"))
        guard !v.isEmpty else { throw LangError.valueError("imshow() got an empty tensor (shape \(shape))") }
        var fig = Figure(width: 560, height: 480)
        if let t = try PlotBuiltins.optionalString(args, "title") { fig.title = t }
        let rgbLast = shape.count == 3 && (shape[2] == 3 || shape[2] == 4)
        let rgbFirst = shape.count == 3 && (shape[0] == 3 || shape[0] == 4) && !rgbLast
        if rgbLast || rgbFirst {
            let (h, w, c) = rgbLast ? (shape[0], shape[1], shape[2]) : (shape[1], shape[2], shape[0])
            let scale = (v.max() ?? 1) > 1 ? 255.0 : 1.0
            var img = RasterImage(width: w, height: h)
            for y in 0..<h {
                for x in 0..<w {
                    func ch(_ k: Int) -> Double { (rgbLast ? v[(y * w + x) * c + k] : v[(k * h + y) * w + x]) / scale }
                    img.set(x, y, Color(red: ch(0), green: ch(1), blue: ch(2), alpha: c == 4 ? ch(3) : 1))
                }
            }
            fig.image(img)
            return .object(FigureValue(fig))
        }
        let dims = shape.filter { $0 != 1 }
        let (rows, cols): (Int, Int)
        switch dims.count {
        case 0: (rows, cols) = (1, 1)
        case 1: (rows, cols) = (1, dims[0])
        case 2: (rows, cols) = (dims[0], dims[1])
        default:
            throw LangError.valueError("imshow() needs a 2-D tensor (or [H, W, 3] RGB), got shape \(shape); use images() for several")
        }
        let cmap = try PlotData.colormap(try args.string("cmap"), PlotBuiltins.what(args, "cmap"))
        var range: ClosedRange<Double>? = nil
        let finite = v.filter(\.isFinite)
        let lo = try args.optionalNumber("vmin") ?? finite.min() ?? 0
        let hi = try args.optionalNumber("vmax") ?? finite.max() ?? 1
        if hi > lo { range = lo...hi }
        fig.heatmap(v, rows: rows, columns: cols, colormap: cmap, range: range)
        return .object(FigureValue(fig))
    }

    private static func images(_ args: Arguments, context: BuiltinContext) throws -> Value {
        let (shape, v) = try PlotData.tensor(args["t"], PlotBuiltins.what(args, "t"))
        let (n, h, w): (Int, Int, Int)
        switch shape.count {
        case 2:
            let side = Int(Double(shape[1]).squareRoot().rounded())
            guard side * side == shape[1] else {
                throw LangError.valueError("images() needs [N, H, W] images, or [N, D] rows with D a square number; got \(shape)")
            }
            (n, h, w) = (shape[0], side, side)
        case 3: (n, h, w) = (shape[0], shape[1], shape[2])
        case 4: (n, h, w) = (shape[0] * shape[1], shape[2], shape[3])
        default:
            throw LangError.valueError("images() needs [N, H, W], [N, C, H, W] or [N, H*W] tensors, got shape \(shape)")
        }
        guard n >= 1, h >= 1, w >= 1 else { throw LangError.valueError("images() got no images (shape \(shape))") }
        guard n <= 400 else { throw LangError.valueError("images() shows at most 400 images, got \(n); slice the tensor first") }
        let tiles = (0..<n).compactMap { k in GrayImage(width: w, height: h, values: Array(v[(k * h * w)..<((k + 1) * h * w)])) }
        var labels: [String] = []
        if !args.isNone("labels") {
            let items: [Value]
            if case .tensor(let t) = args["labels"] {
                items = t.value.scalars.map { .number(Double($0)) }
            } else {
                items = try args.items("labels", context: context)
            }
            labels = items.map { $0.printText }
        }
        let normalize = try args.string("normalize")
        guard normalize == "image" || normalize == "global" else {
            throw LangError.valueError("images() argument 'normalize' must be \"image\" or \"global\", got \"\(normalize)\"")
        }
        let cols = try args.integer("cols")
        guard cols >= 1 else { throw LangError.valueError("images() argument 'cols' must be at least 1, got \(cols)") }
        let grid = ImageGrid(images: tiles, columns: cols, labels: labels, title: try PlotBuiltins.optionalString(args, "title"),
                             colormap: try PlotData.colormap(try args.string("cmap"), PlotBuiltins.what(args, "cmap")),
                             normalization: normalize == "global" ? .global : .perImage)
        return .object(FigureValue(chart: grid))
    }

    // MARK: - graph

    /// Op names drawn as symbols.
    private static let symbols: [String: String] = [
        "add": "+", "sub": "−", "mul": "×", "div": "÷", "pow": "^", "matmul": "@", "neg": "−x",
    ]

    private static func graph(_ args: Arguments) throws -> Value {
        guard case .tensor(let root) = args["L"] else {
            throw LangError.typeError("graph() argument 'L' must be a tensor, not \(args["L"].typeName)")
        }
        // Every node reachable through inputs (constants included), with an explicit stack.
        var order: [Variable] = []
        var ids: [ObjectIdentifier: Int] = [:]
        var stack: [(Variable, Int)] = [(root, 0)]
        ids[ObjectIdentifier(root)] = 0
        while let (node, next) = stack.last {
            if next < node.inputs.count {
                stack[stack.count - 1].1 += 1
                let child = node.inputs[next]
                if ids[ObjectIdentifier(child)] == nil {
                    ids[ObjectIdentifier(child)] = ids.count
                    stack.append((child, 0))
                }
            } else {
                order.append(node)
                stack.removeLast()
            }
            if ids.count > 300 {
                throw LangError.valueError("graph() draws at most 300 nodes; this graph is larger (try a smaller example)")
            }
        }
        var nodes: [GraphDiagram.Node] = []
        var edges: [(from: Int, to: Int)] = []
        for v in order {
            let id = ids[ObjectIdentifier(v)] ?? 0
            let kind: GraphDiagram.Kind
            let title: String
            if v === root {
                kind = .output
                title = v.isLeaf ? "L" : (symbols[v.opName] ?? v.opName)
            } else if v.isLeaf {
                kind = v.requiresGrad ? .parameter : .input
                title = v.requiresGrad ? "param" : "input"
            } else {
                kind = .operation
                title = symbols[v.opName] ?? v.opName
            }
            var lines = ["data " + PlotData.brief(v.value)]
            if let g = v.grad { lines.append("grad " + PlotData.brief(g)) }
            nodes.append(GraphDiagram.Node(id: id, title: title, lines: lines, kind: kind))
            for input in v.inputs {
                if let from = ids[ObjectIdentifier(input)] { edges.append((from, id)) }
            }
        }
        let diagram = GraphDiagram(nodes: nodes, edges: edges, title: try PlotBuiltins.optionalString(args, "title"))
        return .object(FigureValue(chart: diagram))
    }
}
