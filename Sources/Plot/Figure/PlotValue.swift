/// A number that plots accept: Double, Float or Int (Plot knows nothing of tensors).
public protocol PlotValue {
    /// The value as a Double.
    var plotDouble: Double { get }
}

extension Double: PlotValue {
    /// The value itself.
    public var plotDouble: Double { self }
}

extension Float: PlotValue {
    /// The value widened to Double.
    public var plotDouble: Double { Double(self) }
}

extension Int: PlotValue {
    /// The value converted to Double.
    public var plotDouble: Double { Double(self) }
}

extension Array where Element: PlotValue {
    /// The values as Doubles.
    var doubles: [Double] { map(\.plotDouble) }
}
