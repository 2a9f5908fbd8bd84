import Foundation

/// A learning-rate schedule: `step()` (once per epoch, or per batch for OneCycleLR) sets the
/// optimiser's learning rate for the next steps, with PyTorch's formulas.
///
/// `t` counts the calls of `step()`; `base` is the optimiser's lr when the schedule was made.
/// - StepLR: `base * gamma^floor(t / step)`
/// - ExponentialLR: `base * gamma^t`
/// - CosineLR (PyTorch's CosineAnnealingLR, eta_min 0): `base * (1 + cos(pi t / total)) / 2`
/// - OneCycleLR (PyTorch's defaults: 30% warm-up, cosine annealing, div_factor 25,
///   final_div_factor 1e4): lr rises from `max_lr / 25` to `max_lr` over the first
///   `0.3 * total - 1` steps, then falls to `max_lr / 25 / 1e4` at step `total - 1`; the
///   momentum (SGD/RMSprop momentum or Adam's beta1) moves inversely between 0.95 and 0.85.
public final class Schedule {
    /// Which schedule and its settings.
    public enum Kind: Sendable, Equatable {
        /// StepLR: multiply by `gamma` every `every` steps.
        case step(every: Int, gamma: Double)
        /// ExponentialLR: multiply by `gamma` every step.
        case exponential(gamma: Double)
        /// CosineAnnealingLR over `total` steps, down to `minLR`.
        case cosine(total: Int, minLR: Double)
        /// OneCycleLR peaking at `maxLR`, over `total` steps.
        case oneCycle(maxLR: Double, total: Int)
    }

    /// The schedule.
    public let kind: Kind
    /// The optimiser whose lr it sets.
    public let optimizer: any Optimizer
    /// The lr the optimiser had when the schedule was created.
    public let baseLR: Double
    /// How many times `step()` ran.
    public private(set) var stepCount = 0

    /// Creates a schedule and sets the optimiser's initial lr (OneCycleLR starts low).
    ///
    /// - Parameters:
    ///   - kind: The schedule.
    ///   - optimizer: The optimiser to drive.
    /// - Throws: `NNError.invalidArgument` for a non-positive step, total or gamma.
    public init(_ kind: Kind, optimizer: any Optimizer) throws(NNError) {
        switch kind {
        case .step(let every, let gamma):
            guard every > 0 else { throw .invalidArgument("StepLR: step must be a positive number of epochs, got \(every)") }
            guard gamma > 0 else { throw .invalidArgument("StepLR: gamma must be > 0, got \(gamma)") }
        case .exponential(let gamma):
            guard gamma > 0 else { throw .invalidArgument("ExponentialLR: gamma must be > 0, got \(gamma)") }
        case .cosine(let total, _):
            guard total > 0 else { throw .invalidArgument("CosineLR: total must be a positive number of steps, got \(total)") }
        case .oneCycle(let maxLR, let total):
            guard total > 1 else { throw .invalidArgument("OneCycleLR: total must be at least 2 steps, got \(total)") }
            guard maxLR > 0 else { throw .invalidArgument("OneCycleLR: max_lr must be > 0, got \(maxLR)") }
        }
        self.kind = kind
        self.optimizer = optimizer
        baseLR = optimizer.lr
        apply()
    }

    /// PyTorch's class name.
    public var typeName: String {
        switch kind {
        case .step: return "StepLR"
        case .exponential: return "ExponentialLR"
        case .cosine: return "CosineLR"
        case .oneCycle: return "OneCycleLR"
        }
    }

    /// The learning rate after `t` steps.
    public func learningRate(at t: Int) -> Double {
        switch kind {
        case .step(let every, let gamma):
            return baseLR * pow(gamma, Double(t / every))
        case .exponential(let gamma):
            return baseLR * pow(gamma, Double(t))
        case .cosine(let total, let minLR):
            return minLR + (baseLR - minLR) * (1 + cos(Double.pi * Double(t) / Double(total))) / 2
        case .oneCycle:
            return oneCycle(at: t).lr
        }
    }

    /// OneCycleLR's lr and momentum at step `t` (PyTorch's two-phase cosine annealing).
    func oneCycle(at t: Int) -> (lr: Double, momentum: Double) {
        guard case .oneCycle(let maxLR, let total) = kind else { return (baseLR, 0) }
        let initial = maxLR / 25, final = initial / 1e4
        let (maxMomentum, baseMomentum) = (0.95, 0.85)
        let phaseEnd = 0.3 * Double(total) - 1
        func anneal(_ start: Double, _ end: Double, _ pct: Double) -> Double {
            end + (start - end) / 2 * (cos(Double.pi * pct) + 1)
        }
        let step = Double(t)
        if step <= phaseEnd {
            let pct = step / phaseEnd
            return (anneal(initial, maxLR, pct), anneal(maxMomentum, baseMomentum, pct))
        }
        let pct = (step - phaseEnd) / (Double(total - 1) - phaseEnd)
        return (anneal(maxLR, final, pct), anneal(baseMomentum, maxMomentum, pct))
    }

    /// Advances the schedule by one step and sets the optimiser's lr (and momentum).
    ///
    /// - Throws: `NNError.invalidArgument` when a OneCycleLR is stepped more than `total`
    ///   times (PyTorch's error).
    public func step() throws(NNError) {
        if case .oneCycle(_, let total) = kind, stepCount + 1 > total {
            throw .invalidArgument("OneCycleLR: tried to step \(stepCount + 1) times; the schedule was made for total=\(total) steps")
        }
        stepCount += 1
        apply()
    }

    /// Sets the optimiser's lr (and OneCycle momentum) for the current step count.
    private func apply() {
        if case .oneCycle = kind {
            let (lr, momentum) = oneCycle(at: stepCount)
            optimizer.lr = lr
            if optimizer.cycledMomentum != nil { optimizer.cycledMomentum = momentum }
        } else {
            optimizer.lr = learningRate(at: stepCount)
        }
    }
}
