/// Binomial(n, p) probabilities that stay accurate for n up to 10⁷ and in the far tails,
/// through the incomplete beta identity P(X ≤ k) = I₁₋ₚ(n − k, k + 1) (Abramowitz & Stegun 26.5.24).
public enum Binomial {
    /// P(X ≤ k).
    public static func cdf(_ k: Int, n: Int, p: Double) -> Double { tails(k, n: n, p: p).lower }

    /// P(X > k), accurate when tiny (not computed as 1 − cdf).
    public static func survival(_ k: Int, n: Int, p: Double) -> Double { tails(k, n: n, p: p).upper }

    /// (P(X ≤ k), P(X > k)).
    public static func tails(_ k: Int, n: Int, p: Double) -> (lower: Double, upper: Double) {
        precondition(n >= 0 && p >= 0 && p <= 1, "binomial needs n ≥ 0 and p in [0, 1]")
        if k < 0 { return (0, 1) }
        if k >= n { return (1, 0) }
        if p == 0 { return (1, 0) }
        if p == 1 { return (0, 1) }
        let r = IncompleteBeta.regularized(x: 1 - p, y: p, a: Double(n - k), b: Double(k + 1))
        return (r.lower, r.upper)
    }

    /// P(X ≥ k) = P(X > k − 1).
    public static func atLeast(_ k: Int, n: Int, p: Double) -> Double { survival(k - 1, n: n, p: p) }
}
