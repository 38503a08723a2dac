import Claims
import Stats

/// `audit trace ID`: where one number comes from, for a reviewer.
/// - `config/metric/ccN/stat` (stat ∈ mean, p50, p95, p99, min, max, n, or any pNN): the value, how it
///   was computed (rule, n, order statistic), the file and its SHA-256, the rig script and its phase
///   matrix, the host (with what is undisclosed), runAt, provenance, and whether the stored summary
///   matches a recomputation.
/// - `vendor/claimId`: the figure, its statistic and n (disclosed or inferred), the quote and citation
///   with its hash check, the phase matrix, what the vendor does not disclose, and related claims.
public struct TraceReport: Sendable {
    public let lines: [String]

    public struct Sources: Sendable {
        public var resultsDirectory = "benchmarks/results"
        public var claimsFile = "data/claims.json"
        public var rigsFile = "data/rigs.json"
        public init() {}
    }

    public static func make(id: String, sources: Sources) throws(AuditError) -> TraceReport {
        let parts = id.split(separator: "/").map(String.init)
        switch parts.count {
        case 2: return try claim(vendorID: parts[0], claimID: parts[1], sources: sources)
        case 3, 4: return try run(parts, sources: sources)
        default:
            throw AuditError(.usage, file: nil, path: "ID", "expected config/metric/ccN/stat or vendor/claimId, got \"\(id)\"")
        }
    }

    // MARK: - A run's number

    static func run(_ parts: [String], sources: Sources) throws(AuditError) -> TraceReport {
        let (config, metric, ccText) = (parts[0], parts[1], parts[2])
        guard ccText.hasPrefix("cc"), let cc = Int(ccText.dropFirst(2)) else {
            throw AuditError(.usage, file: nil, path: "ID", "the third part must be ccN (e.g. cc50), got \"\(ccText)\"")
        }
        let stat = parts.count == 4 ? parts[3] : nil
        let dir = try ResultsDirectory.scan(sources.resultsDirectory)
        guard let entry = dir.entries.first(where: { $0.config == config && $0.metric == metric && $0.concurrency == cc }) else {
            let known = dir.entries(config: config).map { "\($0.config)/\($0.metric)/cc\($0.concurrency)" }
            let hint = known.isEmpty ? Suggestion.didYouMean(config, among: dir.configs) : "; this config has " + known.joined(separator: ", ")
            throw AuditError(.inputMissing, file: sources.resultsDirectory, path: nil, "no run \(config)/\(metric)/cc\(cc)\(hint)")
        }
        let bytes = try FileBytes.read(entry.file)
        let run = try BenchmarkRunDecoder.decode(bytes, file: entry.file)
        let sample: Sample
        do { sample = try Sample(run.samples) } catch { throw AuditError(.malformedInput, file: entry.file, path: "samples", error.description) }
        var out: [String] = []
        let fresh = SummaryCheck.recompute(sample)
        let n = sample.count
        if let stat {
            let (stored, recomputed, how) = try value(stat, run: run, sample: sample, fresh: fresh)
            out.append("\(config)/\(metric)/cc\(cc)/\(stat) = \(stored.map { Format.number($0) } ?? Format.number(recomputed)) ms")
            out.append("computed: \(how)")
            if let stored {
                out.append(stored == recomputed || (stat == "mean" && abs(stored - recomputed) <= 1e-9 * abs(recomputed))
                           ? "stored value matches the recomputation (\(Format.number(recomputed)))"
                           : "STORED VALUE DOES NOT MATCH: stored \(Format.number(stored)), recomputed \(Format.number(recomputed))")
            } else {
                out.append("not stored in the file's summary; recomputed from the samples")
            }
        } else {
            out.append("\(config)/\(metric)/cc\(cc): n \(n), mean \(Format.number(fresh.mean)), p50 \(Format.number(fresh.p50)), p95 \(Format.number(fresh.p95)), p99 \(Format.number(fresh.p99)), min \(Format.number(fresh.min)), max \(Format.number(fresh.max))")
            let mismatches = SummaryCheck.mismatches(stored: run.summary, sample: sample)
            out.append(mismatches.isEmpty ? "stored summary matches the samples (summarizePy rule)" : "stored summary mismatches: " + mismatches.map(\.description).joined(separator: "; "))
        }
        out.append("file: \(entry.file)")
        out.append("  sha256 \(SHA256.hex(bytes))")
        out.append("script: \(run.scriptPath)")
        if let catalog = try? RigCatalog.load(sources.rigsFile), let rig = catalog.profile(config: config, metric: metric, concurrency: cc) {
            out.append("rig: \(rig.id) — \(rig.description)")
            if let model = rig.concurrencyModel(at: cc) { out.append("  concurrency model at cc\(cc): \(model)") }
            if let timer = rig.timerKind { out.append("  timer: \(timer)\(rig.timerOverheadNote.map { " — " + $0 } ?? "")") }
            if let b = rig.boundary { out += boundaryLines(b, citations: rig.citations) }
        } else {
            out.append("rig: no phase matrix in \(sources.rigsFile) for this run — its comparability cannot be judged")
        }
        let h = run.host
        out.append("host: " + [("hostname", h.hostname), ("kernel", h.kernel), ("release", h.release), ("cpuModel", h.cpuModel),
                                ("cpuCount", h.cpuCount.map(String.init)), ("memGB", h.memGB.map { Format.number($0) })]
            .map { "\($0.0) \($0.1 ?? "undisclosed")" }.joined(separator: ", "))
        if case .array(let notes)? = run.provenance?["hostNotes"] {
            for case .string(let note) in notes { out.append("  host note: \(note)") }
        }
        out.append("runAt: \(run.runAt)")
        if let source = run.provenance?["source"] {
            let fields = ["repo", "commit", "path", "license", "sha256"].compactMap { key -> String? in
                if case .string(let v)? = source[key] { return "\(key) \(v)" }
                return nil
            }
            out.append("provenance: " + fields.joined(separator: ", "))
        }
        if case .string(let converter)? = run.provenance?["converter"] { out.append("  converted by \(converter)") }
        if case .array(let notes)? = run.provenance?["notes"] {
            for case .string(let note) in notes { out.append("  note: \(note)") }
        }
        for note in PublishedSummaryCheck.notes(run: run) { out.append("published summary: \(note)") }
        return TraceReport(lines: out)
    }

