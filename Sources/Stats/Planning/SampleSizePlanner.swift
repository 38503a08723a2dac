/// How many iterations a rig needs, from a pilot run (the notebook's rigs run 30/30/50 as "shallow
/// defaults"):
/// - a target relative half-width of the 95% interval: for the mean n = (z·s/(h·mean))² (normal
///   approximation); for a quantile, the smallest n whose distribution-free interval orders
///   (``OrderStatisticInterval``), read off the pilot's quantile function, are within ±h of the
///   estimate — a lower bound when those orders fall beyond the pilot's own extremes;
/// - any bounded two-sided interval on a tail quantile: exact, from the binomial (p99 at 95%: 368);
/// - a shift to detect with Mann–Whitney at α and a given power: simulated from the pilot
///   (``MannWhitneyPower``), group B the pilot scaled by (1 + shift).
public enum SampleSizePlanner {
    public struct Precision: Sendable, Equatable {
        public let statistic: String
        public let n: Int?
        /// True when the answer relies on the pilot's range (tail orders beyond the pilot's extremes).
        public let extrapolated: Bool
        public let note: String
    }

    public static func forMean(pilot: Sample, relativeHalfWidth h: Double, level: Double = 0.95) -> Precision {
        let z = Normal.quantile((1 + level) / 2)
        let n = Int((z * pilot.standardDeviation / (h * pilot.mean)).squared.rounded(.up))
        return Precision(statistic: "mean", n: max(2, n), extrapolated: false,
                         note: "normal approximation with the pilot's sd \(pilot.standardDeviation) and mean \(pilot.mean)")
    }

    public static func forQuantile(pilot: Sample, p: Double, relativeHalfWidth h: Double, level: Double = 0.95,
                                   limit: Int = 10_000_000) -> Precision {
        let sorted = pilot.sorted
        let estimate = QuantileDefinition.hf7.quantile(sorted: sorted, p: p)
        let pilotN = Double(sorted.count)
        func halfWidth(_ n: Int) -> (Double, Bool)? {
            let (l, u) = OrderStatisticInterval.orders(n: n, p: p, level: level, sides: .twoSided)
            guard l >= 1, u <= n else { return nil }
            let pl = Double(l) / Double(n + 1), pu = Double(u) / Double(n + 1)
            let beyond = pu > pilotN / (pilotN + 1) || pl < 1 / (pilotN + 1)
            let lo = QuantileDefinition.hf7.quantile(sorted: sorted, p: min(1, max(0, pl)))
            let hi = QuantileDefinition.hf7.quantile(sorted: sorted, p: min(1, max(0, pu)))
            return ((hi - lo) / 2 / estimate, beyond)
        }
        var n = max(8, OrderStatisticInterval.minimumN(p: p, level: level, bound: .twoSided))
        while n <= limit {
            if let (w, beyond) = halfWidth(n), w <= h {
                // Refine downwards by bisection between n/2 and n.
                var lo = n / 2, hi = n
                var beyondHi = beyond
                while hi - lo > max(1, lo / 100) {
                    let mid = (lo + hi) / 2
                    if let (wm, bm) = halfWidth(mid), wm <= h { hi = mid; beyondHi = bm } else { lo = mid }
                }
                return Precision(statistic: "p\(Statistic.percentText(p))", n: hi, extrapolated: beyondHi,
                                 note: beyondHi ? "a lower bound: the interval's orders fall beyond the pilot's extremes, where its tail is unknown"
                                                : "distribution-free interval orders read off the pilot's quantile function")
            }
            n *= 2
        }
        return Precision(statistic: "p\(Statistic.percentText(p))", n: nil, extrapolated: true, note: "not reached below n = \(limit)")
    }
}

extension Double {
    var squared: Double { self * self }
}
