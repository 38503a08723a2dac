import CKernels
#if canImport(Glibc)
import Glibc
#endif

/// The two passes of ``Selection`` over the whole data: the first (made by `init`) counts, per value
/// window, the values below it and the values in each of its buckets; the second
/// (``collect(window:buckets:_:)``) copies the values of a run of buckets. Both split the data between
/// two threads from ``Selection/parallelThreshold`` values. Each thread's counts become its running totals
/// in place, which answer every question below and size the copy exactly.
///
/// From ``bandThreshold`` values the first pass also narrows the second: both threads first count every
/// eighth block of their shares (a systematic sample of an eighth of the data), a band of buckets is placed
/// around the wanted ranks from the sample's counts, and while the threads count the other seven eighths
/// they keep the values that fall in the band (about 1 % of them). When the buckets to copy lie inside the
/// band, the second pass reads only the sampled eighth and the kept values (at n = 10⁶ it had read all 8 MB
/// again, from L3 or memory); otherwise it reads everything, as before, so the band changes the time, never
/// the result. Fresh memory costs a page fault per 4 KiB (3–18 µs on the reference VM), so only the band is
/// kept, not the whole window (a tenth of the data: its faults cost what the second pass saved); and the
/// first array of a new element type costs its generic metadata, so the buffers are raw.
///
/// Memory whose pages are already mapped changes that trade: given scratch (``PreparedScratch``), the bands'
/// values go there, and below ``bandThreshold`` values on two threads the first pass keeps every value of
/// each window (5–15 % of the data; the band is the window) — the second pass then reads those instead of
/// the whole data again (at 10⁵: ~27 → ~6 µs). A window whose values do not fit is read whole.
struct WindowCounts: ~Copyable {
    private let x: UnsafeBufferPointer<Double>
    private let windows: UnsafeMutableBufferPointer<audit_window>
    private let buckets: Int
    private let parts: Int
    /// Per window: the number of values below it.
    let below: [Int]
    /// Part p's running totals for window w at prefix[(p · windows + w) · (buckets + 3) + k]: its values of the
    /// window in buckets < k (k = 0 … buckets + 2).
    private let prefix: UnsafeMutableBufferPointer<UInt32>
    /// Window w's band: the value range [bandLow[w], bandHigh[w]] (empty: no band).
    private let bandLow: UnsafeMutableBufferPointer<Double>
    private let bandHigh: UnsafeMutableBufferPointer<Double>
    /// Where part p's kept values of window w start in `keep`, and how many there are (−1: no band, or they
    /// did not fit), at p · windows + w.
    private let keptStart: UnsafeMutableBufferPointer<Int>
    private let keptCount: UnsafeMutableBufferPointer<Int>
    private let keep: UnsafeMutableBufferPointer<Double>
    /// Whether `keep` was allocated here (not the caller's scratch).
    private let ownsKeep: Bool
    /// Whether the first pass counted a sample of blocks first (the banded second pass reads them again).
    private let sampled: Bool

    /// The kernels' vector level to ask for: the widest (each runs the widest this processor has).
    static let widestVectors: Int32 = 2

    /// From this many values the first pass keeps a band for the second (below it the data stays in L2 and
    /// the second pass costs less than the band's faults).
    static let bandThreshold = 1 << 19
    /// Every `sampleStride`-th block of `sampleBlock` values of a part is the sample (blocks of 256 values,
    /// which would follow sorted or drifting data more closely, made the sample's scattered reads twice as slow
    /// per value; on such data the band may miss, and the second pass then reads everything).
    static let sampleBlock = 2048, sampleStride = 8
    /// The band's margin on each side of the wanted ranks, in standard deviations of the sampled fraction.
    static let bandSigmas = 4.0

