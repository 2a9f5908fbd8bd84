import Foundation

extension Figure {
    /// Draws the axes, series, legend and colour bar into the frame.
    /// - Parameters:
    ///   - frame: Where to draw.
    ///   - scene: The scene to add items to.
    public func draw(in frame: Rect, into scene: inout Scene) {
        let layout = AxesLayout(figure: self, frame: frame)
        let t = layout.transform
        let plot = t.plot
        var painter = SeriesPainter(transform: t)
        var under: [SceneItem] = []
        var over: [SceneItem] = []
        // Palette colours go to uncoloured series in order.
        var next = 0
        for s in series {
            switch s {
            case .raster(let r): under += painter.raster(r)
            case .contour(let c):
                if c.filled { under += painter.contourBands(c) }
                over += painter.contourLines(c)
            case .bars(let b):
                over += painter.bars(b, color: b.color ?? Palette.color(next))
                if b.color == nil { next += 1 }
            case .line(let l):
                over += painter.line(l, color: l.color ?? Palette.color(next))
                if l.color == nil { next += 1 }
            case .scatter(let sc):
                over += painter.scatter(sc, color: sc.color ?? Palette.color(next))
                if sc.color == nil && sc.classes == nil { next += 1 }
            case .path(let p):
                over += painter.path(p, color: p.color ?? Palette.color(next))
                if p.color == nil { next += 1 }
            }
        }
        if !under.isEmpty { scene.add(.clipped(plot, under)) }
        if grid { scene.add(.clipped(plot, gridLines(layout))) }
        if !over.isEmpty { scene.add(.clipped(plot, over)) }
        axes(layout, into: &scene)
        if showLegend {
            let entries = Legend.entries(series)
            if !entries.isEmpty {
                Legend.draw(entries, in: plot, avoiding: painter.screenPoints, into: &scene)
            }
        }
        if let cb = colorbar, let rect = layout.colorbarRect { drawColorbar(cb, rect, into: &scene) }
    }

    private func gridLines(_ layout: AxesLayout) -> [SceneItem] {
        let t = layout.transform
        var p = Path()
        for v in layout.xTicks {
            p.move(to: Point(t.x(v), t.plot.y))
            p.line(to: Point(t.x(v), t.plot.maxY))
        }
        for v in layout.yTicks {
            p.move(to: Point(t.plot.x, t.y(v)))
            p.line(to: Point(t.plot.maxX, t.y(v)))
        }
        return [.stroke(p, Stroke(color: AxesStyle.gridColor, width: 0.8))]
    }

    private func axes(_ layout: AxesLayout, into scene: inout Scene) {
        let t = layout.transform
        let plot = t.plot
        let tl = AxesStyle.tickLength, pad = AxesStyle.tickPad, tf = AxesStyle.tickFont
        var ticks = Path()
        for (v, label) in zip(layout.xTicks, layout.xLabels) {
            let x = t.x(v)
            guard x >= plot.x - 0.5 && x <= plot.maxX + 0.5 else { continue }
            ticks.move(to: Point(x, plot.maxY))
            ticks.line(to: Point(x, plot.maxY + tl))
            scene.add(.text(TextItem(label, at: Point(x, plot.maxY + tl + pad), size: tf, anchor: .middle,
                                     baseline: .top)))
        }
        for (v, label) in zip(layout.yTicks, layout.yLabels) {
            let y = t.y(v)
            guard y >= plot.y - 0.5 && y <= plot.maxY + 0.5 else { continue }
            ticks.move(to: Point(plot.x, y))
            ticks.line(to: Point(plot.x - tl, y))
            scene.add(.text(TextItem(label, at: Point(plot.x - tl - pad, y), size: tf, anchor: .end,
                                     baseline: .middle)))
        }
        var minor = Path()
        for v in layout.yMinorTicks {
            let y = t.y(v)
            guard y >= plot.y && y <= plot.maxY else { continue }
            minor.move(to: Point(plot.x, y))
            minor.line(to: Point(plot.x - tl * 0.6, y))
        }
        scene.add(.stroke(ticks, Stroke(color: AxesStyle.spineColor, width: 1)))
        if !minor.elements.isEmpty { scene.add(.stroke(minor, Stroke(color: AxesStyle.spineColor, width: 0.8))) }
        scene.add(.stroke(.rect(plot), Stroke(color: AxesStyle.spineColor, width: 1, join: .miter)))
        if let xl = xLabel {
            scene.add(.text(TextItem(xl, at: Point(plot.center.x, plot.maxY + tl + pad + tf + 8),
                                     size: AxesStyle.labelFont, anchor: .middle, baseline: .top)))
        }
        if let yl = yLabel {
            let yLabelWidth = layout.yLabels.map { Font.textWidth($0, size: tf) }.max() ?? 0
            let x = plot.x - tl - pad - yLabelWidth - 10 - AxesStyle.labelFont
            scene.add(.text(TextItem(yl, at: Point(x, plot.center.y), size: AxesStyle.labelFont, anchor: .middle,
                                     baseline: .top, rotation: -90)))
        }
        if let title = title {
            scene.add(.text(TextItem(title, at: Point(plot.center.x, plot.y - 10), size: AxesStyle.titleFont,
                                     anchor: .middle)))
        }
    }

    private func drawColorbar(_ cb: Colorbar, _ rect: Rect, into scene: inout Scene) {
        // 16 columns, not 1: viewers that smooth a stretched 1-pixel image fade its edges.
        var img = RasterImage(width: 16, height: 256)
        for r in 0..<256 {
            let c = cb.colormap.color(1 - Double(r) / 255)
            for x in 0..<16 { img.set(x, r, c) }
        }
        scene.add(.image(img, rect, .bilinear))
        scene.add(.stroke(.rect(rect), Stroke(color: AxesStyle.spineColor, width: 1, join: .miter)))
        let (values, labels) = cb.ticks(height: rect.height)
        var ticks = Path()
        for (v, label) in zip(values, labels) {
            let y = rect.maxY - (v - cb.min) / (cb.max - cb.min) * rect.height
            ticks.move(to: Point(rect.maxX, y))
            ticks.line(to: Point(rect.maxX + AxesStyle.tickLength, y))
            scene.add(.text(TextItem(label, at: Point(rect.maxX + AxesStyle.tickLength + AxesStyle.tickPad, y),
                                     size: AxesStyle.tickFont, baseline: .middle)))
        }
        scene.add(.stroke(ticks, Stroke(color: AxesStyle.spineColor, width: 1)))
    }
}
