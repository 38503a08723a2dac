import CKernels

/// Ascending sort of values that all lie on one decimal grid — every value is, bit for bit, k / 10ᵈ for an
/// integer k — by least-significant-digit radix sort of the integers k − min k (Knuth, TAOCP vol. 3,
/// §5.2.5) in 11-bit digits. Measured latencies are written with a fixed number of decimals (every run
/// shipped in benchmarks/results has 1–3), so their keys span a few hundred thousand grid steps: two passes
/// over 32-bit keys with 2,048 buckets, where ``RadixSort`` sorts the doubles' 64-bit patterns in four
/// passes of 2¹⁴ buckets and needs a second buffer twice as large (benchmarks/perf/README.md, note 23).
///
/// The map v ↦ k is strictly increasing on values that round-trip (if v < w had k ≥ l, correctly rounded
/// division would give v = k/10ᵈ ≥ l/10ᵈ = w), and each sorted value is rebuilt as k / 10ᵈ — the very
/// expression whose bits were checked against the input, so the output holds the input's values exactly.
/// −0.0, NaN, ±∞ and any value with no grid of at most ``maximumDecimals`` decimals make
/// ``sorted(_:parts:)`` decline (nil) after a read pass (one more for each finer grid a value turns out to need).
enum DecimalGridSort {
    /// The largest number of decimals tried (10⁹ grid steps per unit).
    static let maximumDecimals = 9
    /// How many values, evenly spaced, choose the number of decimals before the full check.
    static let probes = 16

