import RealModule

/// The two-sample Kolmogorov–Smirnov test, matching scipy.stats.ks_2samp.
///
/// D is the largest gap between the empirical CDFs (evaluated at every pooled value, so ties are
/// handled). `auto` is exact when both samples have at most 10 000 values: the probability that a
/// uniformly random lattice path from (0,0) to (m,n) ever reaches the boundary |x/m − y/n| ≥ D (one
/// boundary for one-sided tests), accumulated step by step with the path's transition probabilities
/// (no counts, so no overflow). The asymptotic p-values are scipy's: Kolmogorov's exact one-sample
/// distribution at n = round(mn/(m+n)) two-sided, Hodges' (1958) eq. 5.3 one-sided.
public enum KolmogorovSmirnov {
    public enum Method: String, Sendable { case exact, asymptotic }

    public struct Result: Sendable, Equatable {
        public let d: Double
        public let p: Double
        public let method: Method
        /// +1 when x's ECDF is above y's at the statistic (x tends to be smaller), −1 otherwise.
        public let sign: Int
        public let location: Double
    }

    public static let maximumExactSize = 10_000

    public static func test(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided, method: Method? = nil) -> Result {
        let a = RadixSort.sorted(x), b = RadixSort.sorted(y)
        let m = a.count, n = b.count
        precondition(m > 0 && n > 0)
        // ECDF difference at every pooled value (x values first, then y: scipy's argmax order).
        var maxS = -Double.infinity, minS = Double.infinity
        var maxLoc = 0.0, minLoc = 0.0
        for v in a + b {
            let f1 = Double(SortedSearch.upperBound(a, v)) / Double(m), f2 = Double(SortedSearch.upperBound(b, v)) / Double(n)
            let diff = f1 - f2
            if diff > maxS { maxS = diff; maxLoc = v }
            if diff < minS { minS = diff; minLoc = v }
        }
        let minStat = max(0, -minS)
        var d: Double, sign: Int, location: Double
        if alternative == .less || (alternative == .twoSided && minStat > maxS) {
            (d, sign, location) = (minStat, -1, minLoc)
        } else {
            (d, sign, location) = (maxS, 1, maxLoc)
        }
        let chosen = method ?? (max(m, n) <= maximumExactSize ? .exact : .asymptotic)
        var p: Double
        switch chosen {
        case .exact:
            let g = gcd(m, n)
            let lcm = (m / g) * n
            let h = Int((d * Double(lcm)).rounded())
            d = Double(h) / Double(lcm)
            p = h == 0 ? 1 : exactOutside(m: m, n: n, h: h, lcm: lcm, twoSided: alternative == .twoSided)
        case .asymptotic:
            let big = Double(max(m, n)), small = Double(min(m, n))
            let en = big * small / (big + small)
            if alternative == .twoSided {
                p = KolmogorovDistribution.survival(d, n: Int(en.rounded()))
            } else {
                let z = en.squareRoot() * d
                let exponent = -2 * z * z - 2 * z * (big + 2 * small) / (big * small * (big + small)).squareRoot() / 3
                p = Double.exp(exponent)
            }
        }
        return Result(d: d, p: min(1, max(0, p)), method: chosen, sign: sign, location: location)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// P(a random path reaches the boundary): x·(lcm/m) − y·(lcm/n) ≥ h (one-sided) or |…| ≥ h.
    /// By symmetry the one-sided probability is the same for either sign.
    static func exactOutside(m: Int, n: Int, h: Int, lcm: Int, twoSided: Bool) -> Double {
        let sx = lcm / m, sy = lcm / n
        var row = [Double](repeating: 0, count: n + 1)  // probability of being at (x, y) inside
        var outside = CompensatedSum()
        func isOutside(_ x: Int, _ y: Int) -> Bool {
            let v = x * sx - y * sy
            return twoSided ? abs(v) >= h : v >= h
        }
        row[0] = 1
        // y steps along the first row (x = 0).
        for y in 1...n {
            let pStep = row[y - 1] * Double(n - y + 1) / Double(m + n - y + 1)
            if isOutside(0, y) { outside.add(pStep); row[y] = 0 } else { row[y] = pStep }
        }
        for x in 1...m {
            var next = [Double](repeating: 0, count: n + 1)
            for y in 0...n {
                // Arrive from (x−1, y) by an x step, or from (x, y−1) by a y step.
                let remainingFromLeft = Double(m - x + 1 + n - y)
                var p = row[y] * Double(m - x + 1) / remainingFromLeft
                if y > 0 {
                    let remainingFromBelow = Double(m - x + n - y + 1)
                    p += next[y - 1] * Double(n - y + 1) / remainingFromBelow
                }
                if isOutside(x, y) { outside.add(p) } else { next[y] = p }
            }
            row = next
        }
        return outside.value
    }
}

/// Kolmogorov's distribution of the two-sided one-sample statistic Dₙ (exact, finite n).
/// The CDF is Marsaglia, Tsang & Wang's (2003) matrix method; in the upper tail, where 1 − CDF
/// would cancel, P(Dₙ ≥ d) = 2·P(Dₙ⁺ ≥ d) − P(both), and the joint term is below 1e-14 relative
/// once P(Dₙ⁺ ≥ d) < 1e-7; P(Dₙ⁺ ≥ d) is the Birnbaum–Tingey sum (all terms positive).
public enum KolmogorovDistribution {
    public static func survival(_ d: Double, n: Int) -> Double {
        if d <= 0 { return 1 }
        if d >= 1 { return 0 }
        let oneSided = smirnovSurvival(d, n: n)
        if oneSided < 1e-7 || d >= 0.5 { return min(1, 2 * oneSided) }
        return max(0, 1 - cdf(d, n: n))
    }

