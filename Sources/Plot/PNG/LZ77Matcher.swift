/// One LZ77 token: a literal byte (distance 0) or a back-reference.
struct LZToken {
    /// The literal byte, or the match length (3...258).
    var length: UInt16
    /// The match distance (1...32768), 0 for a literal.
    var distance: UInt16
}

/// Finds LZ77 matches with zlib's hash chains and lazy evaluation (zlib's level 6 cut-offs: a
/// quarter of the chain past a good match of 8, no lazy search past 16, stop at 128), but
/// chains of 8 instead of 128. Shorter chains are faster and, on our figures, smaller: deeper
/// searches find matches a byte or two longer but far back, whose distance codes cost more
/// than they save. Chains of 16 against 8 on the Plot tests' figures: every PNG 0.1-3% larger
/// with 16 (the 2x decision-boundary figure of the benchmark 149,336 bytes against 148,112),
/// and its deflate about 4.8 ms against 4.0 ms (measured before markers were stamped and
/// before the insertion rule below; today's sizes are at the end).
///
/// This is deflate's core loop and uses unsafe code (docs/plotting.md lists where): the input
/// and the hash tables are read through buffer pointers inside `nextBlock`, with bounds
/// asserted in debug builds. Speed tricks, measured on a 1280 x 960 figure (3.7 MB of filtered
/// scanlines, mostly zero runs; release build, 2 shared cores):
/// - match lengths compared 8 bytes at a time (`matchLength`);
/// - the run at distance 1 is tried before the chain, so long runs of one byte are found at
///   once and coded with the cheapest distance;
/// - only the last 3 positions of a match longer than `maxInsert` go into the hash chains
///   (zlib's level 6 inserts every position of every match), so a run of zeros costs one
///   comparison per 258 bytes instead of 258 hash insertions, and chains stay short and
///   varied; the window a segment is primed with leaves out the inside of every run of one
///   byte (all but its first and last three positions);
/// - the last match's distance is tried right after distance 1 (a repeat offset, as in LZMA
///   and zstd), so a match cut at 258 bytes continues although its source's inside is not in
///   the chains (periodic data, a row repeating the one above).
/// Together (with the table lookups in `BlockWriter`): deflate of a 1,000-point loss curve
/// 16 ms -> 3.1 ms, of 200 x 200 decision regions with 300 points 20 ms -> 7 ms, when only
/// runs at distance 1 skipped their insertions (output then 0.3% smaller and 0.03% larger
/// than zlib level 6, which takes 11-14 ms on the same data).
///
/// Long matches at other distances (a marker's rows repeated by the next marker, a row like
/// one above it but not filtered with Up) were still inserted position by position: 706,000
/// insertions for the benchmark's 2x decision boundary against 98,000 positions searched, and
/// the time went to those inserts. Keeping only their last three cut the insertions to
/// 122,000 and that figure's deflate from 3.2 to 2.5 ms (median of 15 new processes each), for
/// 2.1% more bytes. With the repeat offset, every PNG of the Plot tests is within 3.5% of
/// zlib level 6 on the same filtered rows (the test bound is 1.15x).
struct LZ77Matcher {
    private let data: [UInt8]
    private var head: [Int32]
    private var prev: [Int32]
    private var pos = 0
    private var pendingLiteral = false
    private var pendingLength = 0
    private var pendingDistance = 0
    /// The distance of the last match emitted, tried first at the next position.
    private var lastDistance = 0

    private static let windowSize = 32768
    private static let hashSize = 1 << 15
    private static let maxChain = 8
    private static let goodLength = 8
    private static let maxLazy = 16
    private static let niceLength = 128
    private static let maxInsert = 32
    /// The farthest a match reaches back (zlib's: the window less its lookahead).
    static let maxDistance = 32768 - 262

    /// Where matching stops: the end of the segment being compressed.
    private let end: Int

    /// The hash chains' tables, kept from one segment to the next by a caller that compresses
    /// several (256 KB that a new process would otherwise fault in for each).
    struct Tables {
        fileprivate var head: [Int32] = []
        fileprivate var prev: [Int32] = []

        /// No tables yet: the first matcher makes them.
        init() {}
    }

