/// An 8-bit RGBA pixel image (row-major, top row first).
public struct RasterImage: Equatable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// RGBA bytes, `width * height * 4`.
    public internal(set) var pixels: [UInt8]

    /// Creates an image filled with one colour.
    /// - Parameters:
    ///   - width: Width in pixels (at least 1).
    ///   - height: Height in pixels (at least 1).
    ///   - fill: Initial colour.
    public init(width: Int, height: Int, fill: Color = .white) {
        precondition(width > 0 && height > 0, "image size must be positive")
        self.width = width
        self.height = height
        let (r, g, b) = fill.bytes
        let a = UInt8((fill.alpha * 255).rounded())
        if r == 255 && g == 255 && b == 255 && a == 255 {
            self.pixels = [UInt8](repeating: 255, count: width * height * 4)
            return
        }
        var px = [UInt8](repeating: 0, count: width * height * 4)
        var i = 0
        while i < px.count {
            px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a
            i += 4
        }
        self.pixels = px
    }

    /// Sets one pixel.
    /// - Parameters:
    ///   - x: Column.
    ///   - y: Row.
    ///   - color: The colour.
    public mutating func set(_ x: Int, _ y: Int, _ color: Color) {
        set(x, y, rgba: Self.bytes(color))
    }

    /// Sets one pixel from bytes (the fast path for loops that reuse a few colours).
    mutating func set(_ x: Int, _ y: Int, rgba: (UInt8, UInt8, UInt8, UInt8)) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = (y * width + x) * 4
        pixels[i] = rgba.0
        pixels[i + 1] = rgba.1
        pixels[i + 2] = rgba.2
        pixels[i + 3] = rgba.3
    }

    /// A colour as RGBA bytes.
    static func bytes(_ color: Color) -> (UInt8, UInt8, UInt8, UInt8) {
        let (r, g, b) = color.bytes
        return (r, g, b, UInt8((color.alpha * 255).rounded()))
    }

    /// Whether every pixel is fully opaque (then PNG stores RGB only).
    var isOpaque: Bool {
        var i = 3
        while i < pixels.count {
            if pixels[i] != 255 { return false }
            i += 4
        }
        return true
    }
}
