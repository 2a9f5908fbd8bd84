import Tensor

/// The gradient table: one rule per op, returning one gradient per input (nil where an input
/// gets none). Every rule's results have the shapes of the inputs; broadcasting is undone by
/// summing over broadcast axes (`Tensor.sum(toShape:)`).
enum Gradients {
    /// The gradients of `node`'s inputs given the gradient `g` of its value.
    static func inputGradients(of node: Variable, op: Op, _ g: Tensor) throws(TensorError) -> [Tensor?] {
        let x = node.inputs
        let y = node.value
        switch op {
        case .add:
            return [g.sum(toShape: x[0].shape), g.sum(toShape: x[1].shape)]
        case .sub:
            return [g.sum(toShape: x[0].shape), g.map(.neg).sum(toShape: x[1].shape)]
        case .mul:
            return [try (g * x[1].value).sum(toShape: x[0].shape),
                    try (g * x[0].value).sum(toShape: x[1].shape)]
        case .div:
            let b = x[1].value
            return [try (g / b).sum(toShape: x[0].shape),
                    try (g * y / b).map(.neg).sum(toShape: x[1].shape)]
        case .pow, .maximum, .minimum:
            let kind: BinaryOp = op.isPow ? .pow : (op.isMaximum ? .maximum : .minimum)
            let (da, db) = try Tensor.binaryBackward(kind, a: x[0].value, b: x[1].value, y: y, g: g)
            return [da.sum(toShape: x[0].shape), db.sum(toShape: x[1].shape)]
        case .unary(let u):
            return [u.backward(x: x[0].value, y: y, g: g)]
        case .matmul:
            if x[0].rank == 1 && x[1].rank == 1 {        // dot
                let s = try g.item()
                return [x[1].value.scaled(s), x[0].value.scaled(s)]
            }
            let (da, db) = try Tensor.matmulGradients(x[0].value, x[1].value, g)
            return [da, db]
        case .linear(let hasBias):
            let (dx, dw, db) = Tensor.linearGradients(
                x: x[0].value, weight: x[1].value, g: g, input: x[0].requiresGrad,
                weightGradient: x[1].requiresGrad, bias: hasBias && x[2].requiresGrad)
            return hasBias ? [dx, dw, db] : [dx, dw]
        case let .reduce(kind, dim, keepDim):
            return [try reduceGradient(kind, dim: dim, keepDim: keepDim, x: x[0].value, y: y, g: g)]
        case .reshape:
            return [try g.reshaped(x[0].shape)]
        case .permute(let perm):
            var inverse = perm
            for (i, p) in perm.enumerated() { inverse[p] = i }
            return [try g.permuted(inverse)]
        case .expand:
            return [g.sum(toShape: x[0].shape)]
        case .index(let plan):
            return [Tensor.scatterAdd(g, plan)]
        case .indexAssign(let plan):
            return [g.zeroingPositions(plan), g.gathered(plan).sum(toShape: x[1].shape)]
        case .cat(let dim):
            var start = 0
            var out: [Tensor?] = []
            for part in x {
                let n = part.shape[dim]
                let items = [TensorIndex](repeating: .all, count: dim) + [.slice(start: start, stop: start + n, step: 1)]
                out.append(try g.indexed(items))
                start += n
            }
            return out
        case .stack(let dim):
            return try (0..<x.count).map { i throws(TensorError) -> Tensor? in
                try g.indexed([TensorIndex](repeating: .all, count: dim) + [.at(i)])
            }
        case .softmax(let dim):
            let gy = try g * y
            return [try y * (g - gy.reduce(.sum, dim: dim, keepDim: true))]
        case .logSoftmax(let dim):
            let s = y.map(.exp)
            return [try g - s * g.reduce(.sum, dim: dim, keepDim: true)]
        case let .crossEntropy(labels, rows):
            return [Tensor.crossEntropyGradient(logits: x[0].value, labels: labels, rows: rows, g: g)]
        case let .conv2d(stride, padding, hasBias):
            let (dx, dw, db) = try Tensor.conv2dGradients(
                x: x[0].value, weight: x[1].value, g: g, stride: stride, padding: padding,
                input: x[0].requiresGrad, weightGradient: x[1].requiresGrad, bias: hasBias && x[2].requiresGrad)
            return hasBias ? [dx, dw, db] : [dx, dw]
        case let .pool2d(kernel, stride, max):
            return [try Tensor.pool2dGradient(x: x[0].value, y: y, g: g, kernel: kernel, stride: stride, max: max)]
        case .inverse:
            // d(A^-1) = -A^-T G A^-T
            let yt = y.swappingLastTwoAxes
            return [try yt.matmul(g).matmul(yt).map(.neg)]
        case .determinant:
            // d det(A) / dA = det(A) * A^-T
            let s = try g.item() * y.item()
            return [try x[0].value.inverse().swappingLastTwoAxes.scaled(s)]
        case .solve:
            // x = A^-1 b: gb = A^-T g, gA = -gb x^T
            let gb = try x[0].value.swappingLastTwoAxes.solve(g)
            let outer = y.rank == 1
                ? try gb.reshaped([-1, 1]).matmul(y.reshaped([1, -1]))
                : try gb.matmul(y.swappingLastTwoAxes)
            return [outer.map(.neg), gb]
        case .select(let condition):
            let zero = Tensor(0)
            return [try Tensor.select(condition, g, zero).sum(toShape: x[0].shape),
                    try Tensor.select(condition, zero, g).sum(toShape: x[1].shape)]
        }
    }

    /// Gradient of a reduction: spread `g` back over the reduced axis.
    static func reduceGradient(_ kind: ReductionKind, dim: Int?, keepDim: Bool, x: Tensor, y: Tensor, g: Tensor) throws(TensorError) -> Tensor {
        // g and y with the reduced axis kept as size 1, so they broadcast against x
        func kept(_ t: Tensor) throws(TensorError) -> Tensor {
            if let dim, !keepDim, x.rank > 0 { return try t.unsqueezed(dim) }
            if dim == nil, x.rank > 0 { return try t.reshaped([Int](repeating: 1, count: x.rank)) }
            return t
        }
        let gk = try kept(g)
        let n = Float(dim.map { x.rank > 0 ? x.shape[$0] : 1 } ?? x.scalarCount)
        switch kind {
        case .sum:
            return try gk.broadcast(to: x.shape)
        case .mean:
            return try gk.broadcast(to: x.shape).scaled(1 / n)
        case .max, .min:
            let yk = try kept(y)
            let mask = try x.binary(.equal, yk)
            let ties = try kept(dim == nil ? Tensor(Float(mask.sumOfElements)) : mask.reduce(.sum, dim: dim, keepDim: keepDim))
            return try mask * (gk / ties)
        case .variance, .std:
            let mean = try x.reduce(.mean, dim: dim, keepDim: true)
            let centered = try x - (dim == nil ? mean.reshaped([Int](repeating: 1, count: x.rank)) : mean)
            var scale = gk.scaled(2 / (n - 1))
            if kind == .std { scale = try scale / kept(y).scaled(2) }
            return try centered * scale
        case .argmax, .argmin:
            return Tensor(repeating: 0, shape: x.shape)
        }
    }
}

extension Op {
    var isPow: Bool { if case .pow = self { return true }; return false }
    var isMaximum: Bool { if case .maximum = self { return true }; return false }
}

extension Tensor {
    /// Every element times `s`.
    func scaled(_ s: Float) -> Tensor {
        // a 0-d operand always broadcasts, so this cannot fail
        (try? self.binary(.mul, Tensor(s))) ?? self
    }


}
