/// The Brunner–Munzel test (Brunner & Munzel 2000, Biometrical Journal 42:17–25) for
/// P(X < Y) + ½P(X = Y) = ½ without assuming equal variances or shapes, matching scipy's
/// `brunnermunzel`: W = mn(R̄y − R̄x)/((m+n)√(mSx² + nSy²)) with Welch–Satterthwaite df.
public enum BrunnerMunzel {
    public enum Distribution: String, Sendable { case t, normal }

    public struct Result: Sendable, Equatable {
        public let w: Double
        public let p: Double
        public let degreesOfFreedom: Double
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooFewValues
        case noVariance
        public var description: String {
            switch self {
            case .tooFewValues: "Brunner–Munzel needs at least two values in each sample"
            case .noVariance: "the rank variances are zero (the samples do not overlap or are constant); W is undefined"
            }
        }
    }

    public static func test(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided,
                            distribution: Distribution = .t) throws(Failure) -> Result {
        let m = x.count, n = y.count
        guard m >= 2, n >= 2 else { throw .tooFewValues }
        let pooled = PooledRanks(x + y).ranks
        let rx = PooledRanks(x).ranks, ry = PooledRanks(y).ranks
        let md = Double(m), nd = Double(n)
        let meanX = CompensatedSum.sum(pooled[0..<m]) / md
        let meanY = CompensatedSum.sum(pooled[m...]) / nd
        var sx = CompensatedSum(), sy = CompensatedSum()
        for i in 0..<m { let d = pooled[i] - rx[i] - meanX + (md + 1) / 2; sx.add(d * d) }
        for j in 0..<n { let d = pooled[m + j] - ry[j] - meanY + (nd + 1) / 2; sy.add(d * d) }
        let vx = sx.value / (md - 1), vy = sy.value / (nd - 1)
        let denominator = md * vx + nd * vy
        guard denominator > 0 else { throw .noVariance }
        let w = md * nd * (meanY - meanX) / ((md + nd) * denominator.squareRoot())
        let df = denominator * denominator / ((md * vx) * (md * vx) / (md - 1) + (nd * vy) * (nd * vy) / (nd - 1))
        func cdf(_ t: Double) -> Double { distribution == .t ? StudentT.cdf(t, degreesOfFreedom: df) : Normal.cdf(t) }
        let pLess = cdf(-w)
        let pGreater = 1 - pLess
        let p: Double
        switch alternative {
        case .less: p = pLess
        case .greater: p = pGreater
        case .twoSided: p = min(1, 2 * min(pLess, pGreater))
        }
        return Result(w: w, p: p, degreesOfFreedom: df)
    }
}
