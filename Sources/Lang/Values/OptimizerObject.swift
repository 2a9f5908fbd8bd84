import NN

/// An optimiser in the notebook (`type(opt)` is `optimizer`): `.step()`, `.zero_grad()`,
/// `.lr` (assignable).
public final class OptimizerObject: LangObject {
    /// The wrapped optimiser.
    public let optimizer: any Optimizer

    /// Wraps an optimiser.
    /// - Parameter optimizer: the optimiser.
    public init(_ optimizer: any Optimizer) {
        self.optimizer = optimizer
    }

    /// `"optimizer"`.
    public var typeName: String { "optimizer" }
    /// `Adam(lr=0.001, ...)`.
    public var textForm: String { optimizer.shortDescription }
}
