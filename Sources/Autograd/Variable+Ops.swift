import Tensor

/// Differentiable operations. Each computes its value with Tensor and records a node when an
/// input requires grad and ``GradMode/isEnabled`` is true; otherwise it returns a plain leaf.
extension Variable {
    @inline(__always)
    static func record(_ value: Tensor, _ op: Op, _ a: Variable) -> Variable {
        if a.requiresGrad && GradMode.isEnabled { return Variable(value, op: op, inputs: [a]) }
        return Variable(value)
    }

    @inline(__always)
    static func record(_ value: Tensor, _ op: Op, _ a: Variable, _ b: Variable) -> Variable {
        if (a.requiresGrad || b.requiresGrad) && GradMode.isEnabled {
            return Variable(value, op: op, inputs: [a, b])
        }
        return Variable(value)
    }

    static func record(_ value: Tensor, _ op: Op, _ inputs: [Variable]) -> Variable {
        if inputs.contains(where: \.requiresGrad) && GradMode.isEnabled {
            return Variable(value, op: op, inputs: inputs)
        }
        return Variable(value)
    }

    /// A binary elementwise operation with numpy broadcasting (comparisons are not recorded:
    /// their result is a 0/1 tensor without gradient).
    ///
    /// Shape rule: the broadcast shape of both operands.
    /// - Throws: `TensorError.shape`: `cannot broadcast [3] with [4] in add`.
    public func binary(_ op: BinaryOp, _ other: Variable) throws(TensorError) -> Variable {
        let value = try self.value.binary(op, other.value)
        switch op {
        case .add: return Variable.record(value, .add, self, other)
        case .sub: return Variable.record(value, .sub, self, other)
        case .mul: return Variable.record(value, .mul, self, other)
        case .div: return Variable.record(value, .div, self, other)
        case .pow: return Variable.record(value, .pow, self, other)
        case .maximum: return Variable.record(value, .maximum, self, other)
        case .minimum: return Variable.record(value, .minimum, self, other)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let mask = Variable(value)
            mask.isMask = true
            return mask
        }
    }

    /// A unary elementwise function (exp, log, relu, gelu, clamp, x^p, ...).
    ///
    /// Shape rule: same shape as the input.
    public func map(_ op: UnaryOp) -> Variable {
        Variable.record(value.map(op), .unary(op), self)
    }

    /// `self ^ p` for a constant exponent. Shape rule: unchanged.
    public func pow(_ p: Float) -> Variable { map(.powScalar(p)) }

    /// Clamps to `[lo, hi]` (either may be nil). Shape rule: unchanged.
    public func clamp(_ lo: Float?, _ hi: Float?) -> Variable { map(.clamp(lo: lo, hi: hi)) }

    /// The matrix product (torch.matmul rank rules; see `Tensor.matmul`).
    ///
    /// - Throws: `TensorError.shape`: `cannot matmul [3, 2] @ [3, 1]: inner sizes 2 and 3 differ`.
    public func matmul(_ other: Variable) throws(TensorError) -> Variable {
        Variable.record(try value.matmul(other.value), .matmul, self, other)
    }

    /// `self @ weightᵀ + bias` as one operation (a linear layer; PyTorch's addmm): one sgemm
    /// adding into the broadcast bias forward, and backward only the gradients of the inputs
    /// that require one (a batch of data gets none).
    ///
    /// Shape rule: `[..., in]` with weight `[out, in]` and bias `[out]` gives `[..., out]`.
    /// - Throws: `TensorError.shape` when the input's last axis is not `in`, or for a bias that
    ///   is not `[out]`.
    public func linear(_ weight: Variable, bias: Variable?) throws(TensorError) -> Variable {
        let value = try Tensor.linear(self.value, weight: weight.value, bias: bias?.value)
        guard let bias else { return Variable.record(value, .linear(bias: false), self, weight) }
        return Variable.record(value, .linear(bias: true), [self, weight, bias])
    }

    /// The dot product of two 1-d tensors of the same length (0-d result).
    ///
    /// - Throws: `TensorError.shape`: `cannot dot [3] with [2]: both must be 1-d of the same length`.
    public func dot(_ other: Variable) throws(TensorError) -> Variable {
        let value = try self.value.dot(other.value)
        return Variable.record(value, .matmul, self, other)
    }

    /// The outer product of two 1-d tensors. Shape rule: `[n], [m]` give `[n, m]`.
    /// - Throws: `TensorError.shape` when an operand is not 1-d.
    public func outer(_ other: Variable) throws(TensorError) -> Variable {
        guard rank == 1, other.rank == 1 else {
            throw .shape("cannot outer \(TensorError.format(shape)) with \(TensorError.format(other.shape)): both must be 1-d")
        }
        return try reshaped([-1, 1]).binary(.mul, other.reshaped([1, -1]))
    }

    /// The rank of `value`.
    public var rank: Int { value.rank }

