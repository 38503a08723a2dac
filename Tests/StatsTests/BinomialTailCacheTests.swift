import Foundation
import Testing
@testable import Stats

/// The tail cache against the incomplete beta at every k it answers, the mass function against its
/// closed form, and the orders it finds against a search that calls the incomplete beta at every probe.
struct BinomialTailCacheTests {
    /// |a − b| within `relative` of the larger, or both below 1e-300. (The incomplete beta itself is good
    /// to ~3e-13 relative near the centre at n = 10⁵ — scipy 0.5422512067617713 vs 0.5422512067615994 for
    /// P(X > 996), n = 10⁵, p = 0.01 — and a moved tail carries its anchor's error, up to 8× when it shrinks.)
    func close(_ a: Double, _ b: Double, _ relative: Double = 1e-11) -> Bool {
        abs(a - b) <= relative * max(abs(a), abs(b)) || max(abs(a), abs(b)) < 1e-300
    }

    @Test func movedTailsEqualTheIncompleteBeta() {
        for n in [1, 7, 30, 368, 1_000, 100_000, 1_000_000] {
            for p in [0.01, 0.05, 0.5, 0.95, 0.99] {
                let centre = Int(Double(n) * p)
                for anchor in Set([0, centre / 2, centre, max(0, n - 3)]) {
                    var cache = BinomialTailCache(n: n, p: p)
                    _ = cache.tails(anchor)
                    for k in stride(from: anchor - 70, through: anchor + 70, by: 3) {
                        let got = cache.tails(k), want = Binomial.tails(k, n: n, p: p)
                        #expect(close(got.lower, want.lower) && close(got.upper, want.upper),
                                "n=\(n) p=\(p) anchor=\(anchor) k=\(k): \(got) vs \(want)")
                    }
                }
            }
        }
    }

    @Test func massEqualsTheClosedForm() {
        // C(n, k)·pᵏ·qⁿ⁻ᵏ with the coefficient built exactly (n ≤ 50: every C(n, k) < 2⁵³).
        for n in [1, 2, 10, 33, 50] {
            var coefficient = 1.0
            for k in 0...n {
                if k > 0 { coefficient = coefficient * Double(n - k + 1) / Double(k) }
                for p in [0.03, 0.5, 0.8] {
                    let want = coefficient * pow(p, Double(k)) * pow(1 - p, Double(n - k))
                    #expect(close(BinomialTailCache.mass(k, n: n, p: p), want, 1e-13), "n=\(n) k=\(k) p=\(p)")
                }
            }
        }
    }

    @Test func ordersEqualASearchOnTheIncompleteBetaAlone() {
        for n in Array(1...120) + [368, 999, 1_000, 65_537, 99_999, 100_000, 1_000_000] {
            for p in [0.01, 0.1, 0.25, 0.5, 0.9, 0.95, 0.99] {
                for level in [0.5, 0.9, 0.95, 0.99, 0.999] {
                    for sides in OrderStatisticInterval.Sides.allCases {
                        let alpha = sides == .twoSided ? (1 - level) / 2 : 1 - level
                        let lower = sides == .upper ? 0 : OrderStatisticInterval.smallest(in: 0, n) { Binomial.cdf($0, n: n, p: p) >= alpha }
                        let upper = sides == .lower ? n + 1 : OrderStatisticInterval.smallest(in: 0, n) { Binomial.survival($0, n: n, p: p) <= alpha } + 1
                        let found = OrderStatisticInterval.search(n: n, p: p, level: level, sides: sides)
                        #expect(found.lower == lower && found.upper == upper, "n=\(n) p=\(p) level=\(level) \(sides)")
                        let coverage = (upper > n ? 1 : Binomial.cdf(upper - 1, n: n, p: p)) - (lower < 1 ? 0 : Binomial.cdf(lower - 1, n: n, p: p))
                        #expect(abs(found.coverage - coverage) <= 1e-11, "coverage n=\(n) p=\(p) level=\(level) \(sides)")
                    }
                }
            }
        }
    }
}
