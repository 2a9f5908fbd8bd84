import Testing
@testable import Tensor

/// The vectorised Adam update against the scalar formula, element by element (bit-equal),
/// for sizes with and without a remainder after the eight-lane loop.
@Suite struct OptimizerKernelsTests {
    @Test(arguments: [0, 5, 8, 21])
    func adamMatchesTheScalarFormula(_ n: Int) {
        var rng = RandomSource(seed: 9)
        func values() -> [Float] { (0..<n).map { _ in Float(rng.nextUniform() * 2 - 1) } }
        var x = values(), m = values(), v = values().map { $0 * $0 }
        let g = values()
        var (ex, em, ev) = (x, m, v)
        let (b1, b2, step, c2, eps): (Float, Float, Float, Float, Float) = (0.9, 0.999, 0.01, 0.3, 1e-8)
        for k in 0..<n {
            em[k] += (g[k] - em[k]) * (1 - b1)
            ev[k] = b2 * ev[k] + (1 - b2) * g[k] * g[k]
            ex[k] -= step * em[k] / (ev[k].squareRoot() / c2 + eps)
        }
        OptimizerKernels.adam(&x, g, &m, &v, beta1: b1, beta2: b2, stepSize: step, correction2: c2, eps: eps)
        #expect(x == ex)
        #expect(m == em)
        #expect(v == ev)
    }
}
