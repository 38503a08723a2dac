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
        let found = search(n: n, p: p, level: level, sides: sides)
        return (found.lower, found.upper)
    }

    /// The orders and their coverage P(l ≤ Y < u) (a missing bound at −∞/+∞). Each search keeps its own
    /// ``BinomialTailCache``: the probes and the coverage's CDF lie within a few ranks of each other.
    static func search(n: Int, p: Double, level: Double, sides: Sides) -> (lower: Int, upper: Int, coverage: Double) {
        let alpha = tailSize(level: level, sides: sides)
        var lower = 0, upper = n + 1
        var lowTails = BinomialTailCache(n: n, p: p), highTails = BinomialTailCache(n: n, p: p)
        // The searches start at the normal approximation, a few ranks from the answer.
        let guess = normalApproximation(n: n, p: p, alpha: alpha)
        if sides != .upper {
            // ppf(α): smallest k in 0…n with CDF(k) ≥ α (CDF(n) = 1).
            lower = smallest(in: 0, n, near: guess.lower) { lowTails.tails($0, threshold: alpha).lower >= alpha }
        }
        if sides != .lower {
            // isf(α): smallest k in 0…n with SF(k) ≤ α (SF(n) = 0); the bound is x₍ₖ₊₁₎.
            upper = smallest(in: 0, n, near: guess.upper) { highTails.tails($0, threshold: alpha).upper <= alpha } + 1
        }
        let upperCDF = upper > n ? 1.0 : highTails.tails(upper - 1).lower
        let lowerCDF = lower < 1 ? 0.0 : lowTails.tails(lower - 1).lower
        return (lower, upper, upperCDF - lowerCDF)
    }

    /// α: the probability each bound may miss — (1 − level)/2 two-sided, 1 − level one-sided.
    static func tailSize(level: Double, sides: Sides) -> Double {
        sides == .twoSided ? (1 - level) / 2 : 1 - level
    }

    /// The normal approximation n·p ∓ z₁₋α·√(n·p·(1 − p)) to the binomial α- and (1 − α)-quantiles: where the
    /// searches start, a few ranks from l and u − 1.
    static func normalApproximation(n: Int, p: Double, alpha: Double) -> (lower: Double, upper: Double) {
        let spread = (Double(n) * p * (1 - p)).squareRoot(), z = Normal.approximateQuantile(1 - alpha)
        return (Double(n) * p - z * spread, Double(n) * p + z * spread)
    }

    /// The 0-based ranks of x₍ₗ₎ and x₍ᵤ₎ as the normal approximation places them, clamped into 0..<n: where
    /// the selection may place its windows before the search has finished.
    static func approximateRanks(n: Int, p: Double, level: Double, sides: Sides) -> [Int] {
        let guess = normalApproximation(n: n, p: p, alpha: tailSize(level: level, sides: sides))
        func rank(_ v: Double) -> Int { v.isFinite ? Swift.min(n - 1, Swift.max(0, Int(v.rounded()))) : n / 2 }
        return (sides != .upper ? [rank(guess.lower - 1)] : []) + (sides != .lower ? [rank(guess.upper)] : [])
    }

    /// With a `designEffect` D > 1 (correlated batches), the orders are found for the effective sample
    /// size n/D and scaled back to ranks of the n values (Kish's approximation; conservative when D is).
    ///
    /// Without an `estimate`, the point estimate is the `definition` quantile (hf7 by default). The two
    /// order statistics and the estimate's are found together (``Sample/orderStatistics(atRanks:)``:
    /// one selection pass when the sample has not been sorted).
    public static func interval(_ sample: Sample, p: Double, level: Double, sides: Sides = .twoSided,
                                estimate: Double? = nil, definition: QuantileDefinition = .hf7,
                                designEffect: Double? = nil) -> ConfidenceInterval {
        let n = sample.count
        let weights = Statistic.quantile(p: p, definition: definition).rankWeights(n: n)
        let estimateRanks = estimate == nil ? Array(weights.start..<weights.end) : []
        var l = 0, u = n + 1, coverage = 0.0
        var effectiveNote: String?
        func exists(_ order: Int) -> Bool { order >= 1 && order <= n }
        // The orders, and the ranks to select: x₍ₗ₎, x₍ᵤ₎ (those that exist) and the estimate's.
        func ranks() -> [Int] {
            (l, u, coverage) = search(n: n, p: p, level: level, sides: sides)
            if let d = designEffect, d > 1 {
                let nEff = max(1, Int((Double(n) / d).rounded(.down)))
                let (le, ue) = orders(n: nEff, p: p, level: level, sides: sides)
                let scale = Double(n) / Double(nEff)
                l = le < 1 ? 0 : max(1, Int((Double(le) * scale).rounded(.down)))
                u = ue > nEff ? n + 1 : min(n, Int((Double(ue) * scale).rounded(.up)))
                coverage = (u > n ? 1.0 : Binomial.cdf(u - 1, n: n, p: p)) - (l < 1 ? 0.0 : Binomial.cdf(l - 1, n: n, p: p))
                effectiveNote = "correlated batches: orders found for the effective sample size \(nEff) (design effect \(String((d * 100).rounded() / 100))) and scaled to n = \(n)"
            }
            return (exists(l) ? [l - 1] : []) + (exists(u) ? [u - 1] : []) + estimateRanks
        }
        // Without a design effect the orders lie a few ranks from the normal approximation's, so a large
        // sample's selection places its windows while the search runs (on the other processor).
        let guesses = (designEffect ?? 1) > 1 ? [] : approximateRanks(n: n, p: p, level: level, sides: sides) + estimateRanks
        var picked = sample.orderStatistics(near: guesses, ranks: ranks)[...]
        let hasLow = exists(l), hasHigh = exists(u)
        let lowPick = hasLow ? picked.removeFirst() : nil
        let highPick = hasHigh ? picked.removeFirst() : nil
        let pointEstimate = estimate ?? weights.apply(orderStatistics: picked.map { $0.value })
        var interval = ConfidenceInterval(method: .order, level: level, estimate: pointEstimate, low: lowPick?.value,
                                          high: highPick?.value, achievedLevel: coverage, notes: effectiveNote.map { [$0] } ?? [])
        interval.orderFacts = NoteFacts(n: n, p: p, level: level, sides: sides, l: l, u: u, coverage: coverage,
                                        lowPick: lowPick, highPick: highPick)
        return interval
    }

    /// What this interval's notes say, kept as numbers: the sentences are written when
    /// ``ConfidenceInterval/notes`` is read.
    struct NoteFacts: Sendable, Equatable {
        let n: Int
        let p: Double
        let level: Double
        let sides: Sides
        let l: Int
        let u: Int
        let coverage: Double
        let lowPick: Selection.Selected?
        let highPick: Selection.Selected?

        var notes: [String] {
            var notes: [String] = []
            let percent = Statistic.percentText(p)
            if sides != .upper, lowPick == nil {
                notes.append("no lower bound: p\(percent) needs n ≥ \(minimumN(p: p, level: level, bound: sides == .twoSided ? .twoSided : .lower)) for a \(describe(level, sides)) interval; n = \(n)")
            }
            if sides != .lower, highPick == nil {
                notes.append("no upper bound: p\(percent) needs n ≥ \(minimumN(p: p, level: level, bound: sides == .twoSided ? .twoSided : .upper)) for a \(describe(level, sides)) interval; n = \(n)")
            }
            if lowPick != nil || highPick != nil {
                notes.append("order statistics x(\(l >= 1 ? String(l) : "-∞")), x(\(u <= n ? String(u) : "+∞")); coverage ≥ \(coverage) for continuous data")
            }
            if let tied = tiesNote(low: lowPick, high: highPick, l: l, u: u) { notes.append(tied) }
            return notes
        }
    }

    /// Ties matter to this interval only at its ends: for any distribution the closed interval
    /// [x₍ₗ₎, x₍ᵤ₎] still covers with probability ≥ P(l ≤ Y < u) (ties make it conservative), but a
    /// repeated endpoint value says the timer's resolution is coarse there and the ends may coincide.
    static func tiesNote(low: Selection.Selected?, high: Selection.Selected?, l: Int, u: Int) -> String? {
        // Plain concatenation: `joined(separator:)` would build its generic types at run time (~20 µs once).
        var parts = ""
        if let low, low.multiplicity > 1 { parts += "x(\(l)) = \(low.value) occurs \(low.multiplicity) times" }
        if let high, high.multiplicity > 1 { parts += (parts.isEmpty ? "" : ", ") + "x(\(u)) = \(high.value) occurs \(high.multiplicity) times" }
        guard !parts.isEmpty else { return nil }
        let coincide = low != nil && low?.value == high?.value ? "; the two ends coincide" : ""
        return "tied values at the interval's ends (\(parts)\(coincide)): coverage ≥ the stated level still holds (ties only make it conservative); repeated values usually mean a coarse timer"
    }

    /// The same, searching outward from `guess` with doubling steps before bisecting (Bentley and Yao's
    /// unbounded search): O(log |answer − guess|) evaluations instead of O(log(hi − lo)).
    static func smallest(in lo: Int, _ hi: Int, near guess: Double, where holds: (Int) -> Bool) -> Int {
        guard guess.isFinite else { return smallest(in: lo, hi, where: holds) }
        let start = Swift.min(hi, Swift.max(lo, Int(guess.rounded())))
        var step = 1
        if holds(start) {
            // The answer is ≤ start: walk down until the predicate fails.
            var top = start
            while true {
                let probe = top - step
                if probe < lo { return smallest(in: lo, top, where: holds) }
                if !holds(probe) { return smallest(in: probe + 1, top, where: holds) }
                top = probe; step *= 2
            }
        } else {
            // The answer is > start: walk up until the predicate holds.
            var bottom = start
            while true {
                let probe = bottom + step
                if probe >= hi { return smallest(in: bottom + 1, hi, where: holds) }
                if holds(probe) { return smallest(in: bottom + 1, probe, where: holds) }
                bottom = probe; step *= 2
            }
        }
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
        let alpha = tailSize(level: level, sides: bound)
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
