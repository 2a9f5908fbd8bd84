import Testing
@testable import Plot

/// A small deterministic generator (xorshift64*), so test data is the same on every run.
struct TestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }
}

/// Sample inputs: name and bytes. Python's zlib decompresses each `.z` file and compares it
/// with the `.raw` file (Tests/python/test_plot_png.py).
func deflateSamples() -> [(String, [UInt8])] {
    var rng = TestRandom(state: 42)
    let random = (0..<20000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    let text = Array(String(repeating: "the quick brown fox jumps over the lazy dog; ", count: 400).utf8)
    let zeros = [UInt8](repeating: 0, count: 70000)
    let ramp = (0..<50000).map { UInt8(($0 / 7) % 256) }
    let skewed = (0..<30000).map { _ in UInt8(rng.next() % 100 < 90 ? rng.next() % 4 : rng.next() % 256) }
    // Like filtered figure rows: long zero runs (matches past the insertion limit, distance 1)
    // broken by short repeated strokes and a little noise.
    var rows: [UInt8] = []
    for r in 0..<60 {
        rows += [UInt8](repeating: 0, count: 500 + r * 13)
        rows += [2, 255, 254, 1, 0, 3, 7, 7, 7, 7, 9] + (0..<(r % 9)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }
    // Over two segments of `Deflate.segmentBytes`, compressed in parallel: the figure-like rows
    // repeat across the cut, so matches reach back into the previous segment.
    var segmented: [UInt8] = []
    while segmented.count < 2 * Deflate.segmentBytes + 300_000 { segmented += rows + random[0..<3000] }
    return [("empty", []), ("one", [65]), ("random", random), ("text", text), ("zeros", zeros),
            ("ramp", ramp), ("skewed", skewed), ("rows", rows), ("segmented", segmented)]
}

@Test func crc32KnownValues() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum([UInt8]()) == 0)
    #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
}

@Test func crc32EightBytesAtATimeMatchesByteAtATime() {
    var sliced = CRC32()
    sliced.update(Array("123456789".utf8))
    #expect(sliced.value == 0xCBF4_3926)
    var rng = TestRandom(state: 7)
    for length in Array(0...41) + [4_099, 100_003] {
        let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        var fast = CRC32(), slow = CRC32()
        fast.update(Array("IDAT".utf8))   // a state carried over from earlier bytes
        fast.update(bytes)
        slow.update(Array("IDAT".utf8)[...])
        slow.update(bytes[...])            // an ArraySlice takes the byte-at-a-time path
        #expect(fast.value == slow.value, "length \(length)")
    }
}

@Test func adler32KnownValues() {
    #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
    #expect(Adler32.checksum([]) == 1)
    #expect(Adler32.checksum([UInt8](repeating: 255, count: 100_000)) == 0x149A_302C)
}

@Test(arguments: [1, 15, 16, 17, 5551, 5552, 5553, 70_001])
func adler32MatchesTheByteByByteDefinition(count: Int) {
    var rng = TestRandom(state: UInt64(count))
    let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    var a: UInt32 = 1, b: UInt32 = 0
    for x in bytes {
        a = (a + UInt32(x)) % 65521
        b = (b + a) % 65521
    }
    #expect(Adler32.checksum(bytes) == (b << 16) | a)
    // Fed in pieces, too.
    var c = Adler32()
    c.update(Array(bytes[..<(count / 3)]))
    c.update(Array(bytes[(count / 3)...]))
    #expect(c.value == (b << 16) | a)
}

