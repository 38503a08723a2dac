import CKernels
/// Values at chosen ranks of the ascending order without sorting everything: the sampling step of
/// Floyd & Rivest's SELECT (Floyd and Rivest, "Expected time bounds for selection", CACM 18(3), 1975) to
/// place a value window around the ranks, then two streaming passes over the data instead of copying the
/// window out:
///
/// 1. draw s values (one from each of s equal strides, at a seeded random offset; s = ``sampleSize(_:)``);
/// 2. for each wanted rank r, the sample's order statistics at s·(r + ½)/n ∓ (3 standard deviations of a
///    binomial count + 2) bracket x₍ᵣ₎ with high probability; overlapping brackets are merged into windows;
/// 3. a first pass counts the values below each window and makes a histogram of the values inside it in
///    ``bucketCount(_:)`` equal-width buckets (nothing but the counts is written: a window is 5–15 % of the
///    data, and copying it out cost a page fault per 4 KiB of fresh memory — most of the time of the old
///    one-pass design at n = 10⁶);
/// 4. the counts name the buckets that hold the wanted ranks; a second pass copies only those (up to four runs
///    of adjacent buckets in one pass: the interval's ends and its estimate's ranks are each a bucket, not
///    everything between), and ``SmallSelection`` (or, when more than ``directLimit`` remain, this selection
///    again) finishes inside them — from 2¹⁹ values the first pass counts a systematic eighth of the data
///    first and keeps the values of a narrow band around the ranks,
///    so that the second reads only that eighth and the band, and below that, when the helper thread has
///    mapped a ``PreparedScratch``, the first pass keeps every value of the windows so that the second reads
///    only those (``WindowCounts``);
/// 5. when a rank falls outside every window (an unlucky sample), steps 2–4 run once more with 8 standard
///    deviations, and if that misses too (adversarial data) the whole array is sorted. All give exactly
///    the values of indexing the sorted array (RadixSort's order): the fallbacks change the time, never
///    the result.
///
/// The passes run in C (`CKernels`: AVX-512, AVX2 or a scalar loop, the widest the processor has), on two
/// threads from ``parallelThreshold`` values. The bucket of a value never decreases as the value grows,
/// so every copy of a value lands in one bucket, a window's bounds are inclusive, and the multiplicity
/// reported for a selected value is exact for the whole sample.
public enum Selection {
    /// A value at a rank, and how many times that value occurs in the data.
    public struct Selected: Sendable, Equatable {
        public let value: Double
        public let multiplicity: Int

        public init(value: Double, multiplicity: Int) {
            self.value = value
            self.multiplicity = multiplicity
        }
    }

    /// An inclusive value range expected to hold some wanted ranks, and the finite range [mapLow, mapHigh]
    /// its buckets divide (the window's own ends, or the sample's extremes on an open side).
    struct Window {
        let low: Double
        let high: Double
        let mapLow: Double
        let mapHigh: Double

        init(low: Double, high: Double, mapLow: Double? = nil, mapHigh: Double? = nil) {
            self.low = low
            self.high = high
            self.mapLow = mapLow ?? (low.isFinite ? low : (high.isFinite ? high : 0))
            self.mapHigh = Swift.max(self.mapLow, mapHigh ?? (high.isFinite ? high : self.mapLow))
        }

        /// The C description with `buckets` equal buckets over [mapLow, mapHigh] (scale 0 when the range is
        /// a single value or too wide for a finite scale: every value of the window then shares bucket 1).
        func kernelWindow(buckets: Int) -> audit_window {
            let scale = Double(buckets) / (mapHigh - mapLow)
            return audit_window(low: low, high: high, a: mapLow, b: mapHigh,
                                scale: scale.isFinite ? scale : 0, buckets: Int32(buckets))
        }
    }

    /// Windows as four arrays of doubles rather than an array of ``Window``: the first array of a new element
    /// type builds its generic metadata at run time (~10 µs once per process, on the path of every order
    /// interval).
    struct Windows {
        private(set) var lows: [Double] = [], highs: [Double] = [], mapLows: [Double] = [], mapHighs: [Double] = []

        init() {}

        init(_ list: [Window]) {
            for w in list { append(w) }
        }

        var count: Int { lows.count }

        subscript(k: Int) -> Window {
            Window(low: lows[k], high: highs[k], mapLow: mapLows[k], mapHigh: mapHighs[k])
        }

