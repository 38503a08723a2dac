#if canImport(Glibc)
import Glibc
#endif

/// Exact Binomial(N, p) variates, drawn from ``Xoshiro256StarStar``.
///
/// - N·min(p, 1−p) < 10: inversion, walking the probability mass function up from 0 (on average
///   N·p + 1 steps; restarts in the ~1e-16 case where rounding leaves the uniform above the total).
/// - Otherwise: BTRS, Hörmann's transformed rejection with squeeze ("The generation of binomial random
///   variates", J. Statist. Comput. Simul. 46 (1993) 101–110): a pair of uniforms per attempt, about
///   1.2 attempts per variate, constant expected time in N. The acceptance test compares
///   log f(k)/f(m) (m the mode) written with Stirling's series, log k! = (k+½)·log(k+1) − (k+1) +
///   ½·log 2π + fc(k), grouped so that each logarithm is of a ratio near 1.
///
/// p > ½ draws N − Binomial(N, 1 − p). The multinomial split of ``ResampleDraws`` is its only caller.
public struct BinomialSampler: Sendable {
    public let trials: Int
    public let probability: Double
    private let flipped: Bool
    private let p: Double
    private let useRejection: Bool
    // Inversion.
    private let q: Double, ratio: Double, mass0: Double
    // BTRS.
    private let a: Double, b: Double, c: Double, vr: Double, alpha: Double, mode: Double, logRatio: Double
    private let modeTerm: Double

    public init(trials: Int, probability: Double) {
        precondition(trials >= 0 && probability >= 0 && probability <= 1, "binomial needs N ≥ 0 and p in [0, 1]")
        self.trials = trials
        self.probability = probability
        flipped = probability > 0.5
        let p = flipped ? 1 - probability : probability
        self.p = p
        let n = Double(trials)
        q = 1 - p
        ratio = p / q
        useRejection = n * p >= 10
        mass0 = useRejection ? 0 : pow(q, n)
        if useRejection {
            let spq = (n * p * q).squareRoot()
            b = 1.15 + 2.53 * spq
            a = -0.0873 + 0.0248 * b + 0.01 * p
            c = n * p + 0.5
            vr = 0.92 - 4.2 / b
            alpha = (2.83 + 5.1 / b) * spq
            let m = ((n + 1) * p).rounded(.down)
            mode = m
            logRatio = log(ratio)
            modeTerm = (m + 0.5) * log((m + 1) / (ratio * (n - m + 1))) + Self.stirlingTail(m) + Self.stirlingTail(n - m)
        } else {
            a = 0; b = 0; c = 0; vr = 0; alpha = 0; mode = 0; logRatio = 0; modeTerm = 0
        }
    }

    /// One variate in 0...trials.
    public func draw(_ g: inout Xoshiro256StarStar) -> Int {
        if p == 0 || trials == 0 { return flipped ? trials : 0 }
        let k = useRejection ? rejection(&g) : inversion(&g)
        return flipped ? trials - k : k
    }

    private func inversion(_ g: inout Xoshiro256StarStar) -> Int {
        let n = Double(trials)
        while true {
            var u = g.nextUnitDouble()
            var mass = mass0
            var k = 0
            while u >= mass {
                u -= mass
                if k == trials { break }
                mass *= ratio * (n - Double(k)) / Double(k + 1)
                k += 1
            }
            if u < mass { return k }
        }
    }

    private func rejection(_ g: inout Xoshiro256StarStar) -> Int {
        let n = Double(trials)
        while true {
            let u = g.nextUnitDouble() - 0.5
            let v = g.nextUnitDouble()
            let us = 0.5 - abs(u)
            if us <= 0 { continue }
            let k = ((2 * a / us + b) * u + c).rounded(.down)
            if k < 0 || k > n { continue }
            if us >= 0.07 && v <= vr { return Int(k) }
            // log of the scaled uniform against log f(k)/f(m).
            let lv = log(v * alpha / (a / (us * us) + b))
            let bound = modeTerm + (n + 1) * log((n - mode + 1) / (n - k + 1))
                + (k + 0.5) * log(ratio * (n - k + 1) / (k + 1)) - Self.stirlingTail(k) - Self.stirlingTail(n - k)
            if lv <= bound { return Int(k) }
        }
    }

    /// fc(k) = log k! − (k+½)·log(k+1) + (k+1) − ½·log 2π: from lgamma for k < 32, else the first
    /// three terms of Stirling's series in 1/(k+1), whose error there is below 2e-14 (the next term, 1/1680(k+1)⁷).
    static func stirlingTail(_ k: Double) -> Double {
        if k < 32 { return smallTails[Int(k)] }
        let x = k + 1, x2 = x * x
        return (1.0 / 12 - (1.0 / 360 - 1.0 / (1260 * x2)) / x2) / x
    }

    private static let smallTails: [Double] = (0..<32).map { k in
        let x = Double(k)
        return lgamma(x + 1) - (x + 0.5) * log(x + 1) + (x + 1) - 0.5 * log(2 * Double.pi)
    }
}
