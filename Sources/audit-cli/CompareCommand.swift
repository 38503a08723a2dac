import Claims
import CommandLineParsing
import Compare

#if canImport(Glibc)
import Glibc
#endif

struct Compare: Subcommand {
    static let definition = CommandDefinition(
        name: "compare",
        abstract: "Audit a run against a vendor's claims, or two runs against each other.",
        discussion: """
        Reads:  LEFT and RIGHT — configs in the results directory (default benchmarks/results) or vendor \
        ids in the claims file (default data/claims.json); data/rigs.json for our phase matrices.
        Writes: the report to stdout, or to --out (atomically; an existing file needs --force). \
        --format md with no --out writes reports/<left>-vs-<right>.md.

        For each vendor figure with a counterpart in our run, the report gives our estimate under the \
        vendor's own statistic and percentile rule, its 95% interval (the `audit ci` auto choice), the \
        ratio, and a verdict (consistent, ours-higher, ours-lower, undecidable) qualified by whether the \
        two clocks time the same phases. Rows are grouped by boundary class (create-request, \
        guest-ready, first-exec, ± teardown); a create-request figure and a lifecycle figure are never \
        put in one ratio without the caveat naming the phases that differ.

        Example:
          audit compare nsdi2020-fc-api firecracker
          audit compare jail-zfs-clone cubesandbox --format html --out reports/jail-vs-cube.html
          audit compare nsdi2020-fc-api nsdi2020-fc-file --metric instancestart-to-init-ms
        """,
        arguments: [
            .positional("left", help: "A config or vendor id."),
            .positional("right", help: "A config or vendor id."),
        ] + EvidencePaths.arguments + [
            .optionalOption("metric", help: "Only this metric of our runs."),
            .optionalOption("concurrency", help: "Only this concurrency of our runs."),
            .option("format", default: "table", help: "Output format: table, md, json, html.", choices: Format.allCases.map(\.rawValue)),
            .optionalOption("out", help: "Write the report to this file instead of stdout."),
            .option("seed", default: "1", help: "Seed for bootstrap intervals."),
            .option("resample", default: CompareReport.Options.BatchMode.auto.rawValue,
                    help: "Resampling unit for bootstrap intervals: auto (batches of the run's concurrency when they are correlated), iid, batch.",
                    choices: CompareReport.Options.BatchMode.allCases.map(\.rawValue)),
            .flag("force", help: "Overwrite --out if it exists."),
        ] + GlobalOptions.arguments
    )

    enum Format: String, CaseIterable { case table, md, json, html }

    let left: String
    let right: String
    let evidence: EvidencePaths
    let metric: String?
    let concurrency: Int?
    let format: Format
    let out: String?
    let seed: UInt64
    let resample: CompareReport.Options.BatchMode
    let force: Bool
    let global: GlobalOptions

    init(parsing arguments: ParsedArguments) throws(UsageError) {
        left = try arguments.string("left")
        right = try arguments.string("right")
        evidence = try EvidencePaths(parsing: arguments)
        metric = try arguments.optionalString("metric")
        concurrency = try arguments.optionalInt("concurrency")
        format = try arguments.choice("format", as: Format.self)
        out = try arguments.optionalString("out")
        seed = try arguments.uint64("seed")
        resample = try arguments.choice("resample", as: CompareReport.Options.BatchMode.self)
        force = arguments.flag("force")
        global = try GlobalOptions(parsing: arguments)
    }

    func run() throws {
        try reportingErrors {
            var options = CompareReport.Options()
            options.resultsDirectory = evidence.results
            options.claimsFile = evidence.claims
            options.rigsFile = evidence.rigs
            options.metric = metric
            options.concurrency = concurrency
            options.seed = seed
            options.batchResampling = resample
            let report = try CompareReport.build(left: left, right: right, options: options)
            let text: String
            switch format {
            case .table: text = CompareTableRenderer(color: out == nil && isatty(1) == 1).render(report)
            case .md: text = CompareMarkdownRenderer().render(report)
            case .json: text = JSONWriter.string(CompareJSONRenderer().render(report))
            case .html: text = CompareHTMLRenderer().render(report)
            }
            var destination = out
            if destination == nil, format == .md { destination = "reports/\(left)-vs-\(right).md" }
            if let destination {
                try AtomicFile.write(text + "\n", to: destination, overwrite: force || out == nil)
                global.detail("wrote \(destination)")
            } else {
                print(text)
            }
            try failIfSkipped(report.skipped)
        }
    }
}