@Test(arguments: [
    ([1, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 1 << 17], 7),
    ([5, 9, 12, 13, 16, 45], 15),
    ([0, 3, 0, 0, 7], 15),
])
func huffmanLengthsAreCompleteAndLimited(freq: [Int], limit: Int) {
    let lengths = Huffman.codeLengths(freq, maxLength: limit)
    #expect(lengths.max()! <= limit)
    // Kraft sum of a complete prefix code is exactly 1.
    let kraft = lengths.filter { $0 > 0 }.reduce(0.0) { $0 + 1 / Double(1 << $1) }
    #expect(kraft == 1)
    for (i, f) in freq.enumerated() where f > 0 { #expect(lengths[i] > 0) }
}

@Test func huffmanClassicExample() {
    // CLRS example: a:45 b:13 c:12 d:16 e:9 f:5 -> lengths 1,3,3,3,4,4.
    #expect(Huffman.codeLengths([45, 13, 12, 16, 9, 5], maxLength: 15) == [1, 3, 3, 3, 4, 4])
    #expect(Huffman.canonicalCodes([2, 1, 3, 3]) == [0b10, 0b0, 0b110, 0b111])
}

@Test func deflateCompressesRedundantData() {
    for (name, data) in deflateSamples() {
        let z = Deflate.zlibCompress(data)
        TestOutput.write(data, name: "deflate-\(name).raw")
        TestOutput.write(z, name: "deflate-\(name).z")
        #expect(z.count >= 8)
        if name == "zeros" { #expect(z.count < 200) }
        if name == "text" { #expect(z.count < 400) }
        if name == "rows" { #expect(z.count < 1500) }
        // A period of 1,792 bytes: each 258-byte match continues at the same distance, where
        // the chains hold no positions (zlib level 6: 716 bytes; without trying the last
        // match's distance first, 856).
        if name == "ramp" { #expect(z.count < 760) }
        if name == "random" { #expect(z.count <= data.count + data.count / 100 + 20) }
        if name == "segmented" {
            // Joining the segments costs a few bytes each, not a fresh start's worth.
            let whole = Deflate.compress(data)
            let joins = Deflate.segments(of: data.count).count - 1
            #expect(joins == 3)
            #expect(z.count <= whole.count + 6 + 64 * joins)
        }
    }
}

@Test func segmentsCoverTheInputInOrder() {
    let size = Deflate.segmentBytes
    #expect(Deflate.segments(of: 0) == [0..<0])
    #expect(Deflate.segments(of: size - 1) == [0..<(size - 1)])
    #expect(Deflate.segments(of: size) == [0..<size])
    // Just over one segment: two equal halves, so two cores share the work.
    #expect(Deflate.segments(of: size + 2) == [0..<(size / 2 + 1), (size / 2 + 1)..<(size + 2)])
    // Three segments' worth becomes four equal ones (an even count), none longer than `size`.
    let four = Deflate.segments(of: 2 * size + 5)
    #expect(four.count == 4)
    #expect(four.first?.lowerBound == 0 && four.last?.upperBound == 2 * size + 5)
    #expect(zip(four, four.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    #expect(four.allSatisfy { $0.count <= size && four[0].count - $0.count < four.count })
}

@Test func reusedHashTablesGiveTheTokensOfFreshOnes() {
    // A segment compressed with tables an earlier segment left full must come out as with
    // fresh tables: only the heads are cleared between segments.
    let samples = deflateSamples().filter { $0.1.count > 1000 }
    var tables = LZ77Matcher.Tables()
    for (name, data) in samples + samples.reversed() {
        for range in [0..<data.count, (data.count / 3)..<data.count] {
            let fresh = Deflate.compress(data, range: range, final: true)
            #expect(Deflate.compress(data, range: range, final: true, tables: &tables) == fresh, "\(name) \(range)")
        }
    }
}

@Test func aSegmentReadsOnlyItsHistoryBeforeIt() {
    // A segment's matches reach back `Deflate.historyBytes` at most: bytes before that (the
    // PNG encoder's unfiltered top row, say) must not change its output.
    var rng = TestRandom(state: 7)
    for (name, data) in deflateSamples() where data.count > 3 * Deflate.historyBytes {
        let range = (data.count / 2)..<data.count
        var scrambled = data
        for i in 0..<(range.lowerBound - Deflate.historyBytes) { scrambled[i] = UInt8(truncatingIfNeeded: rng.next()) }
        #expect(Deflate.compress(scrambled, range: range, final: true) == Deflate.compress(data, range: range, final: true),
                "\(name)")
    }
}

@Test func adler32CombineMatchesTheJoinedChecksum() {
    var rng = TestRandom(state: 7)
    let data = (0..<100_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    for cut in [0, 1, 15, 5552, 65521, 70_000, 100_000] {
        let joined = Adler32.combine(Adler32.checksum(data, range: 0..<cut),
                                     Adler32.checksum(data, range: cut..<data.count),
                                     secondLength: data.count - cut)
        #expect(joined == Adler32.checksum(data), "cut at \(cut)")
    }
}

@Test func filteringInBandsGivesTheSameRows() {
    // 3 channels, 40 pixels, 60 rows: noise, repeated rows and flat runs, so every filter and
    // the equal-rows shortcut occur, including at band edges.
    var rng = TestRandom(state: 3)
    let rowBytes = 120, height = 60, stride = rowBytes + 1
    var image = [UInt8](repeating: 0, count: stride * height)
    for y in 0..<height {
        for i in 1...rowBytes {
            image[y * stride + i] = y % 5 == 3 ? image[(y - 1) * stride + i]
                : (y % 7 == 0 ? UInt8(i / 9) : UInt8(truncatingIfNeeded: rng.next() % 6 + UInt64(y)))
        }
    }
    var whole = image
    ScanlineFilter.apply(to: &whole, rowBytes: rowBytes, height: height, channels: 3, bandBytes: 1 << 30)
    for rowsPerBand in [1, 2, 7, 59] {
        var banded = image
        ScanlineFilter.apply(to: &banded, rowBytes: rowBytes, height: height, channels: 3,
                             bandBytes: rowsPerBand * stride)
        #expect(banded == whole, "\(rowsPerBand) rows per band")
    }
}
