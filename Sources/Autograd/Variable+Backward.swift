import Tensor

extension Variable {
    /// The nodes reachable from this one that require grad, in topological order (every
    /// node after its inputs; this node last). Built with an explicit stack, so deep graphs
    /// (a 10,000-step loop) cannot overflow the native stack.
    ///
    /// - Returns: The nodes, inputs first.
    public func graphNodes() -> [Variable] {
        var order: [Variable] = []
        guard requiresGrad else { return order }
        var stack: [(node: Variable, next: Int)] = [(self, 0)]
        visited = true
        while !stack.isEmpty {
            let top = stack.count - 1
            let node = stack[top].node
            let i = stack[top].next
            if i < node.inputs.count {
                stack[top].next = i + 1
                let child = node.inputs[i]
                if child.requiresGrad && !child.visited {
                    child.visited = true
                    stack.append((child, 0))
                }
            } else {
                order.append(node)
                stack.removeLast()
            }
        }
        for node in order { node.visited = false }
        return order
    }

    /// Backpropagates from this node: adds d(self)/d(node), times `gradient`, into the `grad`
    /// of every node that requires grad (leaves and intermediates). Gradients accumulate
    /// across calls; the graph is kept, so calling twice adds twice.
    ///
    /// - Parameter gradient: The gradient of some scalar with respect to this node; may be
    ///   omitted for a one-element tensor (it is then 1).
    /// - Throws: `AutogradError.nonScalarBackward` ("call .sum() first") for a tensor of
    ///   several elements without `gradient`; `.noGradient` when nothing requires grad;
    ///   `.gradientShape` for a gradient of the wrong shape.
    public func backward(_ gradient: Tensor? = nil) throws(AutogradError) {
        guard requiresGrad else { throw .noGradient }
        let seed: Tensor
        if let gradient {
            guard gradient.shape == value.shape else {
                throw .gradientShape(expected: value.shape, got: gradient.shape)
            }
            seed = gradient
        } else {
            guard value.scalarCount == 1 else { throw .nonScalarBackward(shape: value.shape) }
            seed = Tensor(repeating: 1, shape: value.shape)
        }
        let order = graphNodes()
        pending = seed
        defer { for node in order { node.pending = nil } }
        do {
            for node in order.reversed() {
                guard let g = node.pending else { continue }
                node.pending = nil
                node.grad = try node.grad.map { old throws(TensorError) in try old + g } ?? g
                guard let op = node.op else { continue }
                let grads = try Gradients.inputGradients(of: node, op: op, g)
                precondition(grads.count == node.inputs.count, "gradient rule of \(op.name) returned \(grads.count) gradients for \(node.inputs.count) inputs")
                for (input, grad) in zip(node.inputs, grads) where input.requiresGrad {
                    guard let grad else { continue }
                    precondition(grad.shape == input.value.shape, "gradient rule of \(op.name) gave shape \(grad.shape) for an input of shape \(input.value.shape)")
                    input.pending = try input.pending.map { old throws(TensorError) in try old + grad } ?? grad
                }
            }
        } catch {
            throw .tensor(error)
        }
    }
}
