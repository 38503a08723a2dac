import RealModule

/// The exact bootstrap distribution of a sample quantile — the limit B → ∞ of the Monte-Carlo
/// bootstrap, with no simulation error.
///
/// A resample's k-th order statistic is at most x₍ⱼ₎ exactly when at least k of the n draws are
/// ≤ x₍ⱼ₎, so with Fⱼ = #{xᵢ ≤ x₍ⱼ₎}/n
///
///     P(X*₍ₖ₎ ≤ x₍ⱼ₎) = P(Binomial(n, Fⱼ) ≥ k)                       (Hutson & Ernst 2000, eq. 2.1)
///
/// For an interpolating definition T* = (1 − h)·X*₍ₖ₎ + h·X*₍ₖ₊₁₎ the pair (X*₍ₖ₎, X*₍ₖ₊₁₎) has, for
/// distinct values uₐ < u_b with cumulative proportions F,
///
///     P(X*₍ₖ₎ = uₐ, X*₍ₖ₊₁₎ = u_b) = C(n,k)·(Fₐᵏ − Fₐ₋₁ᵏ)·((1 − F_b₋₁)ⁿ⁻ᵏ − (1 − F_b)ⁿ⁻ᵏ)
///
/// (exactly k draws ≤ uₐ with at least one at uₐ, none in (uₐ, u_b), at least one at u_b), and
///
///     P(X*₍ₖ₎ = X*₍ₖ₊₁₎ = uₐ) = P(N(uₐ) ≥ k+1) − P(N(uₐ₋₁) ≥ k+1) − C(n,k)·Fₐ₋₁ᵏ·((1 − Fₐ₋₁)ⁿ⁻ᵏ − (1 − Fₐ)ⁿ⁻ᵏ),
///
/// N(u) ~ Binomial(n, F(u)). Pairs whose probability is below 1e-18 of the total are not enumerated.
public struct ExactBootstrapDistribution: Sendable, Equatable {
    /// Distinct possible values of T*, ascending.
    public let support: [Double]
    /// P(T* = support[i]).
    public let probabilities: [Double]
    /// P(T* ≤ support[i]).
    public let cdf: [Double]

    init(pairs: [(value: Double, probability: Double)]) {
        let sorted = pairs.sorted { $0.value < $1.value }
        var s: [Double] = [], pr: [Double] = []
        for (v, p) in sorted {
            if let last = s.last, last == v { pr[pr.count - 1] += p } else { s.append(v); pr.append(p) }
        }
        var c: [Double] = []
        c.reserveCapacity(pr.count)
        var acc = CompensatedSum()
        for p in pr { acc.add(p); c.append(min(1, acc.value)) }
        support = s
        probabilities = pr
        cdf = c
    }

    public var mean: Double {
        var acc = CompensatedSum()
        for (v, p) in zip(support, probabilities) { acc.add(v * p) }
        return acc.value
    }

    public var variance: Double {
        let m = mean
        var acc = CompensatedSum()
        for (v, p) in zip(support, probabilities) { acc.add((v - m) * (v - m) * p) }
        return acc.value
    }

    /// Smallest support value whose CDF reaches `probability` (the exact bootstrap quantile).
    public func quantile(_ probability: Double) -> Double {
        // Tolerate rounding in the accumulated CDF.
        let target = probability - 1e-12
        let i = cdf.firstIndex(where: { $0 >= target }) ?? (cdf.count - 1)
        return support[i]
    }

    /// The exact percentile interval: low = smallest value with P(T* ≤ v) ≥ α/2, high = smallest with ≥ 1 − α/2.
    public func percentileInterval(estimate: Double, level: Double) -> ConfidenceInterval {
        let alpha = (1 - level) / 2
        var notes = ["exact bootstrap distribution over \(support.count) support points (no Monte-Carlo error)"]
        let high = quantile(1 - alpha)
        if high == support.last, support.count > 1 {
            notes.append("the upper endpoint is the largest value the bootstrap can produce: the percentile bootstrap cannot look beyond the sample")
        }
        return ConfidenceInterval(method: .exact, level: level, estimate: estimate, low: quantile(alpha), high: high, notes: notes)
    }
}

