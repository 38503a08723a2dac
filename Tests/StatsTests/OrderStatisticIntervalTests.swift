import Testing
@testable import Stats

/// Against scipy `quantile_test(...).confidence_interval()` (Fixtures/order_stat_ci.json).
struct OrderStatisticIntervalTests {
    /// One case of either fixture: the small one names its dataset, the large one's data is a formula.
    struct Case: Decodable {
        let name: String
        let dataset: String?
        let p: Double
        let level: Double
        let alternative: String
        let low: Double?
        let high: Double?
        let lowRaw: String
        let highRaw: String
        let lowIndex: Int?
        let highIndex: Int?
    }
    struct MinimumN: Decodable {
        let p: Double
        let level: Double
        let sided: String
        let n: Int
    }
    struct Reference: Decodable {
        let datasets: [String: [Double]]
        let cases: [Case]
        let minimumN: [MinimumN]
    }

    static let reference: Reference = try! Fixture.load("order_stat_ci.json", as: Reference.self)

    @Test func matchesScipyQuantileTest() throws {
        for c in Self.reference.cases {
            let sample = try Sample(try #require(c.dataset.flatMap { Self.reference.datasets[$0] }))
            let sides = try #require(OrderStatisticInterval.Sides(rawValue: c.alternative))
            let ci = OrderStatisticInterval.interval(sample, p: c.p, level: c.level, sides: sides)
            // scipy: NaN (not estimable) and ±inf (open side) are both "no bound" here.
            #expect(ci.low == c.low, "\(c.name): low \(String(describing: ci.low)) vs \(String(describing: c.low)) (\(c.lowRaw))")
            #expect(ci.high == c.high, "\(c.name): high \(String(describing: ci.high)) vs \(String(describing: c.high)) (\(c.highRaw))")
            if c.lowRaw == "nan" || c.highRaw == "nan" { #expect(ci.notes.contains { $0.contains("needs n ≥") }, "\(c.name)") }
        }
    }

    @Test func minimumNMatchesScipy() {
        for m in Self.reference.minimumN {
            let bound: OrderStatisticInterval.Sides = m.sided == "two" ? .twoSided : .upper
            #expect(OrderStatisticInterval.minimumN(p: m.p, level: m.level, bound: bound) == m.n, "p=\(m.p) level=\(m.level) \(m.sided)")
        }
        #expect(OrderStatisticInterval.minimumN(p: 0.99, level: 0.95, bound: .upper) == 299)
        #expect(OrderStatisticInterval.minimumN(p: 0.99, level: 0.95, bound: .twoSided) == 368)
        #expect(OrderStatisticInterval.minimumN(p: 0.95, level: 0.95, bound: .twoSided) == 72)
    }

    @Test func p99AtThirtyIsUnboundedNotTheMaximum() throws {
        let sample = try Sample((1...30).map { Double($0) })
        let ci = OrderStatisticInterval.interval(sample, p: 0.99, level: 0.95)
        #expect(ci.high == nil)
        #expect(ci.notes.contains("no upper bound: p99 needs n ≥ 368 for a two-sided 95% interval; n = 30"))
    }

    @Test func achievedCoverageIsAtLeastTheLevelAndClosedForm() throws {
        // Median, n = 10, 95%: orders 2 and 9; coverage = P(2 ≤ Y ≤ 8) = 1 − 2·(1 + 10)/1024.
        let sample = try Sample((1...10).map { Double($0) })
        let ci = OrderStatisticInterval.interval(sample, p: 0.5, level: 0.95)
        #expect(ci.low == 2 && ci.high == 9)
        #expect(abs(ci.achievedLevel! - (1 - 22.0 / 1024)) < 1e-14)
    }

    @Test func millionSamplesInUnderASecond() throws {
        var g = Xoshiro256StarStar(seed: 5)
        let sample = try Sample((0..<1_000_000).map { _ in g.nextUnitDouble() })
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            _ = OrderStatisticInterval.interval(sample, p: 0.99, level: 0.95)
        }
        #expect(elapsed < .seconds(1))
    }
}

/// The outward search from the normal approximation finds the same orders as plain bisection, and
/// the ties note speaks of the interval's ends.
struct OrderStatisticSearchTests {
    @Test func searchNearTheGuessEqualsBisection() {
        for n in [1, 2, 5, 30, 368, 1_000, 99_999, 1_000_000] {
            for p in [0.01, 0.25, 0.5, 0.95, 0.99] {
                for alpha in [0.005, 0.025, 0.05, 0.2] {
                    let pred: (Int) -> Bool = { Binomial.cdf($0, n: n, p: p) >= alpha }
                    let plain = OrderStatisticInterval.smallest(in: 0, n, where: pred)
                    for guess in [Double(n) * p, -5, Double(n) + 9, Double(n) * p + 40, .nan] {
                        #expect(OrderStatisticInterval.smallest(in: 0, n, near: guess, where: pred) == plain, "n=\(n) p=\(p) α=\(alpha) guess=\(guess)")
                    }
                }
            }
        }
    }

