/// Anti-aliased polygon coverage by signed-area accumulation (the font-rs method).
///
/// Every edge adds, to each pixel it crosses, the signed area it sweeps to its right; a running
/// sum along each row then gives the winding number integrated over the pixel. Coverage is
/// `min(1, |sum|)`, which is the non-zero winding rule with exact area anti-aliasing wherever
/// edges do not cross inside a pixel.
struct CoverageMask {
    /// Device pixel rectangle of the mask.
    let x0: Int, y0: Int, width: Int, height: Int
    /// Accumulated signed areas, `(width + 2) * height`.
    private(set) var acc: [Float]
    /// Per row, the first and one past the last `acc` column any edge touched (empty when
    /// `first >= end`): outside it the running sum is zero, so `Canvas.fill` skips it.
    private(set) var first: [Int32], end: [Int32]

    /// Creates an empty mask over the device rectangle.
    init(x0: Int, y0: Int, width: Int, height: Int) {
        self.x0 = x0
        self.y0 = y0
        self.width = width
        self.height = height
        acc = [Float](repeating: 0, count: (width + 2) * height)
        first = [Int32](repeating: Int32(width + 2), count: height)
        end = [Int32](repeating: 0, count: height)
    }

    /// Adds a closed polygon in device coordinates.
    mutating func addPolygon(_ pts: [Point]) {
        guard pts.count > 2 else { return }
        var prev = pts[pts.count - 1]
        for p in pts {
            addLine(prev, p)
            prev = p
        }
    }

    /// Adds one directed edge.
    mutating func addLine(_ a: Point, _ b: Point) {
        let w = Double(width)
        var p0 = Point(min(w, max(0, a.x - Double(x0))), a.y - Double(y0))
        var p1 = Point(min(w, max(0, b.x - Double(x0))), b.y - Double(y0))
        if p0.y == p1.y { return }
        var dir: Float = 1
        if p0.y > p1.y {
            dir = -1
            swap(&p0, &p1)
        }
        if p1.y <= 0 || p0.y >= Double(height) { return }
        let dxdy = (p1.x - p0.x) / (p1.y - p0.y)
        var x = p0.x
        if p0.y < 0 { x -= p0.y * dxdy }
        // Clamped before converting: far-away geometry must not overflow Int.
        let yStart = Int(max(0, p0.y.rounded(.down)))
        let yEnd = Int(min(Double(height), p1.y.rounded(.up)))
        let stride = width + 2
        var y = yStart
        while y < yEnd {
            let line = y * stride
            let dy = min(Double(y + 1), p1.y) - max(Double(y), p0.y)
            let xnext = x + dxdy * dy
            let d = Float(dy) * dir
            let (xa, xb) = x < xnext ? (x, xnext) : (xnext, x)
            let xaFloor = xa.rounded(.down)
            let xai = Int(xaFloor)
            let xbCeil = xb.rounded(.up)
            let xbi = Int(xbCeil)
            first[y] = min(first[y], Int32(xai))
            end[y] = max(end[y], Int32(xbi + 1))
            if xbi <= xai + 1 {
                let xmf = Float(0.5 * (x + xnext) - xaFloor)
                acc[line + xai] += d - d * xmf
                acc[line + xai + 1] += d * xmf
            } else {
                let s = Float(1 / (xb - xa))
                let xaf = Float(xa - xaFloor)
                let a0 = 0.5 * s * (1 - xaf) * (1 - xaf)
                let xbf = Float(xb - xbCeil + 1)
                let am = 0.5 * s * xbf * xbf
                acc[line + xai] += d * a0
                if xbi == xai + 2 {
                    acc[line + xai + 1] += d * (1 - a0 - am)
                } else {
                    let a1 = s * (1.5 - xaf)
                    acc[line + xai + 1] += d * (a1 - a0)
                    var xi = xai + 2
                    while xi < xbi - 1 {
                        acc[line + xi] += d * s
                        xi += 1
                    }
                    let a2 = a1 + Float(xbi - xai - 3) * s
                    acc[line + xbi - 1] += d * (1 - a2 - am)
                }
                acc[line + xbi] += d * am
            }
            x = xnext
            y += 1
        }
    }
}
