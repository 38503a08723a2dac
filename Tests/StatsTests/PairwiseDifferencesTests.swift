import Testing
@testable import Stats

/// Selecting order statistics of the pairwise differences must give exactly what sorting them gives.
struct PairwiseDifferencesTests {
    @Test func everyRankEqualsTheSortedDifferences() {
        var rng = Xoshiro256StarStar(seed: 77)
        for round in 0..<40 {
            let m = 1 + rng.bounded(25), n = 1 + rng.bounded(25)
            let levels = round % 3 == 0 ? 4 : 1_000  // heavy ties, then few
            func draw() -> Double { (Double(rng.bounded(levels)) - Double(levels) / 3) * 0.37 }
            let x = (0..<m).map { _ in draw() }.sorted(), y = (0..<n).map { _ in draw() }.sorted()
            let sorted = y.flatMap { b in x.map { b - $0 } }.sorted()
            for rank in 0..<(m * n) {
                #expect(PairwiseDifferences.orderStatistic(sortedX: x, sortedY: y, rank: rank) == sorted[rank], "m=\(m) n=\(n) rank=\(rank)")
            }
        }
    }

    @Test func hodgesLehmannBySelectionEqualsByMaterialising() throws {
        var rng = Xoshiro256StarStar(seed: 3)
        for round in 0..<12 {
            let m = 5 + rng.bounded(300), n = 5 + rng.bounded(300)
            let x = (0..<m).map { _ in 60 * (1 + rng.nextUnitDouble()) }
            let y = (0..<n).map { _ in round % 2 == 0 ? (61 * (1 + rng.nextUnitDouble()) * 1000).rounded() / 1000 : 59 + rng.nextUnitDouble() }
            let materialised = try #require(HodgesLehmann.estimate(x, y))
            let selected = try #require(HodgesLehmann.estimate(x, y, materializeUpTo: 0))
            #expect(selected == materialised)
        }
    }

    @Test func largeSamplesGetAnIntervalInsteadOfNothing() throws {
        // 8,000 × 8,000 = 6.4·10⁷ pairs: beyond what is formed in memory.
        var rng = Xoshiro256StarStar(seed: 9)
        let x = (0..<8_000).map { _ in rng.nextUnitDouble() }, y = (0..<8_000).map { _ in rng.nextUnitDouble() + 0.25 }
        let hl = try #require(HodgesLehmann.estimate(x, y))
        #expect(abs(hl.shift - 0.25) < 0.02)
        let low = try #require(hl.low), high = try #require(hl.high)
        #expect(low < hl.shift && hl.shift < high && high - low < 0.05)
    }
}
