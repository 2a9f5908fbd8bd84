/// A deflate (RFC 1951) and zlib (RFC 1950) compressor: LZ77 with hash chains and lazy
/// matching (zlib level 6 cut-offs, chains of 16; see `LZ77Matcher`), dynamic Huffman blocks
/// with 15-bit length limits, and fixed or stored blocks where those come out smaller.
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
        var writer = BitWriter(capacity: data.count / 16 + 1024)   // grows by doubling
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
