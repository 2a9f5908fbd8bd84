import Foundation
import Tensor

/// Reads and writes numpy's `.npy` format (version 1.0 written, 1.0/2.0/3.0 read).
///
/// Writing produces exactly the bytes `numpy.save(path, a.astype(numpy.float32))` writes: the
/// magic `\x93NUMPY`, version 1.0, a little-endian header length, the header dictionary
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and ended
/// by a newline so that the data start at a multiple of 64 bytes, then the float32 values in
/// little-endian row-major order. Reading accepts float32/float64, signed and unsigned integers
/// and booleans in either byte order, and Fortran order; values are converted to float32.
public enum NPYFile {
    /// The bytes of a `.npy` file holding `tensor` as float32.
    ///
    /// - Parameter tensor: The tensor (any rank, including 0-d).
    /// - Returns: The file's bytes.
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        let shapeText: String
        switch tensor.shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(tensor.shape[0]),)"
        default: shapeText = "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        }
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let length = UInt16(header.utf8.count)
        bytes.append(UInt8(length & 0xff))
        bytes.append(UInt8(length >> 8))
        bytes.append(contentsOf: header.utf8)
        bytes.reserveCapacity(bytes.count + tensor.scalarCount * 4)
        for v in tensor.scalars {
            let bits = v.bitPattern.littleEndian
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 16))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 24))
        }
        return bytes
    }

    /// Decodes the bytes of a `.npy` file.
    ///
    /// - Parameters:
    ///   - bytes: The file's content.
    ///   - source: A name for messages (the path).
    /// - Returns: The array as a float32 tensor.
    /// - Throws: `NNError.file` for a malformed header, an unsupported dtype, or too few bytes.
    public static func decode(_ bytes: [UInt8], source: String = "data") throws(NNError) -> Tensor {
        let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw .file("\(source) is not a .npy file (the magic bytes \\x93NUMPY are missing)")
        }
        let major = bytes[6]
        var offset: Int
        var headerLength: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            offset = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw .file("\(source): truncated .npy header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            offset = 12
        default:
            throw .file("\(source): unsupported .npy format version \(major)")
        }
        guard offset + headerLength <= bytes.count,
              let header = String(bytes: bytes[offset..<(offset + headerLength)], encoding: major == 3 ? .utf8 : .isoLatin1)
        else { throw .file("\(source): truncated .npy header") }
        offset += headerLength
        let dict = try NPYHeader(parsing: header, source: source)
        let count = dict.shape.reduce(1, *)
        let needed = count * dict.itemSize
        guard bytes.count - offset >= needed else {
            throw .file("\(source): the header promises \(count) values of \(dict.itemSize) bytes but the file has only \(bytes.count - offset) data bytes")
        }
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count {
            values[i] = dict.value(bytes, at: offset + i * dict.itemSize)
        }
        if dict.fortranOrder, dict.shape.count > 1 {
            values = fortranToRowMajor(values, shape: dict.shape)
        }
        return Tensor(shape: dict.shape, scalars: values)
    }

    /// Writes `tensor` to a `.npy` file.
    ///
    /// - Parameters:
    ///   - tensor: The tensor.
    ///   - path: The destination path (overwritten).
    /// - Throws: `NNError.file` when the file cannot be written.
    public static func write(_ tensor: Tensor, to path: String) throws(NNError) {
        let data = Data(encode(tensor))
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw .file("cannot write '\(path)': the folder does not exist or is not writable")
        }
    }

    /// Reads a `.npy` file.
    ///
    /// - Parameter path: The file path.
    /// - Returns: The array as a float32 tensor.
    /// - Throws: `NNError.file` when the file is missing or malformed.
    public static func read(from path: String) throws(NNError) -> Tensor {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .file("cannot read '\(path)': no such file or not readable")
        }
        return try decode([UInt8](data), source: path)
    }

    /// Reorders column-major (Fortran) values into row-major order.
    static func fortranToRowMajor(_ values: [Float], shape: [Int]) -> [Float] {
        let rank = shape.count
        var fStrides = [Int](repeating: 1, count: rank)
        for axis in 1..<rank { fStrides[axis] = fStrides[axis - 1] * shape[axis - 1] }
        var out = [Float](repeating: 0, count: values.count)
        var index = [Int](repeating: 0, count: rank)
        for i in 0..<values.count {
            var source = 0
            for axis in 0..<rank { source += index[axis] * fStrides[axis] }
            out[i] = values[source]
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return out
    }
}