    /// Creates a matcher for one segment of `data`, as the continuation of a deflate stream
    /// that already holds everything before `range` (pigz's way of compressing on several
    /// cores): matches may reach back into the 32 KB before the segment, whose positions are
    /// put in the hash chains first, and never past `range.upperBound`.
    /// - Parameters:
    ///   - data: The whole input.
    ///   - range: The segment to match.
    ///   - tables: Tables to reuse, taken (left empty) so that this matcher holds the only
    ///     reference and clears them in place; `takeTables()` hands them back. (A copy would
    ///     share them with the caller, and the first write would copy 256 KB.)
    init(data: [UInt8], range: Range<Int>, tables: inout Tables) {
        precondition(range.lowerBound >= 0 && range.upperBound <= data.count, "segment out of bounds")
        self.data = data
        end = range.upperBound
        pos = range.lowerBound
        head = []
        prev = []
        swap(&head, &tables.head)
        swap(&prev, &tables.prev)
        if head.count == Self.hashSize && prev.count == Self.windowSize {
            // Only the heads need clearing. A chain is read from a head, and every link it
            // reaches was written this segment: `prev` at a position is written when that
            // position goes in, and only positions that went in this segment are ever linked
            // to. That slot is not overwritten before it is read, because a link is followed
            // only within `maxDistance` (< `windowSize`) of the search position, checked before
            // `prev` is read, and no position past the search has gone in yet. So what an
            // earlier segment left in `prev` is never read, and the tokens are those of fresh
            // tables (tested). Keep those three conditions if the chain walk changes.
            head.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        } else {
            head = [Int32](repeating: -1, count: Self.hashSize)
            prev = [Int32](repeating: -1, count: Self.windowSize)
        }
        let primed = max(0, range.lowerBound - Self.maxDistance)..<range.lowerBound
        data.withUnsafeBufferPointer { d in
            head.withUnsafeMutableBufferPointer { h in
                prev.withUnsafeMutableBufferPointer { p in
                    // The inside of a run of one byte stays out of the chains (its start and
                    // its last three positions go in), as the scan keeps most of a long match
                    // out: the window before a segment of scanlines is mostly zero runs, and a
                    // segment's matches into them are found at distance 1 or from the run's end.
                    for i in primed where i + 2 < end {
                        if i > primed.lowerBound && i + 3 < primed.upperBound && d[i - 1] == d[i]
                            && d[i + 3] == d[i] && d[i + 1] == d[i] && d[i + 2] == d[i] { continue }
                        _ = Self.insert(i, d, head: h, prev: p)
                    }
                }
            }
        }
    }

    /// Hands the hash tables over for the next segment's matcher, leaving this one without.
    mutating func takeTables() -> Tables {
        var tables = Tables()
        swap(&tables.head, &head)
        swap(&tables.prev, &prev)
        return tables
    }

    /// Puts position `i` (with two bytes after it) at the head of its hash chain and returns
    /// the previous head.
    @inline(__always)
    private static func insert(_ i: Int, _ d: UnsafeBufferPointer<UInt8>, head: UnsafeMutableBufferPointer<Int32>,
                               prev: UnsafeMutableBufferPointer<Int32>) -> Int {
        let h = hash(d[i], d[i + 1], d[i + 2])
        let old = Int(head[h])
        prev[i & (windowSize - 1)] = Int32(old)
        head[h] = Int32(i)
        return old
    }

    /// The hash-chain bucket of the three bytes at a position.
    @inline(__always)
    private static func hash(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        ((Int(a) << 10) ^ (Int(b) << 5) ^ Int(c)) & (hashSize - 1)
    }

    /// Produces up to `maxTokens` tokens and the input position they cover up to.
    mutating func nextBlock(maxTokens: Int) -> ([LZToken], Int) {
        var tokens: [LZToken] = []
        tokens.reserveCapacity(maxTokens + 1)
        var head: [Int32] = [], prev: [Int32] = []
        swap(&head, &self.head)
        swap(&prev, &self.prev)
        var state = (pos: pos, literal: pendingLiteral, length: pendingLength, distance: pendingDistance,
                     last: lastDistance)
        data.withUnsafeBufferPointer { d in
            head.withUnsafeMutableBufferPointer { h in
                prev.withUnsafeMutableBufferPointer { p in
                    Self.scan(d, end: end, head: h, prev: p, state: &state, maxTokens: maxTokens, into: &tokens)
                }
            }
        }
        swap(&head, &self.head)
        swap(&prev, &self.prev)
        (pos, pendingLiteral, pendingLength, pendingDistance, lastDistance) = state
        // Bytes covered: everything before pos, less a literal still pending at pos - 1.
        return (tokens, pendingLiteral ? pos - 1 : pos)
    }

