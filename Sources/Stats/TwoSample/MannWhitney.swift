/// The Mann–Whitney U test (Mann & Whitney 1947), matching scipy.stats.mannwhitneyu.
///
/// U = R₁ − m(m+1)/2 (R₁ the midrank sum of x), the same for every alternative. `auto` uses the exact
/// null distribution when one sample has at most 8 values and there are no ties, else the normal
/// approximation with tie correction σ² = mn/12·((N+1) − Σ(t³−t)/(N(N−1))) and continuity 0.5.
/// The exact distribution is the coefficient list of the Gaussian binomial [m+n choose m]_q.
public enum MannWhitney {
    public enum Method: String, Sendable { case exact, asymptotic }

    public struct Result: Sendable, Equatable {
        public let u: Double
        public let p: Double
        public let method: Method
        public let alternative: Alternative
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case emptySample
        case exactWithTies
        case allValuesEqual
        public var description: String {
            switch self {
            case .emptySample: "both samples need at least one value"
            case .exactWithTies: "the exact distribution assumes no ties"
            case .allValuesEqual: "every value is the same: the test has no information"
            }
        }
    }

    /// The test from the samples in any order: samples on one decimal grid (measured latencies) are ranked
    /// by ``GridRankSum`` without sorting either, others are sorted and merged.
    public static func test(_ x: [Double], _ y: [Double], alternative: Alternative = .twoSided, method: Method? = nil) throws(Failure) -> Result {
        guard !x.isEmpty, !y.isEmpty else { throw .emptySample }
        let ranks = GridRankSum.compute(x, y) ?? MergedRankSum(sortedX: RadixSort.sorted(x), sortedY: RadixSort.sorted(y))
        return try test(ranks: ranks, m: x.count, n: y.count, alternative: alternative, method: method)
    }

    /// The same test from samples already sorted ascending (a ``Sample``'s `sorted`): the rank sum comes
    /// from one merge of the two, O(m + n).
    public static func test(sortedX x: [Double], sortedY y: [Double], alternative: Alternative = .twoSided,
                            method: Method? = nil) throws(Failure) -> Result {
        guard !x.isEmpty, !y.isEmpty else { throw .emptySample }
        return try test(ranks: MergedRankSum(sortedX: x, sortedY: y), m: x.count, n: y.count, alternative: alternative, method: method)
    }

    private static func test(ranks: MergedRankSum, m: Int, n: Int, alternative: Alternative, method: Method?) throws(Failure) -> Result {
        let r1 = ranks.rankSumX
        let u1 = r1 - Double(m * (m + 1)) / 2
        let mn = Double(m * n)
        let chosen = method ?? ((m <= 8 || n <= 8) && !ranks.hasTies ? .exact : .asymptotic)
        let uStatistic: Double
        switch alternative {
        case .greater: uStatistic = u1
        case .less: uStatistic = mn - u1
        case .twoSided: uStatistic = max(u1, mn - u1)
        }
        var p: Double
        switch chosen {
        case .exact:
            guard !ranks.hasTies else { throw .exactWithTies }
            let dist = exactDistribution(m: m, n: n)
            // P(U ≥ u) from the upper tail of the exact distribution.
            let k = Int(uStatistic.rounded(.up))
            var tail = CompensatedSum()
            if k <= dist.count - 1 { for v in dist[k...] { tail.add(v) } }
            p = tail.value
        case .asymptotic:
            let N = Double(m + n)
            let variance = mn / 12 * ((N + 1) - ranks.tieTerm / (N * (N - 1)))
            guard variance > 0 else { throw .allValuesEqual }
            let z = (uStatistic - mn / 2 - 0.5) / variance.squareRoot()
            p = Normal.survival(z)
        }
        if alternative == .twoSided { p *= 2 }
        return Result(u: u1, p: min(1, max(0, p)), method: chosen, alternative: alternative)
    }

    /// P(U = u) for u = 0…mn under H₀ with no ties, by the recurrence on the largest value
    /// (it belongs to x with probability m/(m+n), adding n to U):
    /// P_{m,n}(u) = m/(m+n)·P_{m−1,n}(u − n) + n/(m+n)·P_{m,n−1}(u). All terms are positive, so it is
    /// stable in floating point at any size (counts would overflow 2⁵³ beyond C(m+n, m)).
    public static func exactDistribution(m: Int, n: Int) -> [Double] {
        // U for (m, n) and U' for (n, m) satisfy U' = mn − U: iterate over the smaller sample size.
        if m > n { return exactDistribution(m: n, n: m).reversed() }
        var previous = [[Double]](repeating: [1], count: n + 1)  // m' = 0: U = 0
        if m == 0 { return [1] }
        for mm in 1...m {
            var current = [[Double]](repeating: [], count: n + 1)
            current[0] = [1]
            for nn in 1...n {
                var row = [Double](repeating: 0, count: mm * nn + 1)
                let fromX = Double(mm) / Double(mm + nn), fromY = Double(nn) / Double(mm + nn)
                let a = previous[nn]
                for (u, v) in a.enumerated() where v != 0 { row[u + nn] += fromX * v }
                let b = current[nn - 1]
                for (u, v) in b.enumerated() where v != 0 { row[u] += fromY * v }
                current[nn] = row
            }
            previous = current
        }
        return previous[n]
    }
}
