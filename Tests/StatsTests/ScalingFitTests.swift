import RealModule
import Testing
@testable import Stats

struct ScalingFitTests {
    /// Exact data on a line, a power law and a USL curve recover their parameters.
    @Test func recoversExactModels() throws {
        let cs = [1, 10, 50, 100]
        let linear = try ScalingFit.fit(levels: cs.map { c in (c, [100 + 2 * Double(c), 100 + 2 * Double(c)]) }, model: .linear, resamples: 200)
        #expect(abs(linear.coefficient("slope")!.estimate - 2) < 1e-9)
        #expect(abs(linear.coefficient("intercept")!.estimate - 100) < 1e-9)
        let power = try ScalingFit.fit(levels: cs.map { c in (c, [50 * Double.pow(Double(c), 0.3)]) }, model: .logLog, resamples: 200)
        #expect(abs(power.coefficient("exponent")!.estimate - 0.3) < 1e-12)
        let usl = try ScalingFit.fit(levels: cs.map { c in
            let cd = Double(c)
            return (c, [80 * (1 + 0.02 * (cd - 1) + 0.0005 * cd * (cd - 1))])
        }, model: .usl, resamples: 200)
        #expect(abs(usl.coefficient("sigma")!.estimate - 0.02) < 1e-9)
        #expect(abs(usl.coefficient("kappa")!.estimate - 0.0005) < 1e-9)
    }

    /// The weighted normal equations (BLAS) reproduce an unweighted dgels fit on the expanded data.
    @Test func weightedSolveEqualsExpandedLeastSquares() throws {
        var g = Xoshiro256StarStar(seed: 3)
        let n = 40
        let x = Matrix(rows: n, columns: 2, elements: (0..<n).flatMap { _ in [1, 100 * g.nextUnitDouble()] })
        let y = (0..<n).map { i in 3 + 0.5 * x[i, 1] + g.nextUnitDouble() }
        let w = (0..<n).map { _ in Double(g.bounded(3)) }
        let beta = try #require(ScalingFit.weightedSolve(design: x, y: y, weights: w))
        var rows: [[Double]] = [], ys: [Double] = []
        for i in 0..<n { for _ in 0..<Int(w[i]) { rows.append([x[i, 0], x[i, 1]]); ys.append(y[i]) } }
        let expanded = try LeastSquares.solve(Matrix(rows), ys).coefficients
        for (a, b) in zip(beta, expanded) { #expect(relativelyClose(a, b, 1e-9)) }
    }

    @Test func intervalsCoverTheTruthOnNoisyData() throws {
        var g = Xoshiro256StarStar(seed: 8)
        let levels = [1, 10, 50, 100].map { c in (c, (0..<200).map { _ in 100 + 1.5 * Double(c) + 10 * Normal.quantile(g.nextUnitDouble() * 0.998 + 0.001) }) }
        let fit = try ScalingFit.fit(levels: levels, model: .linear, resamples: 1_000, seed: 2)
        let slope = fit.coefficient("slope")!
        #expect(slope.low < 1.5 && 1.5 < slope.high)
        #expect(slope.high - slope.low < 0.2)
        #expect(throws: ScalingFit.Failure.tooFewLevels(needed: 4, have: 2)) {
            try ScalingFit.fit(levels: [(1, [1, 2]), (10, [3, 4])], model: .usl)
        }
    }
}
