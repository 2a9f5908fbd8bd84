import Autograd
import NN
import Tensor

/// A layer or model in the notebook (`type(model)` is `module`): callable (`model(X)`),
/// shown as its summary table, printed as PyTorch's repr.
///
/// Members: the registry's `module` members (`parameters()`, `train()`, `eval()`,
/// `summary()`, `zero_grad()`) and dynamic ones per layer: `weight`, `bias` (Linear, Conv2d,
/// BatchNorm; assignable with a tensor of the same shape), `running_mean`/`running_var`
/// (BatchNorm), `layers` (Sequential), `training`.
public final class ModuleObject: CallableObject {
    /// The wrapped layer or model.
    public let module: any Module

    /// Wraps a module.
    /// - Parameter module: the layer or model.
    public init(_ module: any Module) {
        self.module = module
    }

    /// `"module"`.
    public var typeName: String { "module" }
    /// PyTorch's repr of the module.
    public var textForm: String { module.reprDescription }

    /// The summary table, as text and HTML.
    public func richBundle(format: FigureFormat) -> RichBundle? {
        let summary = ModelSummary(module)
        return RichBundle(entries: [
            .init(mimeType: "text/plain", content: summary.text),
            .init(mimeType: "text/html", content: summary.html),
        ])
    }

    /// `training`, and `weight`, `bias`, `running_mean`, `running_var` or `layers` where the layer has them.
    public var dynamicMemberNames: [String] {
        var names = ["training"]
        if module is WeightedLayer || module is BatchNorm || module is PReLU { names += ["weight", "bias"] }
        if module is BatchNorm { names += ["running_mean", "running_var"] }
        if module is Sequential { names.append("layers") }
        return names.filter { $0 != "bias" || !(module is PReLU) }
    }

    /// The dynamic member `name`, or nil when this layer has none of that name.
    public func member(named name: String) throws -> Value? {
        switch name {
        case "training": return .bool(module.isTraining)
        case "weight":
            if let layer = module as? any WeightedLayer { return .tensor(layer.weight) }
            if let bn = module as? BatchNorm { return .tensor(bn.weight) }
            if let p = module as? PReLU { return .tensor(p.weight) }
        case "bias":
            if let layer = module as? any WeightedLayer { return layer.bias.map { .tensor($0) } ?? Value.none }
            if let bn = module as? BatchNorm { return .tensor(bn.bias) }
        case "running_mean": if let bn = module as? BatchNorm { return .tensor(Variable(bn.runningMean)) }
        case "running_var": if let bn = module as? BatchNorm { return .tensor(Variable(bn.runningVar)) }
        case "layers":
            if let s = module as? Sequential { return .makeList(s.layers.map { .object(ModuleObject($0)) }) }
        default: break
        }
        return nil
    }

    /// Replaces `weight` or `bias` by a tensor of the same shape (its grad is cleared).
    /// - Returns: false when the layer has no such assignable member.
    /// - Throws: TypeError for a value that is not a tensor, ShapeError for another shape.
    public func setMember(_ name: String, to value: Value) throws -> Bool {
        let target: Variable?
        switch name {
        case "weight": target = try member(named: "weight").flatMap { if case .tensor(let v) = $0 { v } else { nil } }
        case "bias": target = try member(named: "bias").flatMap { if case .tensor(let v) = $0 { v } else { nil } }
        default: return false
        }
        guard let target else { return false }
        guard let new = value.asVariable() else {
            throw LangError.typeError("\(module.typeName).\(name) must be a tensor, not \(value.typeName)")
        }
        guard new.shape == target.shape else {
            throw LangError(.shape, "\(module.typeName).\(name) has shape \(TensorError.format(target.shape)); the new value has shape \(TensorError.format(new.shape))")
        }
        target.value = new.value
        target.grad = nil
        return true
    }

    /// `model(X)`: the forward pass on one tensor.
    /// - Throws: TypeError for other arguments; the layer's errors (e.g. a shape mismatch).
    public func call(_ arguments: [Value], named: [(String, Value)], context: BuiltinContext) throws -> Value {
        guard arguments.count == 1, named.isEmpty, let input = arguments[0].asVariable() else {
            throw LangError.typeError("a \(module.typeName) is called with one tensor: model(X)")
        }
        return .tensor(try module(input))
    }
}

extension NNError: UserFacingError {
    /// The kind's name as the notebook shows it (ShapeError, ValueError, IndexError, IOError).
    public var userFacingKind: String { kind }
}