    /// `ranks`: the wanted 0-based ranks of the whole data (any order), which the bands are placed around.
    /// `scratch`: memory for the kept values (``PreparedScratch``, whose pages are mapped), split between the
    /// parts. With it, below ``bandThreshold`` values and on two threads, the first pass keeps every value of
    /// each window (the band is the window) and the second reads only those; from ``bandThreshold`` the bands'
    /// values go there instead of fresh heap. Values that do not fit make that window's second pass read
    /// everything, as without scratch.
    init(_ x: UnsafeBufferPointer<Double>, windows: Selection.Windows, buckets: Int, ranks: [Int] = [],
         scratch: UnsafeMutableBufferPointer<Double>? = nil) {
        precondition(x.count <= Int(UInt32.max), "the counts are 32-bit")
        let n = x.count
        let parts = n >= Selection.parallelThreshold && ProcessInfoLite.activeProcessorCount > 1 ? 2 : 1
        let w = windows.count, row = buckets + 3
        nonisolated(unsafe) let kernels = UnsafeMutableBufferPointer<audit_window>.allocate(capacity: w)
        for k in 0..<w { kernels[k] = windows[k].kernelWindow(buckets: buckets) }
        nonisolated(unsafe) let prefix = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: parts * w * row)
        prefix.initialize(repeating: 0)
        nonisolated(unsafe) let belowParts = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts * w)
        defer { belowParts.deallocate() }
        nonisolated(unsafe) let bandLow = UnsafeMutableBufferPointer<Double>.allocate(capacity: w)
        nonisolated(unsafe) let bandHigh = UnsafeMutableBufferPointer<Double>.allocate(capacity: w)
        bandLow.initialize(repeating: .infinity)
        bandHigh.initialize(repeating: -.infinity)
        nonisolated(unsafe) let keptStart = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts * w)
        nonisolated(unsafe) let keptCount = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts * w)
        keptCount.initialize(repeating: -1)
        let banding = n >= WindowCounts.bandThreshold && !ranks.isEmpty
        let keepingWindows = !banding && parts > 1 && scratch != nil
        // Each part's room for kept values: its share of the scratch, or the widest band (a sixteenth of the
        // data, which one part may hold whole when the data is sorted) and a run of blocks (touched only as far
        // as it is used).
        let room: Int, ownsKeep: Bool
        nonisolated(unsafe) let keep: UnsafeMutableBufferPointer<Double>
        if let scratch, banding || keepingWindows {
            (room, keep, ownsKeep) = (scratch.count / parts, scratch, false)
        } else {
            room = banding ? n / 16 + WindowCounts.sampleBlock * WindowCounts.sampleStride + 8 : 0
            (keep, ownsKeep) = (.allocate(capacity: max(parts * room, 1)), true)
        }
        if keepingWindows {
            for k in 0..<w {
                bandLow[k] = kernels[k].low
                bandHigh[k] = kernels[k].high
            }
        }
        nonisolated(unsafe) let data = x
        if banding {
            WindowCounts.placeBands(data, windows: kernels, buckets: buckets, parts: parts, ranks: ranks, counts: prefix,
                                    below: belowParts, low: bandLow, high: bandHigh)
        }
        Parallel.run(parts) { part in
            let from = part * n / parts, to = (part + 1) * n / parts
            var used = 0
            for k in 0..<w {
                // Bucket j is counted at j + 1, then the row is summed in place: entry j = buckets < j.
                let counts = prefix.baseAddress! + (part * w + k) * row
                let window = kernels.baseAddress! + k
                let slot = part * w + k, target = keep.baseAddress! + part * room + used
                var below = 0, kept = -1
                if banding {
                    kept = WindowCounts.countRest(data.baseAddress! + from, to - from, window: window, counts: counts + 1,
                                                  low: bandLow[k], high: bandHigh[k], keep: target, capacity: room - used,
                                                  below: &below)
                    below += belowParts[slot]
                } else if keepingWindows {
                    kept = audit_window_histogram_band(data.baseAddress! + from, to - from, window, counts + 1, &below,
                                                       bandLow[k], bandHigh[k], target, room - used, WindowCounts.widestVectors)
                } else {
                    audit_window_histogram(data.baseAddress! + from, to - from, window, counts + 1, &below,
                                           WindowCounts.widestVectors)
                }
                keptStart[slot] = part * room + used
                keptCount[slot] = kept
                used += max(kept, 0)
                belowParts[slot] = below
                var running: UInt32 = 0
                for j in 0..<row {
                    running &+= counts[j]
                    counts[j] = running
                }
            }
        }
        var below = [Int](repeating: 0, count: w)
        for k in 0..<w {
            for part in 0..<parts { below[k] += belowParts[part * w + k] }
        }
        self.x = x
        self.windows = kernels
        self.buckets = buckets
        self.parts = parts
        self.below = below
        self.prefix = prefix
        self.bandLow = bandLow
        self.bandHigh = bandHigh
        self.keptStart = keptStart
        self.keptCount = keptCount
        self.keep = keep
        self.ownsKeep = ownsKeep
        self.sampled = banding
    }

    deinit {
        prefix.deallocate()
        windows.deallocate()
        bandLow.deallocate()
        bandHigh.deallocate()
        keptStart.deallocate()
        keptCount.deallocate()
        if ownsKeep { keep.deallocate() }
    }

    /// The sample's pass (both threads) and the bands placed from its counts: each part's sampled counts
    /// (raw, bucket j at j + 1 of its rows) and values below each window are left in `counts` and `below`.
    private static func placeBands(_ x: UnsafeBufferPointer<Double>, windows: UnsafeMutableBufferPointer<audit_window>,
                                   buckets: Int, parts: Int, ranks: [Int], counts: UnsafeMutableBufferPointer<UInt32>,
                                   below: UnsafeMutableBufferPointer<Int>, low: UnsafeMutableBufferPointer<Double>,
                                   high: UnsafeMutableBufferPointer<Double>) {
        let n = x.count, w = windows.count, row = buckets + 3
        nonisolated(unsafe) let sampleCounts = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts)
        defer { sampleCounts.deallocate() }
        nonisolated(unsafe) let (data, windows, counts, below) = (x, windows, counts, below)
        Parallel.run(parts) { part in
            let from = part * n / parts, to = (part + 1) * n / parts
            for k in 0..<w {
                var partBelow = 0
                sampleCounts[part] = countSample(data.baseAddress! + from, to - from, window: windows.baseAddress! + k,
                                                 counts: counts.baseAddress! + (part * w + k) * row + 1, below: &partBelow)
                below[part * w + k] = partBelow
            }
        }
        let fractions = ranks.map { (Double($0) + 0.5) / Double(n) }
        let sampleCount = (0..<parts).reduce(0) { $0 + sampleCounts[$1] }
        let summed = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: row)
        defer { summed.deallocate() }
        for k in 0..<w {
            var sampleBelow = 0
            summed.initialize(repeating: 0)
            for part in 0..<parts {
                sampleBelow += below[part * w + k]
                for j in 0..<row { summed[j] &+= counts[(part * w + k) * row + j] }
            }
            let range = band(counts: UnsafePointer(summed.baseAddress! + 1), buckets: buckets, sampleBelow: sampleBelow,
                             sampleCount: sampleCount, fractions: fractions, window: windows.baseAddress! + k)
            low[k] = range?.low ?? .infinity
            high[k] = range?.high ?? -.infinity
        }
    }

    /// Where a part's sampled blocks start (every ``sampleStride``-th block of ``sampleBlock`` values, from its
    /// first): the first pass counts them first and the banded second pass reads them again.
    static func sampleStarts(_ count: Int) -> StrideTo<Int> {
        stride(from: 0, to: count, by: sampleBlock * sampleStride)
    }

    /// Counts a part's sampled blocks (every ``sampleStride``-th from its first) into counts (raw, bucket j at
    /// counts[j]) and their values below the window into `below`; returns how many values the blocks hold.
    private static func countSample(_ x: UnsafePointer<Double>, _ count: Int, window: UnsafePointer<audit_window>,
                                    counts: UnsafeMutablePointer<UInt32>, below: inout Int) -> Int {
        var total = 0
        below = 0
        for start in sampleStarts(count) {
            let size = min(sampleBlock, count - start)
            var part = 0
            audit_window_histogram(x + start, size, window, counts, &part, widestVectors)
            below += part
            total += size
        }
        return total
    }

    /// Counts the rest of a part's blocks (the runs between the sampled ones) and keeps their values in
    /// [low, high] in `keep`; returns how many it kept, or −1 when the band is empty (low > high) or its values
    /// did not fit.
    private static func countRest(_ x: UnsafePointer<Double>, _ count: Int, window: UnsafePointer<audit_window>,
                                  counts: UnsafeMutablePointer<UInt32>, low: Double, high: Double,
                                  keep: UnsafeMutablePointer<Double>, capacity: Int, below: inout Int) -> Int {
        var kept = low <= high ? 0 : -1
        below = 0
        for first in stride(from: sampleBlock, to: count, by: sampleBlock * sampleStride) {
            let size = min(sampleBlock * (sampleStride - 1), count - first)
            var part = 0
            if kept >= 0 {
                let more = audit_window_histogram_band(x + first, size, window, counts, &part, low, high,
                                                       keep + kept, capacity - kept, widestVectors)
                kept = more < 0 ? -1 : kept + more
            } else {
                audit_window_histogram(x + first, size, window, counts, &part, widestVectors)
            }
            below += part
        }
        return kept
    }

    /// The value range of the buckets where the sample puts the wanted fractions that fall in this window,
    /// widened by ``bandSigmas`` binomial standard deviations of the sampled fraction on each side; nil when no
    /// wanted fraction is near the window or the band would hold more than a sixteenth of the values.
    /// `counts[j]`: the sample's values in bucket j (0 … buckets + 1).
    private static func band(counts: UnsafePointer<UInt32>, buckets: Int, sampleBelow: Int, sampleCount: Int,
                             fractions: [Double], window: UnsafePointer<audit_window>) -> (low: Double, high: Double)? {
        guard sampleCount > 0 else { return nil }
        let m = Double(sampleCount)
        var inside = 0
        for j in 0...(buckets + 1) { inside += Int(counts[j]) }
        let start = Double(sampleBelow) / m, end = Double(sampleBelow + inside) / m
        var lowest = Double.infinity, highest = -Double.infinity
        for f in fractions {
            let margin = bandSigmas * (f * (1 - f) / m).squareRoot() + 2 / m
            // A fraction whose margin reaches into the window's sampled share.
            if f + margin >= start && f - margin <= end {
                lowest = min(lowest, f - margin)
                highest = max(highest, f + margin)
            }
        }
        guard lowest <= highest, highest - lowest <= 1.0 / 16 else { return nil }
        // First bucket whose end passes `lowest`, last bucket whose start is below `highest`.
        var before = Double(sampleBelow) / m
        var first = -1, last = buckets + 1
        for j in 0...(buckets + 1) {
            let after = before + Double(counts[j]) / m
            if first < 0 && after > lowest { first = j }
            if before >= highest { last = j - 1; break }
            before = after
        }
        if first < 0 { first = buckets + 1 }
        var low = 0.0, high = 0.0
        audit_window_value_range(window, Int32(first), Int32(max(last, first)), &low, &high)
        return (low, high)
    }

    /// Part p's values of window w in buckets < k.
    private func before(_ k: Int, window w: Int, part: Int) -> Int {
        Int(prefix[(part * windows.count + w) * (buckets + 3) + k])
    }

    /// The values of window w in buckets before `bucket`.
    func before(bucket: Int, window w: Int) -> Int {
        var total = 0
        for part in 0..<parts { total += before(bucket, window: w, part: part) }
        return total
    }

    /// The number of values inside window w.
    func inside(_ w: Int) -> Int { before(bucket: buckets + 2, window: w) }

    /// The bucket of window w that holds its `local`-th value (0-based, in ascending order).
    func bucket(holding local: Int, window w: Int) -> Int {
        // The last k with before(k) ≤ local (before(k) is ascending and starts at 0).
        var lo = 0, hi = buckets + 2
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if before(bucket: mid, window: w) <= local { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// Whether the second pass for buckets `run` of window w reads only the sample and the kept band.
    func bandHolds(window w: Int, buckets run: ClosedRange<Int>) -> Bool {
        var low = 0.0, high = 0.0
        audit_window_value_range(windows.baseAddress! + w, Int32(run.lowerBound), Int32(run.upperBound), &low, &high)
        return bandHolds(window: w, from: low, to: high)
    }

    /// Whether window w's band holds the value range [from, to] and every part kept all of its band's values.
    private func bandHolds(window w: Int, from: Double, to: Double) -> Bool {
        bandLow[w] <= from && to <= bandHigh[w] && (0..<parts).allSatisfy { keptCount[$0 * windows.count + w] >= 0 }
    }

    /// The values of window w whose bucket lies in `run`, handed to `body` as scratch it may rearrange (valid
    /// until it returns).
    func collect<R>(window w: Int, buckets run: ClosedRange<Int>, _ body: (UnsafeMutableBufferPointer<Double>) -> R) -> R {
        collect(window: w, firsts: [run.lowerBound], lasts: [run.upperBound], body)
    }

    /// Most runs of buckets one second pass copies at once (the union gather's vector width).
    static let maximumRuns = 4

    /// The values of window w whose bucket lies in any of the runs firsts[j]…lasts[j] (ascending and disjoint;
    /// at most ``maximumRuns``), in one pass: run by run they are the values of their buckets, so the i-th
    /// smallest of the union is the i-th value of the runs taken in order. Handed to `body` as scratch it may
    /// rearrange (valid until it returns). (Two lists of Int, not an array of ranges: the first array of a new
    /// element type builds its generic metadata at run time, ~10 µs once per process.)
    func collect<R>(window w: Int, firsts: [Int], lasts: [Int], _ body: (UnsafeMutableBufferPointer<Double>) -> R) -> R {
        let k = firsts.count
        precondition(k >= 1 && k <= WindowCounts.maximumRuns && lasts.count == k, "one to four runs of buckets")
        let parts = self.parts, n = x.count
        // Each part writes its own region (with the kernel's 8 values of room for whole-vector stores) from
        // its own counts; the regions are then closed up.
        nonisolated(unsafe) let sizes = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2 * parts)
        defer { sizes.deallocate() }
        var room = 0
        for part in 0..<parts {
            var size = 0
            for j in 0..<k { size += before(lasts[j] + 1, window: w, part: part) - before(firsts[j], window: w, part: part) }
            sizes[part] = size
            sizes[parts + part] = room
            room += size + 8
        }
        // The runs' values as closed value ranges (exactly the values the first pass put in their buckets).
        nonisolated(unsafe) let ranges = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * WindowCounts.maximumRuns)
        defer { ranges.deallocate() }
        for j in 0..<k {
            audit_window_value_range(windows.baseAddress! + w, Int32(firsts[j]), Int32(lasts[j]), &ranges[j], &ranges[WindowCounts.maximumRuns + j])
        }
        // Where the band holds every range, the parts read their sampled blocks and kept values only.
        let readsBand = (0..<k).allSatisfy { bandHolds(window: w, from: ranges[$0], to: ranges[WindowCounts.maximumRuns + $0]) }
        // The copy's scratch on the caller's stack (mapped ahead; fresh heap pages cost a fault each).
        var result: R?
        StackScratch.withDoubles(room) { scratch in
            nonisolated(unsafe) let out = scratch
            nonisolated(unsafe) let data = x
            nonisolated(unsafe) let (keep, keptStart, keptCount) = (self.keep, self.keptStart, self.keptCount)
            let windowCount = windows.count, sampled = self.sampled
            let lows = UnsafePointer(ranges.baseAddress!), highs = lows + WindowCounts.maximumRuns
            nonisolated(unsafe) let bounds = (lows, highs)
            Parallel.run(parts) { part in
                let start = part * n / parts, count = (part + 1) * n / parts - start
                let target = out.baseAddress! + sizes[parts + part]
                let (lows, highs) = bounds
                var copied = 0
                if readsBand {
                    for first in WindowCounts.sampleStarts(sampled ? count : 0) {
                        copied += audit_window_gather_ranges(data.baseAddress! + start + first,
                                                             min(WindowCounts.sampleBlock, count - first), lows, highs, Int32(k),
                                                             target + copied, WindowCounts.widestVectors)
                    }
                    let slot = part * windowCount + w
                    copied += audit_window_gather_ranges(keep.baseAddress! + keptStart[slot], keptCount[slot], lows, highs,
                                                         Int32(k), target + copied, WindowCounts.widestVectors)
                } else {
                    copied = audit_window_gather_ranges(data.baseAddress! + start, count, lows, highs, Int32(k), target,
                                                        WindowCounts.widestVectors)
                }
                precondition(copied == sizes[part], "the second pass disagrees with the first")
            }
            var total = sizes[0]
            for part in 1..<parts {
                _ = memmove(out.baseAddress! + total, out.baseAddress! + sizes[parts + part], sizes[part] * MemoryLayout<Double>.stride)
                total += sizes[part]
            }
            result = body(UnsafeMutableBufferPointer(rebasing: out[0..<total]))
        }
        return result!
    }
}
