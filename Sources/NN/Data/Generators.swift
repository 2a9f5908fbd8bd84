import Foundation
import Tensor

/// Synthetic data sets for teaching, seeded through the session's random source.
///
/// Each returns `(X, y)`: `X` of shape `[n, 2]` (or `[n, d]` for `linearData`) and `y` of
/// shape `[n]` (class labels 0, 1, ... or real targets). Formulas follow scikit-learn
/// (`make_moons`, `make_circles`, `make_blobs`) and CS231n (spiral).
public enum Generators {
    /// Two interleaving half circles (scikit-learn's `make_moons`, shuffled): the upper moon
    /// (label 0) is `(cos t, sin t)`, the lower (label 1) `(1 - cos t, 0.5 - sin t)`, t in [0, pi],
    /// plus Gaussian noise of standard deviation `noise`.
    ///
    /// - Throws: `NNError.invalidArgument` for n < 2 or noise < 0.
    public static func moons(_ n: Int, noise: Double = 0.1, using rng: inout RandomSource) throws(NNError) -> (Tensor, Tensor) {
        try check(n, minimum: 2, noise, "moons")
        let outer = n / 2, inner = n - outer
        var points: [(Double, Double, Float)] = []
        for i in 0..<outer {
            let t = outer > 1 ? Double.pi * Double(i) / Double(outer - 1) : 0
            points.append((cos(t), sin(t), 0))
        }
        for i in 0..<inner {
            let t = inner > 1 ? Double.pi * Double(i) / Double(inner - 1) : 0
            points.append((1 - cos(t), 1 - sin(t) - 0.5, 1))
        }
        return finish(points, noise: noise, using: &rng)
    }

    /// A small circle (label 1) inside a large one (label 0) (scikit-learn's `make_circles`):
    /// angles evenly spaced in [0, 2 pi), radius 1 and `factor`, plus Gaussian noise.
    ///
    /// - Throws: `NNError.invalidArgument` for n < 2, noise < 0 or factor outside [0, 1).
    public static func circles(_ n: Int, noise: Double = 0.05, factor: Double = 0.5, using rng: inout RandomSource) throws(NNError) -> (Tensor, Tensor) {
        try check(n, minimum: 2, noise, "circles")
        guard factor >= 0, factor < 1 else { throw .invalidArgument("circles: factor has to be between 0 and 1, got \(factor)") }
        let outer = n / 2, inner = n - outer
        var points: [(Double, Double, Float)] = []
        for i in 0..<outer {
            let t = 2 * Double.pi * Double(i) / Double(outer)
            points.append((cos(t), sin(t), 0))
        }
        for i in 0..<inner {
            let t = 2 * Double.pi * Double(i) / Double(inner)
            points.append((factor * cos(t), factor * sin(t), 1))
        }
        return finish(points, noise: noise, using: &rng)
    }

    /// Gaussian blobs (scikit-learn's `make_blobs`): `centers` centres drawn uniformly in
    /// [-10, 10]², `n` points split as evenly as possible (the first blobs get the remainder),
    /// each centre plus Gaussian noise of standard deviation `std`; labels are blob indices.
    ///
    /// - Throws: `NNError.invalidArgument` for n < 1, centers < 1 or std < 0.
    public static func blobs(_ n: Int, centers: Int = 3, std: Double = 1, using rng: inout RandomSource) throws(NNError) -> (Tensor, Tensor) {
        try check(n, minimum: 1, std, "blobs")
        guard centers >= 1 else { throw .invalidArgument("blobs: centers must be at least 1, got \(centers)") }
        var middles: [(Double, Double)] = []
        for _ in 0..<centers { middles.append((-10 + 20 * rng.nextUniform(), -10 + 20 * rng.nextUniform())) }
        return try blobs(n, centers: middles, std: std, using: &rng)
    }

    /// Gaussian blobs around given centres.
    ///
    /// - Throws: `NNError.invalidArgument` for n < 1 or std < 0.
    public static func blobs(_ n: Int, centers: [(Double, Double)], std: Double = 1, using rng: inout RandomSource) throws(NNError) -> (Tensor, Tensor) {
        try check(n, minimum: 1, std, "blobs")
        var points: [(Double, Double, Float)] = []
        for (k, c) in centers.enumerated() {
            let count = n / centers.count + (k < n % centers.count ? 1 : 0)
            for _ in 0..<count { points.append((c.0, c.1, Float(k))) }
        }
        return finish(points, noise: std, using: &rng)
    }

