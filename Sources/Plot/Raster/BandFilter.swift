import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// PNG-filters a canvas's rows in place while its bands are being painted, in chunks of rows
/// that whichever painting thread is free takes.
///
/// Each band's thread filters its own rows as soon as it has painted them, while they are in
/// its core's cache; when it is done and another band is still being painted, it waits for
/// that band and then takes a share of its chunks. Bands rarely cost the same: in the
/// benchmark's decision boundary the top band holds more of the plot and its markers and
/// finished 0.6-0.9 ms after the bottom one, whose thread then sat idle while the top band's
/// rows were filtered by one core.
///
/// Filtering a row needs the row above it unfiltered. So when a band is painted, and before
/// anyone filters it, the row above each of its chunks is copied aside, and chunks can then be
/// filtered in any order by any thread. A band's first row needs the band above's last row,
/// which is copied too; those rows (one per band below the first) are filtered in `finish`,
/// once every band is done. The bytes are those of one pass over the whole image, whoever
/// filters what.
///
/// A thread waits only once every band has been started, and then only for bands that other
/// threads are painting: it never waits for work queued behind itself (one CPU), nor while a
/// band it could paint is still queued (more bands than threads). Chunks no thread took are
/// filtered in `finish`.
final class BandFilter: Sendable {
    /// Rows per chunk: about 120 KB of a 2x figure's rows, some 40 µs of filtering.
    static let chunkRows = 32

    /// One band's progress.
    private final class Band: Sendable {
        /// The band's first row.
        let first: Int
        /// The rows it filters in chunks: all of the band but its first row (the first band
        /// keeps row 0, which has no row above); they end where the band ends.
        let rows: Range<Int>
        /// Its first slot in `saved`: a copy of the row above each chunk, then of the band's
        /// last row.
        let firstSlot: Int
        let painted = Atomic<Bool>(false)
        let nextChunk = Atomic<Int>(0)

        init(band: Range<Int>, firstSlot: Int) {
            first = band.lowerBound
            rows = (first == 0 ? first : min(band.upperBound, first + 1))..<band.upperBound
            self.firstSlot = firstSlot
        }

        var chunks: Int { (rows.count + BandFilter.chunkRows - 1) / BandFilter.chunkRows }

        /// The rows of chunk k.
        func chunk(_ k: Int) -> Range<Int> {
            let start = rows.lowerBound + k * BandFilter.chunkRows
            return start..<min(rows.upperBound, start + BandFilter.chunkRows)
        }
    }

    private let bands: [Band]
    /// How many bands have been started.
    private let startedBands = Atomic<Int>(0)
    private let rowBytes: Int
    private let channels: Int
    /// Copies of unfiltered rows, `rowBytes` each (see `Band.firstSlot`). Each band's slots
    /// are written by its painter before the band is published, and only read after.
    nonisolated(unsafe) private let saved: UnsafeMutableBufferPointer<UInt8>

    /// Prepares to filter a canvas painted in the given bands.
    /// - Parameters:
    ///   - bands: Each band's rows, top to bottom, together covering the canvas.
    ///   - rowBytes: Samples per row (the canvas's rows hold a filter byte before them).
    ///   - channels: Bytes per pixel.
    init(bands bandRows: [Range<Int>], rowBytes: Int, channels: Int) {
        self.rowBytes = rowBytes
        self.channels = channels
        var bands: [Band] = []
        var slots = 0
        for rows in bandRows {
            let band = Band(band: rows, firstSlot: slots)
            bands.append(band)
            slots += band.chunks + 1
        }
        self.bands = bands
        saved = .allocate(capacity: max(1, slots * rowBytes))
    }

    deinit { saved.deallocate() }

    /// The samples of row y.
    @inline(__always)
    private func row(_ y: Int, in view: CanvasView) -> UnsafeMutablePointer<UInt8> { view.base + y * view.stride + 1 }

    /// Records that a thread has started painting a band (once all have, threads done with
    /// their own wait for the rest).
    /// - Parameter index: The band's index.
    func started(_ index: Int) {
        precondition(bands.indices.contains(index), "no band \(index)")
        startedBands.add(1, ordering: .releasing)
    }

    /// Copies the rows the band's chunks and the band below need, publishes the band, then
    /// filters its chunks and helps with the other bands' that are painted; once every band
    /// has been started, it also waits for those still being painted and helps with them.
    /// - Parameters:
    ///   - index: The band just painted.
    ///   - view: The canvas.
    func painted(_ index: Int, in view: CanvasView) {
        let band = bands[index]
        guard let slots = saved.baseAddress else { return }
        for k in 0..<band.chunks {
            let above = band.chunk(k).lowerBound - 1
            if above >= 0 { (slots + (band.firstSlot + k) * rowBytes).update(from: row(above, in: view), count: rowBytes) }
        }
        (slots + (band.firstSlot + band.chunks) * rowBytes).update(from: row(band.rows.upperBound - 1, in: view),
                                                                  count: rowBytes)
        band.painted.store(true, ordering: .releasing)
        filterChunks(of: index, in: view)
        for other in bands.indices where other != index { filterChunks(of: other, in: view) }
        // Bands not yet started are this thread's next work (ForkJoin hands them out): wait
        // for others only when none is left to start.
        guard startedBands.load(ordering: .acquiring) == bands.count else { return }
        for other in bands.indices where other != index {
            let b = bands[other]
            while !b.painted.load(ordering: .acquiring) { sched_yield() }
            filterChunks(of: other, in: view)
        }
    }

    /// Filters the rows no thread took, then each band's first row against the band above's
    /// copied last row. Call it once every band is painted and every painter has returned.
    /// - Parameter view: The canvas.
    func finish(in view: CanvasView) {
        for index in bands.indices { filterChunks(of: index, in: view) }
        guard let slots = saved.baseAddress else { return }
        for index in bands.indices.dropFirst() {
            let first = bands[index].first
            let above = bands[index - 1]
            ScanlineFilter.apply(rows: first..<(first + 1), of: view.base, rowBytes: rowBytes, channels: channels,
                                 above: slots + (above.firstSlot + above.chunks) * rowBytes)
        }
    }

    /// Takes the painted band's chunks one at a time until none is left.
    private func filterChunks(of index: Int, in view: CanvasView) {
        let band = bands[index]
        guard band.painted.load(ordering: .acquiring), let slots = saved.baseAddress else { return }
        while true {
            let k = band.nextChunk.add(1, ordering: .relaxed).oldValue
            guard k < band.chunks else { return }
            ScanlineFilter.apply(rows: band.chunk(k), of: view.base, rowBytes: rowBytes, channels: channels,
                                 above: slots + (band.firstSlot + k) * rowBytes)
        }
    }
}
