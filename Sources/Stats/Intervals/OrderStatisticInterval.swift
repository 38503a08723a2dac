/// The distribution-free confidence interval for a population quantile from two order statistics
/// (Thompson 1936; Conover, *Practical Nonparametric Statistics*, 3rd ed., §3.2), the interval of
/// scipy's `quantile_test(x, p=p).confidence_interval(level)`.
///
/// The number Y of observations below the true p-quantile is Binomial(n, p), whatever the
/// distribution, so [x₍ₗ₎, x₍ᵤ₎] covers it with probability P(l ≤ Y < u). With α the tail size
/// ((1 − level)/2 two-sided, 1 − level one-sided):
///
///     l = min{k : P(Y ≤ k) ≥ α}            (1-based; l = 0 means no lower bound exists)
///     u = min{k : P(Y > k) ≤ α} + 1        (u = n + 1 means no upper bound exists)
///
/// A bound the sample cannot support is **unbounded** (nil), never the sample extreme: at 95%
/// two-sided p99 needs n ≥ 368 before x₍ₙ₎ is an upper bound at all (``minimumN(p:level:bound:)``).
/// Continuous data give coverage ≥ level; ``ConfidenceInterval/achievedLevel`` reports P(l ≤ Y < u).
public enum OrderStatisticInterval {
    public enum Sides: String, Sendable, CaseIterable {
        case twoSided = "two-sided"
        /// An upper bound only (scipy's alternative = "less").
        case upper = "less"
        /// A lower bound only (scipy's alternative = "greater").
        case lower = "greater"
    }

    /// The 1-based orders (l, u); l = 0 or u = n + 1 mark a missing bound.
    public static func orders(n: Int, p: Double, level: Double, sides: Sides) -> (lower: Int, upper: Int) {
        let alpha = sides == .twoSided ? (1 - level) / 2 : 1 - level
        var lower = 0, upper = n + 1
        if sides != .upper {
            // ppf(α): smallest k in 0…n with CDF(k) ≥ α (CDF(n) = 1), by bisection.
            lower = smallest(in: 0, n) { Binomial.cdf($0, n: n, p: p) >= alpha }
        }
        if sides != .lower {
            // isf(α): smallest k in 0…n with SF(k) ≤ α (SF(n) = 0); the bound is x₍ₖ₊₁₎.
            upper = smallest(in: 0, n) { Binomial.survival($0, n: n, p: p) <= alpha } + 1
        }
        return (lower, upper)
    }

    /// With a `designEffect` D > 1 (correlated batches), the orders are found for the effective sample
    /// size n/D and scaled back to ranks of the n values (Kish's approximation; conservative when D is).
    public static func interval(_ sample: Sample, p: Double, level: Double, sides: Sides = .twoSided,
                                estimate: Double? = nil, designEffect: Double? = nil) -> ConfidenceInterval {
        let n = sample.count
        var (l, u) = orders(n: n, p: p, level: level, sides: sides)
        var effectiveNote: String?
        if let d = designEffect, d > 1 {
            let nEff = max(1, Int((Double(n) / d).rounded(.down)))
            let (le, ue) = orders(n: nEff, p: p, level: level, sides: sides)
            let scale = Double(n) / Double(nEff)
            l = le < 1 ? 0 : max(1, Int((Double(le) * scale).rounded(.down)))
            u = ue > nEff ? n + 1 : min(n, Int((Double(ue) * scale).rounded(.up)))
            effectiveNote = "correlated batches: orders found for the effective sample size \(nEff) (design effect \(String((d * 100).rounded() / 100))) and scaled to n = \(n)"
        }
        let low = (l >= 1 && l <= n) ? sample.sorted[l - 1] : nil
        let high = (u >= 1 && u <= n) ? sample.sorted[u - 1] : nil
        // Coverage P(l ≤ Y ≤ u − 1) with missing bounds at −∞/+∞.
        let upperCDF = u > n ? 1.0 : Binomial.cdf(u - 1, n: n, p: p)
        let lowerCDF = l < 1 ? 0.0 : Binomial.cdf(l - 1, n: n, p: p)
        var notes: [String] = effectiveNote.map { [$0] } ?? []
        let percent = Statistic.percentText(p)
        if sides != .upper, low == nil {
            notes.append("no lower bound: p\(percent) needs n ≥ \(minimumN(p: p, level: level, bound: sides == .twoSided ? .twoSided : .lower)) for a \(describe(level, sides)) interval; n = \(n)")
        }
        if sides != .lower, high == nil {
            notes.append("no upper bound: p\(percent) needs n ≥ \(minimumN(p: p, level: level, bound: sides == .twoSided ? .twoSided : .upper)) for a \(describe(level, sides)) interval; n = \(n)")
        }
        if low != nil || high != nil {
            notes.append("order statistics x(\(l >= 1 ? String(l) : "-∞")), x(\(u <= n ? String(u) : "+∞")); coverage ≥ \(upperCDF - lowerCDF) for continuous data")
        }
        let distinct = zip(sample.sorted, sample.sorted.dropFirst()).reduce(1) { $0 + ($1.0 != $1.1 ? 1 : 0) }
        if distinct < n {
            notes.append("the sample has ties (\(n - distinct) repeated values): the guarantee assumes continuous data; with coarse timer resolution the interval is conservative in value but its endpoints may coincide")
        }
        return ConfidenceInterval(method: .order, level: level,
                                  estimate: estimate ?? QuantileDefinition.hf7.quantile(sorted: sample.sorted, p: p),
                                  low: low, high: high, achievedLevel: upperCDF - lowerCDF, notes: notes)
    }

    /// The smallest k in lo…hi with `holds(k)`, for a predicate that is monotone and true at hi.
    static func smallest(in lo: Int, _ hi: Int, where holds: (Int) -> Bool) -> Int {
        var lo = lo, hi = hi
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if holds(mid) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    static func describe(_ level: Double, _ sides: Sides) -> String {
        let pct = (level * 100 * 1e6).rounded() / 1e6
        let text = pct == pct.rounded() ? String(Int(pct)) : String(pct)
        return "\(sides == .twoSided ? "two-sided" : "one-sided") \(text)%"
    }

    /// The smallest n at which the distribution-free bound(s) exist at `level`:
    /// upper needs pⁿ ≤ α, lower needs (1 − p)ⁿ < α, with α = 1 − level one-sided and (1 − level)/2 two-sided.
    /// At 95%: p99 → 299 (upper) and 368 (two-sided); p95 → 59 and 72; the median → 5 and 6.
    public static func minimumN(p: Double, level: Double, bound: Sides) -> Int {
        let alpha = bound == .twoSided ? (1 - level) / 2 : 1 - level
        let upperGuess = log(alpha) / log(p), lowerGuess = log(alpha) / log(1 - p)
        let guess: Double
        switch bound {
        case .twoSided: guess = Swift.max(upperGuess, lowerGuess)
        case .upper: guess = upperGuess
        case .lower: guess = lowerGuess
        }
        var n = Swift.max(1, Int(guess.rounded(.down)) - 2)
        while true {
            let (l, u) = orders(n: n, p: p, level: level, sides: bound)
            let ok: Bool
            switch bound {
            case .twoSided: ok = l >= 1 && u <= n
            case .upper: ok = u <= n
            case .lower: ok = l >= 1
            }
            if ok { return n }
            n += 1
            if n > 100_000_000 { return n }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
