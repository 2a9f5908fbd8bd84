import Foundation
import Testing
import Tensor
@testable import NN

@Suite("CSV, NPY and shipped data sets")
struct DataFilesTests {
    @Test func csvParsesHeaderQuotesAndCRLF() throws {
        let text = "a,\"b, c\",d\r\n1,2,3\r\n\n4,\"5\",6\n"
        let table = try CSVTable(parsing: text, header: true)
        #expect(table.columnNames == ["a", "b, c", "d"])
        #expect(table.rows == [["1", "2", "3"], ["4", "5", "6"]])
        #expect(try table.tensor() == Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        #expect(table.numericColumn(1) == [2, 5])
    }

    @Test func csvErrorsNameTheRow() {
        #expect(throws: NNError.file("t.csv: row 3 has 2 values but the table has 3 columns")) {
            try CSVTable(parsing: "a,b,c\n1,2,3\n4,5\n", header: true, source: "t.csv")
        }
        #expect(throws: NNError.file("t.csv: a quoted value is not closed (missing '\"')")) {
            try CSVTable(parsing: "a,\"b\n", header: false, source: "t.csv")
        }
        #expect(throws: NNError.file("t.csv: the value 'x' in row 1, column 2 ('b') is not a number")) {
            try CSVTable(parsing: "a,b\n1,x\n", header: true, source: "t.csv").tensor(source: "t.csv")
        }
    }

    @Test func npyBytesMatchNumpy() {
        // numpy.save(f, numpy.array([[1, 2, 3], [4, 5, 6]], dtype=numpy.float32)) is 152 bytes.
        let bytes = NPYFile.encode(Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        #expect(bytes.count == 152)
        #expect(Array(bytes[0..<10]) == [0x93, 78, 85, 77, 80, 89, 1, 0, 118, 0])
        let header = String(decoding: bytes[10..<128], as: UTF8.self)
        #expect(header == "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
                + String(repeating: " ", count: 58) + "\n")
        #expect(Array(bytes[128..<132]) == [0, 0, 0x80, 0x3f])
        #expect(NPYFile.encode(Tensor(3.5)).count == 132)
        let vector = NPYFile.encode(Tensor(shape: [3], scalars: [0, 1, 2]))
        #expect(vector.count == 140)
        #expect(String(decoding: vector[10..<128], as: UTF8.self).hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }"))
    }

    @Test(arguments: [[], [0], [4], [2, 3], [2, 1, 3]] as [[Int]])
    func npyRoundTrip(shape: [Int]) throws {
        let n = shape.reduce(1, *)
        let t = Tensor(shape: shape, scalars: (0..<n).map { Float($0) * 0.5 - 1 })
        #expect(try NPYFile.decode(NPYFile.encode(t)) == t)
    }

    @Test func npyReadsOtherDtypesAndFortranOrder() throws {
        // float64 big-endian [2], values 1.5 and -2.
        var header = "{'descr': '>f8', 'fortran_order': False, 'shape': (2,), }"
        var bytes = npyPrefix(header)
        bytes += [0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0]
        #expect(try NPYFile.decode(bytes) == Tensor(shape: [2], scalars: [1.5, -2]))
        // int16 little-endian, Fortran order [2, 3]: memory holds columns (1, 4), (2, 5), (3, -6).
        header = "{'descr': '<i2', 'fortran_order': True, 'shape': (2, 3), }"
        bytes = npyPrefix(header)
        for v: Int16 in [1, 4, 2, 5, 3, -6] {
            bytes += [UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8)]
        }
        #expect(try NPYFile.decode(bytes) == Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, -6]))
        // bool.
        bytes = npyPrefix("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }") + [1, 0, 1]
        #expect(try NPYFile.decode(bytes) == Tensor(shape: [3], scalars: [1, 0, 1]))
    }

    @Test func npyErrors() {
        #expect(throws: NNError.file("x.npy is not a .npy file (the magic bytes \\x93NUMPY are missing)")) {
            try NPYFile.decode(Array("hello world".utf8), source: "x.npy")
        }
        #expect(throws: NNError.file("x.npy: unsupported .npy dtype '<c8' (float32/64, integers and bool are supported)")) {
            try NPYFile.decode(npyPrefix("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }"), source: "x.npy")
        }
        #expect(throws: NNError.file("x.npy: the header promises 2 values of 4 bytes but the file has only 4 data bytes")) {
            try NPYFile.decode(npyPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }") + [0, 0, 0, 0], source: "x.npy")
        }
        #expect(throws: NNError.file("cannot read '/nonexistent/a.npy': no such file or not readable")) {
            try NPYFile.read(from: "/nonexistent/a.npy")
        }
    }

    @Test func npyFileRoundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nn-test-\(UUID().uuidString).npy").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let t = Tensor(shape: [2, 2], scalars: [1, -2, 3.25, 4])
        try NPYFile.write(t, to: path)
        #expect(try NPYFile.read(from: path) == t)
    }

    @Test(arguments: [
        ("iris", [150, 4], 3, "species"),
        ("digits", [1797, 64], 10, "digit"),
        ("diabetes", [442, 10], 0, "progression"),
        ("wine", [178, 13], 3, "cultivar"),
        ("breast_cancer", [569, 30], 2, "benign"),
    ])
    func shippedDatasets(name: String, shape: [Int], classes: Int, target: String) throws {
        let d = try Dataset.named(name)
        #expect(d.features.shape == shape)
        #expect(d.targets.shape == [shape[0]])
        #expect(d.featureNames.count == shape[1])
        #expect(d.classNames.count == classes)
        #expect(d.targetName == target)
        if classes > 0 {
            #expect(Set(d.targets.scalars) == Set((0..<classes).map(Float.init)))
        }
    }

    @Test func irisFirstRowAndDiabetesTarget() throws {
        let iris = try Dataset.named("iris")
        #expect(Array(iris.features.scalars[0..<4]) == [5.1, 3.5, 1.4, 0.2])
        #expect(iris.featureNames == ["sepal_length", "sepal_width", "petal_length", "petal_width"])
        let diabetes = try Dataset.named("diabetes")
        #expect(diabetes.targets.scalars[0] == 151)
        #expect(diabetes.task == .regression)
    }

    @Test func unknownDataset() {
        #expect(throws: NNError.invalidArgument("unknown data set 'mnist': choose one of \"iris\", \"digits\", \"diabetes\", \"wine\", \"breast_cancer\"")) {
            try Dataset.named("mnist")
        }
    }

    private func npyPrefix(_ header: String) -> [UInt8] {
        var h = header
        h += String(repeating: " ", count: (64 - (10 + h.utf8.count + 1) % 64) % 64) + "\n"
        let n = h.utf8.count
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(n & 0xff), UInt8(n >> 8)] + Array(h.utf8)
    }
}