    /// A reduction over one axis or all elements (see `Tensor.reduce`). `argmax`/`argmin`
    /// are not differentiable and return a leaf.
    ///
    /// - Throws: `TensorError.index` for a bad dim.
    public func reduce(_ kind: ReductionKind, dim: Int? = nil, keepDim: Bool = false) throws(TensorError) -> Variable {
        let result = try value.reduce(kind, dim: dim, keepDim: keepDim)
        if kind == .argmax || kind == .argmin { return Variable(result) }
        let axis = try dim.map { d throws(TensorError) in try Tensor.normalizeAxis(d, rank: rank, op: kind.name) }
        return Variable.record(result, .reduce(kind, dim: rank == 0 ? nil : axis, keepDim: keepDim), self)
    }

    /// The sum of all elements (0-d). Shape rule: `[]`.
    public func sum() -> Variable {
        Variable.record(Tensor(Float(value.sumOfElements)), .reduce(.sum, dim: nil, keepDim: false), self)
    }

    /// The mean of all elements (0-d); NaN for an empty tensor. Shape rule: `[]`.
    public func mean() -> Variable {
        let n = Double(value.scalarCount)
        return Variable.record(Tensor(Float(value.sumOfElements / n)), .reduce(.mean, dim: nil, keepDim: false), self)
    }

    /// Reshape (one size may be -1).
    /// - Throws: `TensorError.shape`: `cannot reshape [2, 3] (6 elements) to [4]`.
    public func reshaped(_ shape: [Int]) throws(TensorError) -> Variable {
        Variable.record(try value.reshaped(shape), .reshape, self)
    }

    /// All elements as 1-d. Shape rule: `[n]`.
    public func flattened() -> Variable { Variable.record(value.flattened(), .reshape, self) }

    /// Removes size-1 axes (all, or `dim` only). - Throws: `TensorError.index` for a bad dim.
    public func squeezed(_ dim: Int? = nil) throws(TensorError) -> Variable {
        Variable.record(try value.squeezed(dim), .reshape, self)
    }

    /// Inserts a size-1 axis. - Throws: `TensorError.index` for a bad dim.
    public func unsqueezed(_ dim: Int) throws(TensorError) -> Variable {
        Variable.record(try value.unsqueezed(dim), .reshape, self)
    }

    /// Swaps two axes. Shape rule: their sizes swap. - Throws: `TensorError.index`.
    public func transposed(_ a: Int = 0, _ b: Int = 1) throws(TensorError) -> Variable {
        if rank < 2 { return Variable.record(try value.transposed(a, b), .reshape, self) }
        var perm = Array(0..<rank)
        perm.swapAt(try Tensor.normalizeAxis(a, rank: rank, op: "transpose"),
                    try Tensor.normalizeAxis(b, rank: rank, op: "transpose"))
        return try permuted(perm)
    }

    /// Permutes axes. - Throws: `TensorError.invalidArgument` for a non-permutation.
    public func permuted(_ perm: [Int]) throws(TensorError) -> Variable {
        Variable.record(try value.permuted(perm), .permute(perm), self)
    }

    /// `.T`: reversed axes (matrix transpose for rank 2; unchanged for rank < 2).
    public var transposedAll: Variable {
        if rank < 2 { return self }
        return Variable.record(value.transposedAll, .permute(Array((0..<rank).reversed())), self)
    }

    /// Broadcast to a shape. - Throws: `TensorError.shape` when it cannot.
    public func broadcast(to shape: [Int]) throws(TensorError) -> Variable {
        if shape == self.shape { return self }
        return Variable.record(try value.broadcast(to: shape), .expand, self)
    }

    /// `self[items]` (numpy indexing; see `Tensor.indexPlan`).
    /// - Throws: `TensorError.index` naming axis, index and size.
    public func indexed(_ items: [TensorIndex]) throws(TensorError) -> Variable {
        // a mini-batch slice of data that records nothing needs no index plan
        if !(requiresGrad && GradMode.isEnabled), let block = try value.leadingSlice(items) {
            return Variable(block)
        }
        let plan = try value.indexPlan(items)
        return Variable.record(value.gathered(plan), .index(plan), self)
    }

    /// Softmax along `dim` (stable). Shape rule: unchanged. - Throws: `TensorError.index`.
    public func softmax(dim: Int = -1) throws(TensorError) -> Variable {
        let axis = try Tensor.normalizeAxis(dim, rank: rank, op: "softmax")
        return Variable.record(try value.softmax(dim: axis), .softmax(dim: axis), self)
    }

    /// Log-softmax along `dim` (stable). Shape rule: unchanged. - Throws: `TensorError.index`.
    public func logSoftmax(dim: Int = -1) throws(TensorError) -> Variable {
        let axis = try Tensor.normalizeAxis(dim, rank: rank, op: "log_softmax")
        return Variable.record(try value.logSoftmax(dim: axis), .logSoftmax(dim: axis), self)
    }

    /// Per-row cross-entropy against class indices, `-log_softmax(self)[label]`, as one
    /// operation (one pass per row forward and backward instead of five recorded steps; the
    /// same numbers as the composite).
    ///
    /// Shape rule: `[N, C]` with N labels gives `[N]`; `[C]` with one label gives `[]`.
    /// - Parameter labels: One class index in `0..<C` per row (validated by the caller).
    public func crossEntropy(labels: [Int]) -> Variable {
        let (losses, rows) = Tensor.crossEntropy(logits: value, labels: labels)
        return Variable.record(losses, .crossEntropy(labels: labels, rows: rows), self)
    }

