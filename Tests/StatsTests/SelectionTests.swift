import Testing
@testable import Stats

/// Sampling selection (Floyd–Rivest windows) against a full sort: values and multiplicities.
struct SelectionTests {
    @Test(arguments: [1, 2, 3, 10, 1_000, 100_001])
    func valuesAtRanksEqualTheSortedArray(n: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(n) &+ 7)
        for round in 0..<4 {
            var x = (0..<n).map { _ in round == 0 ? Double(rng.bounded(3)) : rng.nextUnitDouble() }  // heavy ties first
            if round == 2 { x.sort() }  // sorted input
            if round == 3 { x.sort(by: >) }  // reversed input
            let sorted = x.sorted()
            let ranks = (0..<min(n, 12)).map { _ in rng.bounded(n) } + [0, n - 1]
            #expect(Selection.values(atRanks: ranks, of: x) == ranks.map { sorted[$0] })
        }
    }

    @Test func adversarialInputStaysCorrect() {
        // Organ-pipe and all-equal inputs: the partition budget falls back to sorting its range.
        let n = 50_000
        let pipe = (0..<n).map { Double($0 < n / 2 ? $0 : n - $0) }
        let sorted = pipe.sorted()
        #expect(Selection.values(atRanks: [n / 2, n / 4, 3, n - 1], of: pipe) == [sorted[n / 2], sorted[n / 4], sorted[3], sorted[n - 1]])
        #expect(Selection.values(atRanks: [n / 3], of: [Double](repeating: 2, count: n)) == [2])
    }

    @Test func infinitiesAndExtremesAreOrderedToo() {
        var rng = Xoshiro256StarStar(seed: 5)
        var x = (0..<20_000).map { _ in rng.nextUnitDouble() - 0.5 }
        for i in stride(from: 0, to: 20_000, by: 97) { x[i] = [Double.infinity, -Double.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude][i % 4] }
        let sorted = x.sorted()
        let ranks = [0, 1, 50, 199, 10_000, 19_800, 19_998, 19_999]
        #expect(Selection.values(atRanks: ranks, of: x) == ranks.map { sorted[$0] })
        var y = (0..<20_000).map { _ in rng.nextUnitDouble() }
        for i in stride(from: 0, to: 20_000, by: 50) { y[i] = i % 100 == 0 ? .infinity : -.infinity }
        let sortedY = y.sorted()
        #expect(Selection.values(atRanks: ranks, of: y) == ranks.map { sortedY[$0] })
    }

    /// Every rank and multiplicity equals the sorted array's, across the direct, one-thread, two-thread and
    /// recursive paths, for smooth, tied (3-decimal latencies), two-valued and sorted data.
    @Test(arguments: [5_000, 60_000, 140_000, 400_000])
    func selectedValuesAndMultiplicitiesEqualTheSortedArray(n: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(n) &* 31)
        let shapes: [[Double]] = [
            (0..<n).map { _ in 40 + 30 * rng.nextUnitDouble() * rng.nextUnitDouble() },
            (0..<n).map { _ in ((50 + 20 * rng.nextUnitDouble()) * 100).rounded() / 100 },  // heavy ties
            (0..<n).map { _ in rng.bounded(10) < 7 ? 1 : 2 },                               // two values
            (0..<n).map { Double($0 / 3) },                                                 // sorted, tied
        ]
        for x in shapes {
            let sorted = x.sorted()
            let ranks = [0, 1, n / 100, n / 2 - 1, n / 2, n / 2 + 1, (95 * n) / 100, (99 * n) / 100, n - 2, n - 1, rng.bounded(n)]
            let picked = Selection.select(ranks: ranks, of: x)
            for (r, p) in zip(ranks, picked) {
                #expect(p.value == sorted[r], "n=\(n) rank \(r)")
                #expect(p.multiplicity == sorted.filter { $0 == sorted[r] }.count, "n=\(n) rank \(r)")
            }
        }
    }

    /// Selecting while another thread finds the ranks (windows placed around guesses) gives the sorted
    /// array's values and multiplicities whether the guesses are exact, a few ranks off, far off (the
    /// retry), fewer than the ranks or the ranks are empty — below the two-thread size (find, then select)
    /// and above it; `find` runs exactly once.
    @Test(arguments: [5_000, 60_000, 140_000])
    func selectingWhileTheRanksAreFoundEqualsSelectingAfter(n: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(n) &+ 99)
        let shapes: [[Double]] = [
            (0..<n).map { _ in 40 + 30 * rng.nextUnitDouble() * rng.nextUnitDouble() },
            (0..<n).map { _ in ((50 + 20 * rng.nextUnitDouble()) * 10).rounded() / 10 },  // heavy ties
        ]
        let ranks = [n / 40, (99 * n) / 100, n / 2, n / 2 + 1]
        let cases: [(guesses: [Int], ranks: [Int])] = [
            (ranks, ranks),
            (ranks.map { min(n - 1, $0 + 7) }, ranks),
            (ranks.map { ($0 + n / 4) % n }, ranks),  // every bracket misses: the retry places new ones
            ([n / 2], ranks),                         // a rank no guess was near
            (ranks, []),
        ]
        for x in shapes {
            let sorted = x.sorted()
            for c in cases {
                nonisolated(unsafe) var calls = 0
                let picked = x.withUnsafeBufferPointer { buffer in
                    Selection.select(near: c.guesses, ranks: { calls += 1; return c.ranks }, in: buffer)
                }
                #expect(calls == 1)
                #expect(picked.map(\.value) == c.ranks.map { sorted[$0] }, "n=\(n) guesses \(c.guesses)")
                #expect(picked.map(\.multiplicity) == c.ranks.map { r in sorted.filter { $0 == sorted[r] }.count })
            }
        }
    }

    /// Ranks in one window as one to nine runs of buckets (adjacent ranks share a run; more than four runs are
    /// copied as one run from the first to the last): values and multiplicities equal the sorted array's.
    @Test(arguments: [60_000, 140_000])
    func ranksInManyBucketsOfOneWindowEqualTheSortedArray(n: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(n) &+ 7)
        let tied = (0..<n).map { _ in ((50 + 20 * rng.nextUnitDouble() * rng.nextUnitDouble()) * 100).rounded() / 100 }
        let sorted = tied.sorted()
        let rankSets: [[Int]] = [
            [n / 2],
            [n / 2 - 400, n / 2 + 400],
            [n / 2 - 400, n / 2 - 1, n / 2, n / 2 + 400],
            (-4...4).map { n / 2 + $0 * 250 },
            (-4...4).map { n / 2 + $0 * 250 } + [n / 2 + 1, n / 2 - 1],
        ]
        for ranks in rankSets {
            let picked = Selection.select(ranks: ranks, of: tied)
            #expect(picked.map(\.value) == ranks.map { sorted[$0] }, "n=\(n) ranks \(ranks)")
            #expect(picked.map(\.multiplicity) == ranks.map {
                SortedSearch.upperBound(sorted, sorted[$0]) - SortedSearch.lowerBound(sorted, sorted[$0])
            })
        }
    }

    /// Brackets that miss (here: forced) fall back to sorting; the result is still the sorted array's.
    @Test func bracketsThatMissFallBackToSorting() {
        var rng = Xoshiro256StarStar(seed: 12)
        let x = (0..<20_000).map { _ in rng.nextUnitDouble() }
        let sorted = x.sorted()
        let ranks = [19_999, 10_000, 0, 5]
        let missing: ([Int], UnsafeBufferPointer<Double>, Double) -> Selection.Windows = { _, _, _ in
            Selection.Windows([Selection.Window(low: 0.2, high: 0.3), Selection.Window(low: 0.9, high: 0.95)])
        }
        let picked = x.withUnsafeBufferPointer { Selection.select(ranks: ranks, in: $0, bracketing: missing) }
        #expect(picked.map(\.value) == ranks.map { sorted[$0] })
        #expect(picked.allSatisfy { $0.multiplicity == 1 })
    }

    /// Brackets that miss at the first width are tried once more, wider (the real brackets at 8σ here).
    @Test func bracketsThatMissOnceAreRetriedWider() {
        var rng = Xoshiro256StarStar(seed: 14)
        let x = (0..<30_000).map { _ in Double(rng.bounded(5_000)) }
        let sorted = x.sorted()
        let ranks = [29_999, 15_000, 14_999, 3]
        nonisolated(unsafe) var widths: [Double] = []
        let missingFirst: ([Int], UnsafeBufferPointer<Double>, Double) -> Selection.Windows = { ranks, x, sigmas in
            widths.append(sigmas)
            return sigmas < Selection.retrySigmas ? Selection.Windows([Selection.Window(low: -2, high: -1)])
                                                  : Selection.brackets(ranks: ranks, x, sigmas: sigmas)
        }
        let picked = x.withUnsafeBufferPointer { Selection.select(ranks: ranks, in: $0, bracketing: missingFirst) }
        #expect(picked.map(\.value) == ranks.map { sorted[$0] })
        #expect(picked.map(\.multiplicity) == ranks.map { r in sorted.filter { $0 == sorted[r] }.count })
        #expect(widths == [Selection.firstSigmas, Selection.retrySigmas])
    }

    /// A window holding most of the data (75 % tied at one value): its buckets are counted, the tied
    /// bucket is copied whole and, holding more than half the data, sorted (one and two threads).
    @Test(arguments: [50_000, 300_000])
    func aWindowHoldingMostOfTheDataStaysExact(n: Int) {
        var rng = Xoshiro256StarStar(seed: 13)
        let x = (0..<n).map { _ in rng.bounded(4) == 0 ? rng.nextUnitDouble() : 0.5 }  // 75% tied at 0.5
        let sorted = x.sorted()
        let ranks = [n / 2, n / 10, n - 1]
        let wide: ([Int], UnsafeBufferPointer<Double>, Double) -> Selection.Windows = { _, _, _ in
            Selection.Windows([Selection.Window(low: -1, high: 2)])
        }
        let picked = x.withUnsafeBufferPointer { Selection.select(ranks: ranks, in: $0, bracketing: wide) }
        #expect(picked.map(\.value) == ranks.map { sorted[$0] })
        #expect(picked[0].multiplicity == sorted.filter { $0 == 0.5 }.count)
    }

    /// Windows whose bucket map is degenerate or open stay exact: a single-value map (scale 0), a map over
    /// ±∞ (an infinite width), and open ends whose values lie beyond the map (the end buckets).
    @Test func degenerateBucketMapsStayExact() {
        var rng = Xoshiro256StarStar(seed: 21)
        let n = 40_000
        var x = (0..<n).map { _ in rng.nextUnitDouble() * 100 }
        for i in stride(from: 0, to: n, by: 101) { x[i] = i % 2 == 0 ? .infinity : -.infinity }
        let sorted = x.sorted()
        let ranks = [0, 5, n / 3, n / 2, n - 30, n - 1]
        let windows: [[Selection.Window]] = [
            [Selection.Window(low: -.infinity, high: .infinity, mapLow: 50, mapHigh: 50)],
            [Selection.Window(low: -.infinity, high: .infinity, mapLow: -.infinity, mapHigh: .infinity)],
            [Selection.Window(low: -.infinity, high: .infinity, mapLow: 40, mapHigh: 60)],
            [Selection.Window(low: -.greatestFiniteMagnitude, high: .greatestFiniteMagnitude)],
        ]
        for w in windows {
            let picked = x.withUnsafeBufferPointer { Selection.select(ranks: ranks, in: $0, bracketing: { _, _, _ in Selection.Windows(w) }) }
            #expect(picked.map(\.value) == ranks.map { sorted[$0] })
            #expect(picked.map(\.multiplicity) == ranks.map { r in sorted.filter { $0 == sorted[r] }.count })
        }
    }

    /// The bucket count and sample size follow their documented rules.
    @Test func bucketCountAndSampleSize() {
        #expect(Selection.bucketCount(5_000) == 64)
        #expect(Selection.bucketCount(100_000) == 97)
        #expect(Selection.bucketCount(1_000_000) == 976)
        #expect(Selection.bucketCount(10_000_000) == 1024)
        #expect(Selection.sampleSize(5_000) == 512)
        #expect(Selection.sampleSize(1_000) == 250)
        #expect(Selection.sampleSize(1_000_000) == 1024)
    }
}
