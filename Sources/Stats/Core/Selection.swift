/// Values at chosen ranks of the ascending order without sorting everything, by the sampling step of
/// Floyd & Rivest's SELECT (Floyd and Rivest, "Expected time bounds for selection", CACM 18(3), 1975):
///
/// 1. draw s ≈ (n/4)^⅔ values (one from each of s equal strides, at a seeded random offset);
/// 2. for each wanted rank r, the sample's order statistics at s·(r + ½)/n ∓ (3 standard deviations of a
///    binomial count + 2) bracket x₍ᵣ₎ with high probability; overlapping brackets are merged into windows;
/// 3. one pass over the data counts the values below each window and gathers the values inside it
///    (two threads from ``parallelThreshold`` values);
/// 4. when every rank falls inside its window, the same selection within the gathered values (a few
///    percent of n; ≤ 4,096 values go to ``SmallSelection``) gives the answer; otherwise (an unlucky
///    sample) steps 2–4 run once more with 8 standard deviations, and if that misses too (adversarial data)
///    the whole array is sorted. All give exactly the values of indexing the sorted array (RadixSort's
///    order): the fallbacks change the time, never the result.
///
/// A window's bounds are inclusive, so every value equal to a selected value is gathered with it and
/// its multiplicity in the whole sample is exact.
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

    /// An inclusive value range expected to hold some wanted ranks, and the share of the data the sample
    /// put inside it (which sizes the gather buffers).
    struct Window {
        var low: Double
        var high: Double
        var share: Double
    }

    /// A window after the counting pass: how many values lie below it, and the values inside it.
    struct Gathered {
        let below: Int
        /// Scratch: the selection inside the window may rearrange it.
        let values: UnsafeMutableBufferPointer<Double>
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
                       bracketing: ([Int], UnsafeBufferPointer<Double>, Double) -> [Window] = brackets,
                       sigmas: Double = firstSigmas) -> [Selected] {
        let n = x.count
        if n <= directLimit { return SmallSelection.select(ranks: ranks, in: x) }
        return gather(x, windows: bracketing(ranks, x, sigmas)) { found in
            // Which window holds each rank; a rank outside every window means the brackets missed.
            // (Flat Int arrays, not arrays of tuples: a tuple array's type is built from its mangled name
            // at run time, ~tens of µs on first use in a process.)
            var windowOf = [Int](repeating: 0, count: ranks.count)
            for (slot, r) in ranks.enumerated() {
                guard let w = found.indices.first(where: { found[$0].below <= r && r < found[$0].below + found[$0].values.count }) else {
                    // A miss: once more with wider brackets, then the sort.
                    return sigmas < retrySigmas ? select(ranks: ranks, in: x, bracketing: bracketing, sigmas: retrySigmas)
                                                : select(ranks: ranks, ofSorted: RadixSort.sorted(Array(x)))
                }
                windowOf[slot] = w
            }
            // Within a window the same selection again (it holds every copy of its values, so the
            // multiplicities carry over); a window holding most of the data (heavy ties) is sorted.
            var out = [Selected](repeating: Selected(value: 0, multiplicity: 0), count: ranks.count)
            for w in found.indices {
                let slots = ranks.indices.filter { windowOf[$0] == w }
                if slots.isEmpty { continue }
                let window = found[w].values
                let local = slots.map { ranks[$0] - found[w].below }
                let picked = window.count * 2 > n ? select(ranks: local, ofSorted: RadixSort.sorted(Array(window)))
                    : window.count <= directLimit ? SmallSelection.select(ranks: local, inPlace: window)
                    : select(ranks: local, in: UnsafeBufferPointer(window))
                for (k, slot) in slots.enumerated() { out[slot] = picked[k] }
            }
            return out
        }
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

    /// Sample size (n/4)^⅔, at least 512 and at most n/4: a larger sample narrows the windows (less to gather
    /// and select in) but costs a random read per value and a selection in it.
    static func sampleSize(_ n: Int) -> Int {
        min(n / 4, max(512, Int(pow(Double(n) / 4, 2.0 / 3.0))))
    }

    /// Inclusive value windows [low, high], ascending and disjoint, each expected to hold some wanted ranks.
    static func brackets(ranks: [Int], _ x: UnsafeBufferPointer<Double>, sigmas: Double) -> [Window] {
        let n = x.count, s = sampleSize(n)
        // One value from each of s equal strides, at a seeded random offset (the last n mod s values are
        // never drawn: the sample only places the windows; what is counted in them is exact either way).
        let stride = n / s
        var generator = Xoshiro256StarStar(seed: 0x5E1EC7)
        var sample = [Double](unsafeUninitializedCapacity: s) { buffer, count in
            var from = 0
            for i in 0..<s {
                buffer[i] = x[from &+ generator.bounded(stride)]
                from &+= stride
            }
            count = s
        }
        let sd = Double(s)
        var distinct: [Int] = []
        for r in ranks.sorted() where distinct.last != r { distinct.append(r) }
        // Each rank's bracket as positions in the sorted sample; brackets that overlap there are merged
        // before any value is looked at, so only the merged brackets' ends are selected, not sorted (the
        // ends clamped into the sample; an end outside it is an open side).
        var lowEnds: [Int] = [], highEnds: [Int] = []
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
        for k in lowEnds.indices {
            ends.append(min(max(lowEnds[k], 0), s - 1))
            ends.append(min(max(highEnds[k], 0), s - 1))
        }
        let endValues = sample.withUnsafeMutableBufferPointer { SmallSelection.select(ranks: ends, inPlace: $0) }
        var windows: [Window] = []
        windows.reserveCapacity(lowEnds.count)
        for k in lowEnds.indices {
            windows.append(Window(low: lowEnds[k] < 0 ? -Double.infinity : endValues[2 * k].value,
                                  high: highEnds[k] >= s ? Double.infinity : endValues[2 * k + 1].value, share: 0))
        }
        // Windows can still meet in value (ties at their ends): merged too.
        var merged: [Window] = [windows[0]]
        for w in windows.dropFirst() {
            if w.low <= merged[merged.count - 1].high {
                merged[merged.count - 1].high = max(merged[merged.count - 1].high, w.high)
            } else {
                merged.append(w)
            }
        }
        // The share of the sample inside each window (ties included, so a heavily tied value counts fully).
        for k in merged.indices {
            let inside = sample.reduce(0) { $0 + ($1 >= merged[k].low && $1 <= merged[k].high ? 1 : 0) }
            merged[k].share = Double(inside) / sd
        }
        return merged
    }

    /// One pass per window: the count of values below it and the values inside it, handed to `body`
    /// (the buffers live until it returns).
    static func gather<R>(_ x: UnsafeBufferPointer<Double>, windows: [Window],
                          _ body: ([Gathered]) -> R) -> R {
        // Buffers for twice the sample's share plus slack; a window that overflows (a heavy tie the sample
        // under-counted) makes the pass run again with room for everything.
        if let result = gather(x, windows: windows, roomy: false, body) { return result }
        return gather(x, windows: windows, roomy: true, body)!
    }

    private static func gather<R>(_ x: UnsafeBufferPointer<Double>, windows: [Window], roomy: Bool,
                                  _ body: ([Gathered]) -> R) -> R? {
        let n = x.count
        let parts = n >= parallelThreshold && ProcessInfoLite.activeProcessorCount > 1 ? 2 : 1
        let w = windows.count
        let lows = windows.map(\.low), highs = windows.map(\.high)
        // Per window and part; only the pages actually written are touched.
        let partSize = (n + parts - 1) / parts
        let capacity = roomy ? partSize : min(partSize, Int(2 * (windows.map(\.share).max() ?? 1) * Double(partSize)) + 4096)
        // Window k, part p writes from (k·parts + p)·capacity; the parts are then moved together.
        nonisolated(unsafe) let buffers = UnsafeMutableBufferPointer<Double>.allocate(capacity: parts * w * capacity)
        defer { buffers.deallocate() }
        nonisolated(unsafe) let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts * w * 2)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0)
        nonisolated(unsafe) let x = x
        let work: @Sendable (Int) -> Void = { part in
            let from = part * n / parts, to = (part + 1) * n / parts
            for k in 0..<w {
                let low = lows[k], high = highs[k]
                let base = (k * parts + part) * capacity
                // Four values at a time and no branch on the data: a branch on v < low mispredicts half
                // the time at the median, one on "inside" whenever the window is a few percent of n. Every
                // value is stored at the next free slot, which advances only when the value is inside.
                let lowV = SIMD4(repeating: low), highV = SIMD4(repeating: high)
                let one = SIMD4<Int64>(repeating: 1), zero = SIMD4<Int64>()
                var belowV = SIMD4<Int64>(), inside = 0
                var i = from
                // The four slots are offsets from `inside` by the hits before them, so the running count
                // advances once per four values (one add on the loop-carried chain, not four).
                while i + 4 <= to {
                    if inside > capacity - 4 { counts[(part * w + k) * 2 + 1] = -1; return }
                    let v = SIMD4(x[i], x[i + 1], x[i + 2], x[i + 3])
                    belowV &+= zero.replacing(with: one, where: v .< lowV)
                    let hit = zero.replacing(with: one, where: (v .>= lowV) .& (v .<= highV))
                    let h0 = Int(hit[0]), h01 = h0 &+ Int(hit[1]), h23 = Int(hit[2]) &+ Int(hit[3])
                    buffers[base + inside] = v[0]
                    buffers[base + inside &+ h0] = v[1]
                    buffers[base + inside &+ h01] = v[2]
                    buffers[base + inside &+ h01 &+ Int(hit[2])] = v[3]
                    inside &+= h01 &+ h23
                    i &+= 4
                }
                var below = Int(belowV.wrappedSum())
                while i < to {
                    let v = x[i]
                    if inside == capacity { counts[(part * w + k) * 2 + 1] = -1; return }
                    if v < low { below &+= 1 } else if v <= high { buffers[base + inside] = v; inside &+= 1 }
                    i &+= 1
                }
                counts[(part * w + k) * 2] = below
                counts[(part * w + k) * 2 + 1] = inside
            }
        }
        Parallel.run(parts, work)
        var found: [Gathered] = []
        for k in 0..<w {
            let start = k * parts * capacity
            var below = 0, total = 0
            for part in 0..<parts {
                let inside = counts[(part * w + k) * 2 + 1]
                if inside < 0 { return nil }
                below += counts[(part * w + k) * 2]
                let from = (k * parts + part) * capacity
                if part > 0, inside > 0 {
                    _ = memmove(buffers.baseAddress! + start + total, buffers.baseAddress! + from,
                                inside * MemoryLayout<Double>.stride)  // may overlap
                }
                total += inside
            }
            found.append(Gathered(below: below, values: UnsafeMutableBufferPointer(rebasing: buffers[start..<(start + total)])))
        }
        return body(found)
    }
}

#if canImport(Glibc)
import Glibc
#endif
