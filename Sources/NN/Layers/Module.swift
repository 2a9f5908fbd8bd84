import Autograd
import Foundation
import Tensor

/// A layer or a model: callable on a tensor, with parameters and a train/eval mode.
///
/// Like micrograd's `Module` and PyTorch's `nn.Module`: `forward` computes the output,
/// `parameters` lists the tensors an optimiser updates (leaves that require grad), and
/// `isTraining` switches layers that behave differently at training time (Dropout,
/// BatchNorm). Containers (`Sequential`) list their layers in `children`.
public protocol Module: AnyObject {
    /// The layer's type name as PyTorch shows it, e.g. `"Linear"`.
    var typeName: String { get }
    /// The constructor arguments as PyTorch's repr shows them, e.g.
    /// `"in_features=2, out_features=3, bias=True"`.
    var settingsDescription: String { get }
    /// The layer's own parameters (not its children's), in a fixed order.
    var ownParameters: [Variable] { get }
    /// The layers inside this one (empty for a simple layer).
    var children: [any Module] { get }
    /// Whether the layer is in training mode (the default) rather than evaluation mode.
    var isTraining: Bool { get set }
    /// The input shape of the last call, used by `summary` (`nil` before the first call).
    var lastInputShape: [Int]? { get set }

    /// Computes the layer's output.
    ///
    /// - Parameter input: The input tensor (a batch, first axis = samples, where it applies).
    /// - Returns: The output, recorded in the autograd graph when parameters require grad.
    /// - Throws: `NNError.shape` when the input does not fit the layer, or an engine error.
    func forward(_ input: Variable) throws -> Variable

    /// The output shape for an input shape (`-1` stands for the batch size), or `nil` when
    /// it cannot be known without running the layer.
    ///
    /// - Parameter input: The input shape.
    /// - Returns: The output shape, or `nil`.
    func outputShape(for input: [Int]) -> [Int]?
}

extension Module {
    /// No children by default.
    public var children: [any Module] { [] }
    /// No parameters by default.
    public var ownParameters: [Variable] { [] }
    /// No settings by default.
    public var settingsDescription: String { "" }
    /// Unchanged shape by default (activations, Dropout, BatchNorm).
    public func outputShape(for input: [Int]) -> [Int]? { input }

    /// Runs the layer: records the input shape (for `summary`) and calls `forward`.
    ///
    /// - Parameter input: The input tensor.
    /// - Returns: The output.
    /// - Throws: What `forward` throws.
    public func callAsFunction(_ input: Variable) throws -> Variable {
        lastInputShape = input.shape
        return try forward(input)
    }

    /// All parameters of this layer and its children, depth first, each once.
    public var parameters: [Variable] {
        var seen = Set<ObjectIdentifier>()
        var out: [Variable] = []
        var stack: [any Module] = [self]
        var order: [any Module] = []
        while let m = stack.popLast() {
            order.append(m)
            stack.append(contentsOf: m.children.reversed())
        }
        for m in order {
            for p in m.ownParameters where seen.insert(ObjectIdentifier(p)).inserted {
                out.append(p)
            }
        }
        return out
    }

    /// The number of scalars in all parameters.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.scalarCount } }

    /// Switches this layer and all its children to training mode.
    public func train() { setTraining(true) }

    /// Switches this layer and all its children to evaluation mode (Dropout off, BatchNorm
    /// uses its running statistics).
    public func eval() { setTraining(false) }

    /// Sets the mode of this layer and all its children.
    ///
    /// - Parameter training: `true` for training mode.
    public func setTraining(_ training: Bool) {
        var stack: [any Module] = [self]
        while let m = stack.popLast() {
            m.isTraining = training
            stack.append(contentsOf: m.children)
        }
    }

    /// Clears the gradients of every parameter (`model.zero_grad()`).
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }

    /// PyTorch's one-line repr of a simple layer: `Linear(in_features=2, out_features=3, bias=True)`.
    public var shortDescription: String { "\(typeName)(\(settingsDescription))" }

    /// PyTorch's repr, nesting children with their index:
    /// ```
    /// Sequential(
    ///   (0): Linear(in_features=2, out_features=3, bias=True)
    ///   (1): ReLU()
    /// )
    /// ```
    public var reprDescription: String {
        let kids = children
        if kids.isEmpty { return shortDescription }
        var lines = ["\(typeName)("]
        for (i, child) in kids.enumerated() {
            let text = child.reprDescription.split(separator: "\n", omittingEmptySubsequences: false)
            lines.append("  (\(i)): " + text[0])
            for line in text.dropFirst() { lines.append("  " + line) }
        }
        lines.append(")")
        return lines.joined(separator: "\n")
    }
}

/// Shared helpers for layer implementations.
enum LayerSupport {
    /// `True`/`False` as PyTorch's repr prints booleans.
    static func pyBool(_ b: Bool) -> String { b ? "True" : "False" }

    /// Throws the engine's MemoryError when a tensor of `shape` would be too large to
    /// allocate (a layer of absurd size must be an error, never a crash).
    static func checkAllocation(_ shape: [Int], _ op: String) throws(NNError) {
        do { _ = try Tensor.checkedCount(shape, op: op) } catch { throw .tensor(error) }
    }

    /// A number as PyTorch's repr prints floats (`0.5`, `1e-05`, `0.1`).
    static func pyFloat(_ x: Double) -> String {
        if x != 0, abs(x) < 1e-4 {
            let e = Int((log10(abs(x))).rounded(.down))
            let mantissa = x / pow(10, Double(e))
            let m = mantissa == mantissa.rounded() ? String(Int(mantissa)) : String(mantissa)
            return "\(m)e-\(String(format: "%02d", -e))"
        }
        if x == x.rounded(), abs(x) < 1e15 { return String(format: "%.1f", x) }
        return String(x)
    }
}
