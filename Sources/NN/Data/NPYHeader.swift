/// The parsed header dictionary of a `.npy` file: dtype, memory order and shape.
struct NPYHeader {
    /// The element kind of a supported dtype.
    enum Kind { case float, signed, unsigned, bool }

    var kind: Kind
    var itemSize: Int
    var bigEndian: Bool
    var fortranOrder: Bool
    var shape: [Int]

    /// Parses `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
    init(parsing header: String, source: String) throws(NNError) {
        func field(_ key: String) -> Substring? {
            guard let keyRange = header.range(of: "'\(key)'") else { return nil }
            var rest = header[keyRange.upperBound...].drop(while: { $0 == " " })
            guard rest.first == ":" else { return nil }
            rest = rest.dropFirst().drop(while: { $0 == " " })
            return rest
        }
        guard let descrField = field("descr"), descrField.first == "'",
              let close = descrField.dropFirst().firstIndex(of: "'") else {
            throw .file("\(source): the .npy header has no 'descr'")
        }
        let descr = String(descrField[descrField.index(after: descrField.startIndex)..<close])
        guard descr.count >= 3, let size = Int(descr.dropFirst(2)) else {
            throw .file("\(source): unsupported .npy dtype '\(descr)'")
        }
        let order = descr.first
        bigEndian = order == ">"
        switch (descr.dropFirst().first, size) {
        case ("f", 4), ("f", 8): kind = .float
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
        case ("b", 1): kind = .bool
        default:
            throw .file("\(source): unsupported .npy dtype '\(descr)' (float32/64, integers and bool are supported)")
        }
        itemSize = size
        guard let fortran = field("fortran_order") else {
            throw .file("\(source): the .npy header has no 'fortran_order'")
        }
        fortranOrder = fortran.hasPrefix("True")
        guard let shapeField = field("shape"), shapeField.first == "(",
              let end = shapeField.firstIndex(of: ")") else {
            throw .file("\(source): the .npy header has no 'shape'")
        }
        let inner = shapeField[shapeField.index(after: shapeField.startIndex)..<end]
        var dims: [Int] = []
        for part in inner.split(separator: ",") {
            let text = part.trimmingCharacters(in: " ")
            if text.isEmpty { continue }
            guard let d = Int(text.hasSuffix("L") ? String(text.dropLast()) : text), d >= 0 else {
                throw .file("\(source): bad .npy shape '(\(inner))'")
            }
            dims.append(d)
        }
        shape = dims
    }

    /// The element at byte `offset`, converted to `Float`.
    func value(_ bytes: [UInt8], at offset: Int) -> Float {
        var bits: UInt64 = 0
        for k in 0..<itemSize {
            let byte = UInt64(bytes[offset + (bigEndian ? itemSize - 1 - k : k)])
            bits |= byte << (8 * UInt64(k))
        }
        switch kind {
        case .float:
            return itemSize == 4 ? Float(bitPattern: UInt32(truncatingIfNeeded: bits))
                                 : Float(Double(bitPattern: bits))
        case .unsigned:
            return Float(bits)
        case .bool:
            return bits == 0 ? 0 : 1
        case .signed:
            let shift = UInt64(64 - 8 * itemSize)
            return Float(Int64(bitPattern: bits << shift) >> Int64(shift))
        }
    }
}

extension Substring {
    /// The text with the given characters removed from both ends.
    fileprivate func trimmingCharacters(in set: Character) -> String {
        String(drop(while: { $0 == set }).reversed().drop(while: { $0 == set }).reversed())
    }
}
