import RealModule
import Testing
@testable import Stats

struct BatchStructureTests {
    /// Hand-computed one-way ANOVA: batches [1,2], [3,4], [5,6]: MSB = 8, MSW = 0.5, F = 16 on (2, 3) df,
    /// ICC = 7.5/8.5, and for d₁ = 2 the F tail has the closed form (1 + d₁F/d₂)^(−d₂/2).
    @Test func anovaClosedForm() throws {
        let s = try #require(BatchStructure(values: [1, 2, 3, 4, 5, 6], batchSize: 2))
        #expect(abs(s.f - 16) < 1e-12)
        #expect(abs(s.intraclassCorrelation - 7.5 / 8.5) < 1e-12)
        #expect(abs(s.p - Double.pow(1 + 2 * 16 / 3.0, -1.5)) < 1e-12)
        #expect(s.batches == [0..<2, 2..<4, 4..<6])
    }

    /// Values near the top (and bottom) of the double range: the mean squares would overflow to ∞ − ∞ = NaN;
    /// scaling by a power of two gives exactly the ICC, F and p of the same data at an ordinary scale.
    @Test func extremeMagnitudesGiveTheSameRatiosAsOrdinaryOnes() throws {
        let ordinary = Self.correlatedBatches(batches: 20, size: 10, between: 0.3, seed: 4)
        let reference = try #require(BatchStructure(values: ordinary, batchSize: 10))
        for power in [1000, -1000, 300] {
            let factor = Double(sign: .plus, exponent: power, significand: 1)
            let extreme = try #require(BatchStructure(values: ordinary.map { $0 * factor }, batchSize: 10))
            #expect(extreme.intraclassCorrelation == reference.intraclassCorrelation, "2^\(power)")
            #expect(extreme.f == reference.f && extreme.p == reference.p, "2^\(power)")
        }
        var mixed = ordinary
        mixed[35] = 1e308
        let outlier = try #require(BatchStructure(values: mixed, batchSize: 10))
        #expect(outlier.intraclassCorrelation.isFinite && outlier.f.isFinite && outlier.p.isFinite)
    }

    static func correlatedBatches(batches: Int, size: Int, between: Double, seed: UInt64) -> [Double] {
        var g = Xoshiro256StarStar(seed: seed)
        func z() -> Double { Normal.quantile(g.nextUnitDouble() * 0.999998 + 0.000001) }
        var out: [Double] = []
        for _ in 0..<batches {
            let shared = between * z()
            for _ in 0..<size { out.append(Double.exp(Double.log(60) + shared + 0.2 * z())) }
        }
        return out
    }

    @Test func autoPicksBatchesOnlyWhenTheyMatter() throws {
        let correlated = try Sample(Self.correlatedBatches(batches: 20, size: 10, between: 0.3, seed: 1))
        let independent = try Sample(Self.correlatedBatches(batches: 20, size: 10, between: 0, seed: 2))
        var request = IntervalRequest(statistic: .mean, method: .bca, resamples: 2_000, seed: 3)
        request.resampling = .auto(batchSize: 10)
        let a = try IntervalEstimator.estimate(request, sample: correlated)
        let b = try IntervalEstimator.estimate(request, sample: independent)
        #expect(a.resampling == "batch" && b.resampling == "iid")
        #expect(a.batch?.batchSize == 10 && a.batch?.isSignificant == true && b.batch == nil)
        // Resampling batches widens the interval when batches share a cause.
        var iid = request
        iid.resampling = .iid
        let narrow = try IntervalEstimator.estimate(iid, sample: correlated).interval
        #expect((a.interval.high! - a.interval.low!) > 1.5 * (narrow.high! - narrow.low!))
    }

    @Test func batchReplicatesAreThreadIndependentAndEqualForTheMeanAndCountsPaths() throws {
        let sample = try Sample(Self.correlatedBatches(batches: 13, size: 7, between: 0.2, seed: 4) + [61, 62, 63])
        let s = try #require(BatchStructure(values: sample.values, batchSize: 7))
        let one = BatchBootstrap.replicates(of: .mean, sample: sample, structure: s, configuration: .init(resamples: 600, seed: 9, threads: 1))
        let two = BatchBootstrap.replicates(of: .mean, sample: sample, structure: s, configuration: .init(resamples: 600, seed: 9, threads: 2))
        #expect(one == two)
        let viaCounts = BatchBootstrap.replicates(of: .trimmedMean(proportion: 0), sample: sample, structure: s, configuration: .init(resamples: 600, seed: 9))
        for (a, b) in zip(one, viaCounts) { #expect(relativelyClose(a, b, 1e-12)) }
    }
}
