import Claims
import Stats

/// One vendor figure audited against one of our runs: our estimate under the vendor's own statistic
/// and percentile rule, its interval, the ratio, a verdict, and the comparability of the two clocks.
public struct FigureAudit: Sendable {
    public enum Verdict: String, Sendable {
        /// The vendor figure lies inside our interval (or our data satisfy the bound / floor).
        case consistent
        /// Our interval lies entirely above the vendor figure (or our data break the bound).
        case oursHigher = "ours-higher"
        /// Our interval lies entirely below the vendor figure.
        case oursLower = "ours-lower"
        /// The data cannot decide: an unbounded interval side, an unspecified statistic, or clocks
        /// whose phase difference could explain the gap.
        case undecidable
    }

    public let vendorID: String
    public let claimID: String
    public let claimText: String
    public let statistic: ClaimStatistic
    /// The vendor's figure in ms (or the range bounds).
    public let vendorValue: Double?
    public let vendorRange: (low: Double, high: Double)?
    public let vendorConcurrency: Int?
    public let run: RunSummary
    /// How our number was computed ("p95, nearestRank (the vendor's rule)").
    public let ourStatistic: String
    /// Our number (the interval's estimate, or the sample max/min for bound and floor claims).
    public let estimate: Double?
    public let interval: ConfidenceInterval?
    /// Extra facts for bound/floor/range claims ("0 of 500 samples above 125 ms").
    public let observation: String?
    /// ours / vendor with its interval (the vendor figure is treated as exact).
    public let ratio: (estimate: Double, low: Double?, high: Double?)?
    /// The verdict the numbers alone give.
    public let rawVerdict: Verdict
    /// The verdict once the phase matrices are taken into account.
    public let verdict: Verdict
    public let comparability: Comparability?
    public let qualification: String
    public let caveatIDs: [Caveat.Rule]

    public static func == (a: FigureAudit, b: FigureAudit) -> Bool { a.claimID == b.claimID && a.run.id == b.run.id }

