import Tensor

/// A real data set shipped with Swift-NN: features `X`, targets `y`, and their names.
///
/// The data are compiled into the module (see `EmbeddedDatasets`), from scikit-learn's
/// bundled copies (BSD-3-Clause; `data/SOURCE.md` in the repository says where each comes
/// from).
public struct Dataset: Sendable {
    /// Whether the target is a class label or a number to predict.
    public enum Task: String, Sendable {
        /// `y` holds class indices 0, 1, ..., `classNames.count - 1`.
        case classification
        /// `y` holds real values.
        case regression
    }

    /// The name passed to ``named(_:)``, e.g. `"iris"`.
    public var name: String
    /// The features, shape `[samples, features]`.
    public var features: Tensor
    /// The targets, shape `[samples]` (class indices as floats, or real values).
    public var targets: Tensor
    /// One name per feature column.
    public var featureNames: [String]
    /// The name of the target column.
    public var targetName: String
    /// The class names for a classification set (index = label), empty for regression.
    public var classNames: [String]
    /// Classification or regression.
    public var task: Task
    /// One sentence about the data and where it comes from.
    public var about: String

    /// The names ``named(_:)`` accepts.
    public static let availableNames = ["iris", "digits", "diabetes", "wine", "breast_cancer"]

    /// Loads one of the shipped data sets.
    ///
    /// - Parameter name: `"iris"`, `"digits"`, `"diabetes"`, `"wine"` or `"breast_cancer"`.
    /// - Returns: The data set.
    /// - Throws: `NNError.invalidArgument` for an unknown name (listing the known ones).
    public static func named(_ name: String) throws(NNError) -> Dataset {
        let info: (csv: String, classes: [String], about: String)
        switch name.lowercased() {
        case "iris":
            info = (EmbeddedDatasets.irisCSV, ["setosa", "versicolor", "virginica"],
                    "Fisher's iris flowers: 150 samples, 4 measurements in cm, 3 species.")
        case "digits":
            info = (EmbeddedDatasets.digitsCSV, (0...9).map(String.init),
                    "Handwritten digits (UCI): 1797 images of 8x8 pixels with values 0..16, labels 0..9.")
        case "diabetes":
            info = (EmbeddedDatasets.diabetesCSV, [],
                    "Diabetes (Efron et al. 2004): 442 patients, 10 raw baseline variables, disease progression after one year.")
        case "wine":
            info = (EmbeddedDatasets.wineCSV, ["class_0", "class_1", "class_2"],
                    "Wine recognition (UCI): 178 wines, 13 chemical measurements, 3 cultivars.")
        case "breast_cancer":
            info = (EmbeddedDatasets.breastCancerCSV, ["malignant", "benign"],
                    "Breast cancer Wisconsin (diagnostic, UCI): 569 samples, 30 cell measurements, malignant (0) or benign (1).")
        default:
            throw .invalidArgument("unknown data set '\(name)': choose one of \(availableNames.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        let table = try CSVTable(parsing: info.csv, header: true, source: name)
        let all = try table.tensor(source: name)
        let columns = table.columnCount
        let samples = table.rows.count
        let scalars = all.scalars
        var x: [Float] = []
        var y: [Float] = []
        x.reserveCapacity(samples * (columns - 1))
        y.reserveCapacity(samples)
        for r in 0..<samples {
            let row = r * columns
            x.append(contentsOf: scalars[row..<(row + columns - 1)])
            y.append(scalars[row + columns - 1])
        }
        let names = table.columnNames ?? []
        return Dataset(
            name: name.lowercased(),
            features: Tensor(shape: [samples, columns - 1], scalars: x),
            targets: Tensor(shape: [samples], scalars: y),
            featureNames: Array(names.dropLast()),
            targetName: names.last ?? "target",
            classNames: info.classes,
            task: info.classes.isEmpty ? .regression : .classification,
            about: info.about)
    }
}
