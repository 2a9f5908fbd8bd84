import Foundation
import Plot

/// A figure in the language: an axes figure that `fig.line(...)` and friends extend, or any
/// other chart (image grid, graph, subplots). Shown as PNG (2x pixels, 1x size metadata), SVG
/// and text, as `%format` chooses.
public final class FigureValue: LangObject {
    /// The axes figure, when this is one (members add series to it).
    public private(set) var axes: Figure?
    private var other: (any Chart)?
    private var cache = BundleCache()

    /// The bundle rendered for each format, until the figure changes. Three fields, not a
    /// `[FigureFormat: RichBundle]`, whose first use cost a new kernel's first figure a search
    /// of every protocol conformance in the process (about 0.1 ms in a profile).
    private struct BundleCache {
        var svg: RichBundle?, png: RichBundle?, both: RichBundle?

        subscript(format: FigureFormat) -> RichBundle? {
            get {
                switch format {
                case .svg: svg
                case .png: png
                case .both: both
                }
            }
            set {
                switch format {
                case .svg: svg = newValue
                case .png: png = newValue
                case .both: both = newValue
                }
            }
        }
    }

    /// Wraps an axes figure.
    /// - Parameter figure: the figure.
    public init(_ figure: Figure) {
        axes = figure
    }

    /// Wraps any chart.
    /// - Parameter chart: the chart.
    public init(chart: any Chart) {
        if let f = chart as? Figure { axes = f } else { other = chart }
    }

    /// The chart to draw.
    public var chart: any Chart {
        if let axes { return axes }
        return other ?? Figure()
    }

    /// Changes the axes figure (the cached images are dropped).
    /// - Parameter change: edits the figure.
    /// - Throws: TypeError when this figure has no axes (an image grid, graph or subplots).
    func editAxes(_ what: String, _ change: (inout Figure) throws -> Void) throws {
        guard var f = axes else {
            throw LangError.typeError("figure.\(what)() needs a figure with axes, not a \(chart.summary)")
        }
        try change(&f)
        axes = f
        cache = BundleCache()
    }

    /// `figure`.
    public var typeName: String { "figure" }

    /// `<Figure 640x480: 2 lines>`.
    public var textForm: String { chart.textForm }

    /// The figure's bundle for the format (cached until the figure changes).
    /// - Parameter format: which images to include.
    /// - Returns: PNG and/or SVG plus text/plain.
    public func richBundle(format: FigureFormat) -> RichBundle? {
        if let hit = cache[format] { return hit }
        let bundle = Self.bundle(for: chart, format: format)
        cache[format] = bundle
        return bundle
    }

    /// Renders a chart into a mime bundle: `image/png` (base64, drawn at 2x with width/height
    /// metadata at 1x so it is crisp on HiDPI screens; at most 4096 pixels a side),
    /// `image/svg+xml`, and `text/plain`.
    /// - Parameters:
    ///   - chart: what to draw.
    ///   - format: which images to include.
    /// - Returns: the bundle.
    public static func bundle(for chart: any Chart, format: FigureFormat) -> RichBundle {
        var bundle = RichBundle()
        let scene = chart.scene()
        if format.includesPNG {
            // 2x for crisp HiDPI output; less for very large charts (a long graph), to at most
            // 4096 pixels a side.
            let scale = min(2, max(1, 4096 / max(chart.width, chart.height)))
            let png = SceneRasterizer.png(scene, scale: scale)
            bundle.entries.append(.init(mimeType: "image/png", content: Data(png).base64EncodedString()))
            bundle.metadata["image/png"] = ["width": Int(chart.width.rounded()), "height": Int(chart.height.rounded())]
        }
        if format.includesSVG {
            bundle.entries.append(.init(mimeType: "image/svg+xml", content: SVGRenderer.render(scene)))
        }
        bundle.entries.append(.init(mimeType: "text/plain", content: chart.textForm))
        return bundle
    }
}
