import Claims
import CommandLineParsing

struct Verify: Subcommand {
    static let definition = CommandDefinition(
        name: "verify",
        abstract: "Recompute every stored summary and check names, script paths, provenance and citations.",
        discussion: """
        Reads:  --results DIR (default benchmarks/results), --claims FILE (default data/claims.json), \
        --rigs FILE (default data/rigs.json); optionally --datasets DIR (re-hash provenance sources) and \
        --vendor-repo PATH (a git checkout: each quote must appear at path:lines of its commit).
        Writes: one line per finding to stdout, then notes and a summary line.
        Exit:   0 clean · 1 findings · 65 a file is malformed · 66 an input is missing.

        Example:
          audit verify
          audit verify --vendor-repo ~/src/CubeSandbox --datasets benchmarks/sources
        """,
        arguments: EvidencePaths.arguments + [
            .flag("fix-summaries", help: "Rewrite stored summaries that do not match their samples (atomically; every other key is kept)."),
            .optionalOption("datasets", help: "Copy of the public datasets, to re-hash provenance sources."),
            .optionalOption("vendor-repo", help: "Git checkout of a vendor repository, to check quotes at their commits."),
        ] + GlobalOptions.arguments
    )

    let evidence: EvidencePaths
    let fixSummaries: Bool
    let datasets: String?
    let vendorRepo: String?
    let global: GlobalOptions

    init(parsing arguments: ParsedArguments) throws(UsageError) {
        evidence = try EvidencePaths(parsing: arguments)
        fixSummaries = arguments.flag("fix-summaries")
        datasets = try arguments.optionalString("datasets")
        vendorRepo = try arguments.optionalString("vendor-repo")
        global = try GlobalOptions(parsing: arguments)
    }

    func run() throws {
        try reportingErrors {
            var options = Verifier.Options()
            options.resultsDirectory = evidence.results
            options.claimsFile = evidence.claims
            options.rigsFile = evidence.rigs
            options.datasetsDirectory = datasets
            options.vendorRepository = vendorRepo
            options.fixSummaries = fixSummaries
            let report = try Verifier(options: options).run()
            // Malformed files are diagnostics (stderr, one line each); findings are the audit's results (stdout).
            for line in report.malformed { printError("audit: \(AuditError.oneLine(line))") }
            for line in report.findings { print(AuditError.oneLine(line)) }
            for line in report.fixed { global.info(line) }
            if !global.quiet {
                for note in report.notes { print("note: \(note)") }
                var summary = "verified \(report.runsChecked) runs, \(report.claimsChecked) claims, \(report.quotesChecked) quote hashes"
                if vendorRepo != nil { summary += ", \(report.quotesCheckedInRepository) quotes at their commits" }
                summary += ": \(report.malformed.count) malformed, \(report.findings.count) findings"
                print(summary)
            }
            if let kind = report.exitKind { throw ExitStatus(kind.exitCode) }
        }
    }
}
