import Claims
import CommandLineParsing
import Compare
import Stats

struct Plan: Subcommand {
    static let definition = CommandDefinition(
        name: "plan",
        abstract: "How many iterations a rig needs for a target precision, a bounded tail, or a detectable shift.",
        discussion: """
        Reads:  a pilot run — FILE (BenchmarkRun JSON or one number per line) or config/metric/ccN in --results.
        Writes: the plan to stdout (table or JSON).

        For each --stat (mean, median, pNN; default mean, median, p95): the n whose 95% interval is within \
        ±--target-halfwidth of the estimate (distribution-free for quantiles, read off the pilot; a lower \
        bound when the pilot's tail is too short to say). For p50/p95/p99: the n any bounded \
        distribution-free 95% interval needs (p99: 368 two-sided). For --detect-shift: the n per group for \
        Mann–Whitney to detect that relative shift at --power, simulated from the pilot (seeded).

        Example:
          audit plan benchmarks/results/nsdi2020-fc-api_instancestart-to-init-ms_cc1.json --target-halfwidth 1%
          audit plan pilot.txt --stat p95 --detect-shift 10% --power 0.8
        """,
        arguments: [
            .positional("pilot", help: "Pilot run (file or config/metric/ccN)."),
            .repeatableOption("stat", defaults: ["mean", "median", "p95"], help: "Statistics to plan for (repeatable): mean, median, pNN."),
            .option("target-halfwidth", default: "5%", help: "Relative half-width of the 95% interval, e.g. 5%."),
            .option("detect-shift", default: "10%", help: "Relative shift to detect between two configs, e.g. 10%."),
            .option("power", default: "0.8", help: "Power for detecting the shift."),
            .option("seed", default: "1", help: "Seed for the power simulation."),
            .option("results", default: "benchmarks/results", help: "Results directory for run ids."),
            .option("format", default: "table", help: "Output format: table or json.", choices: OutputFormat.names),
        ] + GlobalOptions.arguments
    )

    let pilot: String
    let stat: [String]
    let relativeHalfWidth: Double
    let shift: Double
    let power: Double
    let seed: UInt64
    let results: String
    let format: OutputFormat
    let global: GlobalOptions

    init(parsing arguments: ParsedArguments) throws(UsageError) {
        pilot = try arguments.string("pilot")
        stat = arguments.strings("stat")
        let targetHalfwidth = try arguments.string("target-halfwidth")
        let detectShift = try arguments.string("detect-shift")
        power = try arguments.double("power")
        seed = try arguments.uint64("seed")
        results = try arguments.string("results")
        format = try arguments.choice("format", as: OutputFormat.self)
        global = try GlobalOptions(parsing: arguments)
        relativeHalfWidth = try Self.fraction(targetHalfwidth, option: "--target-halfwidth")
        shift = try Self.fraction(detectShift, option: "--detect-shift")
        guard power > 0, power < 1 else { throw UsageError("--power must be between 0 and 1 exclusive, got \(power)") }
        for s in stat where !(s == "mean" || Statistic.parse(s)?.probability != nil) {
            throw UsageError("unknown statistic '\(s)' for plan\(Suggestion.didYouMean(s, among: ["mean", "median", "p95", "p99"]))")
        }
    }

    static func fraction(_ text: String, option: String) throws(UsageError) -> Double {
        let trimmed = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let v = Double(trimmed), v > 0 else { throw UsageError("\(option) must be a positive number or percentage, got '\(text)'") }
        return text.hasSuffix("%") ? v / 100 : v
    }

    func run() throws {
        try reportingErrors {
            let input = try RunReference.load(pilot, results: results, global: global)
            let report = PlanReport(source: input.source, pilot: input.sample, statistics: stat,
                                    relativeHalfWidth: relativeHalfWidth, shift: shift, power: power, seed: seed)
            switch format {
            case .table: print(report.table())
            case .json: print(JSONWriter.string(report.json()))
            }
        }
    }
}
