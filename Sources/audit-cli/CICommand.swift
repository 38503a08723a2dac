import ArgumentParser
import Claims
import Compare
import Stats

struct CI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ci",
        abstract: "Confidence interval for a statistic of one sample (exact, distribution-free or bootstrap).",
        discussion: """
        Reads:  FILE — a BenchmarkRun JSON file, one number per line, or - for stdin.
        Writes: the interval to stdout (table or JSON); nothing else.

        Statistics: mean, median, pNN (e.g. p95, p99.9) under --definition, hd:pNN (Harrell–Davis), \
        trim:F (mean after cutting a fraction F from each end).
        Methods: auto (default), percentile, basic, bca, studentized, normal (bootstrap, B = --resamples), \
        exact (exact bootstrap of a quantile, no resampling), order (distribution-free, binomial), \
        mj (Maritz–Jarrett standard error).
        auto: quantiles get the distribution-free order-statistic interval, which is unbounded (null in \
        JSON) where the sample cannot support a bound — p99 needs n ≥ 368 for a two-sided 95% interval; \
        the mean and trimmed means get the bootstrap-t below n = 100 and BCa above. The output says which \
        method ran and why.
        Bursts: a run at concurrency c writes its samples in batches of c that started together. With \
        --resample auto (default) the batch structure is tested (one-way ANOVA F test of the intraclass \
        correlation); when significant, bootstrap methods resample whole batches and order-statistic \
        intervals use the effective sample size n/(design effect).

        Example:
          audit ci benchmarks/results/nsdi2020-fc-api_instancestart-to-init-ms_cc1.json --stat p99
          audit ci run.json --stat mean --method bca --resamples 10000 --seed 7 --format json
        """
    )

    @Argument(help: "BenchmarkRun JSON, a one-number-per-line text file, or - for stdin.")
    var file: String

    @Option(help: "Statistic: mean, median, pNN, hd:pNN, trim:F.")
    var stat: String = "mean"

    @Option(help: "Interval method: auto, percentile, basic, bca, studentized, normal, exact, order, mj.")
    var method: String = "auto"

    @Option(help: "Confidence level in (0, 1).")
    var level: Double = 0.95

    @Option(help: "Bootstrap resamples B (bootstrap methods only).")
    var resamples: Int = 10_000

    @Option(help: "Seed for the resampling generator.")
    var seed: UInt64 = 1

    @Option(help: "Quantile definition for pNN/median: hf1 … hf9, nearestRank, summarizePy.")
    var definition: String = "hf7"

    @Option(help: "Worker threads for resampling (results do not depend on it).")
    var threads: Int = Bootstrap.defaultThreadCount

    @Option(help: "Resampling unit: auto (batches when the intra-batch correlation is significant), iid, or batch.")
    var resample: String = "auto"

    @Option(name: .customLong("batch-size"), help: "Batch size for batch resampling (default: the run's concurrency).")
    var batchSize: Int?

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Flag(help: "Add the compute time (excluding reading the input) to the output.")
    var timing = false

    @Flag(help: "Only time drawing n·B random indices with audit's generator (the resampling floor; for the speed harness).")
    var floor = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        let usage = UsageValidation()
        try usage.level(level)
        try usage.resamples(resamples)
        try usage.threads(threads)
        _ = try usage.statistic(stat, definition: try usage.definition(definition))
        _ = try usage.method(method)
    }

    func run() throws {
        try reportingErrors {
            let usage = UsageValidation()
            let statistic = try usage.statistic(stat, definition: try usage.definition(definition))
            let readStart = ContinuousClock.now
            let input = try SampleInput.load(file, maximumBytes: global.maximumBytes, maximumSamples: global.maxSamples)
            if floor {
                let seconds = Bootstrap.drawingFloor(n: input.sample.count,
                                                     configuration: .init(resamples: resamples, seed: seed, threads: threads))
                print(JSONWriter.string(.object([("n", .integer(input.sample.count)), ("resamples", .integer(resamples)),
                                                 ("threads", .integer(threads)), ("floorSeconds", .number(seconds)),
                                                 ("computeSeconds", .number(seconds))])))
                return
            }
            global.detail("read \(input.sample.count) samples from \(input.source) in \(Format.number(secondsSince(readStart), significant: 3)) s")
            let progress = global.showsProgress ? ProgressLine() : nil
            var request = IntervalRequest(statistic: statistic, method: try usage.method(method), level: level,
                                          resamples: resamples, seed: seed, threads: threads)
            if let progress { request.progress = { progress.update($0, $1) } }
            let size = batchSize ?? input.run.map(\.concurrency)
            switch resample {
            case "iid": request.resampling = .iid
            case "batch":
                guard let size, size > 1 else {
                    throw AuditError(.usage, file: nil, path: "--resample", "batch needs --batch-size (or a BenchmarkRun with concurrency > 1)")
                }
                request.resampling = .batch(size: size)
            case "auto": request.resampling = .auto(batchSize: size)
            default:
                throw AuditError(.usage, file: nil, path: "--resample", "unknown value '\(resample)'; use auto, iid or batch")
            }
            let start = ContinuousClock.now
            var report = IntervalReport(source: input.source, statisticName: stat, request: request, sample: input.sample)
            progress?.finish()
            let seconds = secondsSince(start)
            global.detail("computed in \(Format.number(seconds, significant: 3)) s")
            if timing { report.computeSeconds = seconds + input.buildSeconds }
            switch format {
            case .table: print(report.table())
            case .json: print(JSONWriter.string(report.json()))
            }
        }
    }
}
