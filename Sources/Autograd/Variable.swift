import Tensor

/// A node of the computational graph: a tensor value, its gradient, and how it was made.
///
/// Like micrograd's `Value`: a leaf (made by the user, `op == nil`) or the result of an
/// operation (`op` and `inputs` set). `backward()` walks the graph in reverse topological
/// order (built iteratively, no recursion) and *adds* into `grad`, so gradients accumulate
/// across calls like PyTorch. The graph is kept, so `backward()` may run twice.
///
/// Recording: an operation records a node only when one of its inputs requires a gradient and
/// ``GradMode/isEnabled`` is true (see ``GradMode`` for no-grad blocks).
public final class Variable {
    /// The tensor this node holds. Settable for in-place updates under no-grad
    /// (`w -= lr * w.grad`), which keep the node a leaf that requires grad.
    public var value: Tensor
    /// The accumulated gradient, `nil` until a backward pass reaches this node.
    public var grad: Tensor?
    /// Whether gradients flow to this node.
    public internal(set) var requiresGrad: Bool
    /// The operation that produced this node, `nil` for a leaf.
    public internal(set) var op: Op?
    /// The operands of `op`, in order (empty for a leaf).
    public internal(set) var inputs: [Variable]

    /// Whether the value is the 0/1 result of a comparison (`t > 0`), so indexing with it
    /// selects like a boolean mask (numpy's bool arrays) rather than by position.
    public var isMask = false

    /// Backward-pass scratch: the gradient gathered so far in the current pass.
    var pending: Tensor?
    /// Backward-pass scratch: visited flag of the iterative depth-first search.
    var visited = false

    /// Creates a leaf.
    ///
    /// - Parameters:
    ///   - value: The tensor.
    ///   - requiresGrad: Whether gradients should be computed for it (a "param").
    public init(_ value: Tensor, requiresGrad: Bool = false) {
        self.value = value
        self.requiresGrad = requiresGrad
        self.op = nil
        self.inputs = []
    }

    /// Creates a node produced by an operation (internal: ops decide whether to record).
    init(_ value: Tensor, op: Op, inputs: [Variable]) {
        self.value = value
        self.requiresGrad = true
        self.op = op
        self.inputs = inputs
    }

    /// Creates a 0-d leaf from a number.
    ///
    /// - Parameters:
    ///   - scalar: The value.
    ///   - requiresGrad: Whether gradients should be computed for it.
    public convenience init(_ scalar: Float, requiresGrad: Bool = false) {
        self.init(Tensor(scalar), requiresGrad: requiresGrad)
    }

    /// Releases a deep graph without recursion: a chain of a million nodes would otherwise be
    /// freed by a million nested deinit calls and overflow the stack. Nodes that nobody else
    /// holds are unlinked one by one from an explicit stack.
    deinit {
        if inputs.isEmpty { return }
        var deep = false
        for input in inputs where !input.inputs.isEmpty { deep = true; break }
        if !deep { return }
        var stack = inputs
        inputs = []
        while var node = stack.popLast() {
            if isKnownUniquelyReferenced(&node) {
                stack.append(contentsOf: node.inputs)
                node.inputs = []
            }
        }
    }

    /// Whether this node was made by the user rather than by an operation.
    public var isLeaf: Bool { op == nil }

    /// The shape of `value`.
    public var shape: [Int] { value.shape }

    /// The op's short name for graph drawings (`"mul"`, `"relu"`, ...), or `""` for a leaf.
    public var opName: String { op?.name ?? "" }

    /// The PyTorch `grad_fn` name (`"MulBackward0"`), or `nil` for a leaf.
    public var gradFnName: String? { op?.gradFnName }

    /// Turns gradient tracking on or off for a leaf (`t.requires_grad()`).
    ///
    /// - Parameter flag: The new setting.
    /// - Throws: `AutogradError.notALeaf` for a node made by an operation.
    public func setRequiresGrad(_ flag: Bool = true) throws(AutogradError) {
        guard op == nil else { throw .notALeaf("requires_grad") }
        requiresGrad = flag
    }

    /// A new leaf sharing this node's value, cut from the graph (`t.detach()`).
    ///
    /// - Returns: A leaf that does not require grad.
    public func detach() -> Variable { Variable(value) }

    /// Clears the gradient (`x.zero_grad()`): `grad` becomes `nil`, as PyTorch's
    /// `set_to_none=True` default does.
    public func zeroGrad() { grad = nil }
}

extension Variable: CustomStringConvertible {
    /// PyTorch printing: `tensor(2., requires_grad=True)`, `tensor(6., grad_fn=<MulBackward0>)`.
    public var description: String {
        if let name = op?.gradFnName {
            return value.formatted(suffix: ", grad_fn=<\(name)>")
        }
        return value.formatted(suffix: requiresGrad ? ", requires_grad=True" : "")
    }
}
