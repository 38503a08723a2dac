import Claims

/// A caveat: a reason a number or a comparison must be read with care. Ids are stable (reports,
/// the /claims page and tests refer to them), severity orders them, `evidence` says what was seen
/// and `citations` where it is documented.
public struct Caveat: Sendable, Equatable {
    public enum Severity: String, Sendable, Comparable, CaseIterable {
        case info, warn, critical
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.info, .warn, .critical]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    /// The stable rule ids.
    public enum Rule: String, Sendable, CaseIterable {
        case boundaryMismatch = "boundary-mismatch"
        case teardownIncluded = "teardown-included"
        case timerOverhead = "timer-overhead"
        case prewarmedPool = "prewarmed-pool"
        case snapshotRestoreVsBoot = "snapshot-restore-vs-boot"
        case hardwareUndisclosed = "hardware-undisclosed"
        case nUndisclosed = "n-undisclosed"
        case nInferred = "n-inferred"
        case percentileRuleDiffers = "percentile-rule-differs"
        case tailUnestimable = "tail-unestimable"
        case failedRequestsDropped = "failed-requests-dropped"
        case summaryMismatch = "summary-mismatch"
        case concurrencySemanticsDiffer = "concurrency-semantics-differ"
        case trimmedPercentiles = "trimmed-percentiles"
        case vendorSelfContradiction = "vendor-self-contradiction"
        case concurrencyMismatch = "concurrency-mismatch"
        case statisticUnspecified = "statistic-unspecified"
        case batchAggregate = "batch-aggregate"
        case pooledRuns = "pooled-runs"
    }

    public let id: Rule
    public let severity: Severity
    public let text: String
    public let evidence: [String]
    public let citations: [String]
    /// The rows (claim ids or statistic labels) the caveat qualifies; empty = the whole report.
    public let appliesTo: [String]

    public init(_ id: Rule, _ severity: Severity, _ text: String, evidence: [String] = [], citations: [String] = [], appliesTo: [String] = []) {
        self.id = id
        self.severity = severity
        self.text = text
        self.evidence = evidence
        self.citations = citations
        self.appliesTo = appliesTo
    }

    /// Merges caveats with the same id and text, uniting the rows they apply to.
    public static func merged(_ caveats: [Caveat]) -> [Caveat] {
        var out: [Caveat] = []
        for c in caveats {
            if let i = out.firstIndex(where: { $0.id == c.id && $0.text == c.text }) {
                let o = out[i]
                out[i] = Caveat(o.id, max(o.severity, c.severity), o.text,
                                evidence: unique(o.evidence + c.evidence), citations: unique(o.citations + c.citations),
                                appliesTo: o.appliesTo.isEmpty || c.appliesTo.isEmpty ? [] : unique(o.appliesTo + c.appliesTo))
            } else {
                out.append(c)
            }
        }
        return out.sorted { ($0.severity, $1.id.rawValue) > ($1.severity, $0.id.rawValue) }
    }

    static func unique(_ xs: [String]) -> [String] {
        var seen = Set<String>()
        return xs.filter { seen.insert($0).inserted }
    }
}
