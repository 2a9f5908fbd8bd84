import Foundation
import Testing
import Tensor
@testable import NN

/// The Swift half of Tests/python/test_npy.py: with SWIFT_NN_NPY_DIR set, reads every
/// `numpy_*.npy` that numpy wrote there and writes it back as `swift_*.npy`, and writes the
/// fixed tensors of `NPYInteropTests.written` as `fixed_*.npy`, so numpy can check both ways.
@Suite("npy files shared with numpy")
struct NPYInteropTests {
    /// Tensors whose files numpy compares byte for byte with `numpy.save`.
    static let written: [(String, Tensor)] = [
        ("scalar", Tensor(2.5)),
        ("vector", Tensor(shape: [5], scalars: [0, -1.5, 3.25, 1e-8, 65504])),
        ("matrix", Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])),
        ("empty", Tensor(shape: [0, 4], scalars: [])),
        ("cube", Tensor(shape: [2, 2, 2], scalars: (0..<8).map { Float($0) / 3 })),
    ]

    @Test func exchangeFilesWithNumpy() throws {
        guard let dir = ProcessInfo.processInfo.environment["SWIFT_NN_NPY_DIR"] else { return }
        for (name, tensor) in Self.written {
            try NPYFile.write(tensor, to: "\(dir)/fixed_\(name).npy")
        }
        let inputs = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("numpy_") }
        #expect(!inputs.isEmpty, "numpy wrote no files into \(dir)")
        for file in inputs {
            let tensor = try NPYFile.read(from: "\(dir)/\(file)")
            try NPYFile.write(tensor, to: "\(dir)/swift_" + file.dropFirst("numpy_".count))
        }
    }
}
