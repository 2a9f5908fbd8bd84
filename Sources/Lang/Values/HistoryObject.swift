import NN
import Plot

/// The result of `fit` (`type(h)` is `history`): `.loss`, `.val_loss`, `.acc`, `.val_acc`,
/// `.epochs` as 1-d tensors. As a cell's result it shows its loss (and accuracy) curves, with
/// the one-line summary as text; `plot(history)` draws the same figure.
public final class HistoryObject: LangObject {
    /// The history.
    public let history: History

    /// Wraps a history.
    /// - Parameter history: the history.
    public init(_ history: History) {
        self.history = history
    }

    /// `"history"`.
    public var typeName: String { "history" }
    /// The one-line summary of the last epoch.
    public var textForm: String { history.summaryText }

    /// The loss (and accuracy) curves with the summary as text; nil before any epoch.
    public func richBundle(format: FigureFormat) -> RichBundle? {
        guard !history.epochs.isEmpty else { return nil }
        var bundle = FigureValue.bundle(for: HistoryChart.chart(for: history), format: format)
        bundle.entries.removeAll { $0.mimeType == "text/plain" }
        bundle.entries.append(.init(mimeType: "text/plain", content: textForm))
        return bundle
    }
}
