/// A computational graph drawn left to right: nodes in layers (longest path from the inputs),
/// each a rounded box with its op, value and grad, edges as curves with arrows. No graphviz.
public struct GraphDiagram: Chart, Equatable {
    /// What a node is, which sets its colours.
    public enum Kind: String, Sendable, Equatable {
        /// A constant or data input.
        case input
        /// A trainable leaf (requires grad).
        case parameter
        /// The result of an operation.
        case operation
        /// The final output (e.g. the loss).
        case output
    }

    /// One node: a bold title (e.g. the op, "×") and detail lines ("data 6.0000", "grad 1.0000").
    public struct Node: Sendable, Equatable {
        /// Unique identifier used by edges.
        public var id: Int
        /// The bold first line.
        public var title: String
        /// Further lines.
        public var lines: [String]
        /// Node kind.
        public var kind: Kind

        /// Creates a node.
        /// - Parameters:
        ///   - id: Unique identifier.
        ///   - title: Bold title.
        ///   - lines: Detail lines.
        ///   - kind: Node kind.
        public init(id: Int, title: String, lines: [String] = [], kind: Kind = .operation) {
            self.id = id
            self.title = title
            self.lines = lines
            self.kind = kind
        }
    }

    /// The nodes.
    public let nodes: [Node]
    /// Edges as (from id, to id): data flows from `from` into `to`.
    public let edges: [(from: Int, to: Int)]
    /// Title above the graph.
    public var title: String?
    /// Box of each node (same order as `nodes`), in natural coordinates.
    let boxes: [Rect]
    /// Natural width in pixels.
    public let width: Double
    /// Natural height in pixels.
    public let height: Double

    static let titleFont = 13.0
    static let lineFont = 11.0

    /// Creates and lays out a graph. Edges naming unknown ids are ignored.
    /// - Parameters:
    ///   - nodes: The nodes (ids unique).
    ///   - edges: (from, to) id pairs.
    ///   - title: Title.
    public init(nodes: [Node], edges: [(from: Int, to: Int)], title: String? = nil) {
        self.nodes = nodes
        self.title = title
        var index: [Int: Int] = [:]
        for (i, n) in nodes.enumerated() where index[n.id] == nil { index[n.id] = i }
        let valid = edges.filter { index[$0.from] != nil && index[$0.to] != nil && $0.from != $0.to }
        self.edges = valid
        let layout = GraphLayout(count: nodes.count,
                                 edges: valid.compactMap { e in index[e.from].flatMap { f in index[e.to].map { (f, $0) } } },
                                 sizes: nodes.map(GraphDiagram.boxSize))
        let top = title == nil ? 0.0 : 30.0
        boxes = layout.boxes.map { Rect(x: $0.x, y: $0.y + top, width: $0.width, height: $0.height) }
        width = max(120, layout.width)
        height = max(60, layout.height + top)
    }

    static func boxSize(_ n: Node) -> (Double, Double) {
        let w = max(Font.textWidth(n.title, size: titleFont, weight: .bold),
                    n.lines.map { Font.textWidth($0, size: lineFont) }.max() ?? 0)
        return (max(44, w + 18), 10 + 15 + Double(n.lines.count) * 14 + 4)
    }

    /// Summary such as "7 nodes".
    public var summary: String { "graph with \(nodes.count) node\(nodes.count == 1 ? "" : "s")" }

    /// Draws the graph scaled to fit the frame.
    public func draw(in frame: Rect, into scene: inout Scene) {
        if frame.width != width || frame.height != height {
            drawFitted(in: frame, into: &scene)
            return
        }
        var index: [Int: Int] = [:]
        for (i, n) in nodes.enumerated() where index[n.id] == nil { index[n.id] = i }
        let ox = frame.x, oy = frame.y
        func box(_ i: Int) -> Rect {
            let b = boxes[i]
            return Rect(x: b.x + ox, y: b.y + oy, width: b.width, height: b.height)
        }
        if let t = title {
            scene.add(.text(TextItem(t, at: Point(ox + width / 2, oy + 20), size: 15, anchor: .middle)))
        }
        let edgeColor = Color(rgb: 0x6B6B6B)
        var curves = Path(), heads = Path()
        // Ports: edges leave and enter spread along the box sides, ordered by the other end's y.
        var outgoing: [Int: [Int]] = [:], incoming: [Int: [Int]] = [:]
        for (k, e) in edges.enumerated() {
            outgoing[e.from, default: []].append(k)
            incoming[e.to, default: []].append(k)
        }
        func port(_ list: [Int]?, _ k: Int, _ b: Rect, otherY: (Int) -> Double) -> Double {
            guard let l = list, l.count > 1, let pos = l.sorted(by: { otherY($0) < otherY($1) }).firstIndex(of: k) else {
                return b.center.y
            }
            let span = min(b.height * 0.6, Double(l.count - 1) * 10)
            return b.center.y - span / 2 + span * Double(pos) / Double(l.count - 1)
        }
        for (k, e) in edges.enumerated() {
            guard let f = index[e.from], let t = index[e.to] else { continue }
            let a = box(f), b = box(t)
            let sy = port(outgoing[e.from], k, a) { j in index[edges[j].to].map { box($0).center.y } ?? 0 }
            let ey = port(incoming[e.to], k, b) { j in index[edges[j].from].map { box($0).center.y } ?? 0 }
            let start = Point(a.maxX, sy), end = Point(b.x - 1, ey)
            let dx = max(20, (end.x - start.x) / 2)
            curves.move(to: start)
            let tipBase = Point(end.x - 8, end.y)
            curves.cubic(to: tipBase, control1: Point(start.x + dx, start.y), control2: Point(tipBase.x - dx, end.y))
            heads.append(.polyline([end, Point(end.x - 9, end.y - 4), Point(end.x - 9, end.y + 4)], closed: true))
        }
        scene.add(.stroke(curves, Stroke(color: edgeColor, width: 1.3)))
        scene.add(.fill(heads, edgeColor))
        for (i, n) in nodes.enumerated() {
            let b = box(i)
            let (fill, border) = Self.colors(n.kind)
            scene.add(.fill(.roundedRect(b, radius: 6), fill))
            scene.add(.stroke(.roundedRect(b, radius: 6), Stroke(color: border, width: 1.2)))
            scene.add(.text(TextItem(n.title, at: Point(b.center.x, b.y + 9), size: Self.titleFont, anchor: .middle,
                                     baseline: .top, weight: .bold)))
            for (k, line) in n.lines.enumerated() {
                scene.add(.text(TextItem(line, at: Point(b.center.x, b.y + 26 + Double(k) * 14), size: Self.lineFont,
                                         anchor: .middle, baseline: .top, color: Color(rgb: 0x333333))))
            }
        }
    }

