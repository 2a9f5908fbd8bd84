import Plot

/// A figure shown once and then replaced in place while a computation runs (the live loss
/// curve of `fit`).
///
/// The first `update` displays the chart under a fresh display id; later updates send
/// `update_display_data` through the sink, at most every `minimumInterval` (4 per second by
/// default) so a fast loop does not flood the frontend, and never more often than every four
/// rendering times, so drawing takes at most about a fifth of the loop's time; `finish` always
/// sends the final state.
///
/// ```swift
/// let live = LiveFigure(context: context)
/// for epoch in 1...epochs {
///     ...
///     live.update(HistoryChart.chart(for: history))       // throttled
/// }
/// live.finish(HistoryChart.chart(for: history))           // final curve, always shown
/// ```
public final class LiveFigure {
    private let context: BuiltinContext
    private let minimumInterval: Duration
    private let clock = ContinuousClock()
    private var displayID: String?
    private var lastShown: ContinuousClock.Instant?
    private var lastRenderTime: Duration = .zero
    /// How many bundles were sent (display plus updates), for tests.
    public private(set) var sentCount = 0

    /// Creates a live figure; nothing is shown until the first update.
    /// - Parameters:
    ///   - context: the running cell's context (its output sink and `%format`).
    ///   - minimumInterval: the shortest time between two updates.
    public init(context: BuiltinContext, minimumInterval: Duration = .milliseconds(250)) {
        self.context = context
        self.minimumInterval = minimumInterval
    }

    /// Shows the chart: the first call displays it, later calls replace it unless the last
    /// update is more recent than the minimum interval (then the call does nothing).
    /// - Parameters:
    ///   - chart: the current state.
    ///   - force: send even if the last update was recent.
    /// - Returns: whether a bundle was sent.
    @discardableResult
    public func update(_ chart: any Chart, force: Bool = false) -> Bool {
        let now = clock.now
        if !force, let last = lastShown, now - last < max(minimumInterval, lastRenderTime * 4) { return false }
        let bundle = FigureValue.bundle(for: chart, format: context.options.figureFormat)
        lastRenderTime = clock.now - now
        context.show(bundle, inDisplay: &displayID)
        lastShown = now
        sentCount += 1
        return true
    }

    /// Sends the final state, whatever the time since the last update.
    /// - Parameter chart: the final chart.
    public func finish(_ chart: any Chart) { update(chart, force: true) }
}
