import NN

/// A learning-rate schedule in the notebook (`type(s)` is `scheduler`): `.step()`, `.lr`.
public final class SchedulerObject: LangObject {
    /// The wrapped schedule.
    public let schedule: Schedule

    /// Wraps a schedule.
    /// - Parameter schedule: the schedule.
    public init(_ schedule: Schedule) {
        self.schedule = schedule
    }

    /// `"scheduler"`.
    public var typeName: String { "scheduler" }
    /// `StepLR(Adam, lr=0.01, steps=3)`.
    public var textForm: String {
        "\(schedule.typeName)(\(schedule.optimizer.typeName), lr=\(Value.format(schedule.optimizer.lr)), steps=\(schedule.stepCount))"
    }
}