    /// 2-d convolution with filters `weight` and an optional `bias` (PyTorch's `conv2d`), as one
    /// operation: im2col and one sgemm forward, col2im backward.
    ///
    /// Shape rule: `[N, C, H, W]` with `[O, C, k, k]` and `[O]` gives `[N, O, Ho, Wo]`,
    /// `Ho = (H + 2 padding - k) / stride + 1`.
    /// - Throws: `TensorError.shape` when the shapes do not fit.
    public func conv2d(_ weight: Variable, bias: Variable?, stride: Int = 1, padding: Int = 0) throws(TensorError) -> Variable {
        let value = try Tensor.conv2d(self.value, weight: weight.value, bias: bias?.value, stride: stride, padding: padding)
        let op = Op.conv2d(stride: stride, padding: padding, bias: bias != nil)
        guard let bias else { return Variable.record(value, op, self, weight) }
        return Variable.record(value, op, [self, weight, bias])
    }

    /// Max or average pooling over `kernel x kernel` windows, no padding (PyTorch's
    /// `max_pool2d` / `avg_pool2d`).
    ///
    /// Shape rule: `[N, C, H, W]` gives `[N, C, (H - k) / stride + 1, (W - k) / stride + 1]`.
    /// - Throws: `TensorError.shape` for an input that is not 4-d or smaller than the window.
    public func pool2d(kernel: Int, stride: Int, max: Bool) throws(TensorError) -> Variable {
        let value = try Tensor.pool2d(self.value, kernel: kernel, stride: stride, max: max)
        return Variable.record(value, .pool2d(kernel: kernel, stride: stride, max: max), self)
    }

    /// `where(condition, a, b)`; the condition gets no gradient.
    ///
    /// Shape rule: all three broadcast together.
    /// - Throws: `TensorError.shape` when they do not.
    public static func select(_ condition: Variable, _ a: Variable, _ b: Variable) throws(TensorError) -> Variable {
        let value = try Tensor.select(condition.value, a.value, b.value)
        return record(value, .select(condition: condition.value), a, b)
    }

    /// The matrix inverse (float64 inside). Shape rule: `[n, n]` gives `[n, n]`.
    /// - Throws: `TensorError.shape` for a non-square input; `.invalidArgument` when singular.
    public func inverse() throws(TensorError) -> Variable {
        Variable.record(try value.inverse(), .inverse, self)
    }

    /// The determinant (float64 inside). Shape rule: `[n, n]` gives `[]`.
    /// - Throws: `TensorError.shape` for a non-square input.
    public func determinant() throws(TensorError) -> Variable {
        Variable.record(try value.determinant(), .determinant, self)
    }

    /// Solves `self x = b` (float64 inside). Shape rule: `[n, n]` and `[n]` (or `[n, m]`)
    /// give the shape of `b`.
    /// - Throws: `TensorError.shape` for mismatched sizes; `.invalidArgument` when singular.
    public func solve(_ b: Variable) throws(TensorError) -> Variable {
        Variable.record(try value.solve(b.value), .solve, self, b)
    }

    /// Joins along an existing axis (see `Tensor.cat`). - Throws: `TensorError.shape`.
    public static func cat(_ parts: [Variable], dim: Int = 0) throws(TensorError) -> Variable {
        let value = try Tensor.cat(parts.map(\.value), dim: dim)
        let axis = try Tensor.normalizeAxis(dim, rank: value.rank, op: "cat")
        return record(value, .cat(dim: axis), parts)
    }

    /// Joins along a new axis (see `Tensor.stack`). - Throws: `TensorError.shape`.
    public static func stack(_ parts: [Variable], dim: Int = 0) throws(TensorError) -> Variable {
        let value = try Tensor.stack(parts.map(\.value), dim: dim)
        let axis = try Tensor.normalizeAxis(dim, rank: value.rank, op: "stack")
        return record(value, .stack(dim: axis), parts)
    }
}

extension Variable {
    /// Sum with broadcasting. - Throws: `TensorError.shape`.
    public static func + (a: Variable, b: Variable) throws(TensorError) -> Variable { try a.binary(.add, b) }
    /// Difference with broadcasting. - Throws: `TensorError.shape`.
    public static func - (a: Variable, b: Variable) throws(TensorError) -> Variable { try a.binary(.sub, b) }
    /// Elementwise product with broadcasting. - Throws: `TensorError.shape`.
    public static func * (a: Variable, b: Variable) throws(TensorError) -> Variable { try a.binary(.mul, b) }
    /// Quotient with broadcasting. - Throws: `TensorError.shape`.
    public static func / (a: Variable, b: Variable) throws(TensorError) -> Variable { try a.binary(.div, b) }
    /// Negation.
    public static prefix func - (a: Variable) -> Variable { a.map(.neg) }
}