public enum ExactBootstrap {
    /// The exact bootstrap distribution of the p-quantile under `definition` (any of the eleven).
    public static func quantile(_ sample: Sample, p: Double, definition: QuantileDefinition) -> ExactBootstrapDistribution {
        let n = sample.count
        let mix = definition.position(n: n, p: p)
        // Distinct values and cumulative proportions F.
        var values: [Double] = [], cumulative: [Double] = []
        for (i, v) in sample.sorted.enumerated() {
            if let last = values.last, last == v { cumulative[cumulative.count - 1] = Double(i + 1) / Double(n) } else {
                values.append(v)
                cumulative.append(Double(i + 1) / Double(n))
            }
        }
        cumulative[cumulative.count - 1] = 1
        let m = values.count
        func F(_ a: Int) -> Double { a < 0 ? 0 : cumulative[a] }
        let k = mix.lower + 1  // 1-based rank of the lower order statistic
        let h = mix.upperWeight
        func atLeast(_ r: Int, _ f: Double) -> Double { Binomial.atLeast(r, n: n, p: min(1, max(0, f))) }

        if mix.lower == mix.upper || h == 0 || h == 1 {
            let rank = h == 1 ? mix.upper + 1 : k
            var pairs: [(Double, Double)] = []
            var previous = 0.0
            for a in 0..<m {
                let c = a == m - 1 ? 1 : atLeast(rank, F(a))
                pairs.append((values[a], max(0, c - previous)))
                previous = c
            }
            return ExactBootstrapDistribution(pairs: pairs)
        }

        let logChoose = Double.logGamma(Double(n + 1)) - Double.logGamma(Double(k + 1)) - Double.logGamma(Double(n - k + 1))
        let kd = Double(k), rest = Double(n - k)
        var pairs: [(Double, Double)] = []
        for a in 0..<m {
            // Marginal P(X*₍ₖ₎ = uₐ); skip values the k-th order statistic essentially never takes.
            let marginal = (a == m - 1 ? 1 : atLeast(k, F(a))) - atLeast(k, F(a - 1))
            if marginal < 1e-18 { continue }
            // log((1 − F_hi)ʳ − (1 − F_lo')ʳ)-style differences: r·log(1 − F(j − 1)) + log(1 − ((1 − F(j))/(1 − F(j − 1)))ʳ).
            func logUpperStep(_ j: Int) -> Double {
                let above = 1 - F(j - 1), beyond = 1 - F(j)
                if beyond <= 0 { return rest * Double.log(above) }
                return rest * Double.log(above) + Double.log(-Double.expMinusOne(rest * Double.log(beyond / above)))
            }
            // Tie: both order statistics at uₐ.
            let tiedTail = a == 0 ? 0.0 : Double.exp(logChoose + kd * Double.log(F(a - 1)) + logUpperStep(a))
            let same = (a == m - 1 ? 1 : atLeast(k + 1, F(a))) - atLeast(k + 1, F(a - 1)) - tiedTail
            if same > 0 { pairs.append((values[a], same)) }
            // Distinct: X*₍ₖ₊₁₎ = u_b > uₐ, all in log space (C(n,k) alone overflows for n in the thousands).
            let fa = F(a), fa1 = F(a - 1)
            let logLeft = fa1 == 0 ? logChoose + kd * Double.log(fa)
                : logChoose + kd * Double.log(fa) + Double.log(-Double.expMinusOne(kd * Double.log(fa1 / fa)))
            guard fa < 1 else { continue }
            let logBaseTail = rest * Double.log(1 - fa)
            var b = a + 1
            while b < m {
                let pr = Double.exp(logLeft + logUpperStep(b))
                if pr > 0 { pairs.append(((1 - h) * values[a] + h * values[b], pr)) }
                let beyond = 1 - F(b)
                if beyond <= 0 || rest * Double.log(beyond) < logBaseTail + Double.log(1e-18) { break }
                b += 1
            }
        }
        return ExactBootstrapDistribution(pairs: pairs)
    }

    /// The exact bootstrap mean of the Harrell–Davis estimator, Σᵣ wᵣ·E[X*₍ᵣ₎] (Hutson & Ernst 2000).
    public static func harrellDavisMean(_ sample: Sample, p: Double) -> Double {
        let n = sample.count
        let w = HarrellDavisWeights(n: n, p: p)
        let sorted = sample.sorted
        var total = CompensatedSum()
        for (offset, weight) in w.weights.enumerated() where weight > 0 {
            let r = w.start + offset + 1
            var previous = 0.0
            var i = 0
            while i < n {
                var j = i
                while j + 1 < n && sorted[j + 1] == sorted[i] { j += 1 }
                let c = j == n - 1 ? 1 : Binomial.atLeast(r, n: n, p: Double(j + 1) / Double(n))
                total.add(weight * sorted[i] * (c - previous))
                previous = c
                i = j + 1
            }
        }
        return total.value
    }
}
