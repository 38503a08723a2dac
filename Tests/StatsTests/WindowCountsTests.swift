import Testing
@testable import Stats

/// The two passes of Selection above WindowCounts.bandThreshold: the second pass reads only the sampled
/// blocks and the band kept by the first when the band holds the buckets to copy, and everything otherwise.
/// Either way the copied values must be exactly the sorted array's slice for those buckets. Synthetic data
/// (seeded); the reference is a full sort.
struct WindowCountsTests {
    static let n = WindowCounts.bandThreshold + 75_001

    /// Threads the passes split the data between (as WindowCounts chooses them).
    static var parts: Int { ProcessInfoLite.activeProcessorCount > 1 ? 2 : 1 }

    /// Whether x[i] lies in a sampled block: every eighth block of 2,048 values of its thread's share.
    static func sampled(_ i: Int, n: Int) -> Bool {
        let part = (0..<parts).last { $0 * n / parts <= i }!
        return (i - part * n / parts) / WindowCounts.sampleBlock % WindowCounts.sampleStride == 0
    }

    /// For each rank: the bucket the counts put it in, whether the band held that bucket, and the copied
    /// values (sorted) against the sorted array's slice for the bucket.
    /// `scratch`: the doubles handed to WindowCounts for its kept values (nil: none).
    static func check(_ x: [Double], ranks: [Int], scratch: Int? = nil) -> [Bool] {
        let sorted = x.sorted()
        let memory = scratch.map { UnsafeMutableBufferPointer<Double>.allocate(capacity: $0) }
        defer { memory?.deallocate() }
        return x.withUnsafeBufferPointer { buffer in
            let windows = Selection.brackets(ranks: ranks, buffer, sigmas: Selection.firstSigmas)
            let counted = WindowCounts(buffer, windows: windows, buckets: Selection.bucketCount(x.count), ranks: ranks,
                                       scratch: memory)
            return ranks.map { r in
                guard let w = (0..<windows.count).first(where: { counted.below[$0] <= r && r < counted.below[$0] + counted.inside($0) }) else {
                    Issue.record("rank \(r) outside every window")
                    return false
                }
                let bucket = counted.bucket(holding: r - counted.below[w], window: w)
                let start = counted.below[w] + counted.before(bucket: bucket, window: w)
                let end = counted.below[w] + counted.before(bucket: bucket + 1, window: w)
                let copied = counted.collect(window: w, buckets: bucket...bucket) { Array($0) }.sorted()
                #expect(copied == Array(sorted[start..<end]), "rank \(r)")
                #expect(start <= r && r < end)
                return counted.bandHolds(window: w, buckets: bucket...bucket)
            }
        }
    }

    /// Smooth, tied, sorted and reversed data with an interval's ranks around three quantiles: every copy
    /// exact, and for the smooth (unordered) shape the band holds every wanted bucket.
    @Test func aBandedSecondPassCopiesExactlyTheBuckets() {
        let n = Self.n
        var rng = Xoshiro256StarStar(seed: 606)
        let smooth = (0..<n).map { _ in 40 + 30 * rng.nextUnitDouble() * rng.nextUnitDouble() }
        let ranks = [n / 2 - 900, n / 2, n / 2 + 900, (95 * n) / 100 - 400, (95 * n) / 100 + 400, (99 * n) / 100]
        #expect(Self.check(smooth, ranks: ranks).allSatisfy { $0 })
        _ = Self.check(smooth.sorted(), ranks: ranks)
        _ = Self.check(smooth.sorted(by: >), ranks: ranks)
        let tied = (0..<n).map { _ in ((50 + 20 * rng.nextUnitDouble()) * 100).rounded() / 100 }
        _ = Self.check(tied, ranks: ranks)
    }

