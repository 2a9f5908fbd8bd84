/// Writes one deflate block from LZ77 tokens, choosing the smallest of dynamic Huffman,
/// fixed Huffman and stored encodings.
enum BlockWriter {
    /// Base match length of each length symbol 257...285.
    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    /// Extra bits of each length symbol.
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                     3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// Base distance of each distance symbol 0...29.
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                      257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                      8193, 12289, 16385, 24577]
    /// Extra bits of each distance symbol.
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
                                       9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// Length (3...258) to symbol index 0...28.
    static let lengthSymbol: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 259)
        for s in 0..<29 {
            let end = s == 28 ? 259 : (s == 27 ? 258 : lengthBase[s + 1])
            for l in lengthBase[s]..<end { t[l] = UInt8(s) }
        }
        t[258] = 28
        return t
    }()
    /// Order in which code-length code lengths are sent.
    static let clOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Distance symbol of distances 1...256 (at `d - 1`) and of `257 + ((d - 1) >> 7)` for
    /// longer ones, zlib's `dist_code` table: one lookup instead of a five-step binary search,
    /// twice per match (not timed on its own; the block writer is now under 1 ms per figure).
    static let distanceCodes: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 512)
        for s in 0..<30 {
            let end = s == 29 ? 32769 : distanceBase[s + 1]
            for d in distanceBase[s]..<end {
                if d <= 256 { t[d - 1] = UInt8(s) } else { t[256 + ((d - 1) >> 7)] = UInt8(s) }
            }
        }
        return t
    }()

    /// The distance symbol (0...29) of a match distance (1...32768), from `distanceCodes`
    /// passed in: the token loops take the static tables into locals first, since reading a
    /// lazily initialised static inside a loop calls `swift_once` each time (about 1.5% of a
    /// warm figure's CPU).
    @inline(__always)
    static func distanceSymbol(_ d: Int, codes: [UInt8]) -> Int {
        Int(d <= 256 ? codes[d - 1] : codes[256 + ((d - 1) >> 7)])
    }

    static let fixedLiteralLengths: [Int] = (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 }
    static let fixedDistanceLengths = [Int](repeating: 5, count: 30)

    /// Writes the tokens as one block.
    static func write(tokens: [LZToken], raw: ArraySlice<UInt8>, final: Bool, to w: inout BitWriter) {
        var litFreq = [Int](repeating: 0, count: 286)
        var distFreq = [Int](repeating: 0, count: 30)
        var extraBits = 0
        let lengthSymbol = lengthSymbol, lengthExtra = lengthExtra, distanceExtra = distanceExtra
        let distanceCodes = distanceCodes
        for t in tokens {
            if t.distance == 0 {
                litFreq[Int(t.length)] += 1
            } else {
                let ls = Int(lengthSymbol[Int(t.length)])
                litFreq[257 + ls] += 1
                extraBits += lengthExtra[ls]
                let ds = distanceSymbol(Int(t.distance), codes: distanceCodes)
                distFreq[ds] += 1
                extraBits += distanceExtra[ds]
            }
        }
        litFreq[256] += 1
        var litLengths = Huffman.codeLengths(litFreq, maxLength: 15)
        var distLengths = Huffman.codeLengths(distFreq, maxLength: 15)
        if distLengths.allSatisfy({ $0 == 0 }) { distLengths[0] = 1 }
        let header = DynamicHeader(litLengths: litLengths, distLengths: distLengths)
        func cost(_ ll: [Int], _ dl: [Int]) -> Int {
            var c = extraBits
            for (s, f) in litFreq.enumerated() where f > 0 { c += f * ll[s] }
            for (s, f) in distFreq.enumerated() where f > 0 { c += f * dl[s] }
            return c
        }
        let dynamicBits = 3 + header.bitCount + cost(litLengths, distLengths)
        let fixedBits = 3 + cost(fixedLiteralLengths, fixedDistanceLengths)
        let storedBits = 3 + 7 + 32 + raw.count * 8 + (raw.count / 65535) * 40
        if storedBits < min(dynamicBits, fixedBits) {
            writeStored(raw, final: final, to: &w)
            return
        }
        if fixedBits <= dynamicBits {
            w.write(final ? 1 : 0, length: 1)
            w.write(1, length: 2)
            litLengths = fixedLiteralLengths
            distLengths = fixedDistanceLengths
        } else {
            w.write(final ? 1 : 0, length: 1)
            w.write(2, length: 2)
            header.write(to: &w)
        }
        writeTokens(tokens, litLengths: litLengths, distLengths: distLengths, to: &w)
    }

    /// An empty, non-final stored block: it brings the stream to a byte boundary (zlib's
    /// sync flush), so another segment's bytes can be appended.
    static func writeEmptyStored(to w: inout BitWriter) {
        writeStored([UInt8]()[...], final: false, to: &w)
    }

    private static func writeStored(_ raw: ArraySlice<UInt8>, final: Bool, to w: inout BitWriter) {
        var start = raw.startIndex
        repeat {
            let end = min(raw.endIndex, start + 65535)
            let last = final && end == raw.endIndex
            w.write(last ? 1 : 0, length: 1)
            w.write(0, length: 2)
            w.alignToByte()
            let len = UInt32(end - start)
            w.write(len, length: 16)
            w.write(len ^ 0xFFFF, length: 16)
            w.writeBytes(raw[start..<end])
            start = end
        } while start < raw.endIndex
    }

    private static func writeTokens(_ tokens: [LZToken], litLengths: [Int], distLengths: [Int],
                                    to w: inout BitWriter) {
        // Codes pre-reversed so the hot loop writes them LSB-first directly.
        let litCodes = Huffman.canonicalCodes(litLengths).enumerated().map {
            BitWriter.reverse($0.element, litLengths[$0.offset])
        }
        let distCodes = Huffman.canonicalCodes(distLengths).enumerated().map {
            BitWriter.reverse($0.element, distLengths[$0.offset])
        }
        let lengthSymbol = lengthSymbol, lengthBase = lengthBase, lengthExtra = lengthExtra
        let distanceBase = distanceBase, distanceExtra = distanceExtra, distanceCodes = distanceCodes
        for t in tokens {
            if t.distance == 0 {
                let s = Int(t.length)
                w.write(litCodes[s], length: litLengths[s])
            } else {
                let l = Int(t.length)
                let ls = Int(lengthSymbol[l])
                w.write(litCodes[257 + ls], length: litLengths[257 + ls])
                if lengthExtra[ls] > 0 { w.write(UInt32(l - lengthBase[ls]), length: lengthExtra[ls]) }
                let d = Int(t.distance)
                let ds = distanceSymbol(d, codes: distanceCodes)
                w.write(distCodes[ds], length: distLengths[ds])
                if distanceExtra[ds] > 0 { w.write(UInt32(d - distanceBase[ds]), length: distanceExtra[ds]) }
            }
        }
        w.write(litCodes[256], length: litLengths[256])
    }
}

