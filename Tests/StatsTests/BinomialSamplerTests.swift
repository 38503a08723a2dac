import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Stats

/// Chi-square goodness of fit of ``BinomialSampler`` against the closed-form probability mass function
/// (log-gamma), on both of its methods (inversion below N·p = 10, BTRS above) and both sides of p = ½.
struct BinomialSamplerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let trials: Int, p: Double, seed: UInt64
        var testDescription: String { "Binomial(\(trials), \(p))" }
    }

    static let cases: [Case] = [
        .init(trials: 1_000_000, p: 4096.0 / 1_000_000, seed: 1),   // a first chunk at n = 10⁶ (BTRS)
        .init(trials: 100_000, p: 4096.0 / 100_000, seed: 2),
        .init(trials: 5_000, p: 4096.0 / 5_000, seed: 3),           // p > ½: N − Binomial(N, 1 − p)
        .init(trials: 40, p: 0.25, seed: 4),                        // N·p = 10: BTRS at its edge
        .init(trials: 39, p: 0.25, seed: 5),                        // N·p = 9.75: inversion
        .init(trials: 20, p: 0.3, seed: 6),
        .init(trials: 1_000_000, p: 1e-6, seed: 7),                 // N·p = 1
        .init(trials: 7, p: 0.5, seed: 8),
        .init(trials: 1_000, p: 0.999, seed: 9),                    // flipped inversion
        .init(trials: 250, p: 0.5, seed: 10),
    ]

    static func logMass(_ k: Int, _ n: Int, _ p: Double) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
            + Double(k) * log(p) + Double(n - k) * log1p(-p)
    }

    /// Upper 1 − α point of χ²(df) by Wilson–Hilferty, z the normal quantile.
    static func chiSquareCritical(df: Int, z: Double) -> Double {
        let d = Double(df), h = 2 / (9 * d)
        return d * pow(1 - h + z * h.squareRoot(), 3)
    }

    @Test(arguments: cases)
    func matchesTheProbabilityMassFunction(_ c: Case) {
        let draws = 200_000
        let sampler = BinomialSampler(trials: c.trials, probability: c.p)
        var g = Xoshiro256StarStar(seed: c.seed)
        var histogram: [Int: Int] = [:]
        var sum = 0.0
        for _ in 0..<draws {
            let k = sampler.draw(&g)
            #expect(k >= 0 && k <= c.trials)
            histogram[k, default: 0] += 1
            sum += Double(k)
        }
        // Bins of single values with expected count ≥ 5; the two tails pooled.
        let mean = Double(c.trials) * c.p
        let centre = Int(mean.rounded())
        var lo = centre, hi = centre
        func expected(_ k: Int) -> Double { Double(draws) * exp(Self.logMass(k, c.trials, c.p)) }
        while lo > 0 && expected(lo - 1) >= 5 { lo -= 1 }
        while hi < c.trials && expected(hi + 1) >= 5 { hi += 1 }
        var chi = 0.0, bins = 0, expectedInside = 0.0, observedInside = 0
        for k in lo...hi {
            let e = expected(k), o = Double(histogram[k] ?? 0)
            chi += (o - e) * (o - e) / e
            expectedInside += e
            observedInside += histogram[k] ?? 0
            bins += 1
        }
        let eOut = Double(draws) - expectedInside, oOut = Double(draws - observedInside)
        if eOut >= 5 { chi += (oOut - eOut) * (oOut - eOut) / eOut; bins += 1 }
        let critical = Self.chiSquareCritical(df: bins - 1, z: 4)
        #expect(chi < critical, "χ² = \(chi) over \(bins) bins, critical \(critical)")
        // The mean within 5 standard errors.
        let se = (Double(c.trials) * c.p * (1 - c.p) / Double(draws)).squareRoot()
        #expect(abs(sum / Double(draws) - mean) < 5 * se + 1e-12)
    }

    @Test func degenerateProbabilities() {
        var g = Xoshiro256StarStar(seed: 1)
        #expect(BinomialSampler(trials: 10, probability: 0).draw(&g) == 0)
        #expect(BinomialSampler(trials: 10, probability: 1).draw(&g) == 10)
        #expect(BinomialSampler(trials: 0, probability: 0.3).draw(&g) == 0)
    }

    /// fc(k) from Stirling's series agrees with log-gamma where both are accurate.
    @Test func stirlingTailMatchesLogGamma() {
        for k in [32.0, 40, 100, 1_000] {
            let exact = lgamma(k + 1) - (k + 0.5) * log(k + 1) + (k + 1) - 0.5 * log(2 * Double.pi)
            #expect(abs(BinomialSampler.stirlingTail(k) - exact) < 1e-11)
        }
        for k in 0..<32 {
            let x = Double(k)
            let exact = lgamma(x + 1) - (x + 0.5) * log(x + 1) + (x + 1) - 0.5 * log(2 * Double.pi)
            #expect(BinomialSampler.stirlingTail(x) == exact)
        }
    }
}