    /// Builds the audit of `claim` against `run`. Returns nil for figures that are not latencies
    /// (memory, density, rates, ratios) — those are listed as not auditable by the caller.
    public static func make(vendor: Vendor, claim: VendorClaim, run: RunSummary, seed: UInt64, resamples: Int = 10_000,
                            resampling: IntervalRequest.Resampling? = nil) -> FigureAudit? {
        let f = Self.figure(of: claim, for: run.run.config)
        let unitOK = Figure.milliseconds(1, unit: f.unit) != nil
        guard unitOK else { return nil }
        let sample = run.sample
        let level = 0.95
        var interval: ConfidenceInterval?
        var observation: String?
        var ourStatistic = ""
        var raw: Verdict = .undecidable
        let value = f.valueInMilliseconds
        var range: (Double, Double)?
        if let lo = f.low, let hi = f.high, let l = Figure.milliseconds(lo, unit: f.unit), let h = Figure.milliseconds(hi, unit: f.unit) { range = (l, h) }

        func verdict(_ ci: ConfidenceInterval, against v: Double) -> Verdict {
            if let lo = ci.low, lo > v { return .oursHigher }
            if let hi = ci.high, hi < v { return .oursLower }
            if ci.low != nil, ci.high != nil { return .consistent }
            return .undecidable  // an unbounded side could hide either direction
        }

        switch f.statistic {
        case .mean, .p50, .p95, .p99, .approx, .unspecified:
            guard let v = value else { return nil }
            let statistic: Statistic
            let definition = claim.quantileDefinition ?? .hf7
            switch f.statistic {
            case .mean:
                statistic = .mean
                ourStatistic = "mean"
            case .p50, .p95, .p99:
                statistic = .quantile(p: f.statistic.probability!, definition: definition)
                ourStatistic = "\(f.statistic.rawValue) under \(definition.rawValue)" + (claim.quantileDefinition == nil ? " (vendor rule unknown; hf7)" : " (the vendor's rule)")
            default:
                statistic = .quantile(p: 0.5, definition: definition)
                ourStatistic = f.statistic == .approx ? "median (\"≈\" read as a typical value)" : "median (the vendor names no statistic)"
            }
            var request = IntervalRequest(statistic: statistic, method: .auto, level: level, resamples: resamples, seed: seed)
            request.resampling = resampling ?? .auto(batchSize: run.run.concurrency)
            interval = try? IntervalEstimator.estimate(request, sample: sample).interval
            if let ci = interval { raw = verdict(ci, against: v) }
            if f.statistic == .unspecified { raw = .undecidable }
        case .max, .upperBound:
            guard let v = value else { return nil }
            // "≤ v for every sample": count the samples above the bound.
            let above = sample.sorted.reduce(0) { $0 + ($1 > v ? 1 : 0) }
            let n = sample.count
            ourStatistic = "maximum"
            observation = "\(above) of \(n) samples above \(Format.number(v)) ms"
            // A distribution-free upper confidence bound on P(X > v) (Clopper–Pearson, one-sided 95%).
            let upperShare = ClopperPearson.upperBound(successes: above, trials: n, level: level)
            observation! += "; P(sample > \(Format.number(v)) ms) ≤ \(Format.number(upperShare * 100, significant: 3))% at 95%"
            raw = above == 0 ? .consistent : .oursHigher
        case .min:
            guard let v = value else { return nil }
            ourStatistic = "minimum (\"as little as\")"
            observation = "\(sample.sorted.reduce(0) { $0 + ($1 <= v ? 1 : 0) }) of \(sample.count) samples at or below \(Format.number(v)) ms"
            raw = sample.minimum <= v ? .consistent : .oursHigher
        case .range:
            guard let (lo, hi) = range else { return nil }
            ourStatistic = "median, and the share of samples in the range"
            let inBand = sample.sorted.reduce(0) { $0 + ($1 >= lo && $1 <= hi ? 1 : 0) }
            observation = "\(inBand) of \(sample.count) samples (\(Format.number(100 * Double(inBand) / Double(sample.count), significant: 3))%) within \(Format.number(lo))–\(Format.number(hi)) ms"
            let ci = IntervalEstimator.estimateOrder(sample: sample, p: 0.5, level: level)
            interval = ci
            if let l = ci.low, let h = ci.high {
                raw = (l >= lo && h <= hi) ? .consistent : (l > hi ? .oursHigher : (h < lo ? .oursLower : .undecidable))
            }
        case .ratio, .rate:
            return nil
        }

        let estimate: Double?
        switch f.statistic {
        case .max, .upperBound: estimate = sample.maximum
        case .min: estimate = sample.minimum
        default: estimate = interval?.estimate
        }
        var ratio: (Double, Double?, Double?)?
        if let v = value, v > 0, let e = estimate {
            // Bound and floor claims compare an exact sample extreme: no interval on the ratio.
            ratio = (e / v, interval?.low.map { $0 / v }, interval?.high.map { $0 / v })
        }

        // Qualify by the phase matrices (DESIGN.md §2). Phases only one clock may cover push that side's
        // number up, so a difference in the direction they push decides nothing.
        let comparability = run.boundary.flatMap { ours in claim.boundary.map { Comparability(ours, $0) } }
        var final = raw
        var qualification: String
        var caveats: [Caveat.Rule] = []
        if let c = comparability {
            let oursExtra = c.possiblyExtraOnLeft.map(\.rawValue).joined(separator: ", ")
            let theirsExtra = c.possiblyExtraOnRight.map(\.rawValue).joined(separator: ", ")
            if c.verdict == .notComparable { caveats.append(.boundaryMismatch) }
            let isBound = f.statistic == .upperBound || f.statistic == .max || f.statistic == .min
            switch raw {
            case .oursHigher where !oursExtra.isEmpty:
                final = .undecidable
                qualification = "undecidable: our clock also covers \(oursExtra), which could explain the difference"
            case .oursLower where !theirsExtra.isEmpty:
                final = .undecidable
                qualification = "undecidable: the vendor's clock also covers \(theirsExtra)"
            case .consistent where !theirsExtra.isEmpty:
                final = .undecidable
                qualification = "undecidable: the vendor's clock also covers \(theirsExtra), so agreement on our shorter clock says nothing"
            case .consistent where !oursExtra.isEmpty:
                if isBound {
                    qualification = "holds a fortiori: our clock also covers \(oursExtra) and still meets the figure"
                } else {
                    final = .undecidable
                    qualification = "undecidable: our clock also covers \(oursExtra), so the agreement may be a coincidence of different phases"
                }
            case .oursHigher, .oursLower:
                qualification = c.verdict == .comparable ? "the two clocks cover the same phases"
                    : "holds a fortiori: " + (raw == .oursHigher ? "only the vendor's clock could add time (\(theirsExtra.isEmpty ? "none" : theirsExtra))" : "only our clock could add time (\(oursExtra.isEmpty ? "none" : oursExtra))")
            default:
                switch c.verdict {
                case .comparable: qualification = "the two clocks cover the same phases"
                case .comparableWithCaveats:
                    qualification = "no phase is known to differ; " + (c.uncertain.isEmpty ? "start kinds differ" : "unknown on one side: " + c.uncertain.map(\.phase.rawValue).joined(separator: ", "))
                case .notComparable: qualification = "the clocks differ in " + c.differing.map(\.phase.rawValue).joined(separator: ", ") + " (boundary-mismatch)"
                }
            }
        } else {
            final = .undecidable
            qualification = "no phase matrix for \(run.rig == nil ? "our run" : "the claim"): comparability unknown"
        }
        if f.statistic == .unspecified { qualification += "; the vendor names no statistic" }
        return FigureAudit(vendorID: vendor.id, claimID: claim.id, claimText: claim.text, statistic: f.statistic,
                           vendorValue: value, vendorRange: range, vendorConcurrency: f.concurrency, run: run,
                           ourStatistic: ourStatistic, estimate: estimate, interval: interval, observation: observation, ratio: ratio,
                           rawVerdict: raw, verdict: final, comparability: comparability, qualification: qualification,
                           caveatIDs: caveats)
    }

}

