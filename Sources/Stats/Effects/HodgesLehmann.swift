/// The Hodges–Lehmann shift (Hodges & Lehmann 1963): the median of all m·n differences yⱼ − xᵢ,
/// with its distribution-free interval from inverting the Mann–Whitney test (Bauer 1972;
/// Hollander & Wolfe §4.3): [D₍ₖ₎, D₍ₘₙ₊₁₋ₖ₎] of the sorted differences, k from the exact U
/// distribution (small samples without ties, as `MannWhitney`'s auto rule) or the normal approximation
/// k = ⌊mn/2 − z·√(mn(m+n+1)/12)⌋. Positive shift: y is larger.
public enum HodgesLehmann {
    public struct Result: Sendable, Equatable {
        public let shift: Double
        public let low: Double?
        public let high: Double?
        public let k: Int
        public let exact: Bool
        /// P(D₍ₖ₎ ≤ Δ < D₍ₘₙ₊₁₋ₖ₎) under the exact null (exact method only).
        public let coverage: Double?
    }

    /// Up to this many pairwise differences (m·n) they are formed and sorted; beyond it the needed order
    /// statistics are selected without forming them (``PairwiseDifferences``), with the same values.
    public static let maximumPairs = 50_000_000

    public static func estimate(_ x: [Double], _ y: [Double], level: Double = 0.95, materializeUpTo: Int = maximumPairs) -> Result? {
        let m = x.count, n = y.count
        guard m > 0, n > 0 else { return nil }
        let mn = m * n
        let sx = RadixSort.sorted(x), sy = RadixSort.sorted(y)
        let differenceAt: (Int) -> Double
        if mn <= materializeUpTo {
            var d = [Double]()
            d.reserveCapacity(mn)
            for b in y { for a in x { d.append(b - a) } }
            d.sort()
            differenceAt = { d[$0] }
        } else {
            differenceAt = { PairwiseDifferences.orderStatistic(sortedX: sx, sortedY: sy, rank: $0) }
        }
        let shift = mn % 2 == 1 ? differenceAt(mn / 2) : (differenceAt(mn / 2 - 1) + differenceAt(mn / 2)) / 2
        let hasTies = MergedRankSum(sortedX: sx, sortedY: sy).hasTies
        let alpha = (1 - level) / 2
        var k: Int
        var coverage: Double?
        let exact = (m <= 8 || n <= 8) && !hasTies
        if exact {
            let dist = MannWhitney.exactDistribution(m: m, n: n)
            // Largest k with P(U ≤ k − 1) ≤ α.
            var cumulative = 0.0
            k = 0
            for (u, p) in dist.enumerated() {
                cumulative += p
                if cumulative <= alpha + 1e-12 { k = u + 1 } else { break }
            }
            let lowerTail = k >= 1 ? dist[0..<k].reduce(0, +) : 0
            coverage = 1 - 2 * lowerTail
        } else {
            let z = Normal.quantile(1 - alpha)
            k = Int((Double(mn) / 2 - z * (Double(mn) * Double(m + n + 1) / 12).squareRoot()).rounded(.down))
        }
        guard k >= 1, mn + 1 - k <= mn, k <= mn + 1 - k else {
            return Result(shift: shift, low: nil, high: nil, k: k, exact: exact, coverage: coverage)
        }
        return Result(shift: shift, low: differenceAt(k - 1), high: differenceAt(mn - k), k: k, exact: exact, coverage: coverage)
    }
}
