import Testing
@testable import Stats

/// The percentile ends used by displays of several bootstraps: the same type-7 quantiles as the sorted
/// replicates, the same as the percentile interval where that one is defined, and a zero-width interval
/// (not a refusal) for a degenerate replicate set.
struct PercentileEndsTests {
    @Test func typeSevenQuantilesOfTheReplicates() throws {
        var rng = Xoshiro256StarStar(seed: 21)
        for count in [1, 2, 39, 2_000] {
            let replicates = (0..<count).map { _ in Double(rng.bounded(300)) / 7 }
            let sorted = replicates.sorted()
            for level in [0.5, 0.9, 0.95] {
                let ends = BootstrapIntervals.percentileEnds(replicates: replicates, level: level)
                #expect(ends.low == QuantileDefinition.hf7.quantile(sorted: sorted, p: (1 - level) / 2), "B \(count) level \(level)")
                #expect(ends.high == QuantileDefinition.hf7.quantile(sorted: sorted, p: (1 + level) / 2), "B \(count) level \(level)")
                if count == 2_000 {
                    let ci = try BootstrapIntervals.percentile(replicates: replicates, estimate: 0, level: level)
                    #expect(ci.low == ends.low && ci.high == ends.high)
                }
            }
        }
    }

    @Test func degenerateAndEmptySets() {
        let flat = BootstrapIntervals.percentileEnds(replicates: [Double](repeating: 1.25, count: 50), level: 0.95)
        #expect(flat.low == 1.25 && flat.high == 1.25)
        #expect(throws: IntervalUnavailable.self) {
            try BootstrapIntervals.percentile(replicates: [Double](repeating: 1.25, count: 50), estimate: 1.25, level: 0.95)
        }
        let empty = BootstrapIntervals.percentileEnds(replicates: [], level: 0.95)
        #expect(empty.low.isNaN && empty.high.isNaN)
    }
}
