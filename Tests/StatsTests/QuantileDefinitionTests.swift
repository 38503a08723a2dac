import Testing
@testable import Stats

struct QuantileDefinitionTests {
    struct RCase: Decodable {
        let name: String
        let x: [Double]
        let probs: [Double]
        let hf: [String: [Double]]
    }
    struct RFixture: Decodable { let cases: [RCase] }

    static let fixture: RFixture = try! Fixture.load("quantiles.json", as: RFixture.self)

    @Test func hyndmanFanTypesMatchR() throws {
        var checked = 0
        for c in Self.fixture.cases {
            let sample = try Sample(c.x)
            for type in 1...9 {
                let definition = QuantileDefinition(rawValue: "hf\(type)")!
                let expected = try #require(c.hf["\(type)"])
                for (i, p) in c.probs.enumerated() {
                    let got = definition.quantile(sorted: sample.sorted, p: p)
                    #expect(relativelyClose(got, expected[i], 1e-12),
                            "\(c.name) type \(type) p=\(p): got \(got), R \(expected[i])")
                    checked += 1
                }
            }
        }
        #expect(checked > 2000)
    }

    /// The named rules against integer arithmetic on percentages (no floating-point index at all).
    @Test func namedRulesMatchIntegerIndexFormulas() throws {
        let percents = [1, 5, 10, 25, 50, 75, 90, 95, 99, 100]
        for n in [1, 2, 3, 7, 10, 19, 20, 30, 50, 99, 100, 101, 1000, 1001] {
            let sorted = (0..<n).map { Double($0) * 1.5 + 10 }
            for percent in percents {
                let p = Double(percent) / 100
                let nearest = (n * percent + 99) / 100 - 1        // ceil(n·P/100) − 1
                let summarize = min(n - 1, (n * percent) / 100)   // min(n − 1, floor(n·P/100))
                #expect(QuantileDefinition.nearestRank.quantile(sorted: sorted, p: p) == sorted[max(0, nearest)], "n=\(n) P=\(percent)")
                #expect(QuantileDefinition.summarizePy.quantile(sorted: sorted, p: p) == sorted[summarize], "n=\(n) P=\(percent)")
            }
        }
    }

    @Test func p99OfThirtyIsTheMaximumUnderTheWritersRule() throws {
        let sorted = (1...30).map(Double.init)
        #expect(QuantileDefinition.summarizePy.quantile(sorted: sorted, p: 0.99) == 30)
        #expect(QuantileDefinition.nearestRank.quantile(sorted: sorted, p: 0.99) == 30)
        #expect(QuantileDefinition.nearestRank.quantile(sorted: sorted, p: 0.95) == 29)  // ceil(28.5) = 29th
        #expect(QuantileDefinition.summarizePy.quantile(sorted: sorted, p: 0.50) == 16)  // floor(15) → 16th
    }

    @Test func singleOrderStatisticRulesNeverInterpolate() {
        let sorted = [1.0, 2, 4, 8, 16, 32, 64]
        for def in QuantileDefinition.allCases where def.isSingleOrderStatistic {
            for p in stride(from: 0.0, through: 1.0, by: 0.01) {
                #expect(sorted.contains(def.quantile(sorted: sorted, p: p)), "\(def) p=\(p)")
            }
        }
    }
}