    /// The lazy-matching loop (zlib's deflate_slow) over one block.
    private static func scan(_ d: UnsafeBufferPointer<UInt8>, end n: Int, head: UnsafeMutableBufferPointer<Int32>,
                             prev: UnsafeMutableBufferPointer<Int32>,
                             state: inout (pos: Int, literal: Bool, length: Int, distance: Int, last: Int),
                             maxTokens: Int, into tokens: inout [LZToken]) {
        assert(head.count == hashSize && prev.count == windowSize && n <= d.count)
        var pos = state.pos
        var pendingLiteral = state.literal, pendingLength = state.length, pendingDistance = state.distance
        var lastDistance = state.last

        @inline(__always) func insert(_ i: Int) -> Int {
            guard i + 2 < n else { return -1 }
            return Self.insert(i, d, head: head, prev: prev)
        }

        while pos < n && tokens.count < maxTokens {
            let candidate = insert(pos)
            var len = 0, dist = 0
            if !pendingLiteral || pendingLength < maxLazy {
                let chain = pendingLength >= goodLength ? maxChain / 4 : maxChain
                (len, dist) = longestMatch(d, end: n, prev: prev, at: pos, candidate: candidate,
                                           best: pendingLiteral ? max(2, pendingLength) : 2, chain: chain,
                                           repeating: lastDistance)
                if len == 3 && dist > 4096 { len = 0 }
                if len < 3 { len = 0 }
            }
            if pendingLiteral && pendingLength >= 3 && len <= pendingLength {
                tokens.append(LZToken(length: UInt16(pendingLength), distance: UInt16(pendingDistance)))
                lastDistance = pendingDistance
                let end = pos - 1 + pendingLength
                // A long match only lengthens the chains with positions that later searches
                // rarely need (a run of one byte none at all): insert just its last few.
                var j = pendingLength > maxInsert ? end - 3 : pos + 1
                while j < end {
                    _ = insert(j)
                    j += 1
                }
                pos = end
                pendingLiteral = false
                pendingLength = 0
            } else {
                if pendingLiteral { tokens.append(LZToken(length: UInt16(d[pos - 1]), distance: 0)) }
                pendingLiteral = true
                pendingLength = len
                pendingDistance = dist
                pos += 1
            }
        }
        if pos >= n && pendingLiteral {
            tokens.append(LZToken(length: UInt16(d[n - 1]), distance: 0))
            pendingLiteral = false
        }
        state = (pos, pendingLiteral, pendingLength, pendingDistance, lastDistance)
    }

    /// The longest match at `i` (the run at distance 1, the last match's distance
    /// `repeating`, then the chain from `candidate`), longer than `best`; (0, 0) when there is
    /// none.
    @inline(__always)
    private static func longestMatch(_ d: UnsafeBufferPointer<UInt8>, end: Int, prev: UnsafeMutableBufferPointer<Int32>,
                                     at i: Int, candidate: Int, best: Int, chain: Int, repeating: Int) -> (Int, Int) {
        let maxLen = min(258, end - i)
        var bestLen = best, bestDist = 0
        guard maxLen > bestLen else { return (0, 0) }
        // The run at distance 1, then the last match's distance: the continuation of a match
        // cut at 258 bytes, whose source's inside stayed out of the hash chains (periodic
        // data, a row repeating the one above). Each returns whether the search is over.
        @inline(__always) func tryDistance(_ distance: Int) -> Bool {
            let r = i - distance
            guard d[r + bestLen] == d[i + bestLen] && d[r] == d[i] else { return false }
            let l = matchLength(d, r, i, maxLen)
            guard l > bestLen else { return false }
            bestLen = l
            bestDist = distance
            return l >= niceLength || l == maxLen
        }
        if i > 0 && tryDistance(1) { return (bestLen, bestDist) }
        if repeating > 1 && repeating <= min(i, maxDistance) && tryDistance(repeating) { return (bestLen, bestDist) }
        var cand = candidate
        var remaining = chain
        var last = i
        while cand >= 0 && cand < last && i - cand <= maxDistance && remaining > 0 {
            if d[cand + bestLen] == d[i + bestLen] && d[cand] == d[i] {
                let l = matchLength(d, cand, i, maxLen)
                if l > bestLen {
                    bestLen = l
                    bestDist = i - cand
                    if l >= niceLength || l == maxLen { break }
                }
            }
            last = cand
            cand = Int(prev[cand & (windowSize - 1)])
            remaining -= 1
        }
        return bestDist == 0 ? (0, 0) : (bestLen, bestDist)
    }

    /// How many bytes (at most `maxLen`) agree at `a` and `b` (`a < b`), 8 at a time.
    @inline(__always)
    private static func matchLength(_ d: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ maxLen: Int) -> Int {
        assert(a >= 0 && a < b && b + maxLen <= d.count)
        guard let base = d.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var l = 0
        while l + 8 <= maxLen {
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: a + l, as: UInt64.self))
                ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: b + l, as: UInt64.self))
            if x != 0 { return l + x.trailingZeroBitCount >> 3 }
            l += 8
        }
        while l < maxLen && d[a + l] == d[b + l] { l += 1 }
        return l
    }
}
