import RealModule

/// Interval construction from bootstrap replicates: percentile, basic, BCa, normal and studentized.
///
/// Conventions (stated in output, DESIGN.md §4): replicate quantiles use linear interpolation
/// (Hyndman–Fan type 7, NumPy's default, as scipy.stats.bootstrap); BCa follows scipy —
/// z₀ = Φ⁻¹(#{θ* < θ̂}/B + ½·#{θ* = θ̂}/B) and the acceleration
/// a = Σ(θ̄₍.₎ − θ₍ᵢ₎)³ / (6·[Σ(θ̄₍.₎ − θ₍ᵢ₎)²]^{3/2}) from the jackknife centred on its mean.
/// (R `boot` differs: z₀ without the half count and regression-based a for B ≥ n.)
public enum BootstrapIntervals {
    /// Smallest B such that the interval's endpoints are not the extreme replicates: R `boot`'s
    /// rule, an endpoint needs order statistic (B + 1)·α ≥ 1.
    public static func minimumResamples(tailProbability alpha: Double) -> Int {
        Int((1 / alpha).rounded(.up)) - 1
    }

    /// The replicates' extremes and type-7 quantiles, by selection (O(B) per quantile) rather than a full sort.
    struct Replicates {
        let values: [Double]
        let minimum: Double
        let maximum: Double
        var count: Int { values.count }

        init(_ values: [Double]) {
            self.values = values
            minimum = values.min() ?? .nan
            maximum = values.max() ?? .nan
        }

        /// Hyndman–Fan type 7 quantiles (h = (B − 1)p, interpolate between the order statistics around h),
        /// the same values as QuantileDefinition.hf7 on the sorted replicates, from one selection pass.
        func quantiles(_ ps: [Double]) -> [Double] {
            let mixes = ps.map { QuantileDefinition.hf7.position(n: values.count, p: $0) }
            let v = Selection.values(atRanks: mixes.flatMap { [$0.lower, $0.upper] }, of: values)
            return mixes.indices.map { mixes[$0].interpolate(v[2 * $0], v[2 * $0 + 1]) }
        }
    }

    static func checkDegenerate(_ replicates: Replicates, method: IntervalMethod) throws(IntervalUnavailable) {
        guard replicates.count > 0 else {
            throw IntervalUnavailable(method, "no bootstrap replicates")
        }
        if replicates.minimum == replicates.maximum {
            throw IntervalUnavailable(method, "the bootstrap distribution is degenerate (all \(replicates.count) replicates equal \(replicates.minimum)); the sample shows no variability in this statistic")
        }
    }

    static func checkResamples(_ b: Int, alphas: [Double], method: IntervalMethod) throws(IntervalUnavailable) {
        for a in alphas {
            let tail = min(a, 1 - a)
            if Double(b + 1) * tail < 1 {
                throw IntervalUnavailable(method, "too few resamples: B = \(b) puts an endpoint beyond the extreme replicate (tail probability \(tail)); needs B ≥ \(minimumResamples(tailProbability: tail))")
            }
        }
    }

    /// The percentile interval's ends alone: the type-7 quantiles at (1 − level)/2 and (1 + level)/2 of
    /// the replicates, with none of ``percentile(replicates:estimate:level:)``'s refusals — a display of
    /// several bootstraps (the two-sample report's ratio of medians and shift function) shows a
    /// degenerate replicate set as the zero-width interval it is. Empty replicates give (nan, nan).
    public static func percentileEnds(replicates: [Double], level: Double) -> (low: Double, high: Double) {
        guard !replicates.isEmpty else { return (.nan, .nan) }
        let alpha = (1 - level) / 2
        let q = Replicates(replicates).quantiles([alpha, 1 - alpha])
        return (q[0], q[1])
    }

    public static func percentile(replicates: [Double], estimate: Double, level: Double) throws(IntervalUnavailable) -> ConfidenceInterval {
        let summary = Replicates(replicates)
        let alpha = (1 - level) / 2
        try checkDegenerate(summary, method: .percentile)
        try checkResamples(summary.count, alphas: [alpha], method: .percentile)
        let q = summary.quantiles([alpha, 1 - alpha])
        return ConfidenceInterval(method: .percentile, level: level, estimate: estimate, low: q[0], high: q[1])
    }

    public static func basic(replicates: [Double], estimate: Double, level: Double) throws(IntervalUnavailable) -> ConfidenceInterval {
        let summary = Replicates(replicates)
        let alpha = (1 - level) / 2
        try checkDegenerate(summary, method: .basic)
        try checkResamples(summary.count, alphas: [alpha], method: .basic)
        let q = summary.quantiles([alpha, 1 - alpha])
        return ConfidenceInterval(method: .basic, level: level, estimate: estimate,
                                  low: 2 * estimate - q[1], high: 2 * estimate - q[0])
    }

