import Foundation

/// An sRGB colour with alpha, components in 0...1.
public struct Color: Equatable, Hashable, Sendable {
    /// Red component in 0...1.
    public var red: Double
    /// Green component in 0...1.
    public var green: Double
    /// Blue component in 0...1.
    public var blue: Double
    /// Opacity in 0...1.
    public var alpha: Double

    /// Creates a colour from components in 0...1 (clamped).
    /// - Parameters:
    ///   - red: Red.
    ///   - green: Green.
    ///   - blue: Blue.
    ///   - alpha: Opacity, 1 by default.
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = min(1, max(0, red))
        self.green = min(1, max(0, green))
        self.blue = min(1, max(0, blue))
        self.alpha = min(1, max(0, alpha))
    }

    /// Creates an opaque colour from a 24-bit `0xRRGGBB` value.
    /// - Parameter rgb: The packed colour.
    public init(rgb: UInt32) {
        self.init(red: Double((rgb >> 16) & 0xFF) / 255, green: Double((rgb >> 8) & 0xFF) / 255,
                  blue: Double(rgb & 0xFF) / 255)
    }

    /// Parses `#rgb`, `#rrggbb` or one of a few names (black, white, red, green, blue, gray,
    /// orange, purple); `nil` when the text is not a colour.
    /// - Parameter text: The colour text.
    public init?(parsing text: String) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        let names: [String: UInt32] = [
            "black": 0x000000, "white": 0xFFFFFF, "red": 0xD62728, "green": 0x2CA02C,
            "blue": 0x1F77B4, "gray": 0x7F7F7F, "grey": 0x7F7F7F, "orange": 0xFF7F0E,
            "purple": 0x9467BD,
        ]
        if let v = names[t] {
            self.init(rgb: v)
            return
        }
        guard t.hasPrefix("#") else { return nil }
        var hex = String(t.dropFirst())
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return nil }
        self.init(rgb: v)
    }

    /// Opaque black.
    public static let black = Color(rgb: 0x000000)
    /// Opaque white.
    public static let white = Color(rgb: 0xFFFFFF)
    /// The dark gray used for axes text (matplotlib-like).
    public static let text = Color(rgb: 0x262626)

    /// The same colour with another opacity.
    /// - Parameter a: The new alpha.
    /// - Returns: The colour with alpha `a`.
    public func withAlpha(_ a: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: a)
    }

    /// The colour mixed towards white, as for light decision regions.
    /// - Parameter amount: 0 keeps the colour, 1 gives white.
    /// - Returns: The lightened opaque colour.
    public func lightened(_ amount: Double) -> Color {
        Color(red: red + (1 - red) * amount, green: green + (1 - green) * amount,
              blue: blue + (1 - blue) * amount, alpha: alpha)
    }

    /// Linear interpolation between two colours.
    static func mix(_ a: Color, _ b: Color, _ t: Double) -> Color {
        Color(red: a.red + (b.red - a.red) * t, green: a.green + (b.green - a.green) * t,
              blue: a.blue + (b.blue - a.blue) * t, alpha: a.alpha + (b.alpha - a.alpha) * t)
    }

    /// `#rrggbb` text of the colour (alpha ignored).
    public var hex: String {
        func h(_ v: Double) -> String {
            let s = String(Int((v * 255).rounded()), radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + h(red) + h(green) + h(blue)
    }

    /// The colour as 8-bit RGB.
    var bytes: (UInt8, UInt8, UInt8) {
        (UInt8((red * 255).rounded()), UInt8((green * 255).rounded()), UInt8((blue * 255).rounded()))
    }
}

/// The default series palette: Okabe-Ito, safe for the common colour-vision deficiencies.
public enum Palette {
    /// Okabe-Ito colours, reordered so the first ones contrast well on white.
    public static let okabeIto: [Color] = [
        0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xF0E442, 0x000000,
    ].map { Color(rgb: $0) }

    /// The `i`-th palette colour, cycling.
    /// - Parameter i: Series or class index (any integer).
    /// - Returns: A palette colour.
    public static func color(_ i: Int) -> Color { okabeIto[index(i)] }

    /// Which of the palette's colours the `i`-th is (`i` modulo the palette's size, never
    /// negative).
    static func index(_ i: Int) -> Int {
        let n = okabeIto.count
        return ((i % n) + n) % n
    }
}
