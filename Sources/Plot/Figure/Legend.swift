/// Legend entries and their box, placed in the emptiest corner of the axes.
enum Legend {
    /// What the sample left of a legend label shows.
    enum Swatch: Equatable {
        case line(Color, LineStyle, width: Double)
        case marker(Color)
        case patch(Color)
    }

    /// The entries of all labelled series (classed scatters give one per class).
    static func entries(_ series: [Series]) -> [(Swatch, String)] {
        var out: [(Swatch, String)] = []
        var next = 0
        for s in series {
            switch s {
            case .line(let l):
                let c = l.color ?? Palette.color(next)
                if l.color == nil { next += 1 }
                if let label = l.label { out.append((.line(c, l.style, width: l.width), label)) }
            case .scatter(let sc):
                if let classes = sc.classes {
                    let distinct = Array(Set(classes)).sorted()
                    guard distinct.count <= 12 else { continue }
                    for k in distinct {
                        let name = sc.classNames.flatMap { k >= 0 && k < $0.count ? $0[k] : nil } ?? "class \(k)"
                        out.append((.marker(Palette.color(k)), name))
                    }
                } else {
                    let c = sc.color ?? Palette.color(next)
                    next += 1
                    if let label = sc.label { out.append((.marker(c), label)) }
                }
            case .bars(let b):
                let c = b.color ?? Palette.color(next)
                if b.color == nil { next += 1 }
                if let label = b.label { out.append((.patch(c), label)) }
            case .path(let p):
                let c = p.color ?? Palette.color(next)
                if p.color == nil { next += 1 }
                if let label = p.label { out.append((.line(c, LineStyle(dash: .solid, markers: true), width: 1.8), label)) }
            case .raster, .contour: break
            }
        }
        return out
    }

    static let font = 12.0
    static let rowHeight = 19.0

    /// Draws the legend in the corner of `plot` covering the fewest of `points`.
    static func draw(_ entries: [(Swatch, String)], in plot: Rect, avoiding points: [Point],
                     into scene: inout Scene) {
        let labelWidth = entries.map { Font.textWidth($0.1, size: font) }.max() ?? 0
        let w = 8 + 26 + 6 + labelWidth + 8, h = 6 + Double(entries.count) * rowHeight + 4
        let inset = 8.0
        let corners = [
            Rect(x: plot.maxX - inset - w, y: plot.y + inset, width: w, height: h),   // upper right
            Rect(x: plot.x + inset, y: plot.y + inset, width: w, height: h),          // upper left
            Rect(x: plot.x + inset, y: plot.maxY - inset - h, width: w, height: h),   // lower left
            Rect(x: plot.maxX - inset - w, y: plot.maxY - inset - h, width: w, height: h), // lower right
        ]
        var best = corners[0]
        var bestCount = Int.max
        for c in corners {
            let n = points.reduce(0) { $0 + (c.contains($1) ? 1 : 0) }
            if n < bestCount {
                bestCount = n
                best = c
            }
        }
        scene.add(.fill(.roundedRect(best, radius: 4), Color.white.withAlpha(0.85)))
        scene.add(.stroke(.roundedRect(best, radius: 4), Stroke(color: Color(rgb: 0xCCCCCC), width: 1)))
        for (i, (swatch, label)) in entries.enumerated() {
            let cy = best.y + 6 + rowHeight * (Double(i) + 0.5)
            let sx = best.x + 8
            switch swatch {
            case .line(let c, let style, let width):
                if style.dash != .none {
                    let (dash, cap) = SeriesPainter.dash(style, width: width)
                    scene.add(.stroke(.polyline([Point(sx, cy), Point(sx + 26, cy)]),
                                      Stroke(color: c, width: width, dash: dash, cap: cap)))
                }
                if style.markers {
                    scene.add(.circle(center: Point(sx + 13, cy), radius: max(2.5, width * 1.6), fill: c, stroke: nil))
                }
            case .marker(let c):
                scene.add(.circle(center: Point(sx + 13, cy), radius: 4.5, fill: c, stroke: nil))
            case .patch(let c):
                scene.add(.fill(.rect(Rect(x: sx + 4, y: cy - 6, width: 18, height: 12)), c))
            }
            scene.add(.text(TextItem(label, at: Point(sx + 32, cy), size: font, baseline: .middle)))
        }
    }
}
