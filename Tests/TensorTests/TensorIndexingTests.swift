import Testing
@testable import Tensor

@Suite struct TensorIndexingTests {
    /// 3 x 4 matrix 0...11
    static let m = Tensor(shape: [3, 4], scalars: (0..<12).map(Float.init))
    static func v(_ xs: [Float]) -> Tensor { Tensor(shape: [xs.count], scalars: xs) }

    static let reads: [(id: String, items: [TensorIndex], shape: [Int], values: [Float])] = [
        ("row", [.at(1)], [4], [4, 5, 6, 7]),
        ("negative row", [.at(-1)], [4], [8, 9, 10, 11]),
        ("element", [.at(1), .at(2)], [], [6]),
        ("column", [.all, .at(0)], [3], [0, 4, 8]),
        ("slice rows", [.slice(start: 1, stop: 3, step: nil)], [2, 4], [4, 5, 6, 7, 8, 9, 10, 11]),
        ("step", [.at(0), .slice(start: nil, stop: nil, step: 2)], [2], [0, 2]),
        ("reverse", [.at(0), .slice(start: nil, stop: nil, step: -1)], [4], [3, 2, 1, 0]),
        ("negative slice", [.at(2), .slice(start: -2, stop: nil, step: nil)], [2], [10, 11]),
        ("clamped slice", [.at(2), .slice(start: 2, stop: 100, step: nil)], [2], [10, 11]),
        ("empty slice", [.at(2), .slice(start: 3, stop: 1, step: nil)], [0], []),
        ("index tensor", [.indices(v([2, 0, 2]))], [3, 4], [8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11]),
        ("index on axis 1", [.all, .indices(v([3, 0]))], [3, 2], [3, 0, 7, 4, 11, 8]),
        ("pairs", [.indices(v([0, 1, 2])), .indices(v([1, 2, 3]))], [3], [1, 6, 11]),
        ("mask", [.mask(Tensor(shape: [3, 4], scalars: (0..<12).map { $0 % 5 == 0 ? 1 : 0 }))], [3], [0, 5, 10]),
        ("row mask", [.mask(v([1, 0, 1]))], [2, 4], [0, 1, 2, 3, 8, 9, 10, 11]),
        ("auto mask", [.tensor(v([1, 0, 1]))], [2, 4], [0, 1, 2, 3, 8, 9, 10, 11]),
        ("auto indices", [.tensor(v([2, 2]))], [2, 4], [8, 9, 10, 11, 8, 9, 10, 11]),
        ("2-d index tensor", [.indices(Tensor(shape: [2, 2], scalars: [0, 1, 1, 2])), .at(0)], [2, 2], [0, 4, 4, 8]),
    ]

    /// The block-copy fast path of `t[a:b]` gives what the general index plan gives.
    @Test(arguments: [(0, 2), (1, 3), (-2, nil), (nil, -1), (2, 100), (3, 1), (nil, nil)] as [(Int?, Int?)])
    func leadingSliceMatchesThePlan(_ bounds: (Int?, Int?)) throws {
        let t = Tensor(shape: [3, 2, 2], scalars: (0..<12).map(Float.init))
        for items in [[TensorIndex.slice(start: bounds.0, stop: bounds.1, step: nil)],
                      [.slice(start: bounds.0, stop: bounds.1, step: 1), .all, .all]] {
            let fast = try #require(try t.leadingSlice(items))
            #expect(fast == t.gathered(try t.indexPlan(items)))
        }
        #expect(try t.leadingSlice([.slice(start: 0, stop: 2, step: 2)]) == nil)
        #expect(try t.leadingSlice([.all, .at(1)]) == nil)
    }

    @Test(arguments: reads.indices)
    func read(_ i: Int) throws {
        let c = Self.reads[i]
        let r = try Self.m.indexed(c.items)
        #expect(r.shape == c.shape, "case \(c.id)")
        #expect(r.scalars == c.values, "case \(c.id)")
    }

    static let writes: [(id: String, items: [TensorIndex], value: Tensor, values: [Float])] = [
        ("element", [.at(0), .at(1)], Tensor(-1), [0, -1, 2, 3, 4, 5]),
        ("row broadcast", [.at(1)], Tensor(9), [0, 1, 2, 9, 9, 9]),
        ("column", [.all, .at(2)], v([7, 8]), [0, 1, 7, 3, 4, 8]),
        ("step", [.at(0), .slice(start: nil, stop: nil, step: 2)], v([5, 6]), [5, 1, 6, 3, 4, 5]),
        ("mask", [.mask(Tensor(shape: [2, 3], scalars: [1, 0, 0, 0, 0, 1]))], Tensor(0.5), [0.5, 1, 2, 3, 4, 0.5]),
        ("indices", [.at(1), .indices(v([0, 2]))], Tensor(-2), [0, 1, 2, -2, 4, -2]),
    ]

    @Test(arguments: writes.indices)
    func write(_ i: Int) throws {
        let c = Self.writes[i]
        var t = Tensor(shape: [2, 3], scalars: (0..<6).map(Float.init))
        try t.assign(c.items, c.value)
        #expect(t.scalars == c.values, "case \(c.id)")
    }

    @Test func assignmentShapeError() {
        var t = Tensor(shape: [2, 3], scalars: (0..<6).map(Float.init))
        #expect(throws: TensorError.shape("cannot assign shape [2] to indexed shape [3]")) {
            try t.assign([.at(0)], Self.v([1, 2]))
        }
    }

    @Test func scatterAddAccumulatesRepeats() throws {
        let t = Self.v([0, 0, 0])
        let plan = try t.indexPlan([.indices(Self.v([0, 2, 0]))])
        #expect(Tensor.scatterAdd(Self.v([1, 2, 3]), plan).scalars == [4, 0, 2])
    }
}
