import Foundation

/// Renders a scene to pixels: the PNG backend.
public enum SceneRasterizer {
    /// Paints the scene at a device-pixel ratio.
    /// - Parameters:
    ///   - scene: The scene.
    ///   - scale: Device pixels per scene pixel (2 for crisp PNGs).
    /// - Returns: The opaque image, `ceil(width * scale) x ceil(height * scale)`.
    public static func render(_ scene: Scene, scale: Double = 1) -> RasterImage {
        paint(scene, scale: scale).image()
    }

    /// The painted canvas, in `bands` bands of rows (by default as many as the height gets).
    /// - Parameters:
    ///   - scene: The scene.
    ///   - scale: Device pixels per scene pixel.
    ///   - bands: How many bands to paint at once (by default one per 400 rows, at most four).
    static func paint(_ scene: Scene, scale: Double, bands: Int? = nil) -> Canvas {
        let (w, h) = size(of: scene, scale: scale)
        return Canvas(width: w, height: h, background: scene.background, bands: bands ?? Self.bands(height: h)) { view, rows, _ in
            var painter = ScenePainter(items: scene.items, scale: scale)
            painter.paint(rows: rows, on: view)
        }
    }

    /// The canvas size for a scene: `ceil(width * scale) x ceil(height * scale)`, at least 1 x 1.
    static func size(of scene: Scene, scale: Double) -> (width: Int, height: Int) {
        (max(1, Int((scene.width * scale).rounded(.up))), max(1, Int((scene.height * scale).rounded(.up))))
    }

    /// Bands painted in parallel: one per 400 rows, at most four. The count depends on the
    /// height alone (never on the machine's cores), so the pixels are the same everywhere;
    /// a 2x figure (960 rows) has two. Each band redoes the items' geometry (flattening,
    /// stroking, glyph outlines), a small share of the painting.
    static func bands(height: Int) -> Int { max(1, min(4, height / 400)) }

    /// Renders the scene and encodes it as PNG (with a pHYs chunk of 72 dpi times `scale`).
    /// - Parameters:
    ///   - scene: The scene.
    ///   - scale: Device-pixel ratio.
    /// - Returns: PNG file bytes.
    public static func png(_ scene: Scene, scale: Double = 2) -> [UInt8] {
        png(scene, scale: scale, bands: nil)
    }

    /// `png(_:scale:)` with a chosen band count (tests vary it).
    ///
    /// Each band is painted, filtered and deflated by one thread, in a buffer of its own size
    /// that the thread keeps for the next band it takes (see `BandEncoder`); the bands' deflate
    /// segments are then joined into one zlib stream. No image-sized buffer is made.
    static func png(_ scene: Scene, scale: Double, bands: Int?) -> [UInt8] {
        let (w, h) = size(of: scene, scale: scale)
        let ranges = Canvas.bandRanges(height: h, bands: bands ?? BandEncoder.bands(width: w, height: h))
        let parts = ForkJoin.map(iterations: ranges.count, worker: { BandEncoder(scene: scene, scale: scale) }) { encoder, k in
            encoder.encode(rows: ranges[k], final: k == ranges.count - 1)
        }
        return PNGEncoder.encode(zlibStream: Deflate.zlibStream(parts), width: w, height: h, channels: 3,
                                 pixelsPerMeter: Int((2834.6 * scale).rounded()))
    }
}
