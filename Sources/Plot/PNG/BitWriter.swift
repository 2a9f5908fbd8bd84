/// Writes bit fields least-significant bit first, as deflate packs them.
///
/// One of Plot's few unsafe spots (docs/plotting.md lists them): the hot `write` appends to a
/// 64-bit accumulator and flushes whole bytes through an unsafe pointer into a preallocated,
/// growing byte buffer.
/// Bounds are asserted in debug builds.
struct BitWriter {
    private(set) var bytes: [UInt8]
    private var count = 0
    private var accumulator: UInt64 = 0
    private var bitCount = 0

    /// Creates a writer with room for `capacity` bytes (it grows as needed).
    init(capacity: Int = 1 << 16) {
        bytes = [UInt8](repeating: 0, count: max(64, capacity))
    }

    /// Appends the low `length` bits of `value` (length <= 32), first bit first.
    @inline(__always)
    mutating func write(_ value: UInt32, length: Int) {
        assert(length >= 0 && length <= 32 && (length == 32 || value >> UInt32(length) == 0))
        accumulator |= UInt64(value) << UInt64(bitCount)
        bitCount += length
        if bitCount >= 32 { flushWords() }
    }

    /// Appends a Huffman code, which deflate stores most-significant bit first.
    @inline(__always)
    mutating func writeCode(_ code: UInt32, length: Int) {
        write(Self.reverse(code, length), length: length)
    }

    /// Pads with zero bits to the next byte boundary.
    mutating func alignToByte() {
        let pad = (8 - bitCount % 8) % 8
        if pad > 0 { write(0, length: pad) }
        flushWords()
    }

    /// Appends whole bytes (the writer must be byte-aligned).
    mutating func writeBytes(_ data: ArraySlice<UInt8>) {
        alignToByte()
        precondition(bitCount == 0, "writeBytes needs byte alignment")
        for b in data { write(UInt32(b), length: 8) }
        flushWords()
    }

    /// The finished bytes (pads the last byte with zero bits).
    mutating func finish() -> [UInt8] {
        alignToByte()
        return Array(bytes[0..<count])
    }

    private mutating func flushWords() {
        let n = bitCount / 8
        if count + n + 8 > bytes.count {
            bytes += [UInt8](repeating: 0, count: bytes.count)
        }
        let start = count
        bytes.withUnsafeMutableBufferPointer { buf in
            assert(start + n <= buf.count)
            var acc = accumulator
            for i in 0..<n {
                buf[start + i] = UInt8(truncatingIfNeeded: acc)
                acc >>= 8
            }
        }
        count += n
        accumulator >>= UInt64(n * 8)
        bitCount -= n * 8
    }

    /// Reverses the low `length` bits of `code`.
    @inline(__always)
    static func reverse(_ code: UInt32, _ length: Int) -> UInt32 {
        var r: UInt32 = 0
        var c = code
        for _ in 0..<length {
            r = (r << 1) | (c & 1)
            c >>= 1
        }
        return r
    }
}
