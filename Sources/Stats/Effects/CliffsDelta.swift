/// Cliff's δ = P(Y > X) − P(Y < X) and the probability of superiority P(Y > X) + ½P(Y = X)
/// (Cliff 1993, Psychological Bulletin 114:494), counted in O((m+n) log(m+n)) by merging sorted samples,
/// with Cliff's (1993, eq. 8; 1996) asymmetric interval from the unbiased variance estimate
/// s² = [n²Σ(dᵢ. − δ)² + m²Σ(d.ⱼ − δ)² − ΣΣ(dᵢⱼ − δ)²] / (mn(m−1)(n−1)), floored at (1 − δ²)/(mn − 1),
/// bounds (δ − δ³ ∓ z·s·√((1 − δ²)² + z²s²)) / (1 − δ² + z²s²).
public enum CliffsDelta {
    public struct Result: Sendable, Equatable {
        public let delta: Double
        public let probabilityOfSuperiority: Double
        public let greater: Int
        public let less: Int
        public let equal: Int
        public let low: Double?
        public let high: Double?
    }

    public static func estimate(_ x: [Double], _ y: [Double], level: Double = 0.95) -> Result {
        let a = RadixSort.sorted(x), b = RadixSort.sorted(y)
        let m = a.count, n = b.count
        // For each x: how many y are greater / less.
        var greaterPerX = [Int](repeating: 0, count: m), lessPerX = [Int](repeating: 0, count: m)
        for (i, v) in a.enumerated() {
            let le = SortedSearch.upperBound(b, v)
            let lt = SortedSearch.lowerBound(b, v)
            greaterPerX[i] = n - le
            lessPerX[i] = lt
        }
        let greater = greaterPerX.reduce(0, +), less = lessPerX.reduce(0, +)
        let equal = m * n - greater - less
        let mn = Double(m * n)
        let delta = Double(greater - less) / mn
        let ps = (Double(greater) + 0.5 * Double(equal)) / mn
        var low: Double?, high: Double?
        if m > 1, n > 1 {
            // Row (per x) and column (per y) dominance means.
            var rowSS = 0.0
            for i in 0..<m { let di = Double(greaterPerX[i] - lessPerX[i]) / Double(n); rowSS += (di - delta) * (di - delta) }
            var colSS = 0.0
            for v in b {
                let gt = SortedSearch.lowerBound(a, v)                 // x < y
                let lt = m - SortedSearch.upperBound(a, v)  // x > y
                let dj = Double(gt - lt) / Double(m)
                colSS += (dj - delta) * (dj - delta)
            }
            // Σ(dᵢⱼ − δ)² = Σdᵢⱼ² − mn·δ², with dᵢⱼ² = 1 for every non-tied pair.
            let cellSS = Double(greater + less) - mn * delta * delta
            let nd = Double(n), md = Double(m)
            var variance = (nd * nd * rowSS + md * md * colSS - cellSS) / (mn * (md - 1) * (nd - 1))
            variance = max(variance, (1 - delta * delta) / (mn - 1))
            let s = variance.squareRoot()
            let z = Normal.quantile((1 + level) / 2)
            let root = z * s * ((1 - delta * delta) * (1 - delta * delta) + z * z * s * s).squareRoot()
            let denominator = 1 - delta * delta + z * z * s * s
            low = max(-1, (delta - delta * delta * delta - root) / denominator)
            high = min(1, (delta - delta * delta * delta + root) / denominator)
        }
        return Result(delta: delta, probabilityOfSuperiority: ps, greater: greater, less: less, equal: equal, low: low, high: high)
    }
}
