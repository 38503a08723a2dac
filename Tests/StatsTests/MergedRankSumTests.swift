import Testing
@testable import Stats

/// The merge of two sorted samples must give the same rank sum and tie term as midranks of the pool.
struct MergedRankSumTests {
    @Test(arguments: [1, 2, 7, 100, 2_000])
    func equalsPooledMidranks(size: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(size))
        for round in 0..<20 {
            let m = 1 + rng.bounded(size), n = 1 + rng.bounded(size)
            let levels = round % 2 == 0 ? 5 : 1_000_000  // heavy ties, then (almost) none
            func draw() -> Double { round % 5 == 0 && rng.bounded(4) == 0 ? [-0.0, 0.0][rng.bounded(2)] : Double(rng.bounded(levels)) / 4 }
            let x = (0..<m).map { _ in draw() }, y = (0..<n).map { _ in draw() }
            let pooled = PooledRanks(x + y)
            let merged = MergedRankSum(sortedX: x.sorted(), sortedY: y.sorted())
            #expect(merged.rankSumX == pooled.ranks[0..<m].reduce(0, +), "m=\(m) n=\(n)")
            #expect(merged.tieTerm == pooled.tieTerm)
            #expect(merged.hasTies == pooled.hasTies)
            // Split at a value of x and walked in two parts: the same sums.
            let split = MergedRankSum(sortedX: x.sorted(), sortedY: y.sorted(), parts: 2)
            #expect(split.rankSumX == merged.rankSumX && split.tieTerm == merged.tieTerm, "split m=\(m) n=\(n)")
        }
    }
}