        mutating func append(_ w: Window) {
            lows.append(w.low)
            highs.append(w.high)
            mapLows.append(w.mapLow)
            mapHighs.append(w.mapHigh)
        }

        /// Widens the last window to reach `w`'s high end (they meet in value).
        mutating func extendLast(to w: Window) {
            highs[count - 1] = Swift.max(highs[count - 1], w.high)
            mapHighs[count - 1] = Swift.max(mapHighs[count - 1], w.mapHigh)
        }
    }

    /// Up to this many values the ranks are found directly (``SmallSelection``), without sampling.
    static let directLimit = 4096

    /// From this many values the counting pass runs on two threads.
    public static let parallelThreshold = 1 << 15

    /// `values` at the 0-based `ranks` of their ascending order (any order of ranks, duplicates allowed).
    /// NaN has no rank: an array holding one is sorted with `sorted()` as before.
    public static func values(atRanks ranks: [Int], of values: [Double]) -> [Double] {
        precondition(ranks.allSatisfy { $0 >= 0 && $0 < values.count }, "rank out of range")
        if values.contains(where: \.isNaN) {
            let sorted = values.sorted()
            return ranks.map { sorted[$0] }
        }
        return select(ranks: ranks, of: values).map(\.value)
    }

    /// The values at `ranks` (0-based, any order, duplicates allowed) with their multiplicities.
    /// `values` must hold no NaN (±∞ are fine).
    public static func select(ranks: [Int], of values: [Double]) -> [Selected] {
        precondition(ranks.allSatisfy { $0 >= 0 && $0 < values.count }, "rank out of range")
        if ranks.isEmpty { return [] }
        return values.withUnsafeBufferPointer { select(ranks: ranks, in: $0) }
    }

    /// Bracket half-widths in binomial standard deviations: the first try, and the one retry after a miss.
    /// At 3σ an end misses with probability ~0.0013 on unordered data and a miss costs one more pass; 4σ
    /// (~0.00003) made every window a third wider: more values gathered (fresh pages) and selected.
    static let firstSigmas = 3.0, retrySigmas = 8.0

    /// `bracketing` is ``brackets(ranks:_:sigmas:)``; tests pass windows that miss to reach the fallbacks.
    static func select(ranks: [Int], in x: UnsafeBufferPointer<Double>,
                       bracketing: ([Int], UnsafeBufferPointer<Double>, Double) -> Windows = brackets,
                       sigmas: Double = firstSigmas) -> [Selected] {
        let n = x.count
        if n <= directLimit { return SmallSelection.select(ranks: ranks, in: x) }
        // The histograms count in 32 bits.
        if n > Int(UInt32.max) { return select(ranks: ranks, ofSorted: x.sorted()) }
        return select(ranks: ranks, in: x, windows: bracketing(ranks, x, sigmas), bracketing: bracketing, sigmas: sigmas)
    }

    /// The values at the ranks `find` returns, for ranks known to lie within a few places of `guesses`
    /// (0-based, in 0..<n). From ``parallelThreshold`` values on two processors, `find` runs on the helper
    /// thread while the calling thread draws the sample and places the windows around the guesses — a rank
    /// that is off by a few places moves its bracket by a few hundredths of the bracket's half-width — and
    /// then both count. A rank outside every window takes the usual retry, so the guesses change the time, never
    /// the result. Otherwise `find` runs first and the selection after it.
    static func select(near guesses: [Int], ranks find: () -> [Int], in x: UnsafeBufferPointer<Double>) -> [Selected] {
        let n = x.count
        let overlap = n >= parallelThreshold && n <= Int(UInt32.max) && ProcessInfoLite.activeProcessorCount > 1 && !guesses.isEmpty
        nonisolated(unsafe) var ranks: [Int] = []
        nonisolated(unsafe) var windows: Windows?
        if overlap {
            precondition(guesses.allSatisfy { $0 >= 0 && $0 < n }, "guess out of range")
            nonisolated(unsafe) let data = x
            withoutActuallyEscaping(find) { find in
                nonisolated(unsafe) let find = find
                // The caller takes part 0, the brackets: its caches hold more of the data (it read the file's
                // first half and everything since), and the brackets' random reads were the longer part on a
                // processor the data had not been near (the search is arithmetic only).
                Parallel.run(2) { part in
                    if part == 0 { windows = brackets(ranks: guesses, data, sigmas: firstSigmas) } else { ranks = find() }
                }
            }
        } else {
            ranks = find()
        }
        precondition(ranks.allSatisfy { $0 >= 0 && $0 < n }, "rank out of range")
        if ranks.isEmpty { return [] }
        guard let windows else { return select(ranks: ranks, in: x) }
        return select(ranks: ranks, in: x, windows: windows, bracketing: brackets, sigmas: firstSigmas)
    }

