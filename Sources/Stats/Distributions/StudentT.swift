import RealModule

/// Student's t distribution with ν > 0 degrees of freedom (ν may be fractional).
///
/// F(t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t > 0 (Abramowitz & Stegun 26.7.1), with the
/// complement formed from t²/(ν+t²) directly so that neither tail loses digits. The
/// quantile is Hill's closed forms for ν = 1, 2 and otherwise a safeguarded Newton iteration
/// on F started from the normal quantile.
public enum StudentT {
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0)
        if t.isNaN { return .nan }
        if t == .infinity { return 1 }
        if t == -.infinity { return 0 }
        let t2 = t * t
        let (x, y): (Double, Double) = t2 < nu ? (nu / (nu + t2), t2 / (nu + t2)) : (1 / (1 + t2 / nu), (t2 / nu) / (1 + t2 / nu))
        let tail = 0.5 * IncompleteBeta.regularized(x: x, y: y, a: nu / 2, b: 0.5).lower
        return t > 0 ? 1 - tail : tail
    }

    public static func density(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let logC = Double.logGamma((nu + 1) / 2) - Double.logGamma(nu / 2) - 0.5 * Double.log(nu * Double.pi)
        return Double.exp(logC - (nu + 1) / 2 * Double.log(onePlus: t * t / nu))
    }

    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p >= 0 && p <= 1 && nu > 0)
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if p > 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        if nu == 1 { return Double.tan(Double.pi * (p - 0.5)) }
        if nu == 2 { return (2 * p - 1) / (2 * p * (1 - p)).squareRoot() }
        // Lower tail: F(t) = p with t < 0. Bracket, then Newton with bisection fallback.
        var t = Normal.quantile(p)
        var lo = t, hi = 0.0
        while cdf(lo, degreesOfFreedom: nu) > p { lo *= 2 }
        t = max(lo, min(hi, t))
        for _ in 0..<200 {
            let f = cdf(t, degreesOfFreedom: nu) - p
            if f > 0 { hi = t } else { lo = t }
            let step = f / density(t, degreesOfFreedom: nu)
            var next = t - step
            if !(next > lo && next < hi) || !next.isFinite { next = 0.5 * (lo + hi) }
            if abs(next - t) <= 1e-15 * abs(t) { return next }
            t = next
        }
        return t
    }
}
