import Plot

/// Members of figures: `fig.line`, `fig.scatter`, `fig.hist`, `fig.path`, `fig.add` (each adds
/// to the figure and returns it, so calls chain) and the `title`/`xlabel`/`ylabel` properties.
enum FigureMembers {
    static var members: [Member] {
        methods.map { Member.method(of: "figure", $0) } + properties
    }

    /// The receiver as a figure value.
    private static func receiver(_ args: Arguments) throws -> FigureValue {
        guard case .object(let o) = args.receiver, let f = o as? FigureValue else {
            throw LangError.typeError("\(args.builtin.qualifiedName)() needs a figure, not \(args.receiver.typeName)")
        }
        return f
    }

    private static var methods: [Builtin] {
        [
            Builtin("line", [.required("x"), .optional("y", .none), .optional("label", .none), .optional("style", "-"),
                             .optional("color", .none)],
                    summary: "Add a line (like plot) to the figure; returns the figure.") { args, context in
                let fig = try receiver(args)
                try fig.editAxes("line") { try PlotBuiltins.addLines(args, to: &$0, context: context) }
                return args.receiver
            },
            Builtin("scatter", [.required("X"), .optional("labels", .none), .optional("label", .none),
                                .optional("color", .none)],
                    summary: "Add points (like scatter) to the figure; returns the figure.") { args, context in
                let fig = try receiver(args)
                try fig.editAxes("scatter") { try PlotBuiltins.addScatter(args, to: &$0, context: context) }
                return args.receiver
            },
            Builtin("hist", [.required("t"), .optional("bins", 20), .optional("label", .none), .optional("color", .none)],
                    summary: "Add a histogram (like hist) to the figure; returns the figure.") { args, context in
                let fig = try receiver(args)
                try fig.editAxes("hist") { try PlotBuiltins.addHistogram(args, to: &$0, context: context) }
                return args.receiver
            },
            Builtin("path", [.required("points"), .optional("label", .none), .optional("color", .none)],
                    summary: "Overlay a trajectory (an [N, 2] tensor or a list of [x, y]) with arrows; returns the figure.",
                    details: """
                    Example (gradient descent on a loss surface):
                    fig = contour(loss2d, [-2, 2], [-2, 2])
                    fig.path(stack(steps))
                    """) { args, context in
                let fig = try receiver(args)
                let (x, y) = try points(args["points"], PlotBuiltins.what(args, "points"), context: context)
                let label = try PlotBuiltins.optionalString(args, "label")
                let color = try PlotData.color(args["color"], PlotBuiltins.what(args, "color"))
                try fig.editAxes("path") { $0.path(x: x, y: y, label: label, color: color) }
                return args.receiver
            },
            Builtin("add", [.required("other")],
                    summary: "Overlay every series of another figure on this one; returns the figure.") { args, _ in
                let fig = try receiver(args)
                guard case .object(let o) = args["other"], let other = o as? FigureValue, let axes = other.axes else {
                    throw LangError.typeError("figure.add() argument 'other' must be a figure with axes, not \(args["other"].typeName)")
                }
                try fig.editAxes("add") { $0.add(axes) }
                return args.receiver
            },
        ]
    }

    /// Points from an [N, 2] tensor or a list of pairs (tensors or lists).
    private static func points(_ value: Value, _ what: String, context: BuiltinContext) throws -> ([Double], [Double]) {
        if case .list(let list) = value {
            var xs: [Double] = [], ys: [Double] = []
            for item in list.items {
                let p = try PlotData.numbers(item, what, context: context)
                guard p.count == 2 else { throw LangError.valueError("\(what) must hold [x, y] pairs, found \(p.count) numbers") }
                xs.append(p[0])
                ys.append(p[1])
            }
            return (xs, ys)
        }
        return try PlotData.points(value, what)
    }

    private static func labelProperty(_ name: String, _ summary: String, _ keyPath: WritableKeyPath<Figure, String?>) -> Member {
        .property(of: "figure", name, summary: summary, get: { value, _ in
            guard case .object(let o) = value, let f = o as? FigureValue, let axes = f.axes else { return .none }
            return axes[keyPath: keyPath].map(Value.string) ?? .none
        }, set: { value, newValue, _ in
            guard case .object(let o) = value, let f = o as? FigureValue else { return }
            let text: String?
            switch newValue {
            case .none: text = nil
            case .string(let s): text = s
            default: throw LangError.typeError("figure.\(name) must be a string or none, not \(newValue.typeName)")
            }
            try f.editAxes(name) { $0[keyPath: keyPath] = text }
        })
    }

    private static var properties: [Member] {
        [
            labelProperty("title", "The figure's title (assignable).", \.title),
            labelProperty("xlabel", "The x axis label (assignable).", \.xLabel),
            labelProperty("ylabel", "The y axis label (assignable).", \.yLabel),
        ]
    }
}
