/// A statistic the bootstrap can resample. Every one of them is an L-statistic — a weighted sum
/// of order statistics with weights that depend only on n — so a resample is evaluated from its
/// counts over the sorted sample in O(n), with no per-resample sort.
public enum Statistic: Sendable, Equatable, CustomStringConvertible {
    /// The arithmetic mean.
    case mean
    /// The p-quantile under a named definition (the median is `quantile(p: 0.5, definition: .hf7)`).
    case quantile(p: Double, definition: QuantileDefinition)
    /// The Harrell–Davis p-quantile.
    case harrellDavis(p: Double)
    /// The mean after cutting ⌊proportion·n⌋ values from each end (scipy's `trim_mean`).
    case trimmedMean(proportion: Double)

    public var description: String {
        switch self {
        case .mean: "mean"
        case .quantile(let p, let d): "p\(Self.percentText(p)) (\(d.rawValue))"
        case .harrellDavis(let p): "hd:p\(Self.percentText(p))"
        case .trimmedMean(let f): "trim:\(f)"
        }
    }

    public static func percentText(_ p: Double) -> String {
        let percent = QuantileDefinition.percent(p)
        return percent == percent.rounded() ? String(Int(percent)) : String(percent)
    }

    /// True for statistics whose jackknife is a poor variance estimate (non-smooth: single quantiles).
    public var isQuantile: Bool {
        switch self {
        case .quantile, .harrellDavis: true
        default: false
        }
    }

    /// The estimate on an ascending sample.
    public func estimate(sorted: [Double]) -> Double {
        switch self {
        case .mean:
            return CompensatedSum.sum(sorted) / Double(sorted.count)
        case .trimmedMean(let proportion):
            let cut = Int(proportion * Double(sorted.count))
            let kept = sorted[cut..<(sorted.count - cut)]
            return CompensatedSum.sum(kept) / Double(kept.count)
        default:
            return rankWeights(n: sorted.count).apply(sorted: sorted)
        }
    }

    /// The weights this statistic puts on each rank of a sample of size n.
    public func rankWeights(n: Int) -> RankWeights {
        switch self {
        case .mean:
            return RankWeights(start: 0, weights: [Double](repeating: 1 / Double(n), count: n))
        case .quantile(let p, let definition):
            let mix = definition.position(n: n, p: p)
            if mix.lower == mix.upper || mix.upperWeight == 0 {
                return RankWeights(start: mix.lower, weights: [1])
            }
            if mix.upperWeight == 1 { return RankWeights(start: mix.upper, weights: [1]) }
            return RankWeights(start: mix.lower, weights: [1 - mix.upperWeight, mix.upperWeight])
        case .harrellDavis(let p):
            let w = HarrellDavisWeights(n: n, p: p)
            return RankWeights(start: w.start, weights: w.weights)
        case .trimmedMean(let proportion):
            let cut = Int(proportion * Double(n))
            let kept = n - 2 * cut
            precondition(kept > 0, "trimmed mean cuts every value (proportion \(proportion), n = \(n))")
            return RankWeights(start: cut, weights: [Double](repeating: 1 / Double(kept), count: kept))
        }
    }

    /// The n leave-one-out values θ₍ᵢ₎ (jackknife), in O(n) from the ascending sample: removing the
    /// value at rank r shifts every higher rank down by one, so θ₍ᵣ₎ = Σ_{j<r} w'ⱼx₍ⱼ₎ + Σ_{j≥r} w'ⱼx₍ⱼ₊₁₎
    /// with the (n−1)-sample weights w'. For the mean this is (S − xᵢ)/(n − 1).
    public func jackknife(sorted: [Double]) -> [Double] {
        let n = sorted.count
        precondition(n >= 2, "the jackknife needs at least two values")
        if case .mean = self {
            let total = CompensatedSum.sum(sorted)
            return sorted.map { (total - $0) / Double(n - 1) }
        }
        let w = rankWeights(n: n - 1)
        let end = w.start + w.weights.count  // weights cover ranks [start, end) of the reduced sample
        // below[r] = Σ_{j < min(r, end), j ≥ start} w_j x_j ; above[r] = Σ_{j ≥ max(r, start), j < end} w_j x_{j+1}
        var below = [Double](repeating: 0, count: n + 1)
        for r in 1...n {
            let j = r - 1
            below[r] = below[r - 1] + ((j >= w.start && j < end) ? w.weights[j - w.start] * sorted[j] : 0)
        }
        var above = [Double](repeating: 0, count: n + 1)
        if n >= 2 {
            for r in stride(from: n - 2, through: 0, by: -1) {
                let j = r
                above[r] = above[r + 1] + ((j >= w.start && j < end) ? w.weights[j - w.start] * sorted[j + 1] : 0)
            }
        }
        return (0..<n).map { r in below[r] + above[r] }
    }
}

/// Weights on a window of ranks [start, start + weights.count) of an ascending sample.
public struct RankWeights: Sendable, Equatable {
    public let start: Int
    public let weights: [Double]
    /// cumulative[k] = Σ_{j<k} weights[j]; lets a block of tied ranks take its total weight in O(1).
    public let cumulative: [Double]

    public init(start: Int, weights: [Double]) {
        self.start = start
        self.weights = weights
        var c = [Double](repeating: 0, count: weights.count + 1)
        if let first = weights.first, weights.allSatisfy({ $0 == first }) {
            for k in 0...weights.count { c[k] = Double(k) * first }  // no accumulated rounding
        } else {
            for (k, w) in weights.enumerated() { c[k + 1] = c[k] + w }
        }
        cumulative = c
    }

    public var end: Int { start + weights.count }

    public func apply(sorted: [Double]) -> Double {
        apply(orderStatistics: sorted[start..<end])
    }

    /// The same sum given just the order statistics start..<end (as ``Selection`` finds them).
    public func apply<C: Collection<Double>>(orderStatistics: C) -> Double {
        precondition(orderStatistics.count == weights.count, "one value per weight")
        var s = 0.0
        for (w, v) in zip(weights, orderStatistics) { s += w * v }
        return s
    }

    /// The statistic of a resample given as counts over the ascending original sample
    /// (counts[i] copies of sorted[i]; Σ counts = n). O(n) at worst, stops after the window.
    @inline(__always)
    public func apply(counts: UnsafeBufferPointer<Int32>, sorted: UnsafeBufferPointer<Double>) -> Double {
        var rank = 0
        var value = 0.0
        let lo = start, hi = end
        var i = 0
        let n = counts.count
        while i < n {
            let c = Int(counts[i])
            if c > 0 {
                let next = rank + c
                if next > lo {
                    let a = max(rank, lo), b = min(next, hi)
                    if weights.count == 1 {
                        return sorted[i]
                    }
                    value += sorted[i] * (cumulative[b - lo] - cumulative[a - lo])
                    if next >= hi { return value }
                }
                rank = next
            }
            i += 1
        }
        return value
    }
}
