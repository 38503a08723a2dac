import Claims
import CommandLineParsing
import Compare

struct Describe: Subcommand {
    static let definition = CommandDefinition(
        name: "describe",
        abstract: "Summarise one sample: n, mean, sd, extremes, and p50/p95/p99 under every quantile definition.",
        discussion: """
        Reads:  FILE — a BenchmarkRun JSON file, a text file with one number per line, or - for stdin.
        Writes: the summary to stdout (nothing else).

        Quantile definitions: hf1 … hf9 are Hyndman & Fan's nine sample quantiles (R's \
        quantile(x, p, type = k)); nearestRank is sorted[ceil(n·p) − 1] (cube-bench, HdrHistogram); \
        summarizePy is sorted[min(n − 1, floor(n·p))] (the notebook's summarize.py); harrellDavis is the \
        Harrell–Davis (1982) weighted mean of all order statistics. For a \
        BenchmarkRun it also checks the stored summary against the samples with summarizePy.

        Example:
          audit describe benchmarks/results/nsdi2020-fc-api_instancestart-to-init-ms_cc1.json
          seq 1 100 | audit describe - --format json
        """,
        arguments: [
            .positional("file", help: "BenchmarkRun JSON, a one-number-per-line text file, or - for stdin."),
            .option("format", default: "table", help: "Output format: table or json.", choices: OutputFormat.names),
        ] + GlobalOptions.arguments
    )

    let file: String
    let format: OutputFormat
    let global: GlobalOptions

    init(parsing arguments: ParsedArguments) throws(UsageError) {
        file = try arguments.string("file")
        format = try arguments.choice("format", as: OutputFormat.self)
        global = try GlobalOptions(parsing: arguments)
    }

    func run() throws {
        try reportingErrors {
            let input = try SampleInput.load(file, maximumBytes: global.maximumBytes, maximumSamples: global.maxSamples)
            let report = DescribeReport(input: input)
            switch format {
            case .table: print(report.table())
            case .json: print(JSONWriter.string(report.json()))
            }
        }
    }
}

enum OutputFormat: String, CaseIterable {
    case table, json

    static var names: [String] { allCases.map(\.rawValue) }
}
