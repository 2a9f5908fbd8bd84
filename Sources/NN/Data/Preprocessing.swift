import Tensor

/// Data preparation: scaling with reusable statistics, splitting and batching.
public enum Preprocessing {
    /// Per-column statistics of a scaling, to apply the same scaling to other data.
    public struct Statistics: Sendable, Equatable {
        /// The column means (standardize) or minima (normalize), shape `[D]`.
        public var shift: Tensor
        /// The column standard deviations (standardize) or ranges max - min (normalize),
        /// shape `[D]`; columns without spread get 1.
        public var scale: Tensor

        /// Creates statistics (e.g. from values the notebook kept).
        ///
        /// - Parameters:
        ///   - shift: Means or minima.
        ///   - scale: Standard deviations or ranges.
        public init(shift: Tensor, scale: Tensor) {
            self.shift = shift
            self.scale = scale
        }
    }

    /// Standardisation (z-score): `(x - mean) / std` per column, with the population standard
    /// deviation (ddof 0, like scikit-learn's StandardScaler); a constant column gets std 1.
    ///
    /// Shape rule: `X` is `[N, D]` (or `[N]`, one column); the result has X's shape and the
    /// statistics shape `[D]` (`[]` for `[N]`).
    ///
    /// - Parameters:
    ///   - x: The data.
    ///   - statistics: Statistics from an earlier call, to reuse (e.g. on test data).
    /// - Returns: The scaled data and the statistics (mean in `shift`, std in `scale`).
    /// - Throws: `NNError.shape` for a wrong rank or statistics of the wrong shape.
    public static func standardize(_ x: Tensor, using statistics: Statistics? = nil) throws -> (Tensor, Statistics) {
        try scale(x, statistics, "standardize") { column in
            let n = Double(column.count)
            let mean = column.reduce(0.0) { $0 + Double($1) } / n
            let variance = column.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
            let std = variance.squareRoot()
            return (mean, std > 0 ? std : 1)
        }
    }

    /// Min-max normalisation to [0, 1]: `(x - min) / (max - min)` per column; a constant
    /// column gets range 1 (so it becomes 0).
    ///
    /// Shape rule: as ``standardize(_:using:)``.
    /// - Returns: The scaled data and the statistics (min in `shift`, max - min in `scale`).
    /// - Throws: `NNError.shape` for a wrong rank or statistics of the wrong shape.
    public static func normalize(_ x: Tensor, using statistics: Statistics? = nil) throws -> (Tensor, Statistics) {
        try scale(x, statistics, "normalize") { column in
            let lo = Double(column.min() ?? 0), hi = Double(column.max() ?? 0)
            return (lo, hi > lo ? hi - lo : 1)
        }
    }

    static func scale(_ x: Tensor, _ given: Statistics?, _ op: String,
                      _ stats: ([Float]) -> (Double, Double)) throws -> (Tensor, Statistics) {
        guard x.rank == 1 || x.rank == 2, x.shape[0] > 0 else {
            throw NNError.shape("\(op) expects data of shape [N, D] or [N] with N > 0, got \(NNError.format(x.shape))")
        }
        let n = x.shape[0], d = x.rank == 2 ? x.shape[1] : 1
        let statShape = x.rank == 2 ? [d] : []
        let statistics: Statistics
        if let given {
            guard given.shift.scalarCount == d, given.scale.scalarCount == d else {
                throw NNError.shape("\(op): the statistics are for \(given.shift.scalarCount) columns but the data has \(d) (shape \(NNError.format(x.shape)))")
            }
            statistics = given
        } else {
            let values = x.scalars
            var shift = [Float](), spread = [Float]()
            for j in 0..<d {
                let column = (0..<n).map { values[$0 * d + j] }
                let (s, c) = stats(column)
                shift.append(Float(s))
                spread.append(Float(c))
            }
            statistics = Statistics(shift: Tensor(shape: statShape, scalars: shift), scale: Tensor(shape: statShape, scalars: spread))
        }
        let shift = statistics.shift.scalars, spread = statistics.scale.scalars
        var out = x.scalars
        for i in 0..<n { for j in 0..<d { out[i * d + j] = (out[i * d + j] - shift[j]) / spread[j] } }
        return (Tensor(shape: x.shape, scalars: out), statistics)
    }

    /// Splits samples at random into a training and a test part (scikit-learn's
    /// `train_test_split` order of results: X_train, X_test, y_train, y_test).
    ///
    /// - Parameters:
    ///   - x: Inputs `[N, ...]`.
    ///   - y: Targets `[N, ...]`.
    ///   - test: The test fraction in (0, 1) (the test part has ceil(test * N) samples).
    ///   - rng: The random source (the session's, or one made from `seed=`).
    /// - Returns: `(xTrain, xTest, yTrain, yTest)`.
    /// - Throws: `NNError.shape` for mismatched sample counts, `NNError.invalidArgument` for a
    ///   fraction outside (0, 1) or a split leaving a part empty.
    public static func trainTestSplit(_ x: Tensor, _ y: Tensor, test: Double = 0.2,
                                      using rng: inout RandomSource) throws -> (Tensor, Tensor, Tensor, Tensor) {
        let n = try Trainer.sampleCount(x, y, "train_test_split")
        guard test > 0, test < 1 else {
            throw NNError.invalidArgument("train_test_split: test must be a fraction between 0 and 1, got \(test)")
        }
        let testCount = Int((test * Double(n)).rounded(.up))
        guard testCount < n else {
            throw NNError.invalidArgument("train_test_split: with \(n) samples and test=\(test) the training part would be empty")
        }
        var order = Array(0..<n)
        Trainer.shuffle(&order, using: &rng)
        let testRows = Array(order[0..<testCount]), trainRows = Array(order[testCount...])
        return (try Trainer.gatherRows(x, trainRows), try Trainer.gatherRows(x, testRows),
                try Trainer.gatherRows(y, trainRows), try Trainer.gatherRows(y, testRows))
    }

    /// Cuts `(x, y)` into consecutive batches of `size` samples (the last may be smaller),
    /// optionally after shuffling.
    ///
    /// - Returns: The list of `(xBatch, yBatch)`.
    /// - Throws: `NNError.shape` for mismatched sample counts, `NNError.invalidArgument` for size < 1.
    public static func batches(_ x: Tensor, _ y: Tensor, size: Int, shuffle: Bool,
                               using rng: inout RandomSource) throws -> [(Tensor, Tensor)] {
        let n = try Trainer.sampleCount(x, y, "batches")
        guard size >= 1 else { throw NNError.invalidArgument("batches: size must be at least 1, got \(size)") }
        var order = Array(0..<n)
        if shuffle { Trainer.shuffle(&order, using: &rng) }
        var out: [(Tensor, Tensor)] = []
        var start = 0
        while start < n {
            let rows = Array(order[start..<min(n, start + size)])
            out.append((try Trainer.gatherRows(x, rows), try Trainer.gatherRows(y, rows)))
            start += size
        }
        return out
    }
}
