import RealModule
import Testing
@testable import Stats

/// Against scipy/mpmath values in Fixtures/distributions.json (generate_distributions.py).
struct DistributionTests {
    struct Reference: Decodable {
        let normalCDF: [[Double]]
        let normalQuantile: [[Double]]
        let studentTCDF: [[Double]]
        let studentTQuantile: [[Double]]
        let betaRegularized: [[Double]]
        let binomialCDF: [[Double]]
        let binomialSF: [[Double]]
    }

    static let reference: Reference = try! Fixture.load("distributions.json", as: Reference.self)

    @Test func normalCDF() {
        for row in Self.reference.normalCDF {
            #expect(relativelyClose(Normal.cdf(row[0]), row[1], 1e-12), "Φ(\(row[0])) = \(Normal.cdf(row[0])), ref \(row[1])")
        }
    }

    @Test func normalQuantile() {
        for row in Self.reference.normalQuantile {
            #expect(relativelyClose(Normal.quantile(row[0]), row[1], 1e-14), "Φ⁻¹(\(row[0])) = \(Normal.quantile(row[0])), ref \(row[1])")
        }
        #expect(Normal.quantile(0.5) == 0)
        #expect(Normal.quantile(0) == -.infinity && Normal.quantile(1) == .infinity)
    }

    /// Acklam's approximation without its refinement: within its published 1.15e-9 relative error of the
    /// scipy references (and not exact, or the test would not tell it from the refined quantile).
    @Test func normalApproximateQuantile() {
        var worst = 0.0
        for row in Self.reference.normalQuantile where row[1] != 0 {
            let error = abs(Normal.approximateQuantile(row[0]) - row[1]) / abs(row[1])
            #expect(error <= 1.2e-9, "Φ⁻¹(\(row[0])) ≈ \(Normal.approximateQuantile(row[0])), ref \(row[1])")
            worst = max(worst, error)
        }
        #expect(worst > 1e-13)
        #expect(Normal.approximateQuantile(0.5) == 0)
        #expect(Normal.approximateQuantile(0) == -.infinity && Normal.approximateQuantile(1) == .infinity)
    }

    @Test func studentT() {
        for row in Self.reference.studentTCDF {
            let got = StudentT.cdf(row[0], degreesOfFreedom: row[1])
            #expect(relativelyClose(got, row[2], 1e-11), "F(\(row[0]); \(row[1])) = \(got), ref \(row[2])")
        }
        for row in Self.reference.studentTQuantile {
            let got = StudentT.quantile(row[0], degreesOfFreedom: row[1])
            #expect(relativelyClose(got, row[2], 1e-11, absolute: 1e-15), "t(\(row[0]); \(row[1])) = \(got), ref \(row[2])")
        }
    }

    @Test func incompleteBeta() {
        for row in Self.reference.betaRegularized {
            let got = IncompleteBeta.lower(x: row[0], a: row[1], b: row[2])
            #expect(relativelyClose(got, row[3], 1e-10), "I(\(row[0]); \(row[1]), \(row[2])) = \(got), ref \(row[3])")
        }
    }

    @Test func binomialUpToTenMillion() {
        for row in Self.reference.binomialCDF {
            let got = Binomial.cdf(Int(row[0]), n: Int(row[1]), p: row[2])
            #expect(relativelyClose(got, row[3], 1e-10), "P(X≤\(Int(row[0]))|n=\(Int(row[1])),p=\(row[2])) = \(got), ref \(row[3])")
        }
        for row in Self.reference.binomialSF {
            let got = Binomial.survival(Int(row[0]), n: Int(row[1]), p: row[2])
            #expect(relativelyClose(got, row[3], 1e-10), "P(X>\(Int(row[0]))|n=\(Int(row[1])),p=\(row[2])) = \(got), ref \(row[3])")
        }
    }

    @Test func binomialClosedForms() {
        // P(X ≤ 0) = (1 − p)ⁿ and P(X ≥ n) = pⁿ.
        #expect(relativelyClose(Binomial.cdf(0, n: 30, p: 0.01), Double.pow(0.99, 30), 1e-14))
        #expect(relativelyClose(Binomial.atLeast(30, n: 30, p: 0.99), Double.pow(0.99, 30), 1e-14))
        #expect(Binomial.cdf(30, n: 30, p: 0.5) == 1)
    }
}
