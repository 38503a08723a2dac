import Claims
import CommandLineParsing
import Compare
import Stats

struct TestCommand: Subcommand {
    static let definition = CommandDefinition(
        name: "test",
        abstract: "Two-sample tests and effect sizes between two samples.",
        discussion: """
        Reads:  A and B — data files (BenchmarkRun JSON or one number per line) or run ids \
        config/metric/ccN (or config/ccN when the config has one metric) in --results.
        Writes: the tests to stdout (table or JSON).

        Mann–Whitney, Kolmogorov–Smirnov, Brunner–Munzel and a permutation test of the mean difference \
        (each as scipy computes it), Holm-adjusted across the four; the Hodges–Lehmann shift with its \
        distribution-free interval, the ratio of medians and Cliff's δ with intervals, and the shift \
        function (Harrell–Davis deciles). Effects are B relative to A.

        Example:
          audit test nsdi2020-fc-api/instancestart-to-init-ms/cc1 nsdi2020-fc-file/instancestart-to-init-ms/cc1
          audit test a.txt b.txt --format json --seed 7
        """,
        arguments: [
            .positional("a", help: "First sample (file or run id)."),
            .positional("b", help: "Second sample (file or run id)."),
            .option("results", default: "benchmarks/results", help: "Results directory for run ids."),
            .option("seed", default: "1", help: "Seed for the permutation test and bootstrap intervals."),
            .option("resamples", default: "9999", help: "Random splits for the permutation test."),
            .option("format", default: "table", help: "Output format: table or json.", choices: OutputFormat.names),
            .optionalOption("only", help: "Compute only these parts, comma-separated: mwu, ks, bm, permutation, hl, ratio, cliff, shift (default: all). Holm's family is then the tests among them.",
                            valueName: "parts"),
            .flag("timing", help: "Add the compute time (sorting the samples and computing; not reading or parsing the files) to the JSON output."),
        ] + GlobalOptions.arguments
    )

    let a: String
    let b: String
    let results: String
    let seed: UInt64
    let resamples: Int
    let format: OutputFormat
    /// The parts to compute (`--only`, default all).
    let parts: Set<TwoSampleReport.Part>
    let timing: Bool
    let global: GlobalOptions

    init(parsing arguments: ParsedArguments) throws(UsageError) {
        a = try arguments.string("a")
        b = try arguments.string("b")
        results = try arguments.string("results")
        seed = try arguments.uint64("seed")
        resamples = try arguments.int("resamples")
        format = try arguments.choice("format", as: OutputFormat.self)
        let only = try arguments.optionalString("only")
        timing = arguments.flag("timing")
        global = try GlobalOptions(parsing: arguments)
        try UsageValidation().resamples(resamples)
        switch only.map(TwoSampleReport.Part.parseList) {
        case nil: parts = Set(TwoSampleReport.Part.allCases)
        case .success(let chosen)?: parts = chosen
        case .failure(let e)?: throw UsageError("--only: \(e)")
        }
    }

    func run() throws {
        try reportingErrors {
            let sa = try RunReference.load(a, results: results, global: global)
            let sb = try RunReference.load(b, results: results, global: global)
            let start = ContinuousClock.now
            let report = TwoSampleReport(a: sa.source, sampleA: sa.sample, b: sb.source, sampleB: sb.sample, seed: seed, resamples: resamples,
                                         parts: parts)
            let seconds = secondsSince(start) + sa.buildSeconds + sb.buildSeconds  // validating counts as compute; sorting happens inside
            global.detail("computed in \(Format.number(seconds, significant: 3)) s")
            switch format {
            case .table: print(report.table())
            case .json:
                var json = report.json()
                if timing, case .object(var members) = json {
                    members.append(("computeSeconds", .number(seconds)))
                    json = .object(members)
                }
                print(JSONWriter.string(json))
            }
        }
    }
}

/// A sample named either by a file path or by a run id in the results directory.
enum RunReference {
    static func load(_ reference: String, results: String, global: GlobalOptions) throws(AuditError) -> SampleInput {
        if reference == "-" || access(reference, F_OK) == 0 {
            return try SampleInput.load(reference, maximumBytes: global.maximumBytes, maximumSamples: global.maxSamples)
        }
        let parts = reference.split(separator: "/").map(String.init)
        guard parts.count == 2 || parts.count == 3, let last = parts.last, last.hasPrefix("cc"), let cc = Int(last.dropFirst(2)) else {
            throw AuditError(.inputMissing, file: reference, path: nil, "no such file, and not a run id config/metric/ccN")
        }
        let directory = try ResultsDirectory.scan(results)
        let matches = directory.entries.filter { $0.config == parts[0] && $0.concurrency == cc && (parts.count == 2 || $0.metric == parts[1]) }
        guard matches.count == 1, let entry = matches.first else {
            let why = matches.isEmpty ? "no run \(reference) in \(results)" : "\(reference) is ambiguous (metrics: \(matches.map(\.metric).joined(separator: ", "))); use config/metric/ccN"
            throw AuditError(.inputMissing, file: reference, path: nil, why + Suggestion.didYouMean(parts[0], among: directory.configs))
        }
        return try SampleInput.load(entry.file, maximumBytes: global.maximumBytes, maximumSamples: global.maxSamples)
    }
}

#if canImport(Glibc)
import Glibc
#endif
