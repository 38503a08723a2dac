import Claims
import Stats

/// `audit compare LEFT RIGHT`: the report model. Renderers (table, Markdown, JSON, HTML) only format it.
public struct CompareReport: Sendable {
    public struct Party: Sendable {
        public enum Kind: String, Sendable { case run, vendor }
        public let kind: Kind
        public let id: String
        public let label: String
    }

    /// Rows that share one pair of boundary classes (never mixed with another pair).
    public struct Section: Sendable {
        public let boundaryClass: String
        public let rows: [FigureAudit]
    }

    /// Run vs run: one statistic of both runs at one metric/concurrency.
    public struct SideBySide: Sendable {
        public let metric: String
        public let concurrency: Int
        public let statistic: String
        public let left: ConfidenceInterval?
        public let right: ConfidenceInterval?
        public let ratio: Double?
    }

    public struct Options: Sendable {
        public var resultsDirectory = "benchmarks/results"
        public var claimsFile = "data/claims.json"
        public var rigsFile = "data/rigs.json"
        public var metric: String?
        public var concurrency: Int?
        public var seed: UInt64 = 1
        /// Resampling unit for bootstrap intervals: .auto uses each run's concurrency as the batch size.
        public var batchResampling: BatchMode = .auto
        public enum BatchMode: String, Sendable, CaseIterable { case auto, iid, batch }
        public var resamples = 10_000
        public init() {}
    }

    public let left: Party
    public let right: Party
    public let sections: [Section]
    public let feasibility: [ClaimSetFeasibility]
    public let notAuditable: [(claimID: String, reason: String)]
    public let sideBySide: [SideBySide]
    public let comparabilities: [(metric: String, concurrency: Int, comparability: Comparability?)]
    public let caveats: [Caveat]
    /// The runs involved (for plots).
    public let runs: [RunSummary]
    /// Files that could not be read and were left out (reported by the caller; exit 65).
    public var skipped: [AuditError] = []
    /// Run vs run: latency against concurrency for each config, and the difference of their trends.
    public var scaling: [ScalingComparison] = []
    /// Run vs run: the two-sample tests per shared metric and concurrency, Holm-adjusted over all of them.
    public var tests: [(metric: String, concurrency: Int, report: TwoSampleReport)] = []
    /// (test id, raw p, Holm-adjusted p) over the whole report: the family the report states.
    public var holmFamily: [(test: String, p: Double, adjusted: Double)] = []

    public struct ScalingComparison: Sendable {
        public let metric: String
        public let left: [ScalingFit.Result]
        public let right: [ScalingFit.Result]
        /// (model, right − left trend coefficient with interval) for models both sides fitted.
        public let differences: [(model: ScalingFit.Model, estimate: Double, low: Double, high: Double)]
        /// Per-level medians of each side, for the plot.
        public let leftMedians: [(Int, Double)]
        public let rightMedians: [(Int, Double)]
    }
    public let seed: UInt64
    public static let version = "0.1.0"

    public static func build(left: String, right: String, options: Options) throws(AuditError) -> CompareReport {
        let directory = try ResultsDirectory.scan(options.resultsDirectory)
        let catalog = try RigCatalog.load(options.rigsFile)
        let claims = try ClaimsFile.load(options.claimsFile)
        // An id may name both a config and a vendor (kuasar): `run:` / `vendor:` prefixes decide; otherwise
        // LEFT prefers a config and RIGHT a vendor, so `audit compare kuasar kuasar` audits the run against the claims.
        func resolve(_ raw: String, preferVendor: Bool) throws(AuditError) -> Party {
            var id = raw
            var only: Party.Kind?
            if raw.hasPrefix("run:") { id = String(raw.dropFirst(4)); only = .run }
            if raw.hasPrefix("vendor:") { id = String(raw.dropFirst(7)); only = .vendor }
            let asRun = directory.configs.contains(id) ? Party(kind: .run, id: id, label: "our runs of \(id)") : nil
            let asVendor = claims.vendor(id).map { Party(kind: .vendor, id: id, label: "\($0.name) (\($0.product))") }
            switch only {
            case .run?: if let asRun { return asRun }
            case .vendor?: if let asVendor { return asVendor }
            case nil:
                if let p = preferVendor ? (asVendor ?? asRun) : (asRun ?? asVendor) { return p }
            }
            let all = directory.configs + claims.vendors.map(\.id)
            throw AuditError(.inputMissing, file: nil, path: id, "neither a config in \(options.resultsDirectory) nor a vendor in \(options.claimsFile)\(Suggestion.didYouMean(id, among: all))")
        }
        let l = try resolve(left, preferVendor: false), r = try resolve(right, preferVendor: true)
        switch (l.kind, r.kind) {
        case (.vendor, .vendor):
            throw AuditError(.usage, file: nil, path: nil, "compare needs at least one of our configs (got two vendors: \(left), \(right))")
        case (.run, .run):
            return try runVersusRun(l, r, directory: directory, catalog: catalog, options: options)
        default:
            let (runParty, vendorParty) = l.kind == .run ? (l, r) : (r, l)
            let vendor = claims.vendor(vendorParty.id)!
            var skipped: [AuditError] = []
            let runs = RunSummary.load(config: runParty.id, metric: options.metric, concurrency: options.concurrency,
                                       directory: directory, catalog: catalog, skipped: &skipped)
            guard !runs.isEmpty else {
                if let first = skipped.first { throw first }
                throw AuditError(.inputMissing, file: options.resultsDirectory, path: runParty.id, "no runs match the --metric/--concurrency filter")
            }
            var report = runVersusVendor(l, r, runs: runs, vendor: vendor, options: options)
            report.skipped = skipped
            return report
        }
    }

