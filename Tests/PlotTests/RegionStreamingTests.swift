import Foundation
import Testing
@testable import Plot

// Decision regions drawn from scores that arrive a block of grid rows at a time, against the
// whole grid at once; and the clear-winner loop against the chain of compares it replaced.

@Test(arguments: [(rows: 40, columns: 40), (rows: 23, columns: 57), (rows: 7, columns: 5), (rows: 2, columns: 9)])
func streamedRegionsMatchTheWholeGrid(rows: Int, columns: Int) {
    let scores = curvyScores(rows: rows, columns: columns)
    let extent = Extent(xMin: -1, xMax: 1, yMin: -1, yMax: 1)
    var whole = Figure(width: 300, height: 260)
    whole.regions(scores: scores, classCount: 3, rows: rows, columns: columns, extent: extent)
    for perRequest in Set([1, 2, 3, 5, rows - 1, rows, rows + 4].filter { $0 >= 1 }).sorted() {
        var asked: [Range<Int>] = []
        var streamed = Figure(width: 300, height: 260)
        streamed.regions(rows: rows, columns: columns, classCount: 3, extent: extent, rowsPerRequest: perRequest) { block in
            asked.append(block)
            return Array(scores[(block.lowerBound * columns * 3)..<(block.upperBound * columns * 3)])
        }
        // Blocks of `perRequest` rows in order, each row once, the last one possibly shorter.
        let expected = stride(from: 0, to: rows, by: perRequest).map { $0..<min(rows, $0 + perRequest) }
        #expect(asked == expected, "rows per request \(perRequest)")
        #expect(streamed.svg() == whole.svg(), "rows per request \(perRequest)")
    }
}

@Test func streamedRegionsPassOnTheSourcesError() {
    struct Stop: Error {}
    var fig = Figure(width: 300, height: 260)
    var calls = 0
    #expect(throws: Stop.self) {
        try fig.regions(rows: 30, columns: 30, classCount: 2, extent: Extent(xMin: 0, xMax: 1, yMin: 0, yMax: 1),
                        rowsPerRequest: 4) { block in
            calls += 1
            if block.lowerBound >= 8 { throw Stop() }
            return [Float](repeating: 0, count: block.count * 30 * 2)
        }
    }
    #expect(calls == 3)
    #expect(fig.series.isEmpty)
}

/// The clear winners as the loop before min/max computed them: a chain of compares per class.
private func chainedClearWinners(_ scores: [Float], classCount k: Int) -> [Int32] {
    (0..<(scores.count / k)).map { s in
        var best = 0, first = -Double.infinity, second = -Double.infinity, finite = true
        for c in 0..<k {
            let x = Double(scores[s * k + c])
            finite = finite && x.isFinite
            let leads = x > first
            second = leads ? first : (x > second ? x : second)
            best = leads ? c : best
            first = leads ? x : first
        }
        let clear = finite && first - second > 1e-9 * (abs(first) + abs(second) + 1)
        return clear ? Int32(best) : -1
    }
}

@Test(arguments: 1...5)
func clearWinnersMatchTheChainOfCompares(classCount k: Int) {
    // Scores from a few values (ties, between any classes), with the odd infinity, NaN and
    // signed zero, and near ties that only the margin separates; drawn from a fixed hash of
    // the index, so a failure reproduces.
    let specials: [Float] = [.infinity, -.infinity, .nan, 0, -0.0, 1e-12, 1, 1 + .ulpOfOne, 3e38]
    var scores: [Float] = []
    for j in 0..<(4000 * k) {
        let h = (UInt64(j * 8 + k) &* 0x9E37_79B9_7F4A_7C15) >> 20
        switch h % 10 {
        case 0: scores.append(specials[Int((h >> 8) % UInt64(specials.count))])
        case 1...4: scores.append(Float(Int((h >> 8) % 5) - 2))
        default: scores.append(Float((h >> 8) % 10_000) / 1_000 - 5)
        }
    }
    #expect(RegionRaster.Picker.clearWinners(scores, classCount: k) == chainedClearWinners(scores, classCount: k))
}
