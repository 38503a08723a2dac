#if canImport(Glibc)
import Glibc
#endif
import Stats

/// `audit verify`: recomputes every stored summary, checks file names against content, script paths
/// against the rig catalogue, provenance hashes, the claims file's structure and quote hashes, and —
/// given a vendor checkout — that each quote appears at `path:lines` of its commit.
public struct Verifier {
    public struct Options: Sendable {
        public var resultsDirectory: String = "benchmarks/results"
        public var claimsFile: String = "data/claims.json"
        public var rigsFile: String = "data/rigs.json"
        /// A copy of the public datasets, to re-hash provenance sources (optional).
        public var datasetsDirectory: String?
        /// A git checkout of a vendor repository, to check quotes at their commits (optional).
        public var vendorRepository: String?
        /// Rewrite stored summaries that do not match their samples (atomically, keeping every other key).
        public var fixSummaries = false
        public init() {}
    }

    public struct Report: Sendable {
        /// Problems: exit 1 (or 65 when `malformed` is non-empty).
        public var findings: [String] = []
        /// Files that could not be read as their format: exit 65.
        public var malformed: [String] = []
        /// Facts worth knowing that are not errors (e.g. a trimmed published summary).
        public var notes: [String] = []
        /// Files whose summary was rewritten (with fixSummaries).
        public var fixed: [String] = []
        public var runsChecked = 0
        public var claimsChecked = 0
        public var quotesChecked = 0
        public var quotesCheckedInRepository = 0

        public var exitKind: AuditError.Kind? {
            if !malformed.isEmpty { return .malformedInput }
            if !findings.isEmpty { return .findings }
            return nil
        }
    }

    public let options: Options
    public init(options: Options) { self.options = options }

    public func run() throws(AuditError) -> Report {
        var report = Report()
        let catalog = try RigCatalog.load(options.rigsFile)
        let directory = try ResultsDirectory.scan(options.resultsDirectory)
        let (runs, loadFindings) = directory.loadAll()
        for f in loadFindings {
            if directory.strays.contains(f.file) || f.path == "config" || f.path == "metric" || f.path == "concurrency"
                || f.message.hasPrefix("duplicate run") {
                report.findings.append(f.description)
            } else {
                report.malformed.append(f.description)
            }
        }
        for (entry, run) in runs {
            report.runsChecked += 1
            guard let sample = try? Sample(run.samples) else { continue }
            let mismatches = SummaryCheck.mismatches(stored: run.summary, sample: sample)
            if options.fixSummaries, !mismatches.isEmpty {
                let document = run.document(replacingSummary: SummaryCheck.recompute(sample))
                try AtomicFile.write(JSONWriter.string(document) + "\n", to: entry.file, overwrite: true)
                report.fixed.append("\(entry.file): rewrote summary (\(mismatches.map(\.field).joined(separator: ", ")))")
            } else {
                for m in mismatches { report.findings.append("\(entry.file): \(m)") }
            }
            let rig = catalog.profile(config: run.config, metric: run.metric, concurrency: run.concurrency)
            if rig == nil {
                report.findings.append("\(entry.file): config: no phase matrix in \(options.rigsFile) for \(run.config)/\(run.metric)/cc\(run.concurrency)")
            }
            if let problem = scriptPathProblem(run: run, rig: rig) { report.findings.append("\(entry.file): scriptPath: \(problem)") }
            report.findings += provenanceProblems(run: run).map { "\(entry.file): \($0)" }
            report.notes += PublishedSummaryCheck.notes(run: run).map { "\(entry.file): \($0)" }
        }
        // The claims file: structure (65), then quote hashes and optional repository checks (1).
        let bytes = try FileBytes.read(options.claimsFile)
        do {
            let claims = try ClaimsFile.decode(bytes, file: options.claimsFile)
            for vendor in claims.vendors {
                for claim in vendor.claims {
                    report.claimsChecked += 1
                    for (i, c) in claim.citations.enumerated() {
                        let path = "\(vendor.id)/\(claim.id).citations[\(i)]"
                        checkCitation(c, path: path, file: options.claimsFile, into: &report)
                    }
                }
            }
        } catch {
            report.malformed.append(error.description)
        }
        for rig in catalog.rigs {
            for (i, c) in rig.citations.enumerated() {
                checkCitation(c, path: "\(rig.id).citations[\(i)]", file: options.rigsFile, into: &report)
            }
        }
        return report
    }

    func checkCitation(_ c: Citation, path: String, file: String, into report: inout Report) {
        if let matches = c.quoteHashMatches {
            report.quotesChecked += 1
            if !matches {
                report.findings.append("\(file): \(path).quoteSha256: does not match the SHA-256 of the quote (expected \(SHA256.hex(Array((c.quote ?? "").utf8))))")
            }
        }
        guard let repo = options.vendorRepository, let quote = c.quote, let commit = c.commit, let file = c.path,
              let range = c.lineRange else { return }
        switch VendorRepository(path: repo).lines(commit: commit, path: file) {
        case .commitNotInRepository: return
        case .missingFile:
            report.findings.append("\(file): \(path): \(c.path ?? "") does not exist at \(commit.prefix(12)) in \(repo)")
        case .lines(let lines):
            report.quotesCheckedInRepository += 1
            guard range.upperBound <= lines.count else {
                report.findings.append("\(file): \(path).lines: \(c.lines ?? "") is past the end of \(c.path ?? "") (\(lines.count) lines) at \(commit.prefix(12))")
                return
            }
            let text = Self.normalise(lines[(range.lowerBound - 1)...(range.upperBound - 1)].joined(separator: " "))
            if !text.contains(Self.normalise(quote)) {
                report.findings.append("\(file): \(path).quote: not found at \(c.path ?? ""):\(c.lines ?? "") of \(commit.prefix(12))")
            }
        }
    }

    /// Collapses whitespace runs and strips Markdown emphasis so a quote matches across line wraps.
    static func normalise(_ s: String) -> String {
        s.replacing("**", with: "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }

    /// A local-style script path must be the rig script the catalogue cites for this config.
    func scriptPathProblem(run: BenchmarkRun, rig: RigProfile?) -> String? {
        let path = run.scriptPath
        if path.contains("@") || path.contains("://") { return nil }  // imported data: owner/repo@commit:path
        guard let rig else { return nil }
        let cited = Set(rig.citations.compactMap(\.path).filter { $0.hasSuffix(".sh") || $0.hasSuffix(".py") })
        if cited.isEmpty || cited.contains(path) { return nil }
        return "\(path) is not a script data/rigs.json cites for rig \(rig.id) (\(cited.sorted().joined(separator: ", ")))"
    }

    func provenanceProblems(run: BenchmarkRun) -> [String] {
        guard let provenance = run.provenance, let source = provenance["source"] else { return [] }
        var out: [String] = []
        if case .string(let sha)? = source["sha256"] {
            if sha.count != 64 || !sha.allSatisfy({ $0.isHexDigit }) {
                out.append("provenance.source.sha256: not a SHA-256 hex digest")
            } else if let datasets = options.datasetsDirectory, case .string(let local)? = source["localCopy"] {
                let file = datasets.hasSuffix("/") ? datasets + local : datasets + "/" + local
                if let bytes = try? FileBytes.read(file) {
                    let actual = SHA256.hex(bytes)
                    if actual != sha.lowercased() { out.append("provenance.source.sha256: \(sha) recorded, \(actual) for \(file)") }
                }
            }
        } else {
            out.append("provenance.source.sha256: missing")
        }
        return out
    }
}

