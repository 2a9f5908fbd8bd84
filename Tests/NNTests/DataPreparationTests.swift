import Testing
import Tensor
@testable import NN

@Suite("Generators and preprocessing")
struct DataPreparationTests {
    func rows(_ x: Tensor) -> [(Float, Float)] {
        let s = x.scalars
        return (0..<x.shape[0]).map { (s[2 * $0], s[2 * $0 + 1]) }
    }

    @Test func moonsWithoutNoiseLieOnTheTwoHalfCircles() throws {
        var rng = RandomSource(seed: 0)
        let (x, y) = try Generators.moons(100, noise: 0, using: &rng)
        #expect(x.shape == [100, 2])
        #expect(y.scalars.filter { $0 == 1 }.count == 50)
        for ((a, b), label) in zip(rows(x), y.scalars) {
            let (cx, cy): (Float, Float) = label == 0 ? (0, 0) : (1, 0.5)
            #expect(abs((a - cx) * (a - cx) + (b - cy) * (b - cy) - 1) < 1e-5)
            #expect(label == 0 ? b >= -1e-6 : b <= 0.5 + 1e-6)
        }
    }

    @Test func circlesHaveRadiusOneAndFactor() throws {
        var rng = RandomSource(seed: 0)
        let (x, y) = try Generators.circles(101, noise: 0, factor: 0.3, using: &rng)
        #expect(y.scalars.filter { $0 == 1 }.count == 51)
        for ((a, b), label) in zip(rows(x), y.scalars) {
            #expect(abs((a * a + b * b).squareRoot() - (label == 0 ? 1 : 0.3)) < 1e-5)
        }
    }

    @Test func blobsSpiralXorGatesAndLinearData() throws {
        var rng = RandomSource(seed: 4)
        let (bx, by) = try Generators.blobs(10, centers: [(5, 5), (-5, -5)], std: 0, using: &rng)
        for ((a, b), label) in zip(rows(bx), by.scalars) { #expect(a == (label == 0 ? 5 : -5) && b == a) }
        let (sx, sy) = try Generators.spiral(300, classes: 3, using: &rng)
        #expect(sx.shape == [300, 2])
        #expect((0..<3).map { k in sy.scalars.filter { $0 == Float(k) }.count } == [100, 100, 100])
        #expect(sx.scalars[0] == 0 && sx.scalars[1] == 0)   // every arm starts at radius 0
        let (xx, xy) = try Generators.xor(8, noise: 0, using: &rng)
        for ((a, b), label) in zip(rows(xx), xy.scalars) { #expect(label == ((a == b) ? 0 : 1)) }
        let (gx, gy) = try Generators.gate("and")
        #expect(gx.scalars == [0, 0, 0, 1, 1, 0, 1, 1] && gy.scalars == [0, 0, 0, 1])
        let (lx, ly) = try Generators.linearData(50, w: [2, -1], b: 0.5, noise: 0, using: &rng)
        #expect(lx.shape == [50, 2] && ly.shape == [50])
        let theta = try NormalEquation.solve(x: lx, y: ly)
        expectClose(theta.scalars, [0.5, 2, -1], tolerance: 1e-5)
    }

    @Test func sameSeedSameData() throws {
        var a = RandomSource(seed: 7), b = RandomSource(seed: 7)
        #expect(try Generators.moons(20, using: &a).0 == Generators.moons(20, using: &b).0)
    }

    @Test func generatorErrors() {
        var rng = RandomSource(seed: 0)
        #expect(throws: NNError.invalidArgument("unknown gate 'xnor': choose \"and\", \"or\", \"xor\", \"nand\" or \"nor\"")) { try Generators.gate("xnor") }
        #expect(throws: NNError.invalidArgument("moons: the noise must be >= 0, got -1.0")) { try Generators.moons(10, noise: -1, using: &rng) }
        #expect(throws: NNError.invalidArgument("circles: factor has to be between 0 and 1, got 1.5")) { try Generators.circles(10, factor: 1.5, using: &rng) }
        #expect(throws: NNError.self) { try Generators.moons(Int.max / 2, using: &rng) }
    }

    @Test func standardizeAndNormalizeWithReusableStatistics() throws {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 5, 3, 6, 5])
        let (z, stats) = try Preprocessing.standardize(x)
        #expect(z.scalars == [-1, -1, 0, 1, 1, 0])
        #expect(stats.shift.scalars == [2, 4, 5] && stats.scale.scalars == [1, 2, 1])
        let (again, _) = try Preprocessing.standardize(Tensor(shape: [1, 3], scalars: [4, 8, 6]), using: stats)
        #expect(again.scalars == [2, 2, 1])
        let (m, mstats) = try Preprocessing.normalize(x)
        #expect(m.scalars == [0, 0, 0, 1, 1, 0])
        #expect(mstats.scale.scalars == [2, 4, 1])
        #expect(throws: NNError.shape("standardize: the statistics are for 3 columns but the data has 2 (shape [1, 2])")) {
            try Preprocessing.standardize(Tensor(shape: [1, 2], scalars: [0, 0]), using: stats)
        }
    }

    @Test func trainTestSplitAndBatches() throws {
        var rng = RandomSource(seed: 2)
        let x = Tensor(shape: [10, 1], scalars: (0..<10).map(Float.init))
        let y = Tensor(shape: [10], scalars: (0..<10).map { Float($0) * 10 })
        let (xtr, xte, ytr, yte) = try Preprocessing.trainTestSplit(x, y, test: 0.25, using: &rng)
        #expect(xtr.shape == [7, 1] && xte.shape == [3, 1] && ytr.shape == [7] && yte.shape == [3])
        #expect(Set(xtr.scalars + xte.scalars) == Set((0..<10).map(Float.init)))
        #expect(zip(xtr.scalars, ytr.scalars).allSatisfy { $0 * 10 == $1 })
        let parts = try Preprocessing.batches(x, y, size: 4, shuffle: false, using: &rng)
        #expect(parts.map { $0.0.shape[0] } == [4, 4, 2])
        #expect(parts[2].1.scalars == [80, 90])
    }
}
