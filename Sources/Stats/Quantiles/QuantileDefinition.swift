/// A rule that turns a sorted sample and a probability p into one quantile estimate.
///
/// - `hf1` … `hf9`: the nine sample quantiles of Hyndman & Fan, "Sample Quantiles in
///   Statistical Packages", The American Statistician 50(4):361–365, 1996, computed
///   exactly as R's `quantile(x, p, type = k)` (including R's 4·ε fuzz on the index).
///   `hf7` is the default of R, NumPy and Excel; Hyndman & Fan recommend `hf8`.
/// - `nearestRank`: `sorted[ceil(n·p) − 1]`, no interpolation — the rule of CubeSandbox's
///   cube-bench (`stats.go`, index `ceil(n·p/100) − 1`) and of HdrHistogram.
/// - `summarizePy`: `sorted[min(n − 1, floor(n·p))]` — the notebook's `summarize.py`
///   (`int(len(ss) * p / 100)`), so p99 of 30 samples is the maximum.
///
/// The two named rules are evaluated with p as a percentage (`n · 100p / 100`), the way
/// their reference programs do, so that `n·p` landing on an integer is not lost to rounding.
///
/// ```swift
/// QuantileDefinition.summarizePy.quantile(sorted: [1, 2, 3, 4], p: 0.5)  // 3
/// QuantileDefinition.hf7.quantile(sorted: [1, 2, 3, 4], p: 0.5)          // 2.5
/// ```
public enum QuantileDefinition: String, CaseIterable, Sendable, Codable {
    case hf1, hf2, hf3, hf4, hf5, hf6, hf7, hf8, hf9
    case nearestRank
    case summarizePy

    /// The Hyndman–Fan type number, or nil for the named rules.
    public var hyndmanFanType: Int? {
        switch self {
        case .hf1: 1
        case .hf2: 2
        case .hf3: 3
        case .hf4: 4
        case .hf5: 5
        case .hf6: 6
        case .hf7: 7
        case .hf8: 8
        case .hf9: 9
        case .nearestRank, .summarizePy: nil
        }
    }

    /// True when the estimate is always one order statistic (no interpolation between two).
    public var isSingleOrderStatistic: Bool {
        switch self {
        case .hf1, .hf3, .nearestRank, .summarizePy: true
        default: false
        }
    }

    /// The estimate for probability `p` ∈ [0, 1] from an ascending, non-empty sample.
    @inlinable
    public func quantile(sorted: [Double], p: Double) -> Double {
        position(n: sorted.count, p: p).evaluate(sorted)
    }

    /// Which order statistics the estimate uses and with what weight; depends only on n and p.
    public func position(n: Int, p: Double) -> OrderStatisticMix {
        precondition(n > 0, "quantile of an empty sample")
        precondition(p >= 0 && p <= 1, "probability \(p) outside [0, 1]")
        switch self {
        case .nearestRank:
            let rank = (Double(n) * Self.percent(p) / 100).rounded(.up)
            let index = min(n - 1, max(0, Int(rank) - 1))
            return OrderStatisticMix(lower: index, upper: index, upperWeight: 0)
        case .summarizePy:
            let index = min(n - 1, Int((Double(n) * Self.percent(p) / 100).rounded(.down)))
            return OrderStatisticMix(lower: index, upper: index, upperWeight: 0)
        default:
            return hyndmanFanPosition(n: n, p: p, type: hyndmanFanType!)
        }
    }

    /// p as a percentage, snapped to 1e-9 so that 0.95 · 100 is exactly 95 as in the reference programs.
    static func percent(_ p: Double) -> Double {
        (p * 100 * 1e9).rounded() / 1e9
    }

    /// R's `quantile.default` (R ≥ 4.0): index j = ⌊n·p + m + fuzz⌋ with fuzz = 4ε and
    /// weight h on x₍ⱼ₊₁₎; indices outside 1…n are clamped (x₍₀₎ = x₍₁₎, x₍ₙ₊₁₎ = x₍ₙ₎).
    private func hyndmanFanPosition(n: Int, p: Double, type: Int) -> OrderStatisticMix {
        let fuzz = 4 * Double.ulpOfOne
        let nd = Double(n)
        let j: Double
        let h: Double
        if type <= 3 {
            let nppm = type == 3 ? nd * p - 0.5 : nd * p
            j = (nppm + fuzz).rounded(.down)
            switch type {
            case 1: h = nppm > j ? 1 : 0
            case 2: h = nppm > j ? 1 : 0.5
            default:
                let jIsOdd = Int(j) % 2 != 0
                h = (nppm != j || jIsOdd) ? 1 : 0
            }
        } else {
            let (a, b): (Double, Double)
            switch type {
            case 4: (a, b) = (0, 1)
            case 5: (a, b) = (0.5, 0.5)
            case 6: (a, b) = (0, 0)
            case 7: (a, b) = (1, 1)
            case 8: (a, b) = (1.0 / 3, 1.0 / 3)
            default: (a, b) = (3.0 / 8, 3.0 / 8)
            }
            let nppm = a + p * (nd + 1 - a - b)
            j = (nppm + fuzz).rounded(.down)
            var frac = nppm - j
            if abs(frac) < fuzz { frac = 0 }
            h = frac
        }
        let j1 = Int(j)  // 1-based index of the lower order statistic
        let lower = min(n, max(1, j1)) - 1
        let upper = min(n, max(1, j1 + 1)) - 1
        return OrderStatisticMix(lower: lower, upper: upper, upperWeight: h)
    }
}

/// An estimate of the form (1 − h)·x₍lower₎ + h·x₍upper₎ on the ascending sample (0-based indices).
public struct OrderStatisticMix: Sendable, Equatable {
    public let lower: Int
    public let upper: Int
    /// h ∈ [0, 1], the weight on the upper order statistic.
    public let upperWeight: Double

    public init(lower: Int, upper: Int, upperWeight: Double) {
        self.lower = lower
        self.upper = upper
        self.upperWeight = upperWeight
    }

    /// Evaluates on an ascending buffer; equal neighbours give that value exactly, as R does.
    @inlinable
    public func evaluate(_ sorted: [Double]) -> Double {
        sorted.withUnsafeBufferPointer { evaluate($0) }
    }

    @inlinable
    public func evaluate(_ sorted: UnsafeBufferPointer<Double>) -> Double {
        interpolate(sorted[lower], sorted[upper])
    }

    /// (1 − h)·lo + h·hi, returning an endpoint exactly when h ∈ {0, 1} or lo == hi.
    @inlinable
    public func interpolate(_ lo: Double, _ hi: Double) -> Double {
        if upperWeight == 0 { return lo }
        if upperWeight == 1 { return hi }
        if lo == hi { return lo }
        return (1 - upperWeight) * lo + upperWeight * hi
    }
}