/// The header of a dynamic Huffman block: code lengths, run-length coded with symbols 16-18.
struct DynamicHeader {
    private var hlit: Int
    private var hdist: Int
    private var hclen: Int
    private var symbols: [(symbol: Int, extra: Int, extraBits: Int)] = []
    private var clLengths: [Int]
    private var clCodes: [UInt32]

    init(litLengths: [Int], distLengths: [Int]) {
        var nl = 286
        while nl > 257 && litLengths[nl - 1] == 0 { nl -= 1 }
        var nd = 30
        while nd > 1 && distLengths[nd - 1] == 0 { nd -= 1 }
        hlit = nl
        hdist = nd
        let all = Array(litLengths[0..<nl]) + Array(distLengths[0..<nd])
        var i = 0
        while i < all.count {
            let v = all[i]
            var run = 1
            while i + run < all.count && all[i + run] == v { run += 1 }
            if v == 0 && run >= 3 {
                let r = min(run, 138)
                symbols.append(r >= 11 ? (18, r - 11, 7) : (17, r - 3, 3))
                i += r
            } else if v != 0 && run >= 4 {
                symbols.append((v, 0, 0))
                let r = min(run - 1, 6)
                symbols.append((16, r - 3, 2))
                i += 1 + r
            } else {
                symbols.append((v, 0, 0))
                i += 1
            }
        }
        var freq = [Int](repeating: 0, count: 19)
        for s in symbols { freq[s.symbol] += 1 }
        clLengths = Huffman.codeLengths(freq, maxLength: 7)
        clCodes = Huffman.canonicalCodes(clLengths)
        var n = 19
        while n > 4 && clLengths[BlockWriter.clOrder[n - 1]] == 0 { n -= 1 }
        hclen = n
    }

    /// Size of the header in bits (after the 3 block-type bits).
    var bitCount: Int {
        var c = 5 + 5 + 4 + 3 * hclen
        for s in symbols { c += clLengths[s.symbol] + s.extraBits }
        return c
    }

    func write(to w: inout BitWriter) {
        w.write(UInt32(hlit - 257), length: 5)
        w.write(UInt32(hdist - 1), length: 5)
        w.write(UInt32(hclen - 4), length: 4)
        for k in 0..<hclen { w.write(UInt32(clLengths[BlockWriter.clOrder[k]]), length: 3) }
        for s in symbols {
            w.writeCode(clCodes[s.symbol], length: clLengths[s.symbol])
            if s.extraBits > 0 { w.write(UInt32(s.extra), length: s.extraBits) }
        }
    }
}
