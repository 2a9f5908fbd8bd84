import Tensor

/// In-place updates (`w -= lr * w.grad`, `t[i] = v`). The node keeps its identity, so an
/// optimizer or a list holding it sees the new value.
///
/// Outside recording (no-grad mode, or nothing involved requires grad) the value is simply
/// replaced and a leaf stays a leaf that requires grad. While recording, a computed node is
/// rewired: its old state moves to a fresh node that becomes the first input of the update.
/// A leaf that requires grad cannot be changed in place while recording (as in PyTorch).
extension Variable {
    /// `self = self op other` in place (`+=`, `-=`, `*=`, `/=`).
    ///
    /// Shape rule: `other` must broadcast to `self`'s shape, which does not change.
    /// - Parameters:
    ///   - op: The arithmetic operation.
    ///   - other: The right operand.
    /// - Throws: `AutogradError.tensor` wrapping a ShapeError
    ///   (`cannot update [3] in place with [2, 3] in sub: the result would have shape [2, 3]`);
    ///   `.inPlaceOnLeaf` for a param outside no-grad.
    public func updateInPlace(_ op: BinaryOp, _ other: Variable) throws(AutogradError) {
        let result: Tensor
        do { result = try value.binary(op, other.value) } catch { throw .tensor(error) }
        guard result.shape == value.shape else {
            throw .tensor(.shape("cannot update \(TensorError.format(value.shape)) in place with \(TensorError.format(other.value.shape)) in \(op.rawValue): the result would have shape \(TensorError.format(result.shape))"))
        }
        let recording = GradMode.isEnabled && (requiresGrad || other.requiresGrad)
        guard recording else {
            value = result
            return
        }
        if isLeaf && requiresGrad { throw .inPlaceOnLeaf }
        let recordedOp: Op
        switch op {
        case .add: recordedOp = .add
        case .sub: recordedOp = .sub
        case .mul: recordedOp = .mul
        case .div: recordedOp = .div
        case .pow: recordedOp = .pow
        case .maximum: recordedOp = .maximum
        case .minimum: recordedOp = .minimum
        default:
            value = result
            return
        }
        rewire(value: result, op: recordedOp, other: other)
    }

    /// `self[items] = newValue` in place.
    ///
    /// Shape rule: `newValue` must broadcast to the indexed shape.
    /// - Throws: `AutogradError.tensor` wrapping the IndexError/ShapeError;
    ///   `.inPlaceOnLeaf` for a param outside no-grad.
    public func assign(_ items: [TensorIndex], _ newValue: Variable) throws(AutogradError) {
        var result = value
        let plan: IndexPlan
        do {
            plan = try value.indexPlan(items)
            try result.assign(items, newValue.value)
        } catch { throw .tensor(error) }
        let recording = GradMode.isEnabled && (requiresGrad || newValue.requiresGrad)
        guard recording else {
            value = result
            return
        }
        if isLeaf && requiresGrad { throw .inPlaceOnLeaf }
        rewire(value: result, op: .indexAssign(plan), other: newValue)
    }

    /// Moves this node's current state into a new node and makes this node `op(old, other)`.
    private func rewire(value newValue: Tensor, op newOp: Op, other: Variable) {
        let old = Variable(value, requiresGrad: requiresGrad)
        old.op = op
        old.inputs = inputs
        old.grad = nil
        value = newValue
        op = newOp
        inputs = [old, other === self ? old : other]
        requiresGrad = true
    }
}
