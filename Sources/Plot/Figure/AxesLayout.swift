import Foundation

/// Maps data coordinates of an axes figure to scene coordinates.
struct AxesTransform {
    /// The plotting rectangle.
    let plot: Rect
    let xLo: Double, xHi: Double, yLo: Double, yHi: Double
    let logY: Bool
    let yInverted: Bool

    func x(_ v: Double) -> Double { plot.x + (v - xLo) / (xHi - xLo) * plot.width }

    func y(_ v: Double) -> Double {
        let t = logY ? (log10(v) - log10(yLo)) / (log10(yHi) - log10(yLo)) : (v - yLo) / (yHi - yLo)
        return yInverted ? plot.y + t * plot.height : plot.maxY - t * plot.height
    }

    func point(_ px: Double, _ py: Double) -> Point { Point(x(px), y(py)) }

    /// Whether a data point can be drawn (finite, and positive on a log axis).
    func drawable(_ px: Double, _ py: Double) -> Bool {
        px.isFinite && py.isFinite && (!logY || py > 0)
    }
}

/// Font sizes and distances of an axes figure, in pixels.
enum AxesStyle {
    static let tickFont = 12.0
    static let labelFont = 13.0
    static let titleFont = 15.0
    static let tickLength = 5.0
    static let tickPad = 4.0
    static let spineColor = Color(rgb: 0x333333)
    static let gridColor = Color(rgb: 0xE6E6E6)
}

/// Axis limits, plotting rectangle and ticks of a figure drawn in a frame.
struct AxesLayout {
    let transform: AxesTransform
    let xTicks: [Double]
    let xLabels: [String]
    let yTicks: [Double]
    let yLabels: [String]
    let yMinorTicks: [Double]
    let colorbarRect: Rect?

    init(figure f: Figure, frame: Rect) {
        let (xr, yr) = Self.limits(f)
        let tf = AxesStyle.tickFont
        let top = f.title != nil ? 14 + AxesStyle.titleFont * 1.3 : 14
        let bottom = AxesStyle.tickLength + AxesStyle.tickPad + tf + 12 + (f.xLabel != nil ? AxesStyle.labelFont + 8 : 0)
        let plotHeight = max(10, frame.height - top - bottom)
        // Y ticks depend only on the height, which the left margin does not change.
        var (yt, ylab, yminor) = Self.yTicks(f, yr, plotHeight)
        let yLabelWidth = ylab.map { Font.textWidth($0, size: tf) }.max() ?? 0
        var left = 10 + yLabelWidth + AxesStyle.tickLength + AxesStyle.tickPad
        if f.yLabel != nil { left += AxesStyle.labelFont + 10 }
        var right = 18.0
        var cbLabelWidth = 0.0
        if let cb = f.colorbar {
            let labels = cb.ticks(height: plotHeight).1
            cbLabelWidth = labels.map { Font.textWidth($0, size: tf) }.max() ?? 0
            right += 16 + 14 + AxesStyle.tickLength + AxesStyle.tickPad + cbLabelWidth
        }
        var plot = frame.inset(left: left, top: top, right: right, bottom: bottom)
        if f.equalAspect {
            let dx = xr.1 - xr.0, dy = yr.1 - yr.0
            if dx > 0, dy > 0, !f.logY {
                let s = min(plot.width / dx, plot.height / dy)
                let w = dx * s, h = dy * s
                plot = Rect(x: plot.x + (plot.width - w) / 2, y: plot.y + (plot.height - h) / 2, width: w, height: h)
                (yt, ylab, yminor) = Self.yTicks(f, yr, plot.height)
            }
        }
        var target = max(2, min(9, Int(plot.width / 85)))
        let minStep = f.integerTicks ? 1.0 : 0
        var xt = Ticks.linear(xr.0, xr.1, target: target, minStep: minStep)
        var xl = Ticks.labels(xt)
        while target > 2 && (xl.map { Font.textWidth($0, size: tf) + 14 }.reduce(0, +)) > plot.width {
            target -= 1
            xt = Ticks.linear(xr.0, xr.1, target: target, minStep: minStep)
            xl = Ticks.labels(xt)
        }
        transform = AxesTransform(plot: plot, xLo: xr.0, xHi: xr.1, yLo: yr.0, yHi: yr.1, logY: f.logY,
                                  yInverted: f.yInverted)
        xTicks = xt
        xLabels = xl
        yTicks = yt
        yLabels = ylab
        yMinorTicks = yminor
        colorbarRect = f.colorbar == nil ? nil : Rect(x: plot.maxX + 16, y: plot.y, width: 14, height: plot.height)
    }

