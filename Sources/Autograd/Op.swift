import Tensor

/// The operation that produced a graph node, with what its gradient rule needs to know.
/// Gradient rules for every case live in one switch in `Gradients.swift`.
public enum Op: Sendable {
    /// Broadcasting arithmetic on two inputs (`pow` is tensor ^ tensor).
    case add, sub, mul, div, pow, maximum, minimum
    /// A one-input elementwise function (exp, log, relu, gelu, x^p, clamp, ...).
    case unary(UnaryOp)
    /// `inputs[0] @ inputs[1]` (torch.matmul rank rules).
    case matmul
    /// `inputs[0] @ inputs[1]ᵀ (+ inputs[2])`: a linear layer as one sgemm that adds into the
    /// broadcast bias (PyTorch's addmm); `bias` says whether `inputs[2]` exists.
    case linear(bias: Bool)
    /// A reduction (sum, mean, max, min, var, std) over one axis or all.
    case reduce(ReductionKind, dim: Int?, keepDim: Bool)
    /// Same elements, new shape (reshape, flatten, squeeze, unsqueeze).
    case reshape
    /// Axis permutation (transpose, .T).
    case permute([Int])
    /// Broadcast to a larger shape.
    case expand
    /// `inputs[0][items]`.
    case index(IndexPlan)
    /// `old[items] = value`: inputs are the old tensor and the assigned value.
    case indexAssign(IndexPlan)
    /// Join along an axis; one input per piece.
    case cat(dim: Int)
    /// Join along a new axis; one input per piece.
    case stack(dim: Int)
    /// Softmax / log-softmax along an axis.
    case softmax(dim: Int), logSoftmax(dim: Int)
    /// Per-row cross-entropy of logits against class indices (`-log_softmax(x)[label]`), fused.
    case crossEntropy(labels: [Int], rows: SoftmaxRowStatistics)
    /// 2-d convolution of `inputs[0]` with filters `inputs[1]` (plus bias `inputs[2]` when `bias`).
    case conv2d(stride: Int, padding: Int, bias: Bool)
    /// Max (`max` true) or average pooling over square windows.
    case pool2d(kernel: Int, stride: Int, max: Bool)
    /// `where(condition, inputs[0], inputs[1])`.
    case select(condition: Tensor)
    /// Matrix inverse, determinant, and `solve(A, b)` (inputs A and b).
    case inverse, determinant, solve

    /// The short name used in graph drawings (`"mul"`, `"relu"`, `"sum"`, ...).
    public var name: String {
        switch self {
        case .add: return "add"
        case .sub: return "sub"
        case .mul: return "mul"
        case .div: return "div"
        case .pow: return "pow"
        case .maximum: return "maximum"
        case .minimum: return "minimum"
        case .unary(let u): return Op.unaryName(u)
        case .matmul: return "matmul"
        case .linear: return "linear"
        case .reduce(let kind, _, _): return kind.name
        case .reshape: return "reshape"
        case .permute: return "transpose"
        case .expand: return "expand"
        case .index: return "index"
        case .indexAssign: return "index_put"
        case .cat: return "cat"
        case .stack: return "stack"
        case .softmax: return "softmax"
        case .logSoftmax: return "log_softmax"
        case .crossEntropy: return "cross_entropy"
        case .conv2d: return "conv2d"
        case .pool2d(_, _, let max): return max ? "max_pool2d" : "avg_pool2d"
        case .select: return "where"
        case .inverse: return "inv"
        case .determinant: return "det"
        case .solve: return "solve"
        }
    }

    /// PyTorch's `grad_fn` class name (`MulBackward0`, `SumBackward1`, ...).
    public var gradFnName: String {
        switch self {
        case .add: return "AddBackward0"
        case .sub: return "SubBackward0"
        case .mul: return "MulBackward0"
        case .div: return "DivBackward0"
        case .pow: return "PowBackward1"
        case .maximum: return "MaximumBackward0"
        case .minimum: return "MinimumBackward0"
        case .unary(let u):
            switch u {
            case .neg: return "NegBackward0"
            case .exp: return "ExpBackward0"
            case .log: return "LogBackward0"
            case .sqrt: return "SqrtBackward0"
            case .abs: return "AbsBackward0"
            case .sin: return "SinBackward0"
            case .cos: return "CosBackward0"
            case .tanh: return "TanhBackward0"
            case .sigmoid: return "SigmoidBackward0"
            case .relu: return "ReluBackward0"
            case .sign: return "SignBackward0"
            case .round: return "RoundBackward0"
            case .floor: return "FloorBackward0"
            case .ceil: return "CeilBackward0"
            case .square, .powScalar: return "PowBackward0"
            case .reciprocal: return "ReciprocalBackward0"
            case .step: return "GtBackward0"
            case .leakyRelu: return "LeakyReluBackward0"
            case .elu, .selu: return "EluBackward0"
            case .softplus: return "SoftplusBackward0"
            case .gelu, .geluDerivative: return "GeluBackward0"
            case .clamp: return "ClampBackward1"
            }
        case .matmul: return "MmBackward0"
        case .linear(let bias): return bias ? "AddmmBackward0" : "MmBackward0"
        case .reduce(let kind, let dim, _):
            let suffix = dim == nil ? "0" : "1"
            switch kind {
            case .sum: return "SumBackward" + suffix
            case .mean: return "MeanBackward" + suffix
            case .max: return dim == nil ? "MaxBackward1" : "MaxBackward0"
            case .min: return dim == nil ? "MinBackward1" : "MinBackward0"
            case .argmax: return "ArgmaxBackward0"
            case .argmin: return "ArgminBackward0"
            case .variance: return "VarBackward0"
            case .std: return "StdBackward0"
            }
        case .reshape: return "ViewBackward0"
        case .permute: return "PermuteBackward0"
        case .expand: return "ExpandBackward0"
        case .index: return "IndexBackward0"
        case .indexAssign: return "CopySlices"
        case .cat: return "CatBackward0"
        case .stack: return "StackBackward0"
        case .softmax: return "SoftmaxBackward0"
        case .logSoftmax: return "LogSoftmaxBackward0"
        case .crossEntropy: return "NllLossBackward0"
        case .conv2d: return "ConvolutionBackward0"
        case .pool2d(_, _, let max): return max ? "MaxPool2DWithIndicesBackward0" : "AvgPool2DBackward0"
        case .select: return "WhereBackward0"
        case .inverse: return "LinalgInvExBackward0"
        case .determinant: return "LinalgDetBackward0"
        case .solve: return "LinalgSolveExBackward0"
        }
    }

    static func unaryName(_ u: UnaryOp) -> String {
        switch u {
        case .neg: return "neg"
        case .exp: return "exp"
        case .log: return "log"
        case .sqrt: return "sqrt"
        case .abs: return "abs"
        case .sin: return "sin"
        case .cos: return "cos"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case .relu: return "relu"
        case .sign: return "sign"
        case .round: return "round"
        case .floor: return "floor"
        case .ceil: return "ceil"
        case .square: return "square"
        case .reciprocal: return "reciprocal"
        case .step: return "step"
        case .leakyRelu: return "leaky_relu"
        case .elu: return "elu"
        case .selu: return "selu"
        case .softplus: return "softplus"
        case .gelu: return "gelu"
        case .geluDerivative: return "gelu'"
        case .powScalar(let p): return "^" + (p == p.rounded() && abs(p) < 1e6 ? String(Int(p)) : String(p))
        case .clamp: return "clamp"
        }
    }
}
