import Claims
import CommandLineParsing
import Compare
import Stats

struct CI: Subcommand {
    static let definition = CommandDefinition(
        name: "ci",
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
        """,
        arguments: [
            .positional("file", help: "BenchmarkRun JSON, a one-number-per-line text file, or - for stdin."),
            .option("stat", default: "mean", help: "Statistic: mean, median, pNN, hd:pNN, trim:F."),
            .option("method", default: "auto", help: "Interval method: auto, percentile, basic, bca, studentized, normal, exact, order, mj."),
            .option("level", default: "0.95", help: "Confidence level in (0, 1)."),
            .option("resamples", default: "10000", help: "Bootstrap resamples B (bootstrap methods only)."),
            .option("seed", default: "1", help: "Seed for the resampling generator."),
            .option("definition", default: "hf7", help: "Quantile definition for pNN/median: hf1 … hf9, nearestRank, summarizePy."),
            .option("threads", default: String(Bootstrap.defaultThreadCount), help: "Worker threads for resampling (results do not depend on it)."),
            .option("resample", default: "auto", help: "Resampling unit: auto (batches when the intra-batch correlation is significant), iid, or batch."),
            .optionalOption("batch-size", help: "Batch size for batch resampling (default: the run's concurrency)."),
            .option("format", default: "table", help: "Output format: table or json.", choices: OutputFormat.names),
            .flag("timing", help: "Add the compute time (excluding reading the input) to the output."),
            .flag("floor", help: "Only time drawing n·B random indices with audit's generator (the resampling floor; for the speed harness)."),
        ] + GlobalOptions.arguments
    )

    let file: String
    let stat: String
    let statistic: Statistic
    let method: IntervalRequest.Method
    let level: Double
    let resamples: Int
    let seed: UInt64
    let threads: Int
    let resample: String
    let batchSize: Int?
    let format: OutputFormat
    let timing: Bool
    let floor: Bool
    let global: GlobalOptions

    init(parsing arguments: ParsedArguments) throws(UsageError) {
        file = try arguments.string("file")
        stat = try arguments.string("stat")
        let methodName = try arguments.string("method")
        level = try arguments.double("level")
        resamples = try arguments.int("resamples")
        seed = try arguments.uint64("seed")
        let definitionName = try arguments.string("definition")
        threads = try arguments.int("threads")
        resample = try arguments.string("resample")
        batchSize = try arguments.optionalInt("batch-size")
        format = try arguments.choice("format", as: OutputFormat.self)
        timing = arguments.flag("timing")
        floor = arguments.flag("floor")
        global = try GlobalOptions(parsing: arguments)
        let usage = UsageValidation()
        try usage.level(level)
        try usage.resamples(resamples)
        try usage.threads(threads)
        statistic = try usage.statistic(stat, definition: try usage.definition(definitionName))
        method = try usage.method(methodName)
    }

    func run() throws {
        try reportingErrors {
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
            var request = IntervalRequest(statistic: statistic, method: method, level: level,
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
