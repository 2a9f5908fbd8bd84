import Foundation

/// A grayscale image given as values (row-major, row 0 at the top).
public struct GrayImage: Equatable, Sendable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// `width * height` values.
    public var values: [Double]

    /// Creates an image; `nil` when the sizes and value count disagree.
    /// - Parameters:
    ///   - width: Width (> 0).
    ///   - height: Height (> 0).
    ///   - values: Row-major values.
    public init?<V: PlotValue>(width: Int, height: Int, values: [V]) {
        guard width > 0, height > 0, values.count == width * height else { return nil }
        self.width = width
        self.height = height
        self.values = values.doubles
    }
}

/// A grid of small images (digits, filters, feature maps) with optional labels, drawn as one
/// raster.
public struct ImageGrid: Chart, Equatable {
    /// How values map to gray levels.
    public enum Normalization: Sendable, Equatable {
        /// Each image stretched over its own min...max.
        case perImage
        /// One min...max over all images (compare filters).
        case global
    }

    /// The images.
    public var images: [GrayImage]
    /// Images per row.
    public var columns: Int
    /// A label under each image (e.g. the class), or empty.
    public var labels: [String]
    /// Title above the grid.
    public var title: String?
    /// Colour scale.
    public var colormap: Colormap
    /// Value normalisation.
    public var normalization: Normalization
    /// Side of one tile in pixels.
    public let tile: Double

    private var maxW: Int { images.map(\.width).max() ?? 1 }
    private var maxH: Int { images.map(\.height).max() ?? 1 }
    private var rows: Int { (images.count + columns - 1) / max(1, columns) }
    private var gap: Int { max(1, maxW / 10) }
    private var labelRows: Int { labels.isEmpty ? 0 : Int((16 / (tile / Double(maxW))).rounded(.up)) }
    private let pad = 10.0
    private var titleHeight: Double { title == nil ? 0 : 26 }

    /// Creates a grid.
    /// - Parameters:
    ///   - images: The images (at least one).
    ///   - columns: Images per row (clamped to 1...count).
    ///   - labels: Labels under the images.
    ///   - title: Title.
    ///   - colormap: Colour scale (gray: low values dark).
    ///   - normalization: Per image or global.
    public init(images: [GrayImage], columns: Int = 8, labels: [String] = [], title: String? = nil,
                colormap: Colormap = .gray, normalization: Normalization = .perImage) {
        self.images = images
        self.columns = max(1, min(columns, max(1, images.count)))
        self.labels = labels
        self.title = title
        self.colormap = colormap
        self.normalization = normalization
        let widest = images.map(\.width).max() ?? 1
        let budget = 720.0 / Double(self.columns)
        tile = min(128, max(24, budget - 8, Double(widest)))
    }

    /// Summary such as "16 images".
    public var summary: String { "\(images.count) image\(images.count == 1 ? "" : "s")" }

    private var scale: Double { tile / Double(maxW) }
    private var nativeWidth: Int { columns * maxW + (columns - 1) * gap }
    private var nativeHeight: Int { rows * (maxH + labelRows) + max(0, rows - 1) * gap }

    /// Natural width in pixels.
    public var width: Double { Double(nativeWidth) * scale + 2 * pad }
    /// Natural height in pixels.
    public var height: Double { Double(nativeHeight) * scale + 2 * pad + titleHeight }

    /// Draws the grid scaled to fit the frame.
    public func draw(in frame: Rect, into scene: inout Scene) {
        if frame.width != width || frame.height != height {
            drawFitted(in: frame, into: &scene)
            return
        }
        guard !images.isEmpty else { return }
        var img = RasterImage(width: max(1, nativeWidth), height: max(1, nativeHeight))
        let all = images.flatMap(\.values).filter(\.isFinite)
        let gLo = all.min() ?? 0, gHi = all.max() ?? 1
        for (k, im) in images.enumerated() {
            let finite = im.values.filter(\.isFinite)
            let lo = normalization == .global ? gLo : (finite.min() ?? 0)
            let hi = normalization == .global ? gHi : (finite.max() ?? 1)
            let ox = (k % columns) * (maxW + gap) + (maxW - im.width) / 2
            let oy = (k / columns) * (maxH + labelRows + gap) + (maxH - im.height) / 2
            for y in 0..<im.height {
                for x in 0..<im.width {
                    let v = im.values[y * im.width + x]
                    img.set(ox + x, oy + y, colormap.color(hi > lo ? (v - lo) / (hi - lo) : 0.5))
                }
            }
        }
        let top = frame.y + pad + titleHeight
        scene.add(.image(img, Rect(x: frame.x + pad, y: top, width: Double(nativeWidth) * scale,
                                   height: Double(nativeHeight) * scale), .nearest))
        if let t = title {
            scene.add(.text(TextItem(t, at: Point(frame.x + width / 2, frame.y + pad + 15), size: 15,
                                     anchor: .middle)))
        }
        for (k, label) in labels.prefix(images.count).enumerated() {
            let cx = frame.x + pad + (Double((k % columns) * (maxW + gap)) + Double(maxW) / 2) * scale
            let cy = top + (Double((k / columns) * (maxH + labelRows + gap) + maxH)) * scale + 3
            scene.add(.text(TextItem(label, at: Point(cx, cy), size: 12, anchor: .middle, baseline: .top)))
        }
    }
}
