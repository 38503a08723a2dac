import Testing
@testable import Stats

/// Against Fixtures/harrell_davis.json (scipy mstats.hdquantiles / mjci; HD-weight SE by mpmath).
struct HarrellDavisTests {
    struct Case: Decodable {
        let name: String
        let x: [Double]
        let probs: [Double]
        let hd: [Double]
        let hdMJse: [Double]
        let mjci_se: [Double?]
    }
    struct Reference: Decodable { let cases: [Case] }

    static let reference: Reference = try! Fixture.load("harrell_davis.json", as: Reference.self)

    @Test func estimateMatchesScipy() throws {
        for c in Self.reference.cases {
            let s = try Sample(c.x)
            for (i, p) in c.probs.enumerated() {
                let got = HarrellDavis.quantile(sorted: s.sorted, p: p)
                #expect(relativelyClose(got, c.hd[i], 1e-9), "\(c.name) p=\(p): \(got) vs \(c.hd[i])")
            }
        }
    }

    @Test func hdStandardErrorMatchesMpmath() throws {
        for c in Self.reference.cases {
            let s = try Sample(c.x)
            for (i, p) in c.probs.enumerated() {
                let got = HarrellDavisWeights(n: s.count, p: p).standardError(sorted: s.sorted)
                #expect(relativelyClose(got, c.hdMJse[i], 1e-9), "\(c.name) p=\(p): \(got) vs \(c.hdMJse[i])")
            }
        }
    }

    @Test func maritzJarrettMatchesScipyMjci() throws {
        for c in Self.reference.cases {
            let s = try Sample(c.x)
            for (i, p) in c.probs.enumerated() {
                let got = MaritzJarrett.standardError(sorted: s.sorted, p: p)
                if let expected = c.mjci_se[i] {
                    #expect(got != nil && relativelyClose(got!, expected, 1e-9), "\(c.name) p=\(p): \(String(describing: got)) vs \(expected)")
                } else {
                    #expect(got == nil, "\(c.name) p=\(p) should be undefined")
                }
            }
        }
    }

    @Test func weightsSumToOneAndConstantDataIsExact() {
        for n in [1, 2, 5, 30, 1000, 100_000] {
            for p in [0.01, 0.5, 0.95, 0.99] {
                let w = HarrellDavisWeights(n: n, p: p)
                #expect(abs(w.weights.reduce(0, +) - 1) < 1e-12, "n=\(n) p=\(p)")
            }
        }
        #expect(HarrellDavis.quantile(sorted: [Double](repeating: 67, count: 35), p: 0.99) == 67)
    }

    @Test func largeNIsFast() {
        let n = 1_000_000
        let sorted = (0..<n).map { Double($0) }
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = HarrellDavis.quantile(sorted: sorted, p: 0.95) }
        #expect(elapsed < .seconds(5))
        // Uniform ranks: HD of 0…n−1 at p is (n+1)p − 1 exactly in expectation.
        #expect(abs(HarrellDavis.quantile(sorted: sorted, p: 0.5) - (Double(n - 1) / 2)) < 1e-6)
    }
}