    /// P(Dₙ⁺ ≥ d) = d·Σ_{j=0}^{⌊n(1−d)⌋} C(n,j)(1 − d − j/n)^{n−j}(d + j/n)^{j−1} (Birnbaum & Tingey 1951).
    public static func smirnovSurvival(_ d: Double, n: Int) -> Double {
        let nd = Double(n)
        let top = Int((nd * (1 - d)).rounded(.down))
        var sum = CompensatedSum()
        let logN1 = Double.logGamma(nd + 1)
        for j in 0...max(0, top) {
            let jd = Double(j)
            let a = 1 - d - jd / nd
            if a <= 0 { continue }
            let logTerm = logN1 - Double.logGamma(jd + 1) - Double.logGamma(nd - jd + 1)
                + (nd - jd) * Double.log(a) + (jd - 1) * Double.log(d + jd / nd)
            sum.add(Double.exp(logTerm))
        }
        return min(1, d * sum.value)
    }

    /// P(Dₙ < d) by Marsaglia, Tsang & Wang (2003), with exponent tracking in the matrix power.
    public static func cdf(_ d: Double, n: Int) -> Double {
        let nd = Double(n)
        let k = Int((nd * d).rounded(.down)) + 1
        let size = 2 * k - 1
        let h = Double(k) - nd * d
        var H = Matrix(rows: size, columns: size)
        for i in 0..<size { for j in 0..<size where i - j + 1 >= 0 { H[i, j] = 1 } }
        for i in 0..<size {
            H[i, 0] -= Double.pow(h, Double(i + 1))
            H[size - 1, i] -= Double.pow(h, Double(size - i))
        }
        if 2 * h - 1 > 0 { H[size - 1, 0] += Double.pow(2 * h - 1, Double(size)) }
        for i in 0..<size {
            for j in 0..<size where i - j + 1 > 0 {
                var f = 1.0
                for g in 1...(i - j + 1) { f *= Double(g) }
                H[i, j] /= f
            }
        }
        let (Q, exponent) = power(H, n)
        var s = Q[k - 1, k - 1]
        var e = exponent
        for i in 1...n {
            s = s * Double(i) / nd
            if s < 1e-140 { s *= 1e140; e -= 140 }
        }
        return s * Double.pow(10, Double(e))
    }

    /// Hⁿ with a decimal exponent kept aside (entries rescaled by 1e-140 when they grow past 1e140).
    static func power(_ a: Matrix, _ n: Int) -> (Matrix, Int) {
        if n == 1 { return (a, 0) }
        let (half, e) = power(a, n / 2)
        var result = BLAS.product(half, half)
        var exponent = 2 * e
        if n % 2 == 1 { result = BLAS.product(a, result) }
        let center = result[result.rows / 2, result.columns / 2]
        if center > 1e140 {
            for i in result.elements.indices { result.elements[i] *= 1e-140 }
            exponent += 140
        }
        return (result, exponent)
    }
}
