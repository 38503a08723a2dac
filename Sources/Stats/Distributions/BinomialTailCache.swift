import RealModule

/// Binomial(n, p) tails for a search that asks at several neighbouring k (the orders of
/// ``OrderStatisticInterval``): the incomplete beta of ``Binomial/tails(_:n:p:)`` at the first k asked (the
/// anchor), the mass function there in Loader's saddle-point form ("Fast and accurate computation of
/// binomial probabilities", 2000), and for any k within ``reach`` of the anchor the tails moved by the
/// masses in between, from the ratio f(j + 1)/f(j) = (n − j)/(j + 1) · p/(1 − p). At n = 10⁵ one incomplete
/// beta near the centre is a continued fraction of a few hundred terms (~2 µs); a step is a few flops.
///
/// The incomplete beta is evaluated at k instead (and k becomes the anchor) when a moved value would be
/// less trustworthy than the incomplete beta itself (whose error near the centre is ~3·10⁻¹³ relative at
/// n = 10⁵): when the tail that shrinks, a difference, falls below 1/8 of its anchor value (three bits
/// lost to cancellation); when the anchor's tails are so small that the masses underflow; and when a
/// moved tail lies within 10⁻⁹ of the `threshold` the caller compares it with, so that every decision
/// near a threshold is made by the same function as without the cache.
struct BinomialTailCache {
    let n: Int
    let p: Double
    /// The farthest a value is moved from the anchor.
    static let reach = 64

    private var anchor = -1
    private var anchorLower = 0.0, anchorUpper = 0.0
    private var anchorMass = Double.nan

    init(n: Int, p: Double) {
        precondition(n >= 0 && p >= 0 && p <= 1, "binomial needs n ≥ 0 and p in [0, 1]")
        self.n = n
        self.p = p
    }

    /// (P(X ≤ k), P(X > k)).
    mutating func tails(_ k: Int, threshold: Double? = nil) -> (lower: Double, upper: Double) {
        if k < 0 { return (0, 1) }
        if k >= n { return (1, 0) }
        if p == 0 || p == 1 { return Binomial.tails(k, n: n, p: p) }
        if let moved = moved(to: k) {
            guard let threshold, abs(moved.lower - threshold) <= 1e-9 * threshold || abs(moved.upper - threshold) <= 1e-9 * threshold else {
                return moved
            }
        }
        let t = Binomial.tails(k, n: n, p: p)
        anchor = k
        anchorLower = t.lower
        anchorUpper = t.upper
        anchorMass = .nan
        return t
    }

    /// The anchor's tails moved to k, or nil when k is out of reach or the result would lose accuracy.
    private mutating func moved(to k: Int) -> (lower: Double, upper: Double)? {
        if anchor >= 0 && abs(k - anchor) <= Self.reach && min(anchorLower, anchorUpper) > 1e-280 {
            if k == anchor { return (anchorLower, anchorUpper) }
            if anchorMass.isNaN { anchorMass = Self.mass(anchor, n: n, p: p) }
            let odds = p / (1 - p)
            if k > anchor {
                // Masses f(anchor + 1) … f(k) move from the upper tail to the lower.
                var mass = anchorMass, moved = 0.0
                for j in anchor..<k {
                    mass *= Double(n - j) / Double(j + 1) * odds
                    moved += mass
                }
                let upper = anchorUpper - moved
                if upper >= anchorUpper / 8 { return (anchorLower + moved, upper) }
            } else {
                // Masses f(k + 1) … f(anchor) move from the lower tail to the upper.
                var mass = anchorMass, moved = anchorMass
                var j = anchor
                while j > k + 1 {
                    mass *= Double(j) / Double(n - j + 1) / odds
                    moved += mass
                    j -= 1
                }
                let lower = anchorLower - moved
                if lower >= anchorLower / 8 { return (lower, anchorUpper + moved) }
            }
        }
        return nil
    }

    /// P(X = k) for 0 ≤ k ≤ n, 0 < p < 1: exp(δ(n) − δ(k) − δ(n − k) − D(k, np) − D(n − k, nq))·√(n/(2πk(n − k)))
    /// with δ the Stirling error and D the deviance term (``IncompleteBeta``); qⁿ and pⁿ at the ends.
    static func mass(_ k: Int, n: Int, p: Double) -> Double {
        let q = 1 - p, nd = Double(n)
        if k == 0 { return Double.exp(nd * Double.log(onePlus: -p)) }
        if k == n { return Double.exp(nd * Double.log(p)) }
        let kd = Double(k), rest = Double(n - k)
        let logMass = IncompleteBeta.stirlingError(nd) - IncompleteBeta.stirlingError(kd) - IncompleteBeta.stirlingError(rest)
            - IncompleteBeta.deviance(kd, nd * p) - IncompleteBeta.deviance(rest, nd * q)
        return Double.exp(logMass) * (nd / (2 * Double.pi * kd * rest)).squareRoot()
    }
}
