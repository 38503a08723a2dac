/// The Maritz–Jarrett standard error of the sample quantile x₍ₘ₎ (Maritz & Jarrett, "A note on
/// estimating the variance of the sample median", JASA 73:194–196, 1978), with the order statistic
/// m = ⌊p·n + ½⌋ and the Beta(m − 1, n − m) weights of Wilcox's `mjse` and scipy's `mstats.mjci`:
///
///     Wᵢ = I_{i/n}(m−1, n−m) − I_{(i−1)/n}(m−1, n−m),   SE = √(Σ Wᵢx₍ᵢ₎² − (Σ Wᵢx₍ᵢ₎)²).
///
/// Undefined (nil) when m − 1 = 0 or n − m = 0, i.e. when the quantile is the sample minimum or
/// maximum: there is no information about its spread.
public enum MaritzJarrett {
    public static func orderStatistic(n: Int, p: Double) -> Int { Int(p * Double(n) + 0.5) }

    public static func standardError(sorted: [Double], p: Double) -> Double? {
        let n = sorted.count
        let m = orderStatistic(n: n, p: p)
        guard m - 1 > 0, n - m > 0 else { return nil }
        let a = Double(m - 1), b = Double(n - m)
        var previous = (lower: 0.0, upper: 1.0)
        var c1 = CompensatedSum(), c2 = CompensatedSum()
        for i in 1...n {
            let current = i == n ? (lower: 1.0, upper: 0.0)
                : IncompleteBeta.regularized(x: Double(i) / Double(n), y: Double(n - i) / Double(n), a: a, b: b)
            let w = current.lower <= 0.5 ? current.lower - previous.lower : previous.upper - current.upper
            c1.add(w * sorted[i - 1])
            c2.add(w * sorted[i - 1] * sorted[i - 1])
            previous = current
        }
        return max(0, c2.value - c1.value * c1.value).squareRoot()
    }
}
