import Claims
import Stats

/// The summary-only audit of a vendor's figure set (e.g. avg 67, p95 90, p99 137, max 150 at c = 50):
/// what the figures imply on their own, before any of our data is looked at.
///
/// - Feasibility: ordering (min ≤ p50 ≤ p95 ≤ p99 ≤ max, min ≤ mean ≤ max) and, for non-negative
///   latencies, mean ≥ 0.04·p95 + 0.01·p99 (at least 5% of samples are ≥ p95, 1% ≥ p99; the rest ≥ 0).
/// - What each percentile means at the undisclosed n: below which n it is simply the sample maximum,
///   and the n a distribution-free 95% bound needs (one- and two-sided).
/// - Sensitivity: for plausible n, which order statistic the figure is and whether it is the max.
/// - Contradictions between the vendor's own claims (from the claims file's relations).
public struct ClaimSetFeasibility: Sendable {
    public struct Check: Sendable {
        public let name: String
        public let passed: Bool
        public let detail: String
    }

    public struct PercentileMeaning: Sendable {
        public let claimID: String
        public let statistic: String
        public let value: Double
        /// The smallest n at which the figure is not the sample maximum under the vendor's rule.
        public let notMaxFromN: Int
        public let oneSidedMinimumN: Int
        public let twoSidedMinimumN: Int
        /// (n, rank from the top, is the max) for plausible n.
        public let sensitivity: [(n: Int, fromTop: Int, isMax: Bool, boundExists: Bool)]
        public let disclosedN: Int?
        public let nBasis: String?
    }

    public let vendorID: String
    public let concurrency: Int?
    public let metric: String
    public let figures: [(claimID: String, statistic: ClaimStatistic, value: Double)]
    public let checks: [Check]
    public let percentiles: [PercentileMeaning]
    public let contradictions: [ClaimRelation]

    public static let plausibleN = [10, 30, 50, 100, 300, 1000]

    /// One feasibility audit per (metric, concurrency) group of the vendor's latency figures.
    public static func audits(vendor: Vendor) -> [ClaimSetFeasibility] {
        var groups: [String: [VendorClaim]] = [:]
        var order: [String] = []
        for c in vendor.claims where c.figure.valueInMilliseconds != nil {
            switch c.figure.statistic {
            case .mean, .p50, .p95, .p99, .max, .min: break
            default: continue
            }
            let key = "\(c.metric)|\(c.figure.concurrency.map(String.init) ?? "-")"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(c)
        }
        return order.compactMap { key in
            let claims = groups[key]!
            return make(vendor: vendor, claims: claims)
        }
    }

    static func make(vendor: Vendor, claims: [VendorClaim]) -> ClaimSetFeasibility {
        let figures = claims.map { ($0.id, $0.figure.statistic, $0.figure.valueInMilliseconds!) }
        func value(_ s: ClaimStatistic) -> (String, Double)? {
            claims.first { $0.figure.statistic == s }.map { ($0.id, $0.figure.valueInMilliseconds!) }
        }
        var checks: [Check] = []
        let chain: [ClaimStatistic] = [.min, .p50, .p95, .p99, .max]
        let present = chain.compactMap { s in value(s).map { (s, $0) } }
        for (a, b) in zip(present, present.dropFirst()) {
            let ok = a.1.1 <= b.1.1
            checks.append(Check(name: "ordering", passed: ok,
                                detail: "\(a.0.rawValue) \(Format.number(a.1.1)) (\(a.1.0)) \(ok ? "≤" : ">") \(b.0.rawValue) \(Format.number(b.1.1)) (\(b.1.0))"))
        }
        if let mean = value(.mean) {
            if let mx = value(.max) {
                checks.append(Check(name: "mean ≤ max", passed: mean.1 <= mx.1, detail: "mean \(Format.number(mean.1)) vs max \(Format.number(mx.1))"))
            }
            if let mn = value(.min) {
                checks.append(Check(name: "mean ≥ min", passed: mean.1 >= mn.1, detail: "mean \(Format.number(mean.1)) vs min \(Format.number(mn.1))"))
            }
            if let p95 = value(.p95), let p99 = value(.p99) {
                let floor = 0.04 * p95.1 + 0.01 * p99.1
                checks.append(Check(name: "non-negative tail mass", passed: mean.1 >= floor,
                                    detail: "mean \(Format.number(mean.1)) ≥ 0.04·p95 + 0.01·p99 = \(Format.number(floor))"))
            }
        }
        var meanings: [PercentileMeaning] = []
        for c in claims {
            guard let p = c.figure.statistic.probability, p > 0.5 else { continue }
            let rule = c.quantileDefinition ?? .nearestRank
            var notMaxFrom = 1
            while notMaxFrom < 1_000_000, rule.position(n: notMaxFrom, p: p).lower == notMaxFrom - 1 { notMaxFrom += 1 }
            let sens = plausibleN.map { n -> (Int, Int, Bool, Bool) in
                let index = rule.position(n: n, p: p).lower
                return (n, n - index, index == n - 1, n >= OrderStatisticInterval.minimumN(p: p, level: 0.95, bound: .twoSided))
            }
            meanings.append(PercentileMeaning(claimID: c.id, statistic: c.figure.statistic.rawValue, value: c.figure.valueInMilliseconds!,
                                              notMaxFromN: notMaxFrom,
                                              oneSidedMinimumN: OrderStatisticInterval.minimumN(p: p, level: 0.95, bound: .upper),
                                              twoSidedMinimumN: OrderStatisticInterval.minimumN(p: p, level: 0.95, bound: .twoSided),
                                              sensitivity: sens, disclosedN: c.n.value, nBasis: c.n.disclosed ? "disclosed" : c.n.basis))
        }
        let ids = Set(claims.map(\.id))
        let contradictions = vendor.relations.filter { r in
            (r.kind == "contradicts" || r.kind == "inconsistent-with") && r.claims.contains { ids.contains($0) }
        }
        return ClaimSetFeasibility(vendorID: vendor.id, concurrency: claims.first?.figure.concurrency,
                                   metric: claims.first?.metric ?? "", figures: figures, checks: checks,
                                   percentiles: meanings, contradictions: contradictions)
    }
}
