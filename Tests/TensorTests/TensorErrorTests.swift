import Testing
@testable import Tensor

@Suite struct TensorErrorTests {
    static func t(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, scalars: [Float](repeating: 1, count: Tensor.count(of: shape)))
    }

    static let cases: [(id: String, run: @Sendable () throws(TensorError) -> Tensor, message: String, kind: String)] = [
        ("matmul", { () throws(TensorError) in try t([3, 2]).matmul(t([3, 1])) },
         "cannot matmul [3, 2] @ [3, 1]: inner sizes 2 and 3 differ", "ShapeError"),
        ("matmul vec", { () throws(TensorError) in try t([3]).matmul(t([2])) },
         "cannot matmul [3] @ [2]: inner sizes 3 and 2 differ", "ShapeError"),
        ("matmul batch", { () throws(TensorError) in try t([2, 3, 4]).matmul(t([3, 4, 5])) },
         "cannot matmul [2, 3, 4] @ [3, 4, 5]: batch sizes [2] and [3] do not broadcast", "ShapeError"),
        ("matmul scalar", { () throws(TensorError) in try t([]).matmul(t([2])) },
         "cannot matmul [] @ [2]: both operands need at least one dimension (use * for a number)", "ShapeError"),
        ("broadcast", { () throws(TensorError) in try t([3]) + t([4]) },
         "cannot broadcast [3] with [4] in add", "ShapeError"),
        ("broadcast mul", { () throws(TensorError) in try t([2, 3]) * t([2]) },
         "cannot broadcast [2, 3] with [2] in mul", "ShapeError"),
        ("reshape", { () throws(TensorError) in try t([2, 3]).reshaped([4]) },
         "cannot reshape [2, 3] (6 elements) to [4]", "ShapeError"),
        ("reshape -1", { () throws(TensorError) in try t([2, 3]).reshaped([4, -1]) },
         "cannot reshape [2, 3] (6 elements) to [4, -1]", "ShapeError"),
        ("dot", { () throws(TensorError) in try t([3]).dot(t([2])) },
         "cannot dot [3] with [2]: both must be 1-d of the same length", "ShapeError"),
        ("cat", { () throws(TensorError) in try Tensor.cat([t([2, 3]), t([2, 4])], dim: 0) },
         "cannot cat [2, 3] with [2, 4] along dim 0: sizes must match except in dim 0", "ShapeError"),
        ("stack", { () throws(TensorError) in try Tensor.stack([t([2]), t([3])]) },
         "cannot stack [2] with [3]: all tensors must have the same shape", "ShapeError"),
        ("index", { () throws(TensorError) in try t([3, 2]).indexed([.at(3)]) },
         "index 3 is out of range for axis 0 with size 3", "IndexError"),
        ("index axis 1", { () throws(TensorError) in try t([3, 2]).indexed([.at(0), .at(-3)]) },
         "index -3 is out of range for axis 1 with size 2", "IndexError"),
        ("too many", { () throws(TensorError) in try t([3]).indexed([.at(0), .at(0)]) },
         "too many indices for a tensor of rank 1: [3] has 1 axes", "IndexError"),
        ("dim", { () throws(TensorError) in try t([2, 2]).reduce(.sum, dim: 2) },
         "dim 2 is out of range for a tensor of rank 2 in sum (expected -2 to 1)", "IndexError"),
        ("solve", { () throws(TensorError) in try t([2, 2]).solve(t([3])) },
         "cannot solve [2, 2] x = [3]: b needs 2 rows", "ShapeError"),
        ("singular", { () throws(TensorError) in try t([2, 2]).inverse() },
         "inv: the matrix is singular (not invertible)", "ValueError"),
        ("item", { () throws(TensorError) in Tensor(try t([2]).item()) },
         "item() needs a tensor with exactly one element, got shape [2] (2 elements)", "ValueError"),
        ("memory", { () throws(TensorError) in try Tensor.zeros([100000, 100000, 100]) },
         "cannot allocate a tensor of shape [100000, 100000, 100] in full: 1000000000000 elements need 4.0 TB, more than the limit of \(Tensor.formatBytes(Double(Tensor.memoryLimitBytes))) (half the machine's memory)",
         "MemoryError"),
        ("negative size", { () throws(TensorError) in try Tensor.zeros([2, -1]) },
         "full: negative dimension -1 in shape [2, -1]", "ValueError"),
        ("zero step", { () throws(TensorError) in try t([4]).indexed([.slice(start: nil, stop: nil, step: 0)]) },
         "slice step cannot be zero", "ValueError"),
    ]

    @Test(arguments: cases.indices)
    func errorText(_ i: Int) {
        let c = Self.cases[i]
        do {
            let r = try c.run()
            Issue.record("case \(c.id): expected an error, got \(r)")
        } catch {
            #expect(error.description == c.message, "case \(c.id)")
            #expect(error.kind == c.kind, "case \(c.id)")
        }
    }

    @Test func overflowingShapeIsAMemoryError() {
        #expect(throws: TensorError.self) { try Tensor.zeros([Int.max / 2, 4]) }
    }
}
