import ArgumentParser
import Claims
import Compare
import Stats

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
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
        """
    )

    @Argument(help: "First sample (file or run id).") var a: String
    @Argument(help: "Second sample (file or run id).") var b: String
    @Option(help: "Results directory for run ids.") var results: String = "benchmarks/results"
    @Option(help: "Seed for the permutation test and bootstrap intervals.") var seed: UInt64 = 1
    @Option(help: "Random splits for the permutation test.") var resamples: Int = 9_999
    @Option(help: "Output format: table or json.") var format: OutputFormat = .table
    @Option(help: ArgumentHelp("Compute only these parts, comma-separated: mwu, ks, bm, permutation, hl, ratio, cliff, shift (default: all). Holm's family is then the tests among them.",
                               valueName: "parts")) var only: String?
    @Flag(help: "Add the compute time (sorting the samples and computing; not reading or parsing the files) to the JSON output.") var timing = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try UsageValidation().resamples(resamples)
        if let only, case .failure(let e) = TwoSampleReport.Part.parseList(only) { throw ValidationError("--only: \(e)") }
    }

    func run() throws {
        try reportingErrors {
            let sa = try RunReference.load(a, results: results, global: global)
            let sb = try RunReference.load(b, results: results, global: global)
            let start = ContinuousClock.now
            let report = TwoSampleReport(a: sa.source, sampleA: sa.sample, b: sb.source, sampleB: sb.sample, seed: seed, resamples: resamples,
                                         parts: only.flatMap { try? TwoSampleReport.Part.parseList($0).get() } ?? Set(TwoSampleReport.Part.allCases))
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