    /// A sample unlike the rest of the data: the sampled blocks hold values in [0, 1), the others in [10, 11),
    /// so the band lies where no wanted rank is and the second pass reads everything.
    @Test func aMisplacedBandFallsBackToTheWholePass() {
        let n = Self.n
        var rng = Xoshiro256StarStar(seed: 607)
        let x = (0..<n).map { i in (Self.sampled(i, n: n) ? 0 : 10) + rng.nextUnitDouble() }
        let held = Self.check(x, ranks: [n / 2 - 700, n / 2 + 700, (3 * n) / 4])
        #expect(held.allSatisfy { !$0 })
    }

    /// A band whose values do not fit: the sampled blocks are spread over [0, 1), the other blocks all 0.5, so
    /// seven eighths of the data fall in a band placed around the median.
    @Test func aBandThatOverflowsFallsBackToTheWholePass() {
        let n = Self.n
        var rng = Xoshiro256StarStar(seed: 608)
        let x = (0..<n).map { i in Self.sampled(i, n: n) ? rng.nextUnitDouble() : 0.5 }
        let held = Self.check(x, ranks: [n / 2 - 500, n / 2 + 500])
        #expect(held.allSatisfy { !$0 })
    }

    /// Through Selection: values and multiplicities equal the sorted array's on the banded path, with ranks
    /// in two windows and at the ends.
    @Test func selectionOnTheBandedPathEqualsTheSortedArray() {
        let n = Self.n
        var rng = Xoshiro256StarStar(seed: 609)
        let x = (0..<n).map { _ in (rng.nextUnitDouble() * 1_000).rounded() / 1_000 }  // 3 decimals: many ties
        let sorted = x.sorted()
        let ranks = [0, n / 100, n / 2 - 1_000, n / 2, n / 2 + 1_000, (99 * n) / 100, n - 1]
        let picked = Selection.select(ranks: ranks, of: x)
        #expect(picked.map(\.value) == ranks.map { sorted[$0] })
        #expect(picked.map(\.multiplicity) == ranks.map {
            SortedSearch.upperBound(sorted, sorted[$0]) - SortedSearch.lowerBound(sorted, sorted[$0])
        })
    }

    /// The band's values in the caller's scratch instead of heap: the same copies, and the band still holds.
    @Test func aBandKeptInScratchCopiesExactlyTheBuckets() {
        let n = Self.n
        var rng = Xoshiro256StarStar(seed: 610)
        let smooth = (0..<n).map { _ in 40 + 30 * rng.nextUnitDouble() * rng.nextUnitDouble() }
        let ranks = [n / 2 - 900, n / 2, n / 2 + 900]
        #expect(Self.check(smooth, ranks: ranks, scratch: n / 8).allSatisfy { $0 })
        // Too little scratch for the band: every copy still exact, read from the whole data.
        #expect(Self.check(smooth, ranks: ranks, scratch: 512).allSatisfy { !$0 })
    }
}

/// Below WindowCounts.bandThreshold, with scratch and two threads, the first pass keeps every value of the
/// windows and the second reads only those; without room for them it reads everything. Synthetic data
/// (seeded); the reference is a full sort.
struct KeptWindowTests {
    static let n = 100_003

    /// Smooth, tied, sorted and reversed data: every copy is the sorted array's slice, and with room for the
    /// windows on two threads the kept values are what the second pass reads.
    @Test func aKeptWindowSecondPassCopiesExactlyTheBuckets() {
        let n = Self.n
        var rng = Xoshiro256StarStar(seed: 611)
        let smooth = (0..<n).map { _ in 40 + 30 * rng.nextUnitDouble() * rng.nextUnitDouble() }
        let tied = (0..<n).map { _ in ((50 + 20 * rng.nextUnitDouble()) * 10).rounded() / 10 }
        let ranks = [n / 2 - 300, n / 2, n / 2 + 300, (99 * n) / 100 - 60, (99 * n) / 100 + 60]
        for x in [smooth, tied, smooth.sorted(), smooth.sorted(by: >)] {
            let held = WindowCountsTests.check(x, ranks: ranks, scratch: n / 2)
            #expect(held.allSatisfy { $0 == (WindowCountsTests.parts == 2) })
        }
    }

