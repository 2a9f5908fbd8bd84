/// A continuous colour scale from 0 to 1.
public enum Colormap: String, Sendable, CaseIterable {
    /// Perceptually uniform dark purple to yellow (matplotlib's default).
    case viridis
    /// Black to white.
    case gray
    /// White to black (ink on paper, e.g. digits).
    case grayReversed = "gray_r"

    /// Viridis sampled at 33 even stops from matplotlib's table.
    private static let viridisStops: [Color] = [
        0x440154, 0x470D60, 0x48186A, 0x482374, 0x472D7B, 0x453781, 0x424086, 0x3E4989, 0x3B528B,
        0x375B8D, 0x33638D, 0x2F6B8E, 0x2C728E, 0x297A8E, 0x26828E, 0x23898E, 0x21918C, 0x1F988B,
        0x1FA088, 0x22A785, 0x28AE80, 0x32B67A, 0x3FBC73, 0x4EC36B, 0x5EC962, 0x70CF57, 0x84D44B,
        0x98D83E, 0xADDC30, 0xC2DF23, 0xD8E219, 0xECE51B, 0xFDE725,
    ].map { Color(rgb: $0) }

    /// The colour at `t` (clamped to 0...1; NaN gives light gray).
    /// - Parameter t: Position on the scale.
    /// - Returns: The colour.
    public func color(_ t: Double) -> Color {
        guard t.isFinite else { return Color(rgb: 0xDDDDDD) }
        let u = min(1, max(0, t))
        switch self {
        case .gray: return Color(red: u, green: u, blue: u)
        case .grayReversed: return Color(red: 1 - u, green: 1 - u, blue: 1 - u)
        case .viridis:
            let stops = Self.viridisStops
            let f = u * Double(stops.count - 1)
            let i = min(stops.count - 2, Int(f))
            return Color.mix(stops[i], stops[i + 1], f - Double(i))
        }
    }
}
