import Foundation
import RealModule
import Testing
@testable import Stats

/// Simulated Mann–Whitney power against scipy.stats.power on the same lognormal model (Fixtures/power.json).
struct PowerTests {
    struct Point: Decodable { let n: Int; let delta: Double; let power: Double; let mcSE: Double }
    struct Reference: Decodable { let meanlog: Double; let sdlog: Double; let grid: [Point] }

    @Test func matchesScipyPowerWithinMonteCarloError() throws {
        let ref = try Fixture.load("power.json", as: Reference.self)
        let mu = ref.meanlog, sigma = ref.sdlog
        let reps = 10_000
        for point in ref.grid {
            let factor = 1 + point.delta
            let draw: MannWhitneyPower.Sampler = { g in
                var u = g.nextUnitDouble()
                while u == 0 { u = g.nextUnitDouble() }
                return Double.exp(mu + sigma * Normal.quantile(u))
            }
            let ours = MannWhitneyPower.power(n: point.n, replications: reps, seed: 7, a: draw, b: { g in draw(&g) * factor })
            let se = (ours * (1 - ours) / Double(reps)).squareRoot()
            let combined = (se * se + point.mcSE * point.mcSE).squareRoot()
            #expect(abs(ours - point.power) <= 4 * combined, "n=\(point.n) δ=\(point.delta): ours \(ours) vs scipy \(point.power)")
        }
    }

    @Test func planSaysP99NeedsThreeHundredSixtyEight() throws {
        var g = Xoshiro256StarStar(seed: 1)
        let pilot = try Sample((0..<30).map { _ in 100 + 20 * g.nextUnitDouble() })
        let q = SampleSizePlanner.forQuantile(pilot: pilot, p: 0.99, relativeHalfWidth: 0.5)
        #expect(q.n == 368)
        #expect(OrderStatisticInterval.minimumN(p: 0.99, level: 0.95, bound: .twoSided) == 368)
        // Mean: n = (z·s/(h·mean))² exactly.
        let m = SampleSizePlanner.forMean(pilot: pilot, relativeHalfWidth: 0.01)
        let z = Normal.quantile(0.975)
        #expect(m.n == Int((z * pilot.standardDeviation / (0.01 * pilot.mean) * (z * pilot.standardDeviation / (0.01 * pilot.mean))).rounded(.up)))
    }
}
