import Testing
@testable import Stats

/// Monte-Carlo intervals against scipy.stats.bootstrap and R boot.ci references computed with a
/// large B (Fixtures/bootstrap_mc.json): ours at B = 10⁴ must land within 4 combined Monte-Carlo
/// standard errors of the reference endpoint.
struct BootstrapReferenceTests {
    struct Bounds: Decodable {
        let low: Double
        let high: Double
    }
    struct Case: Decodable {
        let name: String
        let x: [Double]
        let statistic: String
        let method: String
        let level: Double
        let B: Int
        let reference: Bounds
        let mcSE: Bounds
        let referenceRuns: Int
        let referenceB: Int
        let tool: String
    }
    struct Reference: Decodable { let cases: [Case] }

    static let reference: Reference = try! Fixture.load("bootstrap_mc.json", as: Reference.self)

    static func statistic(_ name: String) -> Statistic? {
        switch name {
        case "mean": .mean
        case "median": .quantile(p: 0.5, definition: .hf7)
        case "p95-hf7": .quantile(p: 0.95, definition: .hf7)
        case "trim:0.1": .trimmedMean(proportion: 0.1)
        default: nil
        }
    }

    static func method(_ name: String) -> IntervalRequest.Method? {
        switch name.lowercased() {
        case "percentile", "perc": .percentile
        case "basic": .basic
        case "bca": .bca
        case "norm", "normal": .normal
        case "stud", "studentized": .studentized
        default: nil
        }
    }

    /// For quantiles the bootstrap distribution is discrete: allow half the local gap between sample values.
    static func spacing(around value: Double, in sorted: [Double]) -> Double {
        let above = sorted.first(where: { $0 > value }) ?? value
        let below = sorted.last(where: { $0 < value }) ?? value
        return 0.5 * (above - below)
    }

    @Test func endpointsWithinFourMonteCarloStandardErrors() throws {
        var checked = 0
        for c in Self.reference.cases {
            guard let stat = Self.statistic(c.statistic), let method = Self.method(c.method) else {
                Issue.record("unmapped case \(c.name): \(c.statistic) \(c.method)")
                continue
            }
            let sample = try Sample(c.x)
            let request = IntervalRequest(statistic: stat, method: method, level: c.level, resamples: c.B, seed: 12_345, threads: 2)
            let ci = try IntervalEstimator.estimate(request, sample: sample).interval
            let refScale = (Double(c.B) / Double(c.referenceB * c.referenceRuns)).squareRoot()
            for (got, want, se) in [(ci.low, c.reference.low, c.mcSE.low), (ci.high, c.reference.high, c.mcSE.high)] {
                let combined = se * (1 + refScale * refScale).squareRoot()
                var tolerance = 4 * combined
                if stat.isQuantile { tolerance = max(tolerance, Self.spacing(around: want, in: sample.sorted)) }
                let value = try #require(got, "\(c.name): unbounded endpoint")
                #expect(abs(value - want) <= tolerance,
                        "\(c.name) [\(c.tool)]: \(value) vs reference \(want) (tolerance \(tolerance), MC SE \(se))")
            }
            checked += 1
        }
        #expect(checked >= 40)
    }
}