    static func value(_ stat: String, run: BenchmarkRun, sample: Sample, fresh: BenchmarkRun.Summary) throws(AuditError) -> (Double?, Double, String) {
        let n = sample.count
        func order(_ p: Double) -> String {
            let index = QuantileDefinition.summarizePy.position(n: n, p: p).lower
            return "writer's rule summarizePy: sorted[min(n − 1, floor(n·\(Format.number(p))))] = sorted[\(index)] (the \(index + 1)th of n = \(n) samples\(index == n - 1 ? ", i.e. the maximum" : ""))"
        }
        switch stat {
        case "mean": return (run.summary.mean, fresh.mean, "arithmetic mean of n = \(n) samples")
        case "p50": return (run.summary.p50, fresh.p50, order(0.5))
        case "p95": return (run.summary.p95, fresh.p95, order(0.95))
        case "p99": return (run.summary.p99, fresh.p99, order(0.99))
        case "min": return (run.summary.min, fresh.min, "smallest of n = \(n) samples")
        case "max": return (run.summary.max, fresh.max, "largest of n = \(n) samples")
        case "n": return (Double(run.summary.n), Double(n), "number of samples")
        default:
            if stat.hasPrefix("p"), let v = Double(stat.dropFirst()), v > 0, v < 100 {
                let p = v / 100
                return (nil, QuantileDefinition.summarizePy.quantile(sorted: sample.sorted, p: p), order(p))
            }
            throw AuditError(.usage, file: nil, path: "ID", "unknown statistic \"\(stat)\"\(Suggestion.didYouMean(stat, among: ["mean", "p50", "p95", "p99", "min", "max", "n"]))")
        }
    }