    /// Steps 3–5 for windows already placed.
    private static func select(ranks: [Int], in x: UnsafeBufferPointer<Double>, windows: Windows,
                               bracketing: ([Int], UnsafeBufferPointer<Double>, Double) -> Windows,
                               sigmas: Double) -> [Selected] {
        // The prepared scratch (when free) holds the values the first pass keeps for the second.
        PreparedScratch.withDoubles(atLeast: 0) { scratch in
            select(ranks: ranks, in: x, windows: windows, bracketing: bracketing, sigmas: sigmas, scratch: scratch)
        }
    }

    private static func select(ranks: [Int], in x: UnsafeBufferPointer<Double>, windows: Windows,
                               bracketing: ([Int], UnsafeBufferPointer<Double>, Double) -> Windows,
                               sigmas: Double, scratch: UnsafeMutableBufferPointer<Double>?) -> [Selected] {
        let n = x.count
        let counted = WindowCounts(x, windows: windows, buckets: bucketCount(n), ranks: ranks, scratch: scratch)
        // Each rank's window and bucket; a rank outside every window means the brackets missed.
        var windowOf = [Int](repeating: 0, count: ranks.count), bucketOf = [Int](repeating: 0, count: ranks.count)
        for (slot, r) in ranks.enumerated() {
            guard let w = (0..<windows.count).first(where: { counted.below[$0] <= r && r < counted.below[$0] + counted.inside($0) }) else {
                // A miss: once more with wider brackets, then the sort.
                return sigmas < retrySigmas ? select(ranks: ranks, in: x, bracketing: bracketing, sigmas: retrySigmas)
                                            : select(ranks: ranks, ofSorted: RadixSort.sorted(Array(x)))
            }
            windowOf[slot] = w
            bucketOf[slot] = counted.bucket(holding: r - counted.below[w], window: w)
        }
        var out = [Selected](repeating: Selected(value: 0, multiplicity: 0), count: ranks.count)
        for w in 0..<windows.count {
            let slots = ranks.indices.filter { windowOf[$0] == w }
            if slots.isEmpty { continue }
            // The wanted buckets as runs of adjacent buckets (more than the second pass takes at once: one run
            // from the first to the last), and each rank's place in their union: the values of the runs before
            // its own, then its place in its run.
            var firsts: [Int] = [], lasts: [Int] = []
            for b in slots.map({ bucketOf[$0] }).sorted() {
                if let last = lasts.last, b <= last + 1 { lasts[lasts.count - 1] = b } else { firsts.append(b); lasts.append(b) }
            }
            if firsts.count > WindowCounts.maximumRuns { (firsts, lasts) = ([firsts[0]], [lasts[lasts.count - 1]]) }
            var offsets: [Int] = []
            var union = 0
            for j in firsts.indices {
                let before = counted.before(bucket: firsts[j], window: w)
                offsets.append(counted.below[w] + before - union)
                union += counted.before(bucket: lasts[j] + 1, window: w) - before
            }
            let local = slots.map { slot in ranks[slot] - offsets[lasts.firstIndex { bucketOf[slot] <= $0 }!] }
            let picked = counted.collect(window: w, firsts: firsts, lasts: lasts) { kept in
                // Within the kept buckets the same selection again (they hold every copy of their values, so
                // the multiplicities carry over); a set holding most of the data (heavy ties) is sorted.
                kept.count * 2 > n ? select(ranks: local, ofSorted: RadixSort.sorted(Array(kept)))
                    : kept.count <= directLimit ? SmallSelection.select(ranks: local, inPlace: kept)
                    : select(ranks: local, in: UnsafeBufferPointer(kept))
            }
            for (k, slot) in slots.enumerated() { out[slot] = picked[k] }
        }
        return out
    }

    /// The values at `ranks` of an ascending array, with their multiplicities.
    public static func select(ranks: [Int], ofSorted sorted: [Double]) -> [Selected] {
        ranks.map { selected(sorted, at: $0) }
    }