    /// Chooses, for a claim, the runs to audit it with: the metrics the claim names for this config
    /// (else every metric), and per metric the run at the claim's concurrency (else the nearest).
    static func candidateRuns(for claim: VendorClaim, among runs: [RunSummary]) -> [RunSummary] {
        let config = runs.first?.run.config ?? ""
        var named: Set<String> = []
        if case .array(let entries)? = claim.record["auditableWith"] {
            for e in entries {
                if case .string(let c)? = e["config"], Glob.matches(c, config), case .string(let m)? = e["metric"] { named.insert(m) }
            }
        }
        let metrics = Array(Set(runs.map(\.run.metric))).sorted().filter { named.isEmpty || named.contains($0) }
        let target = claim.figure.concurrency ?? 1
        return metrics.compactMap { metric in
            runs.filter { $0.run.metric == metric }.min { a, b in
                let da = abs(log(Double(a.run.concurrency)) - log(Double(target)))
                let db = abs(log(Double(b.run.concurrency)) - log(Double(target)))
                return da == db ? a.run.concurrency < b.run.concurrency : da < db
            }
        }
    }

    static func runVersusVendor(_ l: Party, _ r: Party, runs: [RunSummary], vendor: Vendor, options: Options) -> CompareReport {
        var rows: [FigureAudit] = []
        var notAuditable: [(String, String)] = []
        var caveats: [Caveat] = []
        for claim in vendor.claims {
            let chosen = candidateRuns(for: claim, among: runs)
            var audited = false
            for run in chosen {
                if let row = FigureAudit.make(vendor: vendor, claim: claim, run: run, seed: options.seed, resamples: options.resamples,
                                              resampling: options.resampling(concurrency: run.run.concurrency)) {
                    rows.append(row)
                    caveats += CaveatRules.forRow(row, claim: claim, vendor: vendor)
                    audited = true
                }
            }
            if !audited {
                let f = claim.figure
                let reason: String
                if Figure.milliseconds(1, unit: f.unit) == nil { reason = "not a latency (\(f.unit))" }
                else if f.statistic == .ratio || f.statistic == .rate { reason = "a \(f.statistic.rawValue), not a latency statistic" }
                else if f.value == nil && f.low == nil { reason = "no numeric figure" }
                else { reason = "no matching run" }
                notAuditable.append((claim.id, reason))
            }
        }
        // Group rows by (vendor class, our class).
        var sections: [Section] = []
        var order: [String] = []
        var grouped: [String: [FigureAudit]] = [:]
        let claimsByID = Dictionary(vendor.claims.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for row in rows {
            let theirs = claimsByID[row.claimID]?.boundary?.boundaryClass.description ?? "unknown"
            let ours = row.run.boundary?.boundaryClass.description ?? "unknown"
            let key = theirs == ours ? "\(theirs) (both)" : "vendor \(theirs) · ours \(ours)"
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(row)
        }
        for key in order { sections.append(Section(boundaryClass: key, rows: grouped[key]!)) }
        let feasibility = ClaimSetFeasibility.audits(vendor: vendor).filter { $0.figures.count >= 2 || !$0.percentiles.isEmpty }
        return CompareReport(left: l, right: r, sections: sections, feasibility: feasibility, notAuditable: notAuditable,
                             sideBySide: [], comparabilities: [], caveats: Caveat.merged(caveats), runs: runs, seed: options.seed)
    }

    static func runVersusRun(_ l: Party, _ r: Party, directory: ResultsDirectory, catalog: RigCatalog, options: Options) throws(AuditError) -> CompareReport {
        var skipped: [AuditError] = []
        let a = RunSummary.load(config: l.id, metric: options.metric, concurrency: options.concurrency, directory: directory, catalog: catalog, skipped: &skipped)
        let b = RunSummary.load(config: r.id, metric: options.metric, concurrency: options.concurrency, directory: directory, catalog: catalog, skipped: &skipped)
        var rows: [SideBySide] = []
        var report2Tests: [(String, Int, TwoSampleReport)] = []
        var comps: [(String, Int, Comparability?)] = []
        var caveats: [Caveat] = []
        for x in a {
            guard let y = b.first(where: { $0.run.metric == x.run.metric && $0.run.concurrency == x.run.concurrency }) else { continue }
            let comparability = x.boundary.flatMap { xb in y.boundary.map { Comparability(xb, $0) } }
            comps.append((x.run.metric, x.run.concurrency, comparability))
            if let c = comparability, c.verdict == .notComparable {
                caveats.append(Caveat(.boundaryMismatch, .critical, "\(x.id) and \(y.id) time different phases", evidence: c.explanation))
            }
            let tests = TwoSampleReport(a: x.id, sampleA: x.sample, b: y.id, sampleB: y.sample, seed: options.seed, resamples: 4_999)
            report2Tests.append((x.run.metric, x.run.concurrency, tests))
            for (name, stat) in [("mean", Statistic.mean), ("median", .quantile(p: 0.5, definition: .hf7)),
                                 ("p95", .quantile(p: 0.95, definition: .hf7)), ("p99", .quantile(p: 0.99, definition: .hf7))] {
                var req1 = IntervalRequest(statistic: stat, method: .auto, level: 0.95, resamples: options.resamples, seed: options.seed)
                req1.resampling = options.resampling(concurrency: x.run.concurrency)
                var req2 = req1
                req2.resampling = options.resampling(concurrency: y.run.concurrency)
                let ci1 = try? IntervalEstimator.estimate(req1, sample: x.sample).interval
                let ci2 = try? IntervalEstimator.estimate(req2, sample: y.sample).interval
                let ratio = (ci1?.estimate).flatMap { e1 in (ci2?.estimate).map { e2 in e2 == 0 ? Double.nan : e1 / e2 } }
                rows.append(SideBySide(metric: x.run.metric, concurrency: x.run.concurrency, statistic: name, left: ci1, right: ci2, ratio: ratio))
            }
        }
        if rows.isEmpty {
            if let first = skipped.first { throw first }
            throw AuditError(.inputMissing, file: options.resultsDirectory, path: nil, "\(l.id) and \(r.id) share no metric and concurrency")
        }
        var report = CompareReport(left: l, right: r, sections: [], feasibility: [], notAuditable: [], sideBySide: rows,
                                   comparabilities: comps, caveats: Caveat.merged(caveats), runs: a + b, seed: options.seed)
        report.tests = report2Tests
        let family = report2Tests.flatMap { t in t.2.holm.map { ("\(t.0)/cc\(t.1)/\($0.test)", $0.p) } }
        let adjusted = Holm.adjust(family.map(\.1))
        report.holmFamily = zip(family, adjusted).map { ($0.0, $0.1, $1) }
        // Scaling across concurrency uses every level of each config (not the --concurrency filter).
        let allA = RunSummary.load(config: l.id, metric: options.metric, concurrency: nil, directory: directory, catalog: catalog, skipped: &skipped)
        let allB = RunSummary.load(config: r.id, metric: options.metric, concurrency: nil, directory: directory, catalog: catalog, skipped: &skipped)
        for metric in Array(Set(allA.map(\.run.metric)).intersection(allB.map(\.run.metric))).sorted() {
            let la = allA.filter { $0.run.metric == metric }.map { ($0.run.concurrency, $0.sample.values) }
            let lb = allB.filter { $0.run.metric == metric }.map { ($0.run.concurrency, $0.sample.values) }
            guard Set(la.map(\.0)).count >= 2, Set(lb.map(\.0)).count >= 2 else { continue }
            var fitsA: [ScalingFit.Result] = [], fitsB: [ScalingFit.Result] = []
            var diffs: [(ScalingFit.Model, Double, Double, Double)] = []
            for model in ScalingFit.Model.allCases {
                guard let fa = try? ScalingFit.fit(levels: la, model: model, seed: options.seed),
                      let fb = try? ScalingFit.fit(levels: lb, model: model, seed: options.seed &+ 1) else { continue }
                fitsA.append(fa)
                fitsB.append(fb)
                let d = ScalingFit.trendDifference(fa, fb)
                diffs.append((model, d.estimate, d.low, d.high))
            }
            func medians(_ levels: [(Int, [Double])]) -> [(Int, Double)] {
                levels.sorted { $0.0 < $1.0 }.map { ($0.0, QuantileDefinition.hf7.quantile(sorted: $0.1.sorted(), p: 0.5)) }
            }
            report.scaling.append(ScalingComparison(metric: metric, left: fitsA, right: fitsB, differences: diffs,
                                                    leftMedians: medians(la), rightMedians: medians(lb)))
        }
        report.skipped = skipped
        return report
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension CompareReport.Options {
    /// The resampling an interval for a run at `concurrency` should use.
    func resampling(concurrency: Int) -> IntervalRequest.Resampling {
        switch batchResampling {
        case .iid: .iid
        case .batch: concurrency > 1 ? .batch(size: concurrency) : .iid
        case .auto: .auto(batchSize: concurrency)
        }
    }
}
