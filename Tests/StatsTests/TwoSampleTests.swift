import Foundation
import Testing
@testable import Stats

/// Two-sample tests and effect sizes against scipy (Fixtures/two_sample.json, holm.json).
struct TwoSampleTests {
    struct Flex: Decodable {
        let values: [String: Double]
        let strings: [String: String]
        init(from decoder: Decoder) throws {
            // Reason strings ("exactNull": "…") sit beside the result objects: read them as empty.
            guard let c = try? decoder.container(keyedBy: AnyKey.self) else {
                values = [:]
                strings = [:]
                return
            }
            var v: [String: Double] = [:], s: [String: String] = [:]
            for k in c.allKeys {
                if let d = try? c.decode(Double.self, forKey: k) { v[k.stringValue] = d }
                else if let t = try? c.decode(String.self, forKey: k) { s[k.stringValue] = t }
            }
            values = v
            strings = s
        }
    }
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    struct BM: Decodable {
        let twoSided: Flex, less: Flex, greater: Flex, normal: Flex
        let df: Double
        enum CodingKeys: String, CodingKey { case twoSided = "two-sided", less, greater, normal, df }
    }
    struct HL: Decodable {
        let shift: Double
        let ci95: Flex
    }
    struct Perm: Decodable {
        let meanDiff: Flex
        let medianDiff: Flex
    }
    struct Case: Decodable {
        let name: String
        let x: [Double]
        let y: [Double]
        let ties: Bool
        let mannWhitney: [String: [String: Flex?]]
        let ks: [String: [String: Flex?]]
        let brunnerMunzel: BM
        let hodgesLehmann: HL
        let cliffsDelta: Flex
        let permutation: Perm
    }
    struct Reference: Decodable { let cases: [Case] }

    static let reference: Reference = try! Fixture.load("two_sample.json", as: Reference.self)

