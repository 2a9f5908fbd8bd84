import Testing
import Tensor
@testable import Autograd

/// Gradcheck of every differentiable op, including broadcast shapes. Each function's output
/// is multiplied by fixed random weights and summed, so a wrong distribution of the gradient
/// over elements is caught. Pass: max error below 1e-2 (float32, eps 1e-3; see Gradcheck).
@Suite struct GradcheckTests {
    typealias F = @Sendable ([Variable]) throws -> Variable
    struct Case: CustomTestStringConvertible, Sendable {
        let id: String
        let shapes: [[Int]]
        /// Inputs drawn in [0.5, 2] (for log, sqrt, pow, div) instead of normal.
        let positive: Bool
        let f: F
        var testDescription: String { id }
    }

    static func c(_ id: String, _ shapes: [[Int]], positive: Bool = false, _ f: @escaping F) -> Case {
        Case(id: id, shapes: shapes, positive: positive, f: f)
    }

    /// A constant `[N, C, H, W]` that adds `3 * ((h % p) * p + w % p)`: every p x p window
    /// holds p² different offsets, 3 apart, and the values stay small enough for float32
    /// finite differences.
    static func spread(_ shape: [Int], period p: Int) -> Variable {
        let (h, w) = (shape[2], shape[3])
        return Variable(Tensor(shape: shape, scalars: (0..<Tensor.count(of: shape)).map { i in
            Float(((i / w % h) % p * p + (i % w) % p) * 3)
        }))
    }

    static let binaryShapes: [[[Int]]] = [[[2, 3], [2, 3]], [[2, 3], [3]], [[2, 1], [1, 3]], [[], [2, 3]], [[2, 3], []]]