    /// The sorted values, or nil when they are not all on one decimal grid or their keys span 2³² steps or
    /// more. `parts` (1 or 2) threads share every pass, as in ``RadixSort``.
    static func sorted(_ values: [Double], parts: Int) -> [Double]? {
        let n = values.count
        guard n > 0, n <= Int(UInt32.max) else { return nil }
        let bounds = (0...parts).map { $0 * n / parts }
        let buckets = Int(AUDIT_GRID_DIGIT_BUCKETS), digitBits = Int(AUDIT_GRID_DIGIT_BITS)
        nonisolated(unsafe) let counts = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: parts * buckets)
        defer { counts.deallocate() }
        return values.withUnsafeBufferPointer { v -> [Double]? in
            let chunks = (0..<parts).map { UnsafeBufferPointer(rebasing: v[bounds[$0]..<bounds[$0 + 1]]) }
            guard let grid = scan(chunks, probing: [values], counts: counts, twoThreads: parts == 2) else { return nil }
            let (scale, minimum, maximum) = (grid.scale, grid.minimum, grid.maximum)
            let span = UInt64(maximum - minimum)  // |k| < 2⁵¹: no overflow
            guard span < 1 << 32 else { return nil }
            if span == 0 { return values }  // one key: one value, bit for bit
            let passes = (64 - span.leadingZeroBitCount + digitBits - 1) / digitBits
            // The scan counted k mod 2048; the first digit is (k − min) mod 2048, the same counts rotated.
            let rotation = Int(truncatingIfNeeded: UInt64(bitPattern: minimum) & UInt64(buckets - 1))
            for part in 0..<parts {
                let c = UnsafeMutableBufferPointer(rebasing: counts[(part * buckets)..<(part * buckets + buckets)])
                let byK = Array(c)
                for d in 0..<buckets { c[d] = byK[(d + rotation) & (buckets - 1)] }
            }
            return [Double](unsafeUninitializedCapacity: n) { out, count in
                nonisolated(unsafe) let out = out
                nonisolated(unsafe) let base = v.baseAddress!
                if passes == 1 {
                    RadixSort.offsets(counts, parts: parts, buckets: buckets)
                    Parallel.run(parts) { part in
                        audit_grid_scatter_only(base + bounds[part], bounds[part + 1] - bounds[part], scale, minimum,
                                                counts.baseAddress! + part * buckets, out.baseAddress!)
                    }
                    count = n
                    return
                }
                // Keys go through 32-bit buffers; the last pass reads `scratch` and writes the doubles. With three
                // passes the first writes the upper half of the result, which the last pass overwrites only after
                // the middle pass has read it into `scratch`.
                nonisolated(unsafe) let scratch = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: n)
                defer { scratch.deallocate() }
                nonisolated(unsafe) let upper = UnsafeMutableRawPointer(out.baseAddress!).bindMemory(to: UInt32.self, capacity: 2 * n) + n
                nonisolated(unsafe) let first = passes == 3 ? upper : scratch.baseAddress!
                RadixSort.offsets(counts, parts: parts, buckets: buckets)
                // The first pass also counts the second pass's digits, per half of its output.
                nonisolated(unsafe) let next = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: parts * 2 * buckets)
                defer { next.deallocate() }
                next.initialize(repeating: 0)
                Parallel.run(parts) { part in
                    audit_grid_scatter_first(base + bounds[part], bounds[part + 1] - bounds[part], scale, minimum, 0, 0,
                                             counts.baseAddress! + part * buckets, first,
                                             UInt32(bounds[1]), UInt32(digitBits), next.baseAddress! + part * 2 * buckets)
                }
                var source = first
                for pass in 1..<passes {
                    let shift = UInt32(pass * digitBits)
                    nonisolated(unsafe) let from = source
                    if pass == 1 {
                        Self.sumCounts(next, threads: parts, into: counts, parts: parts, buckets: buckets)
                    } else {
                        counts.update(repeating: 0)
                        Parallel.run(parts) { part in
                            audit_grid_count(from + bounds[part], bounds[part + 1] - bounds[part], shift, counts.baseAddress! + part * buckets)
                        }
                    }
                    RadixSort.offsets(counts, parts: parts, buckets: buckets)
                    if pass == passes - 1 {
                        Parallel.run(parts) { part in
                            audit_grid_scatter_last(from + bounds[part], bounds[part + 1] - bounds[part], shift,
                                                    counts.baseAddress! + part * buckets, minimum, scale, out.baseAddress!)
                        }
                    } else {
                        Parallel.run(parts) { part in
                            audit_grid_scatter_middle(from + bounds[part], bounds[part + 1] - bounds[part], shift,
                                                      counts.baseAddress! + part * buckets, scratch.baseAddress!)
                        }
                        source = scratch.baseAddress!
                    }
                }
                count = n
            }
        }
    }

    /// The grid of a pooled set of values, found by ``scan(_:probing:counts:twoThreads:)``.
    struct Grid {
        let scale: Double
        let minimum, maximum: Int64
    }

    /// Reads every chunk with audit_grid_scan (counts: AUDIT_GRID_DIGIT_BUCKETS per chunk, overwritten) at the
    /// scale the probes of `probing` choose; a value off that grid that has a finer one (at most
    /// ``maximumDecimals``) raises the scale and the chunks are read again — evenly spaced probes can all land
    /// on coarser values (every eighth of 0, ⅛, ¼, … is an integer). nil when some value has no such grid.
    static func scan(_ chunks: [UnsafeBufferPointer<Double>], probing: [[Double]], counts: UnsafeMutableBufferPointer<UInt32>,
                     twoThreads: Bool) -> Grid? {
        let buckets = Int(AUDIT_GRID_DIGIT_BUCKETS), parts = chunks.count
        var decimals = 0
        for values in probing {
            guard let d = Self.decimals(probing: values) else { return nil }
            decimals = max(decimals, d)
        }
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Int64>.allocate(capacity: 3 * parts)  // min, max, first off the grid
        defer { results.deallocate() }
        nonisolated(unsafe) let chunks = chunks, counts = counts
        while true {
            let scale = powersOfTen[decimals]
            counts.update(repeating: 0)
            let body: @Sendable (Int) -> Void = { part in
                let r = results.baseAddress! + 3 * part
                r[2] = Int64(audit_grid_scan(chunks[part].baseAddress!, chunks[part].count, scale, r, r + 1,
                                             counts.baseAddress! + part * buckets, WindowCounts.widestVectors))
            }
            if twoThreads && parts == 2 { Parallel.run(2, body) } else { for part in 0..<parts { body(part) } }
            guard let off = (0..<parts).first(where: { Int(results[3 * $0 + 2]) < chunks[$0].count }) else {
                return Grid(scale: scale, minimum: (0..<parts).map { results[3 * $0] }.min()!,
                            maximum: (0..<parts).map { results[3 * $0 + 1] }.max()!)
            }
            guard let finer = Self.decimals(of: chunks[off][Int(results[3 * off + 2])]), finer > decimals else { return nil }
            decimals = finer
        }
    }

    /// The smallest d ≤ ``maximumDecimals`` with which every probed value (``probes`` of them, evenly spaced)
    /// round-trips, else nil.
    static func decimals(probing values: [Double]) -> Int? {
        var decimals = 0
        let step = max(1, values.count / probes)
        for i in stride(from: 0, to: values.count, by: step).prefix(probes) {
            guard let d = Self.decimals(of: values[i]) else { return nil }
            decimals = max(decimals, d)
        }
        return decimals
    }

    /// The smallest d ≤ ``maximumDecimals`` with which v round-trips, else nil.
    static func decimals(of v: Double) -> Int? {
        (0...maximumDecimals).first { roundTrips(v, scale: powersOfTen[$0]) }
    }

    /// Whether v is, bit for bit, round(v·scale) / scale with |v·scale| < 2⁵¹ (audit_grid_scan's test).
    static func roundTrips(_ v: Double, scale: Double) -> Bool {
        let x = v * scale
        guard abs(x) < 0x1p51 else { return false }
        return (Double(Int64(x.rounded(.toNearestOrEven))) / scale).bitPattern == v.bitPattern  // through an integer, as in C: −0.0 fails
    }

    private static let powersOfTen: [Double] = (0...maximumDecimals).map { d in (0..<d).reduce(1.0) { r, _ in r * 10 } }

    /// counts[p][d] = Σ over threads t of next[t][p][d]: the digit counts per half of a pass's output that each
    /// thread of the pass made (audit_grid_scatter_first's next_counts, 2 halves per thread).
    static func sumCounts(_ next: UnsafeMutableBufferPointer<UInt32>, threads: Int, into counts: UnsafeMutableBufferPointer<UInt32>,
                          parts: Int, buckets: Int) {
        for i in 0..<(parts * buckets) {
            var total: UInt32 = 0
            for t in 0..<threads { total &+= next[t &* 2 &* buckets &+ i] }
            counts[i] = total
        }
    }
}
