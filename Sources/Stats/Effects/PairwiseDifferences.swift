/// Order statistics of the m·n pairwise differences yⱼ − xᵢ without forming them, for the
/// Hodges–Lehmann estimate and interval of large samples.
///
/// For a value d, the number of pairs with yⱼ − xᵢ ≤ d is counted in O(m + n) from x and y sorted
/// ascending: yⱼ − xᵢ is non-decreasing in yⱼ and non-increasing in xᵢ (also after rounding, which is
/// monotone), so for ascending yⱼ the qualifying xᵢ form a suffix whose start only moves right (the
/// counting step of Johnson & Mizoguchi 1978 and Monahan 1984). The k-th smallest difference is the
/// smallest double d whose count reaches k; it is found by bisection over the doubles in their order
/// (at most 64 counts), so it is exactly the difference the sorted list would hold at that rank.
public enum PairwiseDifferences {
    /// The difference at 0-based `rank` of the ascending order of all fl(yⱼ − xᵢ).
    public static func orderStatistic(sortedX x: [Double], sortedY y: [Double], rank: Int) -> Double {
        let m = x.count, n = y.count
        precondition(m > 0 && n > 0 && rank >= 0 && rank < m * n, "rank out of range")
        var lo = RadixSort.orderedKey(y[0] - x[m - 1]), hi = RadixSort.orderedKey(y[n - 1] - x[0])
        let wanted = rank + 1
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                while lo < hi {
                    let mid = lo + (hi - lo) / 2
                    if count(xs, ys, atMost: RadixSort.value(ofOrderedKey: mid)) >= wanted { hi = mid } else { lo = mid + 1 }
                }
            }
        }
        return RadixSort.value(ofOrderedKey: lo)
    }

    /// #{(i, j) : fl(yⱼ − xᵢ) ≤ d}.
    static func count(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, atMost d: Double) -> Int {
        let m = x.count
        var i = 0, total = 0
        for b in y {
            while i < m && b - x[i] > d { i += 1 }
            total += m - i
        }
        return total
    }
}