    /// R boot's `norm`: (θ̂ − bias) ± z_{1−α/2}·sd(θ*), bias = mean(θ*) − θ̂.
    public static func normal(replicates: [Double], estimate: Double, level: Double) throws(IntervalUnavailable) -> ConfidenceInterval {
        let summary = Replicates(replicates)
        try checkDegenerate(summary, method: .normal)
        let b = Double(replicates.count)
        let mean = CompensatedSum.sum(replicates) / b
        var ss = CompensatedSum()
        for r in replicates { ss.add((r - mean) * (r - mean)) }
        let sd = (ss.value / (b - 1)).squareRoot()
        let z = Normal.quantile((1 + level) / 2)
        let centre = estimate - (mean - estimate)
        return ConfidenceInterval(method: .normal, level: level, estimate: estimate,
                                  low: centre - z * sd, high: centre + z * sd,
                                  notes: ["bias-corrected: bootstrap bias \(mean - estimate) removed"])
    }

    /// The BCa acceleration from leave-one-out values; nil when undefined (all jackknife values equal).
    public static func acceleration(jackknife: [Double]) -> Double? {
        let n = Double(jackknife.count)
        let mean = CompensatedSum.sum(jackknife) / n
        var s2 = CompensatedSum(), s3 = CompensatedSum()
        for t in jackknife {
            let d = mean - t
            s2.add(d * d)
            s3.add(d * d * d)
        }
        guard s2.value > 0 else { return nil }
        return s3.value / (6 * Double.pow(s2.value, 1.5))
    }

    public static func bca(replicates: [Double], estimate: Double, jackknife: [Double], level: Double) throws(IntervalUnavailable) -> ConfidenceInterval {
        let summary = Replicates(replicates)
        try checkDegenerate(summary, method: .bca)
        let b = Double(summary.count)
        var below = 0, equal = 0
        for r in replicates { if r < estimate { below += 1 } else if r == estimate { equal += 1 } }
        let proportion = (Double(below) + 0.5 * Double(equal)) / b
        guard proportion > 0, proportion < 1 else {
            throw IntervalUnavailable(.bca, "every bootstrap replicate lies on one side of the estimate, so the bias correction z₀ is infinite")
        }
        let z0 = Normal.quantile(proportion)
        // When every leave-one-out value is the same (ties around a quantile at large n), the jackknife
        // cannot measure the statistic's skewness: fall back to a = 0, the bias-corrected (BC) interval.
        let measured = acceleration(jackknife: jackknife)
        let a = measured ?? 0
        let alpha = (1 - level) / 2
        func adjusted(_ z: Double) -> Double {
            let num = z0 + z
            return Normal.cdf(z0 + num / (1 - a * num))
        }
        let a1 = adjusted(Normal.quantile(alpha)), a2 = adjusted(Normal.quantile(1 - alpha))
        guard a1.isFinite, a2.isFinite else {
            throw IntervalUnavailable(.bca, "the adjusted percentile levels are not finite (z₀ = \(z0), a = \(a))")
        }
        try checkResamples(summary.count, alphas: [a1, a2], method: .bca)
        var notes = ["z0 = \(z0), acceleration = \(a), adjusted levels = (\(a1), \(a2))"]
        if measured == nil {
            notes.append("the acceleration is undefined (every leave-one-out value is the same, e.g. ties at the quantile); a = 0 was used, i.e. the bias-corrected (BC) interval")
        }
        if min(a1, 1 - a2) * b < 10 {
            notes.append("an adjusted level is within 10 replicates of the end of the bootstrap distribution; the endpoint is unstable")
        }
        let q = summary.quantiles([a1, a2])
        return ConfidenceInterval(method: .bca, level: level, estimate: estimate,
                                  low: q[0], high: q[1], notes: notes)
    }

    /// Bootstrap-t: t* = (θ* − θ̂)/se*, interval (θ̂ − t*_{1−α/2}·se, θ̂ − t*_{α/2}·se).
    /// A resample with se* = 0 gives t* = ±∞ (or 0 when θ* = θ̂); an infinite endpoint is unbounded.
    public static func studentized(replicates: [Double], standardErrors: [Double], estimate: Double,
                                   standardError: Double, level: Double) throws(IntervalUnavailable) -> ConfidenceInterval {
        precondition(replicates.count == standardErrors.count)
        guard standardError > 0 else {
            throw IntervalUnavailable(.studentized, "the standard error of the estimate is zero")
        }
        var t: [Double] = []
        t.reserveCapacity(replicates.count)
        var zeroSE = 0
        for (r, se) in zip(replicates, standardErrors) {
            let d = r - estimate
            if se > 0 { t.append(d / se) } else { zeroSE += 1; t.append(d == 0 ? 0 : (d > 0 ? .infinity : -.infinity)) }
        }
        let tReplicates = Replicates(t)
        try checkDegenerate(tReplicates, method: .studentized)
        let alpha = (1 - level) / 2
        try checkResamples(t.count, alphas: [alpha], method: .studentized)
        let tq = tReplicates.quantiles([alpha, 1 - alpha])
        let tLow = tq[0], tHigh = tq[1]
        var notes: [String] = []
        if zeroSE > 0 { notes.append("\(zeroSE) of \(t.count) resamples had a zero standard error") }
        let low = tHigh.isFinite ? estimate - tHigh * standardError : nil
        let high = tLow.isFinite ? estimate - tLow * standardError : nil
        if low == nil || high == nil { notes.append("a bootstrap-t quantile is infinite, so that side is unbounded") }
        return ConfidenceInterval(method: .studentized, level: level, estimate: estimate, low: low, high: high, notes: notes)
    }
}
