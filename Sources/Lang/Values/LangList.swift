/// The storage of a list value: a mutable array shared by reference, like a Python list.
public final class LangList {
    /// The items.
    public var items: [Value]

    /// Creates a list.
    /// - Parameter items: the items.
    public init(_ items: [Value] = []) {
        self.items = items
    }

    /// The number of items.
    public var count: Int { items.count }
}

/// The storage of a record value: named fields in the order they were written, shared by
/// reference. Records are what `{lr: 0.1, name: "sgd"}` builds.
public final class LangRecord {
    /// The field names, in order.
    public private(set) var keys: [String]
    /// The field values, aligned with `keys`.
    public private(set) var values: [Value]

    /// Creates a record.
    /// - Parameter fields: the fields, in order; a repeated name keeps its last value.
    public init(_ fields: [(String, Value)] = []) {
        keys = []
        values = []
        for (key, value) in fields { self[key] = value }
    }

    /// The field named `key`, or nil; setting adds the field at the end or replaces it.
    public subscript(key: String) -> Value? {
        get {
            guard let index = keys.firstIndex(of: key) else { return nil }
            return values[index]
        }
        set {
            if let index = keys.firstIndex(of: key) {
                if let newValue {
                    values[index] = newValue
                } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// The number of fields.
    public var count: Int { keys.count }
}

/// A range of numbers `start, start + step, ...` stopping before `stop`, like Python's.
public final class RangeValue {
    /// The first number.
    public let start: Double
    /// The bound, excluded.
    public let stop: Double
    /// The step (never zero).
    public let step: Double

    /// Creates a range.
    /// - Parameters:
    ///   - start: the first number.
    ///   - stop: the excluded bound.
    ///   - step: the step; must not be zero (checked by `range`).
    public init(start: Double, stop: Double, step: Double) {
        precondition(step != 0, "range step must not be zero")
        self.start = start
        self.stop = stop
        self.step = step
    }

    /// The number of elements.
    public var count: Int {
        let n = ((stop - start) / step).rounded(.up)
        guard n > 0 else { return 0 }
        return n < 1e15 ? Int(n) : 1_000_000_000_000_000
    }

    /// The element at `index` (0-based, not checked).
    /// - Parameter index: the position.
    /// - Returns: `start + index * step`.
    public func element(at index: Int) -> Double { start + Double(index) * step }
}
