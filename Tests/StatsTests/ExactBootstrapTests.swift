import RealModule
import Testing
@testable import Stats

/// Against brute-force enumeration of every resample (Fixtures/exact_bootstrap.json).
struct ExactBootstrapTests {
    struct Stat: Decodable {
        let mean: Double
        let variance: Double
        let support: [Double]
        let cdf: [Double]
        let orderCdf: [Double]?
    }
    struct Case: Decodable {
        let name: String
        let x: [Double]
        let stats: [String: Stat]
    }
    struct Reference: Decodable { let cases: [Case] }

    static let reference: Reference = try! Fixture.load("exact_bootstrap.json", as: Reference.self)

    @Test func quantileDistributionsMatchEnumeration() throws {
        var checked = 0
        for c in Self.reference.cases {
            let sample = try Sample(c.x)
            for (key, expected) in c.stats {
                let parts = key.split(separator: ":")
                guard parts.count == 2, let p = Double(parts[1]),
                      let definition = QuantileDefinition(rawValue: String(parts[0])) else { continue }
                let d = ExactBootstrap.quantile(sample, p: p, definition: definition)
                #expect(d.support.count == expected.support.count, "\(c.name) \(key): support size")
                for (got, want) in zip(d.support, expected.support) { #expect(relativelyClose(got, want, 1e-12), "\(c.name) \(key)") }
                for (got, want) in zip(d.cdf, expected.cdf) { #expect(abs(got - want) < 1e-12, "\(c.name) \(key) cdf") }
                #expect(relativelyClose(d.mean, expected.mean, 1e-10), "\(c.name) \(key) mean")
                #expect(relativelyClose(d.variance, expected.variance, 1e-9), "\(c.name) \(key) variance")
                if let orderCdf = expected.orderCdf {
                    // P(T* ≤ x₍ⱼ₎) for every j of the original sample.
                    for (j, want) in orderCdf.enumerated() {
                        let xj = sample.sorted[j]
                        let got = Array(zip(d.support, d.cdf)).last(where: { $0.0 <= xj })?.1 ?? 0
                        #expect(abs(got - want) < 1e-12, "\(c.name) \(key) orderCdf[\(j)]")
                    }
                }
                checked += 1
            }
        }
        #expect(checked >= 20)
    }

    @Test func harrellDavisExactMeanMatchesEnumeration() throws {
        for c in Self.reference.cases {
            let sample = try Sample(c.x)
            for (key, expected) in c.stats where key.hasPrefix("hd:") {
                let p = Double(key.dropFirst(3))!
                #expect(relativelyClose(ExactBootstrap.harrellDavisMean(sample, p: p), expected.mean, 1e-10), "\(c.name) \(key)")
            }
        }
    }

    @Test func probabilitiesSumToOneAtLargerN() throws {
        var g = Xoshiro256StarStar(seed: 4)
        let sample = try Sample((0..<2000).map { _ in (60 * Double.exp(0.35 * Normal.quantile(g.nextUnitDouble() * 0.999 + 0.0005)) * 1000).rounded() / 1000 })
        for definition in [QuantileDefinition.hf7, .hf8, .nearestRank, .summarizePy] {
            for p in [0.5, 0.95, 0.99] {
                let d = ExactBootstrap.quantile(sample, p: p, definition: definition)
                #expect(abs(d.probabilities.reduce(0, +) - 1) < 1e-9, "\(definition) p=\(p)")
            }
        }
    }

    /// The exact distribution is the B → ∞ limit of the Monte-Carlo bootstrap (resampling indices).
    @Test func monteCarloBootstrapConvergesToExact() throws {
        var g = Xoshiro256StarStar(seed: 8)
        let sample = try Sample((0..<60).map { _ in 50 + 100 * g.nextUnitDouble() })
        let exact = ExactBootstrap.quantile(sample, p: 0.9, definition: .hf7)
        let b = 40_000
        let r = Bootstrap.replicates(of: .quantile(p: 0.9, definition: .hf7), sample: sample, configuration: .init(resamples: b, seed: 3), kernel: .counts)
        let mcMean = r.reduce(0, +) / Double(b)
        #expect(abs(mcMean - exact.mean) < 4 * (exact.variance / Double(b)).squareRoot())
        // And the direct draws from the exact distribution (the automatic kernel) agree with resampling in distribution.
        let direct = Bootstrap.replicates(of: .quantile(p: 0.9, definition: .hf7), sample: sample, configuration: .init(resamples: b, seed: 3))
        let ks = KolmogorovSmirnov.test(r, direct, method: .asymptotic)
        #expect(ks.p > 0.001, "resampled and exact-distribution replicates differ (KS p = \(ks.p))")
    }
}
