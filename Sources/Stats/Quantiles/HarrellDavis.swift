/// The Harrell–Davis quantile estimator (Harrell & Davis, "A new distribution-free quantile
/// estimator", Biometrika 69(3):635–640, 1982): a weighted mean of all order statistics,
///
///     θ̂_p = Σᵢ Wᵢ·x₍ᵢ₎,  Wᵢ = I_{i/n}(a, b) − I_{(i−1)/n}(a, b),  a = p(n+1), b = (1−p)(n+1),
///
/// i.e. the expectation of the sample quantile under a Beta(a, b) on the uniform scale. Smooth
/// and efficient for the body of the distribution; it cannot create information the sample does
/// not hold in the far tail (at n = 30 the p99 estimate is essentially a blend of the top two values).
///
/// Only the weights that matter in double precision are kept (a window around i ≈ p·n found by
/// bisection), so the estimate costs O(window) incomplete-beta calls, not O(n).
public struct HarrellDavisWeights: Sendable, Equatable {
    /// 0-based index of the first order statistic with a kept weight.
    public let start: Int
    public let weights: [Double]

    public init(n: Int, p: Double) {
        precondition(n > 0 && p >= 0 && p <= 1)
        if n == 1 || p == 0 || p == 1 {
            start = p == 1 ? n - 1 : 0
            weights = [1]
            return
        }
        let a = p * Double(n + 1), b = (1 - p) * Double(n + 1)
        let nd = Double(n)
        func tails(_ i: Int) -> (lower: Double, upper: Double) {
            if i <= 0 { return (0, 1) }
            if i >= n { return (1, 0) }
            return IncompleteBeta.regularized(x: Double(i) / nd, y: Double(n - i) / nd, a: a, b: b)
        }
        let negligible = 1e-18
        // Largest i with lower tail below `negligible`, smallest i with upper tail below it.
        var lo = 0, hi = n
        do {
            var l = 0, h = n
            while h - l > 1 { let m = (l + h) / 2; if tails(m).lower < negligible { l = m } else { h = m } }
            lo = l
        }
        do {
            var l = 0, h = n
            while h - l > 1 { let m = (l + h) / 2; if tails(m).upper < negligible { h = m } else { l = m } }
            hi = h
        }
        var cdf: [(lower: Double, upper: Double)] = []
        cdf.reserveCapacity(hi - lo + 1)
        for i in lo...hi { cdf.append(tails(i)) }
        var w: [Double] = []
        w.reserveCapacity(hi - lo)
        for k in 1..<cdf.count {
            // Difference the tail that is small, so the weight keeps its relative accuracy.
            let weight = cdf[k].lower <= 0.5 ? cdf[k].lower - cdf[k - 1].lower : cdf[k - 1].upper - cdf[k].upper
            w.append(max(0, weight))
        }
        start = lo
        weights = w
    }

    /// Σ Wᵢ·x₍ᵢ₎ on an ascending sample of the same n.
    @inlinable
    public func estimate(sorted: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for (k, w) in weights.enumerated() { sum += w * sorted[start + k] }
        return sum
    }

    public func estimate(sorted: [Double]) -> Double {
        sorted.withUnsafeBufferPointer { estimate(sorted: $0) }
    }

    /// √(Σ Wᵢ(x₍ᵢ₎ − θ̂)²): the Maritz–Jarrett-style standard error of the HD estimate with its
    /// own weights (Maritz & Jarrett, JASA 73:194–196, 1978, applied to the HD L-estimator).
    public func standardError(sorted: [Double]) -> Double {
        let theta = estimate(sorted: sorted)
        var acc = CompensatedSum()
        for (k, w) in weights.enumerated() { let d = sorted[start + k] - theta; acc.add(w * d * d) }
        return max(0, acc.value).squareRoot()
    }
}

public enum HarrellDavis {
    /// The Harrell–Davis estimate of the p-quantile of an ascending sample.
    public static func quantile(sorted: [Double], p: Double) -> Double {
        HarrellDavisWeights(n: sorted.count, p: p).estimate(sorted: sorted)
    }
}