    @Test func mannWhitneyMatchesScipy() throws {
        for c in Self.reference.cases {
            for alt in Alternative.allCases {
                let cases = try #require(c.mannWhitney[alt.rawValue])
                for (methodName, entry) in cases {
                    guard let expected = entry, !expected.values.isEmpty else { continue }
                    let method: MannWhitney.Method? = methodName == "auto" ? nil : (methodName == "exact" ? .exact : .asymptotic)
                    let r = try MannWhitney.test(c.x, c.y, alternative: alt, method: method)
                    #expect(r.u == expected.values["U"], "\(c.name) \(alt) \(methodName): U")
                    #expect(relativelyClose(r.p, expected.values["p"]!, 1e-6), "\(c.name) \(alt) \(methodName): p \(r.p) vs \(expected.values["p"]!)")
                    if let m = expected.strings["method"] { #expect(r.method.rawValue == m, "\(c.name) \(alt): method") }
                }
            }
        }
    }

    @Test func kolmogorovSmirnovMatchesScipy() throws {
        for c in Self.reference.cases {
            for alt in Alternative.allCases {
                let cases = try #require(c.ks[alt.rawValue])
                for (methodName, entry) in cases {
                    guard let expected = entry, !expected.values.isEmpty else { continue }
                    let method: KolmogorovSmirnov.Method? = methodName == "auto" ? nil : (methodName == "exact" ? .exact : .asymptotic)
                    let r = KolmogorovSmirnov.test(c.x, c.y, alternative: alt, method: method)
                    #expect(relativelyClose(r.d, expected.values["D"]!, 1e-9), "\(c.name) \(alt) \(methodName): D \(r.d)")
                    #expect(relativelyClose(r.p, expected.values["p"]!, 1e-6, absolute: 1e-14), "\(c.name) \(alt) \(methodName): p \(r.p) vs \(expected.values["p"]!)")
                    #expect(Double(r.sign) == expected.values["statisticSign"], "\(c.name) \(alt) \(methodName): sign")
                    #expect(r.location == expected.values["statisticLocation"], "\(c.name) \(alt) \(methodName): location")
                }
            }
        }
    }

    @Test func brunnerMunzelMatchesScipy() throws {
        for c in Self.reference.cases {
            let bm = c.brunnerMunzel
            for (alt, expected) in [(Alternative.twoSided, bm.twoSided), (.less, bm.less), (.greater, bm.greater)] {
                let r = try BrunnerMunzel.test(c.x, c.y, alternative: alt)
                #expect(relativelyClose(r.w, expected.values["W"]!, 1e-9), "\(c.name) \(alt): W")
                #expect(relativelyClose(r.p, expected.values["p"]!, 1e-6), "\(c.name) \(alt): p \(r.p) vs \(expected.values["p"]!)")
                #expect(relativelyClose(r.degreesOfFreedom, bm.df, 1e-9))
            }
            let normal = try BrunnerMunzel.test(c.x, c.y, distribution: .normal)
            #expect(relativelyClose(normal.p, bm.normal.values["p"]!, 1e-6), "\(c.name) normal")
        }
    }

    @Test func hodgesLehmannAndCliffMatchScipy() throws {
        for c in Self.reference.cases {
            let hl = try #require(HodgesLehmann.estimate(c.x, c.y))
            #expect(relativelyClose(hl.shift, c.hodgesLehmann.shift, 1e-12), "\(c.name): shift \(hl.shift)")
            #expect(hl.k == Int(c.hodgesLehmann.ci95.values["k"]!), "\(c.name): k")
            #expect(relativelyClose(hl.low!, c.hodgesLehmann.ci95.values["low"]!, 1e-12), "\(c.name): low")
            #expect(relativelyClose(hl.high!, c.hodgesLehmann.ci95.values["high"]!, 1e-12), "\(c.name): high")
            let cd = CliffsDelta.estimate(c.x, c.y)
            #expect(relativelyClose(cd.delta, c.cliffsDelta.values["delta"]!, 1e-12, absolute: 1e-15), "\(c.name): delta")
            #expect(relativelyClose(cd.probabilityOfSuperiority, c.cliffsDelta.values["probabilityOfSuperiority"]!, 1e-12))
            #expect(Double(cd.greater) == c.cliffsDelta.values["countGreater"])
            if let lo = cd.low, let hi = cd.high { #expect(lo <= cd.delta && cd.delta <= hi) }
        }
    }

    @Test func permutationMatchesScipyExactlyOrWithinMonteCarloError() throws {
        for c in Self.reference.cases {
            for (stat, expected) in [(Statistic.mean, c.permutation.meanDiff), (.quantile(p: 0.5, definition: .hf7), c.permutation.medianDiff)] {
                let B = 9_999
                let r = PermutationTest.test(c.x, c.y, statistic: stat, resamples: B, seed: 5)
                #expect(relativelyClose(r.statistic, expected.values["statistic"]!, 1e-9), "\(c.name) \(stat): T")
                let p = expected.values["p"]!
                if let exact = expected.values["pExact"], r.exact {
                    #expect(relativelyClose(r.p, exact, 1e-12), "\(c.name) \(stat): exact p \(r.p) vs \(exact)")
                } else {
                    // Both are Monte-Carlo estimates of one p: within 4 combined binomial SEs (floor: one step).
                    let se = (max(p, 1.0 / Double(B)) * (1 - min(p, 0.5)) / Double(B)).squareRoot() * 2
                    #expect(abs(r.p - p) <= 4 * se * 1.5 + 2.0 / Double(B), "\(c.name) \(stat): p \(r.p) vs \(p)")
                }
            }
        }
    }

    @Test func blasAndPlainPermutationPathsGiveIdenticalP() {
        for c in Self.reference.cases where c.x.count + c.y.count > 30 {
            let plain = PermutationTest.test(c.x, c.y, resamples: 3_000, seed: 11, kernel: .plain)
            let blas = PermutationTest.test(c.x, c.y, resamples: 3_000, seed: 11, kernel: .blas)
            #expect(plain.p == blas.p, "\(c.name): \(plain.p) vs \(blas.p)")
            let oneThread = PermutationTest.test(c.x, c.y, resamples: 3_000, seed: 11, kernel: .blas, threads: 1)
            #expect(oneThread.p == blas.p)
        }
    }

    struct HolmCase: Decodable { let name: String; let p: [Double]; let holm: [Double] }
    struct HolmReference: Decodable { let cases: [HolmCase] }

    @Test func holmMatchesR() throws {
        let ref = try Fixture.load("holm.json", as: HolmReference.self)
        for c in ref.cases {
            let adjusted = Holm.adjust(c.p)
            for (a, b) in zip(adjusted, c.holm) { #expect(relativelyClose(a, b, 1e-12), "\(c.name)") }
        }
    }

    @Test func exactUDistributionIsSymmetricAndSumsToOne() {
        for (m, n) in [(3, 4), (8, 8), (5, 40), (40, 5)] {
            let d = MannWhitney.exactDistribution(m: m, n: n)
            #expect(d.count == m * n + 1)
            #expect(abs(d.reduce(0, +) - 1) < 1e-12)
            for u in 0...(m * n) { #expect(abs(d[u] - d[m * n - u]) < 1e-15) }
        }
        // m = 1, n = 2: U ∈ {0, 1, 2}, each 1/3.
        #expect(MannWhitney.exactDistribution(m: 1, n: 2).map { ($0 * 3).rounded() } == [1, 1, 1])
    }
}

/// Cliff's analytic standard error against an independent reference: the bootstrap SE of δ.
struct CliffsDeltaVarianceTests {
    @Test func analyticIntervalWidthMatchesBootstrap() throws {
        var g = Xoshiro256StarStar(seed: 21)
        let x = (0..<200).map { _ in 60 * (1 + g.nextUnitDouble()) }
        let y = (0..<150).map { _ in 66 * (1 + g.nextUnitDouble()) }
        let r = CliffsDelta.estimate(x, y)
        let halfWidth = (r.high! - r.low!) / 2
        // Bootstrap SE of δ (independent resampling of each sample).
        var deltas: [Double] = []
        for _ in 0..<400 {
            let bx = (0..<x.count).map { _ in x[g.bounded(x.count)] }
            let by = (0..<y.count).map { _ in y[g.bounded(y.count)] }
            deltas.append(CliffsDelta.estimate(bx, by).delta)
        }
        let mean = deltas.reduce(0, +) / Double(deltas.count)
        let se = (deltas.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(deltas.count - 1)).squareRoot()
        #expect(abs(halfWidth / (1.96 * se) - 1) < 0.15, "analytic half-width \(halfWidth) vs bootstrap \(1.96 * se)")
    }
}
