import Testing
import Tensor
@testable import Autograd

/// conv2d and pool2d against the same computation built from primitives (gather windows with
/// an index table, then matmul or a reduction): values and gradients must be identical.
@Suite struct WindowOpTests {
    /// Flat input offsets of every window, `[N*Ho*Wo, C*k*k]` for a convolution (offset
    /// `N*C*H*W` = a zero appended after the input for padding) or `[N, C, Ho, Wo, k*k]` for pooling.
    static func table(_ s: [Int], k: Int, stride: Int, padding: Int, pooling: Bool) -> Tensor {
        let (n, c, h, w) = (s[0], s[1], s[2], s[3])
        let ho = (h + 2 * padding - k) / stride + 1, wo = (w + 2 * padding - k) / stride + 1
        var out: [Float] = []
        func offset(_ b: Int, _ ch: Int, _ ih: Int, _ iw: Int) -> Float {
            ih >= 0 && ih < h && iw >= 0 && iw < w ? Float(((b * c + ch) * h + ih) * w + iw) : Float(n * c * h * w)
        }
        if pooling {
            for b in 0..<n { for ch in 0..<c { for oh in 0..<ho { for ow in 0..<wo {
                for ki in 0..<k { for kj in 0..<k { out.append(offset(b, ch, oh * stride + ki, ow * stride + kj)) } }
            } } } }
            return Tensor(shape: [n, c, ho, wo, k * k], scalars: out)
        }
        for b in 0..<n { for oh in 0..<ho { for ow in 0..<wo { for ch in 0..<c {
            for ki in 0..<k { for kj in 0..<k { out.append(offset(b, ch, oh * stride - padding + ki, ow * stride - padding + kj)) } }
        } } } }
        return Tensor(shape: [n * ho * wo, c * k * k], scalars: out)
    }

    static func gather(_ x: Variable, _ table: Tensor) throws -> Variable {
        let flat = try Variable.cat([x.flattened(), Variable(Tensor(shape: [1], scalars: [0]))], dim: 0)
        return try flat.indexed([.indices(table)])
    }

    @Test(arguments: [(1, 0), (2, 1), (1, 1)])
    func conv2dEqualsGatherAndMatmul(_ geometry: (stride: Int, padding: Int)) throws {
        var rng = RandomSource(seed: 11)
        let (stride, padding) = geometry
        let xs = try Tensor.randn([2, 3, 6, 5], using: &rng), ws = try Tensor.randn([4, 3, 3, 3], using: &rng)
        let bs = try Tensor.randn([4], using: &rng)
        let x1 = Variable(xs, requiresGrad: true), w1 = Variable(ws, requiresGrad: true), b1 = Variable(bs, requiresGrad: true)
        let x2 = Variable(xs, requiresGrad: true), w2 = Variable(ws, requiresGrad: true), b2 = Variable(bs, requiresGrad: true)
        let fused = try x1.conv2d(w1, bias: b1, stride: stride, padding: padding)
        let (n, ho, wo) = (fused.shape[0], fused.shape[2], fused.shape[3])
        let cols = try Self.gather(x2, Self.table(xs.shape, k: 3, stride: stride, padding: padding, pooling: false))
        let composite = try (cols.matmul(w2.reshaped([4, 27]).transposedAll) + b2)
            .reshaped([n, ho, wo, 4]).permuted([0, 3, 1, 2])
        #expect(fused.value == composite.value)
        let seed = try Tensor.randn(fused.shape, using: &rng)
        try fused.backward(seed)
        try composite.backward(seed)
        #expect(x1.grad == x2.grad)
        #expect(w1.grad == w2.grad)
        #expect(b1.grad == b2.grad)
    }

    @Test(arguments: [(2, 2, true), (3, 1, true), (2, 2, false), (3, 2, false)])
    func pool2dEqualsGatherAndReduce(_ c: (kernel: Int, stride: Int, max: Bool)) throws {
        var rng = RandomSource(seed: 5)
        // rounded values, so windows hold ties (the gradient splits between them)
        let xs = try Tensor.randn([2, 2, 6, 7], using: &rng).map(.round)
        let x1 = Variable(xs, requiresGrad: true), x2 = Variable(xs, requiresGrad: true)
        let fused = try x1.pool2d(kernel: c.kernel, stride: c.stride, max: c.max)
        let windows = try Self.gather(x2, Self.table(xs.shape, k: c.kernel, stride: c.stride, padding: 0, pooling: true))
        let composite = try windows.reduce(c.max ? .max : .mean, dim: -1)
        #expect(fused.value == composite.value)
        let seed = try Tensor.randn(fused.shape, using: &rng)
        try fused.backward(seed)
        try composite.backward(seed)
        #expect(x1.grad == x2.grad)
    }
}
