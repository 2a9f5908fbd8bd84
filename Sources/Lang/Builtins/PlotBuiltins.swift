import Plot

/// The plotting builtins of LANGUAGE.md §5 "Plots": plot, scatter, hist, boundary, contour,
/// imshow, images, graph, figure, subplots, and the members of figures. Each returns a figure,
/// shown when it is a cell's value or passed to `show`.
enum PlotBuiltins {
    /// The group.
    static var group: BuiltinGroup {
        BuiltinGroup(title: "Plots", builtins: simple + PlotModelBuiltins.builtins + composition,
                     members: FigureMembers.members)
    }

    /// The optional title/xlabel/ylabel parameters every axes builtin takes.
    static var labelParameters: [BuiltinParameter] { [
        .optional("title", .none), .optional("xlabel", .none), .optional("ylabel", .none),
    ] }

    /// An optional string parameter.
    static func optionalString(_ args: Arguments, _ name: String) throws -> String? {
        args.isNone(name) ? nil : try args.string(name)
    }

    /// Applies title/xlabel/ylabel arguments to a figure.
    static func applyLabels(_ args: Arguments, to fig: inout Figure) throws {
        if let t = try optionalString(args, "title") { fig.title = t }
        if let t = try optionalString(args, "xlabel") { fig.xLabel = t }
        if let t = try optionalString(args, "ylabel") { fig.yLabel = t }
    }

    /// `plot() argument 'y'`.
    static func what(_ args: Arguments, _ name: String) -> String {
        "\(args.builtin.qualifiedName)() argument '\(name)'"
    }

    // MARK: - plot, scatter, hist

    private static var simple: [Builtin] {
        [
            Builtin("plot", [.required("x"), .optional("y", .none), .optional("label", .none), .optional("style", "-"),
                             .optional("color", .none)] + labelParameters + [.optional("logy", false)],
                    summary: "Line plot of y (against x), or the loss/accuracy curves of a training history.",
                    details: """
                    plot(y) draws y against 0, 1, 2...; plot(x, y) against x. A 2-D tensor gives one line per \
                    column. style is "-" (solid), "--" (dashed), ":" (dotted), "o" (markers) or "-o". \
                    plot(history) draws the training (and validation) loss and accuracy of fit.
                    Example: plot(losses, label="train", logy=true)
                    """) { args, context in
                if case .object(let object) = args["x"], object.typeName == "history" {
                    return .object(FigureValue(chart: try HistoryChart.chart(from: args["x"], context: context)))
                }
                var fig = Figure(logY: try args.bool("logy"))
                try applyLabels(args, to: &fig)
                try addLines(args, to: &fig, context: context)
                return .object(FigureValue(fig))
            },
            Builtin("scatter", [.required("X"), .optional("labels", .none), .optional("label", .none),
                                .optional("color", .none)] + labelParameters,
                    summary: "Scatter plot of 2-D points, coloured by class labels when given.",
                    details: """
                    X is an [N, 2] tensor (or scatter(x, y) with two vectors); labels are class indices \
                    (or one-hot rows). Classes get colour-blind-safe colours and a legend.
                    Example: X, y = moons(200); scatter(X, y)
                    """) { args, context in
                var fig = Figure()
                try applyLabels(args, to: &fig)
                try addScatter(args, to: &fig, context: context)
                return .object(FigureValue(fig))
            },
            Builtin("hist", [.required("t"), .optional("bins", 20), .optional("label", .none),
                             .optional("color", .none)] + labelParameters,
                    summary: "Histogram of the values of a tensor or list, with `bins` equal-width bins.",
                    details: "Example: hist(randn(1000), bins=30, title=\"N(0, 1)\")") { args, context in
                var fig = Figure(yLabel: "count")
                try applyLabels(args, to: &fig)
                try addHistogram(args, to: &fig, context: context)
                return .object(FigureValue(fig))
            },
        ]
    }

    /// Adds the line(s) of plot(...) / fig.line(...).
    static func addLines(_ args: Arguments, to fig: inout Figure, context: BuiltinContext) throws {
        var styleText = try args.string("style")
        var label = try optionalString(args, "label")
        // plot(x, y, "--") as in matplotlib: a format string in the label's place is the style.
        if let l = label, styleText == "-", ["--", ":", "o", "-o", "o-", "--o", ":o"].contains(l) {
            styleText = l
            label = nil
        }
        let style = try PlotData.style(styleText, what(args, "style"))
        let color = try PlotData.color(args["color"], what(args, "color"))
        var xs: [Double]? = nil
        let yValue: Value
        if args.isNone("y") {
            yValue = args["x"]
        } else {
            xs = try PlotData.numbers(args["x"], what(args, "x"), context: context)
            yValue = args["y"]
        }
        if case .tensor(let v) = yValue, v.value.shape.count == 2, v.value.shape[1] > 1 {
            // One line per column.
            let (rows, cols) = (v.value.shape[0], v.value.shape[1])
            let all = v.value.scalars.map(Double.init)
            if let x = xs, x.count != rows {
                throw LangError.valueError("\(what(args, "x")) has \(x.count) values but y has \(rows) rows")
            }
            for c in 0..<cols {
                fig.line(x: xs, y: (0..<rows).map { all[$0 * cols + c] }, label: label.map { "\($0) \(c)" } ?? "\(c)",
                         style: style, color: c == 0 ? color : nil)
            }
            return
        }
        let ys = try PlotData.numbers(yValue, what(args, args.isNone("y") ? "x" : "y"), context: context)
        if let x = xs, x.count != ys.count {
            throw LangError.valueError("\(what(args, "x")) has \(x.count) values but y has \(ys.count)")
        }
        fig.line(x: xs, y: ys, label: label, style: style, color: color)
    }