    /// Several runs of buckets copied in one pass (kept windows, a band, the whole data): the union is the
    /// sorted array's slices for the runs, run after run.
    @Test(arguments: [KeptWindowTests.n, WindowCountsTests.n])
    func severalRunsCopiedAtOnceAreTheSortedSlices(n: Int) {
        var rng = Xoshiro256StarStar(seed: 614)
        let x = (0..<n).map { _ in 40 + 30 * rng.nextUnitDouble() * rng.nextUnitDouble() }
        let sorted = x.sorted()
        let ranks = [n / 2 - 600, n / 2 - 1, n / 2, n / 2 + 600]
        for scratch in [nil, n / 2] as [Int?] {
            let memory = scratch.map { UnsafeMutableBufferPointer<Double>.allocate(capacity: $0) }
            defer { memory?.deallocate() }
            x.withUnsafeBufferPointer { buffer in
                let windows = Selection.brackets(ranks: ranks, buffer, sigmas: Selection.firstSigmas)
                let counted = WindowCounts(buffer, windows: windows, buckets: Selection.bucketCount(n), ranks: ranks, scratch: memory)
                guard windows.count == 1, counted.below[0] <= ranks[0], ranks[3] < counted.below[0] + counted.inside(0) else {
                    Issue.record("the ranks are not in one window")
                    return
                }
                let buckets = ranks.map { counted.bucket(holding: $0 - counted.below[0], window: 0) }
                // Runs: the end buckets alone, the middle pair's buckets, and a run of three buckets.
                let firsts = [buckets[0], buckets[1], buckets[3] - 1], lasts = [buckets[0], buckets[2], buckets[3] + 1]
                #expect(buckets[0] + 1 < buckets[1] && buckets[2] + 1 < buckets[3] - 1)
                let copied = counted.collect(window: 0, firsts: firsts, lasts: lasts) { Array($0) }.sorted()
                var expected: [Double] = []
                for j in 0..<3 {
                    let start = counted.below[0] + counted.before(bucket: firsts[j], window: 0)
                    let end = counted.below[0] + counted.before(bucket: lasts[j] + 1, window: 0)
                    expected += sorted[start..<end]
                }
                #expect(copied == expected, "n=\(n) scratch \(String(describing: scratch))")
            }
        }
    }

    /// Scratch too small for a window's values: the second pass reads everything, and the copies are exact.
    @Test func aKeptWindowThatOverflowsFallsBackToTheWholePass() {
        let n = Self.n
        var rng = Xoshiro256StarStar(seed: 612)
        let x = (0..<n).map { _ in rng.nextUnitDouble() }
        #expect(WindowCountsTests.check(x, ranks: [n / 2 - 300, n / 2 + 300], scratch: 1_000).allSatisfy { !$0 })
    }

    /// Through Selection with the process's prepared scratch mapped: values and multiplicities equal the
    /// sorted array's (whichever path each call takes: another test may hold the scratch at that moment).
    @Test func selectionWithPreparedScratchEqualsTheSortedArray() {
        PreparedScratch.map(bytes: 512 << 10)
        let n = Self.n
        var rng = Xoshiro256StarStar(seed: 613)
        let x = (0..<n).map { _ in (rng.nextUnitDouble() * 1_000).rounded() / 1_000 }
        let sorted = x.sorted()
        let ranks = [0, n / 100, n / 2 - 300, n / 2, n / 2 + 300, (99 * n) / 100, n - 1]
        for _ in 0..<3 {
            let picked = Selection.select(ranks: ranks, of: x)
            #expect(picked.map(\.value) == ranks.map { sorted[$0] })
            #expect(picked.map(\.multiplicity) == ranks.map {
                SortedSearch.upperBound(sorted, sorted[$0]) - SortedSearch.lowerBound(sorted, sorted[$0])
            })
        }
    }
}
