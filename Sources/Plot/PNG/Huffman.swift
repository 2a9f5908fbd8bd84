/// Length-limited canonical Huffman codes, as deflate's dynamic blocks need them.
enum Huffman {
    /// Optimal code lengths for the symbol frequencies, limited to `maxLength` bits.
    ///
    /// Builds an unrestricted Huffman tree (two-queue merge of sorted leaves), then, when it is
    /// too deep, moves leaves up with the JPEG (ITU T.81 Annex K.3) length-count adjustment and
    /// hands the shortest lengths to the most frequent symbols.
    /// - Parameters:
    ///   - frequencies: One count per symbol; zero means the symbol is unused (length 0).
    ///   - maxLength: The longest code allowed (15 for literals and distances, 7 for the
    ///     code-length alphabet).
    /// - Returns: A code length per symbol.
    static func codeLengths(_ frequencies: [Int], maxLength: Int) -> [Int] {
        var lengths = [Int](repeating: 0, count: frequencies.count)
        let used = frequencies.indices.filter { frequencies[$0] > 0 }
            .sorted { (frequencies[$0], $0) < (frequencies[$1], $1) }
        if used.isEmpty { return lengths }
        if used.count == 1 {
            // Two codes of length 1 keep the code complete, which decoders insist on.
            lengths[used[0]] = 1
            if frequencies.count > 1 { lengths[used[0] == 0 ? 1 : 0] = 1 }
            return lengths
        }
        // Two-queue Huffman: leaves are 0..<m (sorted ascending), internal nodes follow.
        let m = used.count
        var weight = used.map { frequencies[$0] }
        var parent = [Int](repeating: -1, count: 2 * m - 1)
        weight.reserveCapacity(2 * m - 1)
        var leaf = 0, node = m
        func takeSmallest() -> Int {
            if leaf < m && (node >= weight.count || weight[leaf] <= weight[node]) {
                leaf += 1
                return leaf - 1
            }
            node += 1
            return node - 1
        }
        while weight.count < 2 * m - 1 {
            let a = takeSmallest(), b = takeSmallest()
            parent[a] = weight.count
            parent[b] = weight.count
            weight.append(weight[a] + weight[b])
        }
        // Depth of every node (the root is last, parents come after children).
        var depth = [Int](repeating: 0, count: 2 * m - 1)
        for i in stride(from: 2 * m - 3, through: 0, by: -1) { depth[i] = depth[parent[i]] + 1 }
        let maxDepth = depth[0..<m].max() ?? 0
        var counts = [Int](repeating: 0, count: max(maxDepth, maxLength) + 2)
        for i in 0..<m { counts[depth[i]] += 1 }
        if maxDepth > maxLength {
            var i = maxDepth
            while i > maxLength {
                while counts[i] > 0 {
                    var j = i - 2
                    while j > 0 && counts[j] == 0 { j -= 1 }
                    counts[i] -= 2
                    counts[i - 1] += 1
                    counts[j + 1] += 2
                    counts[j] -= 1
                }
                i -= 1
            }
        }
        // Most frequent symbols (end of `used`) get the shortest lengths.
        var k = m - 1
        for len in 1..<counts.count {
            for _ in 0..<counts[len] {
                lengths[used[k]] = len
                k -= 1
            }
        }
        return lengths
    }

    /// Canonical codes (RFC 1951 §3.2.2) for the given lengths, most-significant bit first.
    /// - Parameter lengths: A code length per symbol (0 = unused).
    /// - Returns: A code per symbol.
    static func canonicalCodes(_ lengths: [Int]) -> [UInt32] {
        let maxLen = lengths.max() ?? 0
        var blCount = [Int](repeating: 0, count: maxLen + 1)
        for l in lengths where l > 0 { blCount[l] += 1 }
        var next = [UInt32](repeating: 0, count: maxLen + 2)
        var code: UInt32 = 0
        if maxLen > 0 {
            for bits in 1...maxLen {
                code = (code + UInt32(blCount[bits - 1])) << 1
                next[bits] = code
            }
        }
        var codes = [UInt32](repeating: 0, count: lengths.count)
        for (s, l) in lengths.enumerated() where l > 0 {
            codes[s] = next[l]
            next[l] += 1
        }
        return codes
    }
}
