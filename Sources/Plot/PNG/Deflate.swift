/// A deflate (RFC 1951) and zlib (RFC 1950) compressor: LZ77 with hash chains and lazy
/// matching (zlib level 6 parameters), dynamic Huffman blocks with 15-bit length limits, and
/// fixed or stored blocks where those come out smaller.
public enum Deflate {
    /// Compresses bytes into a zlib stream (header, deflate data, Adler-32).
    /// - Parameter data: The bytes to compress.
    /// - Returns: The zlib stream that `zlib.decompress` accepts.
    public static func zlibCompress(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x9C]
        out += compress(data)
        let a = Adler32.checksum(data)
        out += [UInt8(a >> 24), UInt8((a >> 16) & 0xFF), UInt8((a >> 8) & 0xFF), UInt8(a & 0xFF)]
        return out
    }

    /// Compresses bytes into a raw deflate stream.
    /// - Parameter data: The bytes to compress.
    /// - Returns: Raw deflate data (no zlib header).
    public static func compress(_ data: [UInt8]) -> [UInt8] {
        var writer = BitWriter(capacity: data.count / 2 + 1024)
        var matcher = LZ77Matcher(data: data)
        var blockStart = 0
        var done = false
        while !done {
            let (tokens, end) = matcher.nextBlock(maxTokens: 16383)
            done = end >= data.count
            BlockWriter.write(tokens: tokens, raw: data[blockStart..<end], final: done, to: &writer)
            blockStart = end
        }
        return writer.finish()
    }
}

/// One LZ77 token: a literal byte (distance 0) or a back-reference.
struct LZToken {
    /// The literal byte, or the match length (3...258).
    var length: UInt16
    /// The match distance (1...32768), 0 for a literal.
    var distance: UInt16
}

/// Finds LZ77 matches with zlib's hash chains and lazy evaluation (level 6 settings).
struct LZ77Matcher {
    private let data: [UInt8]
    private var head: [Int32]
    private var prev: [Int32]
    private var pos = 0
    private var pendingLiteral = false
    private var pendingLength = 0
    private var pendingDistance = 0

    private static let windowSize = 32768
    private static let hashSize = 1 << 15
    private static let maxChain = 128
    private static let goodLength = 8
    private static let maxLazy = 16
    private static let niceLength = 128
    private static let maxDistance = 32768 - 262

    init(data: [UInt8]) {
        self.data = data
        head = [Int32](repeating: -1, count: Self.hashSize)
        prev = [Int32](repeating: -1, count: Self.windowSize)
    }

    /// Inserts position `i` in the hash chains and returns the previous chain head.
    @inline(__always)
    private mutating func insert(_ i: Int) -> Int {
        guard i + 2 < data.count else { return -1 }
        let h = ((Int(data[i]) << 10) ^ (Int(data[i + 1]) << 5) ^ Int(data[i + 2])) & (Self.hashSize - 1)
        let old = Int(head[h])
        prev[i & (Self.windowSize - 1)] = Int32(old)
        head[h] = Int32(i)
        return old
    }

    /// The longest match at `i` along the chain starting at `candidate`, longer than `best`.
    private func longestMatch(at i: Int, candidate: Int, best: Int, chain: Int) -> (Int, Int) {
        let maxLen = min(258, data.count - i)
        var bestLen = best, bestDist = 0
        guard maxLen > bestLen else { return (0, 0) }
        var cand = candidate
        var remaining = chain
        var last = i
        while cand >= 0 && cand < last && i - cand <= Self.maxDistance && remaining > 0 {
            if data[cand + bestLen] == data[i + bestLen] && data[cand] == data[i] {
                var l = 0
                while l < maxLen && data[cand + l] == data[i + l] { l += 1 }
                if l > bestLen {
                    bestLen = l
                    bestDist = i - cand
                    if l >= Self.niceLength || l == maxLen { break }
                }
            }
            last = cand
            cand = Int(prev[cand & (Self.windowSize - 1)])
            remaining -= 1
        }
        return bestDist == 0 ? (0, 0) : (bestLen, bestDist)
    }

    /// Produces up to `maxTokens` tokens and the input position they cover up to.
    mutating func nextBlock(maxTokens: Int) -> ([LZToken], Int) {
        var tokens: [LZToken] = []
        tokens.reserveCapacity(maxTokens + 1)
        let n = data.count
        while pos < n && tokens.count < maxTokens {
            let candidate = insert(pos)
            var len = 0, dist = 0
            if !pendingLiteral || pendingLength < Self.maxLazy {
                let chain = pendingLength >= Self.goodLength ? Self.maxChain / 4 : Self.maxChain
                (len, dist) = longestMatch(at: pos, candidate: candidate,
                                           best: pendingLiteral ? max(2, pendingLength) : 2,
                                           chain: chain)
                if len == 3 && dist > 4096 { len = 0 }
                if len < 3 { len = 0 }
            }
            if pendingLiteral && pendingLength >= 3 && len <= pendingLength {
                tokens.append(LZToken(length: UInt16(pendingLength), distance: UInt16(pendingDistance)))
                let end = pos - 1 + pendingLength
                var j = pos + 1
                while j < end {
                    _ = insert(j)
                    j += 1
                }
                pos = end
                pendingLiteral = false
                pendingLength = 0
            } else {
                if pendingLiteral { tokens.append(LZToken(length: UInt16(data[pos - 1]), distance: 0)) }
                pendingLiteral = true
                pendingLength = len
                pendingDistance = dist
                pos += 1
            }
        }
        if pos >= n && pendingLiteral {
            tokens.append(LZToken(length: UInt16(data[n - 1]), distance: 0))
            pendingLiteral = false
        }
        // Bytes covered: everything before pos, less a literal still pending at pos - 1.
        return (tokens, pendingLiteral ? pos - 1 : pos)
    }
}
