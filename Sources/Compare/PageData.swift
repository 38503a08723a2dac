import Claims
import Stats

/// `audit page`: the data behind the `/claims` web page — every vendor in the claims file, each claim
/// with its citations and disclosures, audited against every shipped run its `auditableWith` names
/// (a config glob such as `lambda-*` pools the matching runs into one sample, with a caveat).
/// Deterministic: the same inputs and seed give the same bytes (no timestamps).
public enum PageData {
    public struct Options: Sendable {
        public var resultsDirectory = "benchmarks/results"
        public var claimsFile = "data/claims.json"
        public var rigsFile = "data/rigs.json"
        public var seed: UInt64 = 1
        public var resamples = 10_000
        public init() {}
    }

    /// The page document and the files that could not be read (left out, to be reported; exit 65).
    public static func build(_ options: Options) throws(AuditError) -> (document: JSONValue, skipped: [AuditError]) {
        var skipped: [AuditError] = []
        let directory = try ResultsDirectory.scan(options.resultsDirectory)
        let catalog = try RigCatalog.load(options.rigsFile)
        let claims = try ClaimsFile.load(options.claimsFile)
        var cache: [String: [RunSummary]] = [:]
        func runs(config pattern: String, metric: String) -> [RunSummary] {
            let key = pattern + "|" + metric
            if let hit = cache[key] { return hit }
            let configs = directory.configs.filter { Glob.matches(pattern, $0) }
            var loaded: [RunSummary] = []
            for c in configs { loaded += RunSummary.load(config: c, metric: metric, concurrency: nil, directory: directory, catalog: catalog, skipped: &skipped) }
            if pattern.contains("*"), loaded.count > 1 {
                // Pool the matching runs (per concurrency) into one sample.
                var pooled: [RunSummary] = []
                for cc in Array(Set(loaded.map(\.run.concurrency))).sorted() {
                    let group = loaded.filter { $0.run.concurrency == cc }
                    guard let first = group.first, let sample = try? Sample(group.flatMap(\.run.samples)) else { continue }
                    var run = first.run
                    run.config = pattern.replacing("*", with: "all")
                    run.samples = sample.values
                    run.summary = SummaryCheck.recompute(sample)
                    run.provenance = nil
                    pooled.append(RunSummary(run: run, file: "\(group.count) files matching \(pattern)_\(metric)_cc\(cc).json",
                                             sample: sample, rig: first.rig, pooledFrom: group.map(\.id)))
                }
                loaded = pooled
            }
            cache[key] = loaded
            return loaded
        }

        var vendorsJSON: [JSONValue] = []
        var allCaveats: [Caveat] = []
        for vendor in claims.vendors {
            var claimsJSON: [JSONValue] = []
            for claim in vendor.claims {
                var audits: [JSONValue] = []
                var seen = Set<String>()
                if case .array(let entries)? = claim.record["auditableWith"] {
                    for e in entries {
                        guard case .string(let config)? = e["config"], case .string(let metric)? = e["metric"] else { continue }
                        let candidates = runs(config: config, metric: metric)
                        for run in CompareReport.candidateRuns(for: claim, among: candidates) where seen.insert(run.id).inserted {
                            guard let row = FigureAudit.make(vendor: vendor, claim: claim, run: run, seed: options.seed, resamples: options.resamples) else { continue }
                            let caveats = CaveatRules.forRow(row, claim: claim, vendor: vendor).map {
                                Caveat($0.id, $0.severity, $0.text, evidence: $0.evidence, citations: $0.citations, appliesTo: ["\(vendor.id)/\(claim.id)"])
                            }
                            allCaveats += caveats
                            var rowJSON = CompareJSONRenderer.row(row)
                            if case .object(var members) = rowJSON {
                                members.append(("caveats", .array(Caveat.merged(caveats).map { .string($0.id.rawValue) })))
                                rowJSON = .object(members)
                            }
                            audits.append(rowJSON)
                        }
                    }
                }
                claimsJSON.append(.object([
                    ("id", .string(claim.id)),
                    ("text", .string(claim.text)),
                    ("statistic", .string(claim.figure.statistic.rawValue)),
                    ("value", .optionalNumber(claim.figure.value)),
                    ("unit", .string(claim.figure.unit)),
                    ("concurrency", claim.figure.concurrency.map { .integer($0) } ?? .null),
                    ("n", .object([("value", claim.n.value.map { .integer($0) } ?? .null), ("disclosed", .bool(claim.n.disclosed)),
                                   ("basis", claim.n.basis.map { .string($0) } ?? .null)])),
                    ("percentileRule", .object([("rule", .string(claim.percentileDefinition.rule)), ("disclosed", .bool(claim.percentileDefinition.disclosed))])),
                    ("boundaryClass", claim.boundary.map { .string($0.boundaryClass.description) } ?? .null),
                    ("startKind", claim.boundary.map { .string($0.startKind.rawValue) } ?? .null),
                    ("undisclosed", .array(claim.disclosures.filter { !$0.disclosed }.map { .string($0.item) })),
                    ("citations", .array(claim.citations.map { c in
                        .object([("location", .string(c.location)), ("quote", c.quote.map { .string($0) } ?? .null),
                                 ("quoteSha256", c.quoteSha256.map { .string($0) } ?? .null),
                                 ("hashMatches", c.quoteHashMatches.map { .bool($0) } ?? .null)])
                    })),
                    ("audits", .array(audits)),
                ]))
            }
            vendorsJSON.append(.object([
                ("id", .string(vendor.id)), ("name", .string(vendor.name)), ("product", .string(vendor.product)),
                ("claims", .array(claimsJSON)),
                ("feasibility", .array(ClaimSetFeasibility.audits(vendor: vendor).map(CompareJSONRenderer.feasibility))),
                ("relations", .array(vendor.relations.map { .object([("kind", .string($0.kind)), ("claims", .array($0.claims.map { .string($0) })), ("explanation", .string($0.explanation))]) })),
            ]))
        }
        let document: JSONValue = .object([
            ("generatedBy", .object([("version", .string(CompareReport.version)), ("seed", .number(Double(options.seed), literal: String(options.seed)))])),
            ("vendors", .array(vendorsJSON)),
            ("caveats", .array(Caveat.merged(allCaveats).map(CompareJSONRenderer.caveat))),
        ])
        return (document, skipped)
    }
}