    /// Above selection's two-thread size the search runs while the windows are placed around the normal
    /// approximation's ranks: the interval (ends, estimate, coverage, notes) equals the one read off the
    /// sorted values, for every side, several levels and quantiles, with and without a given estimate and
    /// a design effect; and the approximation lies within two ranks of the orders.
    @Test func searchingWhileSelectingEqualsReadingTheSortedValues() throws {
        var g = Xoshiro256StarStar(seed: 41)
        let n = 100_003
        let values = (0..<n).map { _ in ((20 + 80 * g.nextUnitDouble() * g.nextUnitDouble()) * 1000).rounded() / 1000 }
        let sorted = try Sample(values)
        _ = sorted.sorted  // the cached sorted view: orders are read off it
        for p in [0.01, 0.5, 0.95, 0.99] {
            for level in [0.9, 0.95, 0.999] {
                for sides in OrderStatisticInterval.Sides.allCases {
                    for (estimate, designEffect) in [(nil, nil), (42.0, nil), (nil, 2.5)] as [(Double?, Double?)] {
                        let fresh = try Sample(values)
                        let a = OrderStatisticInterval.interval(fresh, p: p, level: level, sides: sides, estimate: estimate, designEffect: designEffect)
                        let b = OrderStatisticInterval.interval(sorted, p: p, level: level, sides: sides, estimate: estimate, designEffect: designEffect)
                        #expect(a == b, "p=\(p) level=\(level) \(sides) estimate=\(String(describing: estimate)) D=\(String(describing: designEffect))")
                        #expect(a.notes == b.notes)
                    }
                    let (l, u) = OrderStatisticInterval.orders(n: n, p: p, level: level, sides: sides)
                    let exact = (sides != .upper ? [l - 1] : []) + (sides != .lower ? [u - 1] : [])
                    let guesses = OrderStatisticInterval.approximateRanks(n: n, p: p, level: level, sides: sides)
                    #expect(guesses.count == exact.count)
                    for (guess, rank) in zip(guesses, exact) { #expect(abs(guess - rank) <= 2, "p=\(p) level=\(level) \(sides)") }
                }
            }
        }
    }

    struct LargeReference: Decodable {
        let n: Int
        let distinctValues: Int
        let cases: [OrderStatisticIntervalTests.Case]
    }

    /// scipy on unsorted, heavily tied data given by the fixtures' formula, against scipy's ends and orders
    /// directly (not only against audit's own sorted path): at n = 100,003 (order_stat_ci_large.json) the
    /// path that finds the orders on one thread while the other places the selection windows; at n = 600,011
    /// (order_stat_ci_band.json, above 2¹⁹) also the first pass's sampled blocks and kept band.
    @Test(arguments: ["order_stat_ci_large.json", "order_stat_ci_band.json"])
    func matchesScipyOnLargeTiedData(file: String) throws {
        let reference = try Fixture.load(file, as: LargeReference.self)
        let values = (0..<reference.n).map { i -> Double in
            Double(((UInt64(i) &* 2_654_435_761) & 0xFFFF_FFFF) >> 16) / 1000
        }
        #expect(Set(values).count == reference.distinctValues)
        let sorted = values.sorted()
        for c in reference.cases {
            let sample = try Sample(values)  // fresh each time: no sorted view to read the orders off
            let sides = try #require(OrderStatisticInterval.Sides(rawValue: c.alternative))
            let ci = OrderStatisticInterval.interval(sample, p: c.p, level: c.level, sides: sides)
            #expect(ci.low == c.low, "\(c.name): low \(String(describing: ci.low)) vs \(String(describing: c.low))")
            #expect(ci.high == c.high, "\(c.name): high \(String(describing: ci.high)) vs \(String(describing: c.high))")
            let facts = try #require(ci.orderFacts)
            #expect(facts.l == (c.lowIndex ?? 0), "\(c.name)")
            #expect(facts.u == (c.highIndex ?? reference.n + 1), "\(c.name)")
            // Most values of this data are tied: the ends report their exact multiplicity.
            if let low = facts.lowPick {
                #expect(low.multiplicity == sorted.filter { $0 == low.value }.count, "\(c.name)")
            }
        }
    }

    @Test func tiedEndsAreNamedWithTheirMultiplicity() throws {
        // 1…100 with the values 40…60 replaced by 50: the median's ends are x(40) = 50 (21 copies) and x(61) = 61.
        var values = (1...100).map(Double.init)
        for i in 39..<60 { values[i] = 50 }
        let sample = try Sample(values)
        let ci = OrderStatisticInterval.interval(sample, p: 0.5, level: 0.95)
        let sorted = values.sorted()
        #expect(ci.low == sorted[39] && ci.high == sorted[60])
        let note = try #require(ci.notes.first { $0.hasPrefix("tied values at the interval's ends") })
        #expect(note.contains("x(40) = 50.0 occurs 21 times"))
        #expect(!note.contains("x(61)"))
        // Continuous data: no note.
        let smooth = OrderStatisticInterval.interval(try Sample((1...100).map(Double.init)), p: 0.5, level: 0.95)
        #expect(!smooth.notes.contains { $0.contains("tied") })
    }
}