    /// sorted[index] and how many entries equal it (binary search on both sides).
    static func selected(_ sorted: [Double], at index: Int) -> Selected {
        let v = sorted[index]
        return Selected(value: v, multiplicity: SortedSearch.upperBound(sorted, v) - SortedSearch.lowerBound(sorted, v))
    }

    /// Sample size: 512 below 2¹⁹ values, 1,024 from there (at most n/4). The histogram resolves a window to
    /// single buckets, so the window may be wide (at 10⁶ and 3σ: 4.6 % of the data for p95, 10 % for the
    /// median); a random read of data just written costs 15–30 ns on the reference machine, so the old
    /// design's (n/4)^⅔ (3,968 at 10⁶) took about as long as a whole pass over the data.
    static func sampleSize(_ n: Int) -> Int {
        min(n / 4, n < 1 << 19 ? 512 : 1024)
    }

    /// Buckets per window: n/1024 between 64 and 1,024 (each thread's counts fit in one or two pages; a window
    /// of 10 % of 10⁶ values puts ~100 values in a bucket, and the second pass copies a few buckets).
    static func bucketCount(_ n: Int) -> Int {
        min(1024, max(64, n >> 10))
    }

    /// Inclusive value windows [low, high], ascending and disjoint, each expected to hold some wanted ranks.
    static func brackets(ranks: [Int], _ x: UnsafeBufferPointer<Double>, sigmas: Double) -> Windows {
        let n = x.count, s = sampleSize(n)
        let sd = Double(s)
        // Each list sized once (growing from empty reallocates at every power of two: a dozen allocations).
        var distinct: [Int] = []
        distinct.reserveCapacity(ranks.count)
        for r in ranks.sorted() where distinct.last != r { distinct.append(r) }
        // Each rank's bracket as positions in the sorted sample; brackets that overlap there are merged
        // before any value is looked at, so only the merged brackets' ends are selected, not sorted (the
        // ends clamped into the sample; an end outside it is an open side).
        var lowEnds: [Int] = [], highEnds: [Int] = []
        lowEnds.reserveCapacity(distinct.count)
        highEnds.reserveCapacity(distinct.count)
        for r in distinct {
            let q = (Double(r) + 0.5) / Double(n)
            let centre = q * sd, margin = sigmas * (sd * q * (1 - q)).squareRoot() + 2
            let low = Int((centre - margin).rounded(.down)), high = Int((centre + margin).rounded(.up))
            if let last = highEnds.last, low <= last {
                highEnds[highEnds.count - 1] = max(last, high)
            } else {
                lowEnds.append(low)
                highEnds.append(high)
            }
        }
        var ends: [Int] = []
        ends.reserveCapacity(2 * lowEnds.count)
        for k in lowEnds.indices {
            ends.append(min(max(lowEnds[k], 0), s - 1))
            ends.append(min(max(highEnds[k], 0), s - 1))
        }
        // One value from each of s equal strides, at a seeded random offset (the last n mod s values are
        // never drawn: the sample only places the windows; what is counted in them is exact either way); the
        // sample on the stack (4–8 KiB of fresh heap would fault), its ends selected in place.
        let stride = n / s
        var endValues: [Selected] = []
        StackScratch.withDoubles(s) { sample in
            // The generator lives inside the closure: captured from outside, it would be boxed on the heap.
            var generator = Xoshiro256StarStar(seed: 0x5E1EC7)
            var from = 0
            for i in 0..<s {
                sample[i] = x[from &+ generator.bounded(stride)]
                from &+= stride
            }
            endValues = SmallSelection.select(ranks: ends, inPlace: sample)
        }
        // Ascending windows; windows that still meet in value (ties at their ends) are merged too. An open
        // side's buckets stop at the sample's extreme (the clamped end); beyond it, one bucket.
        var merged = Windows()
        for k in lowEnds.indices {
            let w = Window(low: lowEnds[k] < 0 ? -Double.infinity : endValues[2 * k].value,
                           high: highEnds[k] >= s ? Double.infinity : endValues[2 * k + 1].value,
                           mapLow: endValues[2 * k].value, mapHigh: endValues[2 * k + 1].value)
            if merged.count > 0, w.low <= merged.highs[merged.count - 1] {
                merged.extendLast(to: w)
            } else {
                merged.append(w)
            }
        }
        return merged
    }
}