    /// CS231n's spiral: `classes` arms of `n / classes` points each (the first arms get the
    /// remainder); for arm j, radius r = linspace(0, 1) and angle t = linspace(4j, 4(j+1)) +
    /// noise * N(0, 1); the point is `(r sin t, r cos t)`. Not shuffled.
    ///
    /// - Throws: `NNError.invalidArgument` for n < classes, classes < 1 or noise < 0.
    public static func spiral(_ n: Int, classes: Int = 3, noise: Double = 0.2, using rng: inout RandomSource) throws(NNError) -> (Tensor, Tensor) {
        guard classes >= 1 else { throw .invalidArgument("spiral: classes must be at least 1, got \(classes)") }
        try check(n, minimum: classes, noise, "spiral")
        var xs: [Float] = [], ys: [Float] = []
        for j in 0..<classes {
            let count = n / classes + (j < n % classes ? 1 : 0)
            for i in 0..<count {
                let f = count > 1 ? Double(i) / Double(count - 1) : 0
                let t = 4 * Double(j) + 4 * f + noise * rng.nextNormal()
                xs.append(Float(f * sin(t)))
                xs.append(Float(f * cos(t)))
                ys.append(Float(j))
            }
        }
        return (Tensor(shape: [ys.count, 2], scalars: xs), Tensor(shape: [ys.count], scalars: ys))
    }

    /// The XOR problem as clouds: `n` points spread evenly over the corners (0,0), (0,1),
    /// (1,0), (1,1) with labels 0, 1, 1, 0, plus Gaussian noise of standard deviation `noise`;
    /// shuffled.
    ///
    /// - Throws: `NNError.invalidArgument` for n < 1 or noise < 0.
    public static func xor(_ n: Int, noise: Double = 0.1, using rng: inout RandomSource) throws(NNError) -> (Tensor, Tensor) {
        try check(n, minimum: 1, noise, "xor")
        let corners: [(Double, Double, Float)] = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)]
        var points: [(Double, Double, Float)] = []
        for i in 0..<n { points.append(corners[i % 4]) }
        return finish(points, noise: noise, using: &rng)
    }

    /// The 4-row truth table of a logic gate: `X = [[0,0],[0,1],[1,0],[1,1]]` and its outputs.
    ///
    /// - Parameter name: `"and"`, `"or"`, `"xor"`, `"nand"` or `"nor"`.
    /// - Throws: `NNError.invalidArgument` for another name.
    public static func gate(_ name: String) throws(NNError) -> (Tensor, Tensor) {
        let outputs: [Float]
        switch name.lowercased() {
        case "and": outputs = [0, 0, 0, 1]
        case "or": outputs = [0, 1, 1, 1]
        case "xor": outputs = [0, 1, 1, 0]
        case "nand": outputs = [1, 1, 1, 0]
        case "nor": outputs = [1, 0, 0, 0]
        default: throw .invalidArgument("unknown gate '\(name)': choose \"and\", \"or\", \"xor\", \"nand\" or \"nor\"")
        }
        return (Tensor(shape: [4, 2], scalars: [0, 0, 0, 1, 1, 0, 1, 1]), Tensor(shape: [4], scalars: outputs))
    }

    /// Linear regression data: `X` of shape `[n, d]` with entries from N(0, 1) and
    /// `y = X w + b + noise * N(0, 1)` of shape `[n]`.
    ///
    /// - Parameters:
    ///   - w: The true weights (`d` of them).
    ///   - b: The true intercept.
    /// - Throws: `NNError.invalidArgument` for n < 1, no weights or noise < 0.
    public static func linearData(_ n: Int, w: [Double], b: Double, noise: Double, using rng: inout RandomSource) throws(NNError) -> (Tensor, Tensor) {
        try check(n, minimum: 1, noise, "linear_data")
        guard !w.isEmpty else { throw .invalidArgument("linear_data needs at least one weight") }
        try LayerSupport.checkAllocation([n, w.count], "linear_data")
        let d = w.count
        var xs = [Float](repeating: 0, count: n * d), ys = [Float](repeating: 0, count: n)
        for i in 0..<n {
            var target = b
            for j in 0..<d {
                let v = rng.nextNormal()
                xs[i * d + j] = Float(v)
                target += w[j] * v
            }
            ys[i] = Float(target + noise * rng.nextNormal())
        }
        return (Tensor(shape: [n, d], scalars: xs), Tensor(shape: [n], scalars: ys))
    }

    // MARK: - Helpers

    static func check(_ n: Int, minimum: Int, _ noise: Double, _ name: String) throws(NNError) {
        guard n >= minimum else { throw .invalidArgument("\(name) needs n >= \(minimum), got \(n)") }
        guard noise >= 0, noise.isFinite else { throw .invalidArgument("\(name): the noise must be >= 0, got \(noise)") }
        try LayerSupport.checkAllocation([n, 2], name)
    }

    /// Adds noise, shuffles and packs labelled 2-d points.
    static func finish(_ points: [(Double, Double, Float)], noise: Double, using rng: inout RandomSource) -> (Tensor, Tensor) {
        var order = Array(points.indices)
        Trainer.shuffle(&order, using: &rng)
        var xs: [Float] = [], ys: [Float] = []
        xs.reserveCapacity(points.count * 2)
        for i in order {
            let p = points[i]
            xs.append(Float(p.0 + noise * rng.nextNormal()))
            xs.append(Float(p.1 + noise * rng.nextNormal()))
            ys.append(p.2)
        }
        return (Tensor(shape: [points.count, 2], scalars: xs), Tensor(shape: [points.count], scalars: ys))
    }
}
