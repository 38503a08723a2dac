import RealModule

/// The regularized incomplete beta function Iₓ(a, b) and its complement.
///
/// Computed by the continued fraction of Numerical Recipes (3rd ed., §6.4) evaluated with the
/// modified Lentz method, on whichever side of the mean it converges fast, with the prefactor
/// xᵃ(1−x)ᵇ/B(a,b) taken in the saddle-point form of Loader ("Fast and accurate computation of
/// binomial probabilities", 2000): the `stirlingError` and `deviance` terms avoid the
/// cancellation that `logGamma` suffers when a and b are in the millions (binomial n up to 10⁷).
///
/// Both x and y = 1 − x are passed so that callers who know y exactly (t tails, binomial p)
/// lose no digits forming it.
public enum IncompleteBeta {
    /// (Iₓ(a, b), 1 − Iₓ(a, b)), each accurate in relative terms when small.
    public static func regularized(x: Double, y: Double? = nil, a: Double, b: Double) -> (lower: Double, upper: Double) {
        precondition(a > 0 && b > 0, "incomplete beta needs a, b > 0 (a = \(a), b = \(b))")
        let y = y ?? (1 - x)
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        // Near the centre with one parameter huge (t with ν ~ 10⁶), the continued fraction on the
        // side where x ≈ 1 cancels digits; the power series on the small side is exact-signed there.
        let n = a + b
        if min(x, y) * n <= 10 {
            let small = x <= y ? powerSeries(x: x, y: y, a: a, b: b) : powerSeries(x: y, y: x, a: b, b: a)
            if small <= 0.999 { return x <= y ? (small, 1 - small) : (1 - small, small) }
        }
        if x * (a + b + 2) < a + 1 {
            let v = prefactor(x: x, y: y, a: a, b: b) * continuedFraction(x: x, y: y, a: a, b: b) / a
            return (v, 1 - v)
        } else {
            let v = prefactor(x: y, y: x, a: b, b: a) * continuedFraction(x: y, y: x, a: b, b: a) / b
            return (1 - v, v)
        }
    }

    /// Iₓ(a, b).
    public static func lower(x: Double, a: Double, b: Double) -> Double { regularized(x: x, a: a, b: b).lower }

    /// Iₓ(a, b) = xᵃyᵇ/(a·B(a,b)) · ₂F₁(a+b, 1; a+1; x) (DLMF 8.17.8), all terms positive.
    static func powerSeries(x: Double, y: Double, a: Double, b: Double) -> Double {
        var term = 1.0, sum = 1.0, k = 0.0
        while k < 100_000 {
            term *= (a + b + k) / (a + 1 + k) * x
            sum += term
            if term < 1e-17 * sum { break }
            k += 1
        }
        return prefactor(x: x, y: y, a: a, b: b) * sum / a
    }

    /// xᵃ·yᵇ / B(a, b), via log xᵃyᵇ/B = −D(a, n·x) − D(b, n·y) + ½·log(ab/(2πn)) − δ(a) − δ(b) + δ(n),
    /// n = a + b, D the deviance term and δ the Stirling error.
    static func prefactor(x: Double, y: Double, a: Double, b: Double) -> Double {
        let n = a + b
        let logValue = -deviance(a, n * x) - deviance(b, n * y)
            + 0.5 * Double.log(a * b / (2 * Double.pi * n))
            - stirlingError(a) - stirlingError(b) + stirlingError(n)
        return Double.exp(logValue)
    }

    /// Modified Lentz evaluation of the continued fraction for Iₓ(a, b)·a·B(a,b)/(xᵃyᵇ).
    static func continuedFraction(x: Double, y: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        let maxIterations = 10_000 + Int(20 * (max(a, b)).squareRoot())
        for m in 1...maxIterations {
            let md = Double(m), m2 = 2 * md
            var aa = md * (b - md) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + md) * (qab + md) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        _ = y
        return h
    }

    /// δ(z) = log Γ(z+1) − (z + ½)·log z + z − ½·log 2π, the error of Stirling's formula.
    /// Direct for small z, the asymptotic series (Abramowitz & Stegun 6.1.41) for z > 15.
    public static func stirlingError(_ z: Double) -> Double {
        if z <= 15 {
            return Double.logGamma(z + 1) - (z + 0.5) * Double.log(z) + z - 0.5 * Double.log(2 * Double.pi)
        }
        let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
        let z2 = z * z
        if z > 500 { return (s0 - s1 / z2) / z }
        if z > 80 { return (s0 - (s1 - s2 / z2) / z2) / z }
        if z > 35 { return (s0 - (s1 - (s2 - s3 / z2) / z2) / z2) / z }
        return (s0 - (s1 - (s2 - (s3 - s4 / z2) / z2) / z2) / z2) / z
    }

    /// D(x, m) = x·log(x/m) + m − x ≥ 0, by a series in v = (x − m)/(x + m) when x ≈ m (Loader 2000).
    public static func deviance(_ x: Double, _ m: Double) -> Double {
        if x == 0 { return m }
        if abs(x - m) < 0.1 * (x + m) {
            let v = (x - m) / (x + m)
            var s = (x - m) * v
            var ej = 2 * x * v
            let v2 = v * v
            var j = 1.0
            while j < 1000 {
                ej *= v2
                let s1 = s + ej / (2 * j + 1)
                if s1 == s { return s1 }
                s = s1
                j += 1
            }
            return s
        }
        return x * Double.log(x / m) + m - x
    }
}