    static func colors(_ k: Kind) -> (Color, Color) {
        switch k {
        case .input: return (Color(rgb: 0xF0F0F0), Color(rgb: 0x8C8C8C))
        case .parameter: return (Color(rgb: 0xFDEBD3), Color(rgb: 0xC9822B))
        case .operation: return (Color(rgb: 0xDCEAF7), Color(rgb: 0x3F76B0))
        case .output: return (Color(rgb: 0xD9F0E3), Color(rgb: 0x2E8B57))
        }
    }

    /// Graphs are equal when nodes, edges and title are.
    public static func == (a: GraphDiagram, b: GraphDiagram) -> Bool {
        a.nodes == b.nodes && a.title == b.title && a.edges.map { [$0.from, $0.to] } == b.edges.map { [$0.from, $0.to] }
    }
}

/// Layered left-to-right layout: layer = longest path from a source; order in a layer by
/// barycentre sweeps; columns packed with fixed gaps.
struct GraphLayout {
    let boxes: [Rect]
    let width: Double
    let height: Double

    init(count n: Int, edges: [(Int, Int)], sizes: [(Double, Double)]) {
        var preds = [[Int]](repeating: [], count: n), succs = [[Int]](repeating: [], count: n)
        var indeg = [Int](repeating: 0, count: n)
        for (a, b) in edges {
            succs[a].append(b)
            preds[b].append(a)
            indeg[b] += 1
        }
        // Kahn's order; nodes on cycles (not expected) keep layer 0.
        var layer = [Int](repeating: 0, count: n)
        var queue = (0..<n).filter { indeg[$0] == 0 }
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            for w in succs[v] {
                layer[w] = max(layer[w], layer[v] + 1)
                indeg[w] -= 1
                if indeg[w] == 0 { queue.append(w) }
            }
        }
        // Sources sit just left of their first consumer instead of all in column 0.
        for v in 0..<n where preds[v].isEmpty && !succs[v].isEmpty {
            layer[v] = max(0, (succs[v].map { layer[$0] }.min() ?? 1) - 1)
        }
        let layerCount = (layer.max() ?? 0) + 1
        var columns = [[Int]](repeating: [], count: layerCount)
        for v in 0..<n { columns[layer[v]].append(v) }
        var position = [Double](repeating: 0, count: n)
        func renumber() {
            for col in columns { for (i, v) in col.enumerated() { position[v] = Double(i) } }
        }
        renumber()
        for sweep in 0..<6 {
            let forward = sweep % 2 == 0
            let order = forward ? Array(1..<max(1, layerCount)) : Array((0..<max(0, layerCount - 1)).reversed())
            for l in order {
                let key = columns[l].map { v -> (Int, Double) in
                    let nb = forward ? preds[v] : succs[v]
                    let bc = nb.isEmpty ? position[v] : nb.map { position[$0] }.reduce(0, +) / Double(nb.count)
                    return (v, bc)
                }
                columns[l] = key.sorted { ($0.1, position[$0.0]) < ($1.1, position[$1.0]) }.map(\.0)
                for (i, v) in columns[l].enumerated() { position[v] = Double(i) }
            }
        }
        let pad = 14.0, hGap = 46.0, vGap = 14.0
        let colWidths = columns.map { col in col.map { sizes[$0].0 }.max() ?? 0 }
        let colHeights = columns.map { col in col.map { sizes[$0].1 }.reduce(0, +) + vGap * Double(max(0, col.count - 1)) }
        let tallest = colHeights.max() ?? 0
        var boxes = [Rect](repeating: Rect(x: 0, y: 0, width: 0, height: 0), count: n)
        var x = pad
        for (l, col) in columns.enumerated() {
            var y = pad + (tallest - colHeights[l]) / 2
            for v in col {
                let (w, h) = sizes[v]
                boxes[v] = Rect(x: x + (colWidths[l] - w) / 2, y: y, width: w, height: h)
                y += h + vGap
            }
            x += colWidths[l] + hGap
        }
        self.boxes = boxes
        width = x - hGap + pad
        height = tallest + 2 * pad
    }
}
