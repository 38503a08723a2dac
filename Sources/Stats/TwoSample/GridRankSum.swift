import CKernels

/// The rank sum of x in x ∪ y and the tie term Σ(t³ − t) when both samples lie on one decimal grid
/// (``DecimalGridSort``): one LSD radix sort of pooled 32-bit keys (k − min k) << 1 | (1 for y), which puts x
/// first among equal values, and one walk over them (the walk of ``MergedRankSum``, reading the sample from
/// the key's low bit instead of merging two arrays). Neither sample gets a sorted copy: two buffers of 4 bytes
/// per pooled value instead of the sorts' 12–16 bytes per value, whose fresh pages cost a fault per 4 KiB,
/// and a scan whose only loop-carried work is integer sums instead of the merge's load-compare-advance
/// chain (benchmarks/perf/README.md, note 23).
enum GridRankSum {
    /// Below this many pooled values sorting both samples and merging is as fast.
    static let threshold = RadixSort.threshold
    /// The walk's Σ(t³ − t) is exact in 64 bits below this many pooled values.
    static let maximumPool = 1 << 21

    /// nil when the pool is outside threshold..<maximumPool, some value has no decimal grid of at most
    /// ``DecimalGridSort/maximumDecimals`` decimals, or the keys would span 2³¹ grid steps or more.
    static func compute(_ x: [Double], _ y: [Double]) -> MergedRankSum? {
        let m = x.count, n = y.count, total = m + n
        guard m > 0, n > 0, total >= threshold, total < maximumPool else { return nil }
        let buckets = Int(AUDIT_GRID_DIGIT_BUCKETS), digitBits = Int(AUDIT_GRID_DIGIT_BITS)
        let twoThreads = total >= MergedRankSum.parallelThreshold && ProcessInfoLite.activeProcessorCount > 1
        func run(_ body: @Sendable (Int) -> Void) { if twoThreads { Parallel.run(2, body) } else { body(0); body(1) } }
        // Two parts throughout: first the samples (x, y), then the halves of the pooled keys.
        nonisolated(unsafe) let counts = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 2 * buckets)
        defer { counts.deallocate() }
        return x.withUnsafeBufferPointer { a in
            y.withUnsafeBufferPointer { b -> MergedRankSum? in
                nonisolated(unsafe) let samples = [a, b]
                guard let grid = DecimalGridSort.scan(samples, probing: [x, y], counts: counts, twoThreads: twoThreads) else { return nil }
                let (scale, minimum) = (grid.scale, grid.minimum), span = UInt64(grid.maximum - grid.minimum)
                guard span < 1 << 31 else { return nil }
                let keyBits = 64 - (2 * span + 1).leadingZeroBitCount
                let passes = (keyBits + digitBits - 1) / digitBits
                // The scans counted k mod 2048; the first digit is ((k − min) mod 1024) << 1 | tag.
                for part in 0..<2 {
                    let c = UnsafeMutableBufferPointer(rebasing: counts[(part * buckets)..<(part * buckets + buckets)])
                    let byK = Array(c)
                    c.update(repeating: 0)
                    for r in 0..<buckets {
                        let low = Int(truncatingIfNeeded: (Int64(r) - minimum) & Int64(buckets / 2 - 1))
                        c[low << 1 | part] += byK[r]
                    }
                }
                nonisolated(unsafe) let first = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: total)
                defer { first.deallocate() }
                nonisolated(unsafe) let second = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: passes > 1 ? total : 0)
                defer { second.deallocate() }
                RadixSort.offsets(counts, parts: 2, buckets: buckets)
                let halves = [0, total / 2, total]
                // The first pass (one thread per sample) also counts the second pass's digits per half of its output.
                nonisolated(unsafe) let next = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 2 * 2 * buckets)
                defer { next.deallocate() }
                next.initialize(repeating: 0)
                run { part in
                    audit_grid_scatter_first(samples[part].baseAddress!, samples[part].count, scale, minimum, 1, UInt32(part),
                                             counts.baseAddress! + part * buckets, first.baseAddress!,
                                             UInt32(halves[1]), UInt32(digitBits), next.baseAddress! + part * 2 * buckets)
                }
                var sorted = first
                for pass in 1..<passes {
                    nonisolated(unsafe) let (from, to) = pass % 2 == 1 ? (first, second) : (second, first)
                    let shift = UInt32(pass * digitBits)
                    if pass == 1 {
                        DecimalGridSort.sumCounts(next, threads: 2, into: counts, parts: 2, buckets: buckets)
                    } else {
                        counts.update(repeating: 0)
                        run { part in
                            audit_grid_count(from.baseAddress! + halves[part], halves[part + 1] - halves[part], shift,
                                             counts.baseAddress! + part * buckets)
                        }
                    }
                    RadixSort.offsets(counts, parts: 2, buckets: buckets)
                    run { part in
                        audit_grid_scatter_middle(from.baseAddress! + halves[part], halves[part + 1] - halves[part], shift,
                                                  counts.baseAddress! + part * buckets, to.baseAddress!)
                    }
                    sorted = to
                }
                // The walk, in two parts cut between tie groups; the upper part's x values also have every y of
                // the lower part before them.
                var cut = total / 2
                while cut < total && sorted[cut] >> 1 == sorted[cut - 1] >> 1 { cut += 1 }
                nonisolated(unsafe) let walks = UnsafeMutableBufferPointer<audit_rank_walk>.allocate(capacity: 2)
                defer { walks.deallocate() }
                nonisolated(unsafe) let keys = sorted
                let bounds = [0, cut, total]
                run { part in
                    audit_grid_rank_walk(keys.baseAddress! + bounds[part], bounds[part + 1] - bounds[part], walks.baseAddress! + part)
                }
                let (lower, upper) = (walks[0], walks[1])
                let yBefore = lower.y_before + upper.y_before + upper.x_count * lower.y_count
                return MergedRankSum(rankSumX: Double(Int64(m * (m + 1)) + 2 * yBefore + lower.mixed + upper.mixed) / 2,
                                     tieTerm: Double(lower.cubes + upper.cubes))
            }
        }
    }
}
