/// Anything drawable as a figure: an axes figure, an image grid, a graph diagram, subplots.
///
/// A chart has a natural size in pixels (at 1x) and draws itself into any frame of a scene;
/// the extension renders it to SVG text or PNG bytes.
public protocol Chart: Sendable {
    /// Natural width in pixels.
    var width: Double { get }
    /// Natural height in pixels.
    var height: Double { get }
    /// A short description of the content, e.g. "2 lines, 1 scatter".
    var summary: String { get }
    /// Draws the chart into a frame of the scene.
    /// - Parameters:
    ///   - frame: Where to draw (the chart lays itself out to fill it).
    ///   - scene: The scene to add items to.
    func draw(in frame: Rect, into scene: inout Scene)
}

extension Chart {
    /// The chart drawn on its own at its natural size.
    /// - Returns: A scene with a white background.
    public func scene() -> Scene {
        var s = Scene(width: width, height: height)
        draw(in: Rect(x: 0, y: 0, width: width, height: height), into: &s)
        return s
    }

    /// The chart as standalone SVG text.
    /// - Returns: The SVG document.
    public func svg() -> String { SVGRenderer.render(scene()) }

    /// The chart as PNG bytes.
    /// - Parameter scale: Device-pixel ratio (2 by default for crisp output on HiDPI screens;
    ///   show it at `width x height`).
    /// - Returns: The PNG file.
    public func png(scale: Double = 2) -> [UInt8] { SceneRasterizer.png(scene(), scale: scale) }

    /// Text form for notebooks, e.g. `<Figure 640x480: 2 lines>`.
    public var textForm: String {
        "<Figure \(Int(width.rounded()))x\(Int(height.rounded())): \(summary)>"
    }
}