extension FigureAudit {
    /// The claim's figure, or — when the figure lists per-product `components` (Kuasar 300~360 vs
    /// Kata 850~950 in one sentence) — the component whose label names this config.
    static func figure(of claim: VendorClaim, for config: String) -> Figure {
        let f = claim.figure
        guard case .array(let components)? = claim.record["figure"]?["components"] else { return f }
        for c in components {
            guard case .string(let label)? = c["label"], config.lowercased().hasPrefix(label.lowercased()) else { continue }
            func number(_ key: String) -> Double? { if case .number(let v, _)? = c[key] { return v }; return nil }
            var statistic = f.statistic
            if case .string(let s)? = c["statistic"], let parsed = ClaimStatistic(rawValue: s) { statistic = parsed }
            var unit = f.unit
            if case .string(let u)? = c["unit"] { unit = u }
            return Figure(value: number("value"), low: number("low"), high: number("high"), unit: unit, statistic: statistic,
                          concurrency: f.concurrency, concurrencyBasis: f.concurrencyBasis)
        }
        return f
    }
}

/// The Clopper–Pearson (1934) exact upper confidence bound for a binomial proportion.
public enum ClopperPearson {
    public static func upperBound(successes k: Int, trials n: Int, level: Double) -> Double {
        if k >= n { return 1 }
        // Smallest p with P(X ≤ k | n, p) ≤ 1 − level, by bisection.
        var lo = Double(k) / Double(n), hi = 1.0
        for _ in 0..<100 {
            let mid = (lo + hi) / 2
            if Binomial.cdf(k, n: n, p: mid) > 1 - level { lo = mid } else { hi = mid }
        }
        return hi
    }
}
