import Testing
@testable import Tensor

@Suite struct TensorOpsTests {
    static let x = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 7])

    static func close(_ a: [Float], _ b: [Float], _ tol: Float = 1e-5) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tol * max(1, abs($1)) }
    }

    static let reductions: [(id: String, kind: ReductionKind, dim: Int?, keep: Bool, shape: [Int], values: [Float])] = [
        ("sum all", .sum, nil, false, [], [22]),
        ("sum 0", .sum, 0, false, [3], [5, 7, 10]),
        ("sum -1 keep", .sum, -1, true, [2, 1], [6, 16]),
        ("mean 1", .mean, 1, false, [2], [2, 16.0 / 3]),
        ("max all", .max, nil, false, [], [7]),
        ("min 0", .min, 0, false, [3], [1, 2, 3]),
        ("argmax all", .argmax, nil, false, [], [5]),
        ("argmax 1", .argmax, 1, false, [2], [2, 2]),
        ("argmin 0", .argmin, 0, false, [3], [0, 0, 0]),
        ("var all", .variance, nil, false, [], [4.6666665]),
        ("std 0", .std, 0, false, [3], [2.1213202, 2.1213202, 2.828427]),
        ("std 1 keep", .std, 1, true, [2, 1], [1, 1.5275252]),
        ("sum keep all", .sum, nil, true, [1, 1], [22]),
    ]

    @Test(arguments: reductions.indices)
    func reduction(_ i: Int) throws {
        let c = Self.reductions[i]
        let r = try Self.x.reduce(c.kind, dim: c.dim, keepDim: c.keep)
        #expect(r.shape == c.shape, "case \(c.id)")
        #expect(Self.close(r.scalars, c.values), "case \(c.id): \(r.scalars)")
    }

    @Test func broadcastingShapes() throws {
        let col = Tensor(shape: [2, 1], scalars: [10, 20])
        let row = Tensor(shape: [3], scalars: [1, 2, 3])
        let s = try col + row
        #expect(s.shape == [2, 3])
        #expect(s.scalars == [11, 12, 13, 21, 22, 23])
        #expect(try (Self.x - Tensor(1)).scalars == [0, 1, 2, 3, 4, 6])
        #expect(try (Tensor(12) / Self.x).scalars[2] == 4)
        let big = try Tensor.ones([2, 1, 3]) * Tensor.ones([4, 1])
        #expect(big.shape == [2, 4, 3])
        #expect(try Self.x.sum(toShape: [1, 3]).scalars == [5, 7, 10])
        #expect(try Self.x.binary(.greater, Tensor(3)).scalars == [0, 0, 0, 1, 1, 1])
    }

    @Test func parallelElementwiseMatchesSerial() throws {
        let n = 300_000
        let a = Tensor(shape: [n], scalars: (0..<n).map { Float($0 % 97) })
        let b = try a * a
        #expect(b.scalars[299_999] == Float((299_999 % 97) * (299_999 % 97)))
        #expect(a.map(.neg).scalars[123_456] == -Float(123_456 % 97))
        // broadcast rows split over cores: [1000, 300] + [300] and [1000, 300] * [1000, 1]
        let m = try a.indexed([.slice(start: 0, stop: 300_000, step: nil)]).reshaped([1000, 300])
        let row = Tensor(shape: [300], scalars: (0..<300).map(Float.init))
        let col = Tensor(shape: [1000, 1], scalars: (0..<1000).map { Float($0 % 7) })
        let s = try m + row, p = try m * col
        for (r, c) in [(0, 0), (999, 299), (517, 42), (123, 299)] {
            #expect(s.scalars[r * 300 + c] == m.scalars[r * 300 + c] + Float(c))
            #expect(p.scalars[r * 300 + c] == m.scalars[r * 300 + c] * Float(r % 7))
        }
    }

    @Test func unaryFunctions() {
        let t = Tensor(shape: [3], scalars: [-1, 0, 2])
        #expect(t.map(.relu).scalars == [0, 0, 2])
        #expect(Self.close(t.map(.sigmoid).scalars, [0.26894143, 0.5, 0.8807971]))
        #expect(t.map(.sign).scalars == [-1, 0, 1])
        #expect(t.map(.clamp(lo: -0.5, hi: 1)).scalars == [-0.5, 0, 1])
        #expect(Tensor(shape: [3], scalars: [0.5, 1.5, -2.7]).map(.round).scalars == [0, 2, -3])
        #expect(Self.close(t.map(.gelu(approximate: false)).scalars, [-0.15865526, 0, 1.9544997]))
        #expect(Self.close(t.map(.softplus).scalars, [0.31326166, 0.6931472, 2.126928]))
    }

    @Test func shapesAndCreation() throws {
        #expect(try Self.x.transposed().scalars == [1, 4, 2, 5, 3, 7])
        #expect(Self.x.transposedAll.shape == [3, 2])
        #expect(try Self.x.reshaped([-1]).shape == [6])
        #expect(try Self.x.unsqueezed(0).shape == [1, 2, 3])
        #expect(try Tensor.ones([1, 3, 1]).squeezed().shape == [3])
        #expect(try Tensor.ones([1, 3, 1]).squeezed(-1).shape == [1, 3])
        #expect(try Tensor.eye(2).scalars == [1, 0, 0, 1])
        #expect(try Tensor.arange(0, 1, 0.25).scalars == [0, 0.25, 0.5, 0.75])
        #expect(try Tensor.linspace(0, 1, 5).scalars == [0, 0.25, 0.5, 0.75, 1])
        #expect(try Tensor.full([2], 7).scalars == [7, 7])
        let (gx, gy) = try Tensor.meshgrid(Tensor(shape: [2], scalars: [1, 2]), Tensor(shape: [3], scalars: [5, 6, 7]))
        #expect(gx.shape == [2, 3] && gx.scalars == [1, 1, 1, 2, 2, 2] && gy.scalars == [5, 6, 7, 5, 6, 7])
        #expect(try Tensor.oneHot(Tensor(shape: [2], scalars: [2, 0]), 3).scalars == [0, 0, 1, 1, 0, 0])
        let c = try Tensor.cat([Self.x, Tensor.ones([2, 1])], dim: 1)
        #expect(c.shape == [2, 4] && c.scalars == [1, 2, 3, 1, 4, 5, 7, 1])
        let s = try Tensor.stack([Tensor(shape: [2], scalars: [1, 2]), Tensor(shape: [2], scalars: [3, 4])], dim: 1)
        #expect(s.shape == [2, 2] && s.scalars == [1, 3, 2, 4])
        #expect(try Tensor.permuted(Tensor.ones([2, 3, 4]))([2, 0, 1]).shape == [4, 2, 3])
    }

    @Test func seededRandomnessIsReproducible() throws {
        var a = RandomSource(seed: 42), b = RandomSource(seed: 42)
        #expect(try Tensor.randn([5], using: &a) == Tensor.randn([5], using: &b))
        var r = RandomSource(seed: 0)
        let big = try Tensor.randn([20_000], using: &r)
        let mean = big.sumOfElements / 20_000
        let variance = try big.reduce(.variance).item()
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
        let u = try Tensor.rand([1000], using: &r)
        #expect(u.scalars.allSatisfy { $0 >= 0 && $0 < 1 })
        let k = try Tensor.randint(2, 5, [1000], using: &r)
        #expect(Set(k.scalars) == [2, 3, 4])
    }

    @Test func matmulRankCases() throws {
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
        let v = Tensor(shape: [3], scalars: [1, 0, -1])
        #expect(try a.matmul(b).scalars == [58, 64, 139, 154])
        #expect(try a.matmul(v).shape == [2])
        #expect(try a.matmul(v).scalars == [-2, -2])
        #expect(try v.matmul(b).scalars == [-4, -4])
        #expect(try v.matmul(v).shape == [])
        #expect(try v.matmul(v).scalars == [2])
        let batch = try Tensor.stack([a, a.map(.neg)])
        let p = try batch.matmul(b)
        #expect(p.shape == [2, 2, 2] && p.scalars == [58, 64, 139, 154, -58, -64, -139, -154])
        let q = try batch.matmul(v)
        #expect(q.shape == [2, 2] && q.scalars == [-2, -2, 2, 2])
        #expect(try Tensor.matmul(a, a, transA: false, transB: true).scalars == [14, 32, 32, 77])
        #expect(try v.dot(v).scalars == [2])
        #expect(try v.outer(Tensor(shape: [2], scalars: [1, 2])).scalars == [1, 2, 0, 0, -1, -2])
    }

    @Test func linearAlgebra() throws {
        let a = Tensor(shape: [2, 2], scalars: [4, 3, 6, 3])
        #expect(Self.close(try a.inverse().scalars, [-0.5, 0.5, 1, -0.6666667]))
        #expect(Self.close(try a.determinant().scalars, [-6]))
        #expect(Self.close(try a.solve(Tensor(shape: [2], scalars: [10, 12])).scalars, [1, 2]))
        // normal equation data: y = 3.5 + 1.4 x (numpy lstsq)
        let X = Tensor(shape: [4, 2], scalars: [1, 1, 1, 2, 1, 3, 1, 4])
        let y = Tensor(shape: [4], scalars: [6, 5, 7, 10])
        #expect(Self.close(try X.leastSquares(y).scalars, [3.5, 1.4]))
        let xtx = try X.transposedAll.matmul(X), xty = try X.transposedAll.matmul(y)
        #expect(Self.close(try xtx.solve(xty).scalars, [3.5, 1.4]))
    }

    @Test func softmaxIsStable() throws {
        let t = Tensor(shape: [2, 2], scalars: [1000, 1001, -5, -5])
        #expect(Self.close(try t.softmax().scalars, [0.26894143, 0.7310586, 0.5, 0.5]))
        #expect(Self.close(try t.logSoftmax().scalars, [-1.3132616, -0.31326166, -0.6931472, -0.6931472]))
    }
}

@Suite struct EmptyTensorTests {
    @Test func emptyTensorsDoNotCrash() throws {
        let e = try Tensor.zeros([0])
        let m = try Tensor.zeros([0, 3])
        #expect(try (e + Tensor(1)).shape == [0])
        #expect(e.map(.exp).shape == [0])
        #expect(try (m * Tensor.ones([3])).shape == [0, 3])
        #expect(try m.reduce(.sum, dim: 0).scalars == [0, 0, 0])
        #expect(try m.reduce(.sum).scalars == [0])
        #expect(try m.matmul(Tensor.ones([3, 2])).shape == [0, 2])
        #expect(try Tensor.zeros([2, 0]).matmul(Tensor.zeros([0, 2])).scalars == [0, 0, 0, 0])
        #expect(try m.transposed().shape == [3, 0])
        #expect(try m.indexed([.slice(start: nil, stop: nil, step: nil)]).shape == [0, 3])
        #expect(try e.softmax().shape == [0])
        #expect(throws: TensorError.self) { try e.reduce(.max) }
        #expect(try Tensor.cat([e, Tensor.ones([2])]).scalars == [1, 1])
    }
}