    static var cases: [Case] {
        var out: [Case] = []
        for s in binaryShapes {
            let tag = s.map { TensorError.format($0) }.joined(separator: " ")
            out.append(c("add \(tag)", s) { try $0[0] + $0[1] })
            out.append(c("sub \(tag)", s) { try $0[0] - $0[1] })
            out.append(c("mul \(tag)", s) { try $0[0] * $0[1] })
            out.append(c("div \(tag)", s, positive: true) { try $0[0] / $0[1] })
            out.append(c("pow \(tag)", s, positive: true) { try $0[0].binary(.pow, $0[1]) })
            out.append(c("maximum \(tag)", s) { try $0[0].binary(.maximum, $0[1]) })
            out.append(c("minimum \(tag)", s) { try $0[0].binary(.minimum, $0[1]) })
        }
        let unary: [(String, UnaryOp, Bool)] = [
            ("neg", .neg, false), ("exp", .exp, false), ("log", .log, true), ("sqrt", .sqrt, true),
            ("abs", .abs, false), ("sin", .sin, false), ("cos", .cos, false), ("tanh", .tanh, false),
            ("sigmoid", .sigmoid, false), ("relu", .relu, false), ("square", .square, false),
            ("reciprocal", .reciprocal, true), ("leaky_relu", .leakyRelu(0.1), false),
            ("elu", .elu(1), false), ("selu", .selu, false), ("softplus", .softplus, false),
            ("gelu", .gelu(approximate: false), false), ("gelu tanh", .gelu(approximate: true), false),
            ("pow 3", .powScalar(3), false), ("pow 0.5", .powScalar(0.5), true),
            ("clamp", .clamp(lo: -0.5, hi: 0.5), false),
        ]
        for (name, op, positive) in unary {
            out.append(c(name, [[2, 3]], positive: positive) { $0[0].map(op) })
        }
        out += [
            c("matmul 2x2", [[2, 3], [3, 4]]) { try $0[0].matmul($0[1]) },
            c("matmul 1x2", [[3], [3, 4]]) { try $0[0].matmul($0[1]) },
            c("matmul 2x1", [[2, 3], [3]]) { try $0[0].matmul($0[1]) },
            c("matmul 1x1", [[3], [3]]) { try $0[0].matmul($0[1]) },
            c("matmul batched", [[2, 2, 3], [3, 2]]) { try $0[0].matmul($0[1]) },
            c("matmul batch broadcast", [[2, 2, 3], [1, 3, 2]]) { try $0[0].matmul($0[1]) },
            c("matmul batch x vector", [[2, 2, 3], [3]]) { try $0[0].matmul($0[1]) },
            c("linear", [[4, 3], [2, 3], [2]]) { try $0[0].linear($0[1], bias: $0[2]) },
            c("linear no bias", [[4, 3], [2, 3]]) { try $0[0].linear($0[1], bias: nil) },
            c("linear batched", [[2, 4, 3], [5, 3], [5]]) { try $0[0].linear($0[1], bias: $0[2]) },
            c("linear vector", [[3], [2, 3], [2]]) { try $0[0].linear($0[1], bias: $0[2]) },
            c("linear data input", [[2, 3], [2]]) { xs in
                try Variable(Tensor(shape: [4, 3], scalars: (0..<12).map { Float($0) / 6 - 1 })).linear(xs[0], bias: xs[1]) },
            c("cross_entropy", [[4, 3]]) { $0[0].crossEntropy(labels: [2, 0, 1, 2]) },
            c("cross_entropy vector", [[5]]) { $0[0].crossEntropy(labels: [3]) },
            c("conv2d", [[2, 2, 5, 4], [3, 2, 3, 3], [3]]) { try $0[0].conv2d($0[1], bias: $0[2]) },
            c("conv2d padded strided", [[1, 2, 5, 6], [2, 2, 3, 3], [2]]) { try $0[0].conv2d($0[1], bias: $0[2], stride: 2, padding: 1) },
            c("conv2d no bias", [[2, 1, 4, 4], [2, 1, 2, 2]]) { try $0[0].conv2d($0[1], bias: nil, padding: 1) },
            // max pooling has kinks where two window values tie; offsets 3 apart keep the
            // random inputs far from them, so finite differences are meaningful
            c("max_pool2d", [[2, 2, 4, 6]]) { try ($0[0] + Self.spread([2, 2, 4, 6], period: 2)).pool2d(kernel: 2, stride: 2, max: true) },
            c("max_pool2d overlapping", [[1, 2, 5, 5]]) { try ($0[0] + Self.spread([1, 2, 5, 5], period: 3)).pool2d(kernel: 3, stride: 1, max: true) },
            c("avg_pool2d", [[2, 2, 4, 6]]) { try $0[0].pool2d(kernel: 2, stride: 2, max: false) },
            c("avg_pool2d overlapping", [[1, 2, 5, 5]]) { try $0[0].pool2d(kernel: 3, stride: 2, max: false) },
            c("dot", [[4], [4]]) { try $0[0].dot($0[1]) },
            c("outer", [[2], [3]]) { try $0[0].outer($0[1]) },
        ]
        let reductions: [(String, ReductionKind)] = [("sum", .sum), ("mean", .mean), ("max", .max),
                                                      ("min", .min), ("var", .variance), ("std", .std)]
        for (name, kind) in reductions {
            out.append(c("\(name) all", [[2, 3]]) { try $0[0].reduce(kind) })
            out.append(c("\(name) dim 0", [[2, 3]]) { try $0[0].reduce(kind, dim: 0) })
            out.append(c("\(name) dim -1 keep", [[2, 3]]) { try $0[0].reduce(kind, dim: -1, keepDim: true) })
            out.append(c("\(name) keep all", [[2, 3]]) { try $0[0].reduce(kind, keepDim: true) })
        }
        out += [
            c("sum()", [[2, 3]]) { $0[0].sum() },
            c("mean()", [[2, 3]]) { $0[0].mean() },
            c("reshape", [[2, 3]]) { try $0[0].reshaped([3, -1]) },
            c("flatten", [[2, 3]]) { $0[0].flattened() },
            c("squeeze", [[2, 1, 3]]) { try $0[0].squeezed() },
            c("unsqueeze", [[2, 3]]) { try $0[0].unsqueezed(1) },
            c("transpose", [[2, 3, 2]]) { try $0[0].transposed(0, 2) },
            c("permute", [[2, 3, 2]]) { try $0[0].permuted([1, 2, 0]) },
            c("T", [[2, 3]]) { $0[0].transposedAll },
            c("expand", [[3, 1]]) { try $0[0].broadcast(to: [2, 3, 4]) },
            c("index int slice", [[3, 4]]) { try $0[0].indexed([.at(1), .slice(start: nil, stop: nil, step: 2)]) },
            c("index repeats", [[3, 4]]) { try $0[0].indexed([.indices(Tensor(shape: [3], scalars: [2, 0, 2]))]) },
            c("index pairs", [[3, 4]]) { try $0[0].indexed([.indices(Tensor(shape: [2], scalars: [0, 2])), .indices(Tensor(shape: [2], scalars: [3, 1]))]) },
            c("index mask", [[2, 3]]) { try $0[0].indexed([.mask(Tensor(shape: [2, 3], scalars: [1, 0, 1, 0, 1, 1]))]) },
            c("cat", [[2, 3], [2, 1]]) { try Variable.cat($0, dim: 1) },
            c("stack", [[2, 3], [2, 3]]) { try Variable.stack($0, dim: 1) },
            c("softmax", [[2, 3]]) { try $0[0].softmax(dim: -1) },
            c("softmax dim 0", [[2, 3]]) { try $0[0].softmax(dim: 0) },
            c("log_softmax", [[2, 3]]) { try $0[0].logSoftmax(dim: 1) },
            c("where", [[2, 3], [3]]) {
                try Variable.select(Variable(Tensor(shape: [2, 3], scalars: [1, 0, 1, 0, 0, 1])), $0[0], $0[1]) },
            c("index assign", [[2, 3], [3]]) { xs in
                let y = try xs[0] * Variable(Tensor(2))
                try y.assign([.at(1)], xs[1])
                return y
            },
            c("in-place add", [[2, 3], [3]]) { xs in
                let y = try xs[0] * xs[0]
                try y.updateInPlace(.add, xs[1])
                return y
            },
            c("reused input", [[2, 3]]) { xs in try (xs[0] * xs[0]).binary(.add, xs[0].map(.exp)) },
            c("inv", [[3, 3]]) { xs in try (xs[0] + Variable(Tensor.eye(3).binary(.mul, Tensor(3)))).inverse() },
            c("det", [[3, 3]]) { xs in try xs[0].determinant() },
            c("solve vector", [[3, 3], [3]]) { xs in try (xs[0] + Variable(Tensor.eye(3).binary(.mul, Tensor(3)))).solve(xs[1]) },
            c("solve matrix", [[3, 3], [3, 2]]) { xs in try (xs[0] + Variable(Tensor.eye(3).binary(.mul, Tensor(3)))).solve(xs[1]) },
        ]
        return out
    }

    @Test(arguments: cases)
    func gradientMatchesFiniteDifferences(_ c: Case) throws {
        var rng = RandomSource(seed: 7)
        let inputs = try c.shapes.map { shape throws -> Tensor in
            let n = try Tensor.randn(shape, using: &rng)
            return c.positive ? n.map(.abs).map(.clamp(lo: 0.5, hi: 2)) : n
        }
        let outShape = try c.f(inputs.map { Variable($0) }).value.shape
        let weights = try Tensor.randn(outShape, using: &rng)
        let error = try Gradcheck.maxError({ xs in
            try (c.f(xs) * Variable(weights)).sum()
        }, at: inputs)
        #expect(error < 1e-2, "\(c.id): max error \(error)")
    }
}
