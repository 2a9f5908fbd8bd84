/// What `fit` learnt, epoch by epoch: training and validation loss and accuracy.
public struct History: Sendable, Equatable {
    /// The epoch numbers, 1-based.
    public var epochs: [Int] = []
    /// The mean training loss of each epoch (weighted by batch size).
    public var loss: [Double] = []
    /// The validation loss after each epoch (empty without validation data).
    public var valLoss: [Double] = []
    /// The training accuracy of each epoch (empty when accuracy is not tracked).
    public var accuracy: [Double] = []
    /// The validation accuracy after each epoch (empty without validation data or accuracy).
    public var valAccuracy: [Double] = []
    /// Whether early stopping ended the run before the last epoch.
    public var stoppedEarly = false
    /// The epoch whose weights the model holds after early stopping (nil otherwise).
    public var bestEpoch: Int?

    /// Creates an empty history.
    public init() {}

    /// One line per epoch: `epoch 3/10  loss 0.4120  val_loss 0.4500  acc 0.870`.
    public var summaryText: String {
        guard let last = epochs.last else { return "History (no epochs)" }
        var text = "History (\(epochs.count) epoch\(epochs.count == 1 ? "" : "s")): loss \(History.format(loss.last))"
        if let v = valLoss.last { text += ", val_loss \(History.format(v))" }
        if let a = accuracy.last { text += ", acc \(History.format(a, digits: 3))" }
        if let a = valAccuracy.last { text += ", val_acc \(History.format(a, digits: 3))" }
        if stoppedEarly, let best = bestEpoch { text += "; stopped early at epoch \(last), weights of epoch \(best) restored" }
        return text
    }

    /// A number with a fixed count of decimals, e.g. `0.4120` (used by progress lines).
    ///
    /// - Parameters:
    ///   - x: The number (`-` when nil).
    ///   - digits: The decimals.
    /// - Returns: The text.
    public static func format(_ x: Double?, digits: Int = 4) -> String {
        guard let x else { return "-" }
        guard x.isFinite else { return String(x) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (x * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: "."), !text.contains("e") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        }
        return text
    }
}
