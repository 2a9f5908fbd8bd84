import NN
import Plot

/// The loss and accuracy curves of a training history: `plot(history)`, and the live curve
/// `fit` shows through `LiveFigure`.
public enum HistoryChart {
    /// The chart: a loss figure (train and validation), plus an accuracy figure beside it when
    /// accuracy was tracked.
    /// - Parameters:
    ///   - epochs: epoch numbers (1-based); 1, 2, 3... when empty.
    ///   - loss: training loss per epoch.
    ///   - valLoss: validation loss per epoch (may be empty).
    ///   - accuracy: training accuracy per epoch (may be empty).
    ///   - valAccuracy: validation accuracy per epoch (may be empty).
    /// - Returns: a figure or a two-cell subplot grid.
    public static func chart(epochs: [Double], loss: [Double], valLoss: [Double] = [], accuracy: [Double] = [],
                             valAccuracy: [Double] = []) -> any Chart {
        func xs(_ n: Int) -> [Double] { epochs.count >= n ? Array(epochs.prefix(n)) : (1...max(1, n)).map(Double.init) }
        var lossFig = Figure(title: "Loss", xLabel: "epoch", yLabel: "loss")
        if !loss.isEmpty { lossFig.line(x: xs(loss.count), y: loss, label: "train") }
        if !valLoss.isEmpty {
            lossFig.line(x: xs(valLoss.count), y: valLoss, label: "validation", style: LineStyle(dash: .dashed))
        }
        // A loss over several orders of magnitude reads better on a log axis.
        let positive = (loss + valLoss).filter { $0 > 0 && $0.isFinite }
        if let lo = positive.min(), let hi = positive.max(), positive.count == (loss + valLoss).count, hi / lo > 100 {
            lossFig.logY = true
        }
        if accuracy.isEmpty && valAccuracy.isEmpty { return lossFig }
        var accFig = Figure(title: "Accuracy", xLabel: "epoch", yLabel: "accuracy")
        if !accuracy.isEmpty { accFig.line(x: xs(accuracy.count), y: accuracy, label: "train") }
        if !valAccuracy.isEmpty {
            accFig.line(x: xs(valAccuracy.count), y: valAccuracy, label: "validation", style: LineStyle(dash: .dashed))
        }
        return SubplotGrid([lossFig, accFig], columns: 2)
    }

    /// The chart of an NN history.
    /// - Parameter history: what `fit` recorded.
    /// - Returns: the chart.
    public static func chart(for history: History) -> any Chart {
        chart(epochs: history.epochs.map(Double.init), loss: history.loss, valLoss: history.valLoss,
              accuracy: history.accuracy, valAccuracy: history.valAccuracy)
    }

    /// The chart of a history value, read through its members `loss`, `val_loss`, `acc`,
    /// `val_acc` and `epochs` (so it works with whatever object NN's bindings use).
    static func chart(from value: Value, context: BuiltinContext) throws -> any Chart {
        func read(_ name: String) throws -> [Double] {
            guard case .object(let o) = value else { return [] }
            var member = try o.member(named: name)
            if member == nil, let m = context.registry.member(of: o.typeName, named: name),
               case .property(let get, _) = m.kind {
                member = try get(value, context)
            }
            guard let v = member, !v.isNone else { return [] }
            return try PlotData.numbers(v, "history.\(name)", context: context)
        }
        return chart(epochs: try read("epochs"), loss: try read("loss"), valLoss: try read("val_loss"),
                     accuracy: try read("acc"), valAccuracy: try read("val_acc"))
    }
}