    static func boundaryLines(_ b: Boundary, citations: [Citation]) -> [String] {
        var out = ["  boundary class: \(b.boundaryClass) (start kind \(b.startKind.rawValue))"]
        for phase in Phase.allCases {
            guard let e = b.phases[phase] else { continue }
            var line = "    \(phase.rawValue.padding(16)) \(e.status.rawValue.padding(9)) \(e.basis)"
            if let c = e.citation, c >= 0, c < citations.count { line += " [\(citations[c].location)]" }
            out.append(line)
        }
        return out
    }

    // MARK: - A vendor's claim

    static func claim(vendorID: String, claimID: String, sources: Sources) throws(AuditError) -> TraceReport {
        let file = try ClaimsFile.load(sources.claimsFile)
        guard let vendor = file.vendor(vendorID) else {
            throw AuditError(.inputMissing, file: sources.claimsFile, path: nil,
                             "no vendor \"\(vendorID)\"\(Suggestion.didYouMean(vendorID, among: file.vendors.map(\.id)))")
        }
        guard let claim = vendor.claim(claimID) else {
            throw AuditError(.inputMissing, file: sources.claimsFile, path: vendor.id,
                             "no claim \"\(claimID)\"; \(vendor.id) has \(vendor.claims.map(\.id).joined(separator: ", "))")
        }
        var out: [String] = []
        out.append("\(vendor.id)/\(claim.id) — \(claim.text)")
        let f = claim.figure
        var figure = "figure: "
        if let v = f.value { figure += "\(Format.number(v)) \(f.unit)" } else if let lo = f.low, let hi = f.high { figure += "\(Format.number(lo))–\(Format.number(hi)) \(f.unit)" }
        figure += ", statistic \(f.statistic.rawValue), concurrency \(f.concurrency.map(String.init) ?? "not stated")"
        out.append(figure)
        if let basis = f.concurrencyBasis { out.append("  concurrency basis: \(basis)") }
        out.append("metric: \(claim.metric)")
        out.append("n: \(claim.n.value.map(String.init) ?? "unknown") — \(claim.n.disclosed ? "disclosed" : "NOT disclosed")\(claim.n.basis.map { "; " + $0 } ?? "")")
        out.append("percentile rule: \(claim.percentileDefinition.rule) — \(claim.percentileDefinition.disclosed ? "disclosed" : "NOT disclosed")\(claim.percentileDefinition.basis.map { "; " + $0 } ?? "")")
        if let b = claim.boundary { out += boundaryLines(b, citations: claim.citations) }
        let undisclosed = claim.disclosures.filter { !$0.disclosed }
        if !undisclosed.isEmpty {
            out.append("undisclosed:")
            for d in undisclosed { out.append("  \(d.item): \(d.detail ?? "not disclosed")") }
        }
        out.append("citations:")
        for (i, c) in claim.citations.enumerated() {
            var line = "  [\(i)] \(c.location)"
            switch c.quoteHashMatches {
            case .some(true): line += "  sha256 \(c.quoteSha256!.prefix(12))… matches the quote"
            case .some(false): line += "  QUOTE HASH MISMATCH"
            case .none: line += "  (no quote recorded)"
            }
            out.append(line)
            if let q = c.quote { out.append("      \"\(q)\"") }
        }
        if !claim.inferences.isEmpty {
            out.append("inferences (not stated by the vendor):")
            for i in claim.inferences { out.append("  \(i)") }
        }
        let relations = vendor.relations.filter { $0.claims.contains(claim.id) }
        if !relations.isEmpty {
            out.append("relations:")
            for r in relations { out.append("  \(r.kind) \(r.claims.joined(separator: " vs ")): \(r.explanation)") }
        }
        return TraceReport(lines: out)
    }

    public var text: String { lines.joined(separator: "\n") }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