    private static func yTicks(_ f: Figure, _ yr: (Double, Double), _ height: Double)
        -> ([Double], [String], [Double]) {
        if f.logY {
            let (major, minor) = Ticks.logarithmic(yr.0, yr.1)
            if major.count >= 2 { return (major, major.map(Ticks.powerLabel), minor) }
            // Less than two decades: plain numbers at nice steps, placed on the log scale.
            let t = Ticks.linear(yr.0, yr.1, target: max(2, min(8, Int(height / 55)))).filter { $0 > 0 }
            return (t, Ticks.labels(t), [])
        }
        let t = Ticks.linear(yr.0, yr.1, target: max(2, min(9, Int(height / 55))), minStep: f.integerTicks ? 1 : 0)
        return (t, Ticks.labels(t), [])
    }

    /// Axis limits from the data: 5% margins, tight around rasters and contours, bars sticking
    /// to zero, fixed limits when the figure has them.
    static func limits(_ f: Figure) -> ((Double, Double), (Double, Double)) {
        var xs: [Double] = [], ys: [Double] = []
        var tightX: (Double, Double)? = nil, tightY: (Double, Double)? = nil
        var stickyZero = false
        func accept(_ x: [Double], _ y: [Double]) {
            // Values beyond ±1e15 are left out of the limits (drawn off the axes, if at all).
            for i in 0..<min(x.count, y.count) where abs(x[i]) <= 1e15 && abs(y[i]) <= 1e15 && (!f.logY || y[i] > 0) {
                xs.append(x[i])
                ys.append(y[i])
            }
        }
        func tight(_ e: Extent) {
            guard [e.xMin, e.xMax, e.yMin, e.yMax].allSatisfy({ abs($0) <= 1e15 }) else { return }
            tightX = (min(tightX?.0 ?? e.xMin, e.xMin), max(tightX?.1 ?? e.xMax, e.xMax))
            tightY = (min(tightY?.0 ?? e.yMin, e.yMin), max(tightY?.1 ?? e.yMax, e.yMax))
        }
        for s in f.series {
            switch s {
            case .line(let l): accept(l.x, l.y)
            case .scatter(let sc): accept(sc.x, sc.y)
            case .path(let p): accept(p.x, p.y)
            case .bars(let b):
                for (i, h) in b.heights.enumerated() where i + 1 < b.edges.count {
                    accept([b.edges[i], b.edges[i + 1]], [h, h])
                }
                if !f.logY {
                    accept([b.edges.first ?? 0], [0])
                    stickyZero = true
                }
            case .raster(let r): tight(r.extent)
            case .contour(let c): tight(c.extent)
            }
        }
        func padded(_ v: [Double], log: Bool, sticky: Bool) -> (Double, Double) {
            guard var lo = v.min(), var hi = v.max() else { return log ? (1, 10) : (0, 1) }
            if log {
                lo = log10(lo)
                hi = log10(hi)
            }
            if lo == hi {
                let d = log ? 0.5 : max(0.5, abs(lo) * 0.1)
                lo -= d
                hi += d
            } else {
                let m = (hi - lo) * 0.05
                if !(sticky && lo == 0) { lo -= m }
                hi += m
            }
            return log ? (pow(10, lo), pow(10, hi)) : (lo, hi)
        }
        var xr = tightX ?? padded(xs, log: false, sticky: false)
        var yr = tightY ?? padded(ys, log: f.logY, sticky: stickyZero)
        if let l = f.xLimits, l.upperBound > l.lowerBound, abs(l.lowerBound) <= 1e15, abs(l.upperBound) <= 1e15 {
            xr = (l.lowerBound, l.upperBound)
        }
        if let l = f.yLimits, l.upperBound > l.lowerBound, abs(l.lowerBound) <= 1e15, abs(l.upperBound) <= 1e15,
           !f.logY || l.lowerBound > 0 {
            yr = (l.lowerBound, l.upperBound)
        }
        if xr.1 <= xr.0 { xr = (xr.0 - 0.5, xr.0 + 0.5) }
        if yr.1 <= yr.0 { yr = (yr.0 - 0.5, yr.0 + 0.5) }
        if f.logY && yr.0 <= 0 { yr = (max(1e-12, yr.1 * 1e-3), max(yr.1, 1e-11)) }
        return (xr, yr)
    }
}
