/// A deflate (RFC 1951) and zlib (RFC 1950) compressor: LZ77 with hash chains and lazy
/// matching (zlib level 6 cut-offs, chains of 8; see `LZ77Matcher`), dynamic Huffman blocks
/// with 15-bit length limits, and fixed or stored blocks where those come out smaller.
///
/// Large inputs are cut into equal segments of at most `segmentBytes` that are compressed on all
/// cores at once and joined into one stream, as pigz does: each segment but the last ends with
/// an empty stored block, so it ends on a byte boundary, and its matches may reach back into
/// the 32 KB before it, which the decoder already holds. The segments are fixed by the input's
/// size, not by the number of cores, so the output is the same on every machine. A 2x
/// decision-boundary figure (3.7 MB of filtered scanlines, four segments) grows by under 0.1%.
public enum Deflate {
    /// The size of the segments compressed in parallel.
    static let segmentBytes = 1 << 20

    /// Compresses bytes into a zlib stream (header, deflate data, Adler-32).
    /// - Parameter data: The bytes to compress.
    /// - Returns: The zlib stream that `zlib.decompress` accepts.
    public static func zlibCompress(_ data: [UInt8]) -> [UInt8] {
        zlibCompress(data, segments: segments(of: data.count))
    }

    /// Compresses bytes into a zlib stream cut into the given segments (tests compare the PNG
    /// encoder's bands, each deflated on its own, with this).
    /// - Parameters:
    ///   - data: The bytes to compress.
    ///   - ranges: Consecutive segments covering `data`, none empty (unless `data` is).
    /// - Returns: The zlib stream.
    static func zlibCompress(_ data: [UInt8], segments ranges: [Range<Int>]) -> [UInt8] {
        precondition(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == data.count
                     && zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound },
                     "segments must cover the data in order")
        let parts = ForkJoin.map(iterations: ranges.count) { k in
            Segment(deflated: compress(data, range: ranges[k], final: k == ranges.count - 1),
                    checksum: Adler32.checksum(data, range: ranges[k]), length: ranges[k].count)
        }
        return zlibStream(parts)
    }

    /// One segment of a zlib stream, compressed on its own (see `zlibStream(_:)`).
    struct Segment: Sendable {
        /// Its deflate bytes: all but the stream's last segment end on a byte boundary.
        let deflated: [UInt8]
        /// The Adler-32 of its input.
        let checksum: UInt32
        /// Its input length.
        let length: Int
    }

    /// Joins segments compressed on their own into one zlib stream: the header, the segments'
    /// deflate bytes in order (the last one with the final block), and the Adler-32 of all the
    /// input, combined from each segment's.
    /// - Parameter parts: The segments, in input order.
    /// - Returns: The zlib stream.
    static func zlibStream(_ parts: [Segment]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x9C]
        out.reserveCapacity(2 + parts.reduce(0) { $0 + $1.deflated.count } + 4)
        var a: UInt32 = 1
        for part in parts {
            out += part.deflated
            a = Adler32.combine(a, part.checksum, secondLength: part.length)
        }
        out += [UInt8(a >> 24), UInt8((a >> 16) & 0xFF), UInt8((a >> 8) & 0xFF), UInt8(a & 0xFF)]
        return out
    }

    /// Compresses bytes into a raw deflate stream (one segment, on the calling thread).
    /// - Parameter data: The bytes to compress.
    /// - Returns: Raw deflate data (no zlib header).
    public static func compress(_ data: [UInt8]) -> [UInt8] {
        compress(data, range: 0..<data.count, final: true)
    }

    /// The segments `zlibCompress` cuts `count` bytes into: an even number (or one) of equal
    /// segments of at most `segmentBytes`, so two cores finish together.
    ///
    /// A 2x figure's 3.7 MB used to be three segments, the last 1.7 MB long, and one core
    /// compressed two of them while the other waited; four of 0.92 MB take the longest path
    /// from 2.7 MB to 1.85 MB.
    static func segments(of count: Int) -> [Range<Int>] {
        var n = max(1, (count + segmentBytes - 1) / segmentBytes)
        if n > 1 && n % 2 == 1 { n += 1 }
        let length = (count + n - 1) / n
        return (0..<n).map { k in min(count, k * length)..<min(count, (k + 1) * length) }
    }

    /// How far back a match may reach: a segment needs this many bytes before it (fewer at the
    /// start of the data) as its history.
    static var historyBytes: Int { LZ77Matcher.maxDistance }

    /// Compresses `data[range]` as the part of a deflate stream that follows `data[..<range]`
    /// (of which only the last `historyBytes` are read).
    /// - Parameters:
    ///   - data: The whole input.
    ///   - range: The segment to compress.
    ///   - final: Whether the segment ends the stream; if not, it ends with an empty stored
    ///     block, on a byte boundary, so the next segment's bytes can follow.
    /// - Returns: The segment's deflate bytes.
    static func compress(_ data: [UInt8], range: Range<Int>, final: Bool) -> [UInt8] {
        var tables = LZ77Matcher.Tables()
        return compress(data, range: range, final: final, tables: &tables)
    }

    /// `compress(_:range:final:)` with hash tables kept from the caller's previous segment.
    /// - Parameters:
    ///   - data: The whole input.
    ///   - range: The segment to compress.
    ///   - final: Whether the segment ends the stream.
    ///   - tables: Tables to reuse (taken for the call and given back, reset on the next).
    /// - Returns: The segment's deflate bytes.
    static func compress(_ data: [UInt8], range: Range<Int>, final: Bool, tables: inout LZ77Matcher.Tables) -> [UInt8] {
        var writer = BitWriter(capacity: range.count / 16 + 1024)   // grows by doubling
        var matcher = LZ77Matcher(data: data, range: range, tables: &tables)
        defer { tables = matcher.takeTables() }
        var blockStart = range.lowerBound
        var done = false
        while !done {
            let (tokens, end) = matcher.nextBlock(maxTokens: 16383)
            done = end >= range.upperBound
            BlockWriter.write(tokens: tokens, raw: data[blockStart..<end], final: done && final, to: &writer)
            blockStart = end
        }
        if !final { BlockWriter.writeEmptyStored(to: &writer) }
        return writer.finish()
    }
}