    /// Adds the points of scatter(...) / fig.scatter(...).
    static func addScatter(_ args: Arguments, to fig: inout Figure, context: BuiltinContext) throws {
        let color = try PlotData.color(args["color"], what(args, "color"))
        let label = try optionalString(args, "label")
        let first = try PlotData.tensor(args["X"], what(args, "X"))
        if first.shape.count == 1 {
            // scatter(x, y): two vectors.
            guard !args.isNone("labels") else {
                throw LangError.valueError("\(what(args, "X")) must have shape [N, 2], or pass y as the second argument")
            }
            let ys = try PlotData.numbers(args["labels"], what(args, "labels"), context: context)
            guard ys.count == first.values.count else {
                throw LangError.valueError("scatter(x, y) needs as many y values as x values, got \(first.values.count) and \(ys.count)")
            }
            fig.scatter(x: first.values, y: ys, label: label, color: color)
            return
        }
        let (x, y) = try PlotData.points(args["X"], what(args, "X"))
        let classes = args.isNone("labels") ? nil : try PlotData.labels(args["labels"], count: x.count, what(args, "labels"))
        fig.scatter(x: x, y: y, classes: classes, label: label, color: color)
    }

    /// Adds the bars of hist(...) / fig.hist(...).
    static func addHistogram(_ args: Arguments, to fig: inout Figure, context: BuiltinContext) throws {
        let values = try PlotData.numbers(args["t"], what(args, "t"), context: context)
        let bins = try args.integer("bins")
        guard bins >= 1 && bins <= 10_000 else {
            throw LangError.valueError("\(what(args, "bins")) must be between 1 and 10000, got \(bins)")
        }
        fig.histogram(values, bins: bins, label: try optionalString(args, "label"),
                      color: try PlotData.color(args["color"], what(args, "color")))
    }

    // MARK: - figure, subplots

    private static var composition: [Builtin] {
        [
            Builtin("figure", labelParameters + [.optional("logy", false), .optional("width", 640), .optional("height", 480),
                                                 .optional("grid", false), .optional("xlim", .none), .optional("ylim", .none)],
                    summary: "An empty figure to compose with fig.line(...), fig.scatter(...), fig.add(other).",
                    details: """
                    Example:
                    fig = figure(title="Loss", xlabel="epoch", logy=true)
                    fig.line(train, label="train")
                    fig.line(val, label="validation", style="--")
                    xlim and ylim fix the axis limits, e.g. ylim=[0, 1].
                    """) { args, context in
                let w = try args.number("width"), h = try args.number("height")
                guard w >= 100 && w <= 4000 && h >= 100 && h <= 4000 else {
                    throw LangError.valueError("figure() width and height must be between 100 and 4000 pixels")
                }
                var fig = Figure(width: w, height: h, logY: try args.bool("logy"))
                fig.grid = try args.bool("grid")
                if !args.isNone("xlim") {
                    let (lo, hi) = try PlotData.range(args["xlim"], what(args, "xlim"), context: context)
                    fig.xLimits = lo...hi
                }
                if !args.isNone("ylim") {
                    let (lo, hi) = try PlotData.range(args["ylim"], what(args, "ylim"), context: context)
                    fig.yLimits = lo...hi
                }
                try applyLabels(args, to: &fig)
                return .object(FigureValue(fig))
            },
            Builtin("subplots", [.required("figs"), .optional("cols", 2), .optional("title", .none)],
                    summary: "Several figures in a grid, `cols` per row.",
                    details: "Example: subplots([plot(losses), boundary(model, X, y)], cols=2)") { args, context in
                let items = try args.items("figs", context: context)
                var charts: [any Chart] = []
                for item in items {
                    guard case .object(let o) = item, let f = o as? FigureValue else {
                        throw LangError.typeError("subplots() argument 'figs' must be a list of figures, found \(item.typeName)")
                    }
                    charts.append(f.chart)
                }
                guard !charts.isEmpty else { throw LangError.valueError("subplots() needs at least one figure") }
                let cols = try args.integer("cols")
                guard cols >= 1 else { throw LangError.valueError("subplots() argument 'cols' must be at least 1, got \(cols)") }
                return .object(FigureValue(chart: SubplotGrid(charts, columns: cols, title: try optionalString(args, "title"))))
            },
        ]
    }
}
