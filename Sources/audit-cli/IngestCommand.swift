import Claims
import CommandLineParsing

struct IngestCommand: Subcommand {
    static let definition = CommandDefinition(
        name: "ingest",
        abstract: "Turn a rig's TSV output into a BenchmarkRun JSON file (summarize.py-compatible).",
        discussion: """
        Reads:  --input TSV (one sample per line, value in the last tab-separated field), the --script \
        file (hashed when readable), and --host-info-json (or this machine's host record when omitted).
        Writes: --output JSON atomically (temporary file + rename); refuses to overwrite without --force.
        The summary uses summarize.py's rule, sorted[min(n − 1, floor(n·p/100))]; provenance records the \
        SHA-256 of the TSV and the script.

        Example:
          audit ingest --config jail-raw --metric cold-start-ms --concurrency 1 \\
            --script benchmarks/rigs/jail-raw.sh --input /tmp/jail-raw-cc1.tsv \\
            --output benchmarks/results/jail-raw_cold-start-ms_cc1.json --host-info-json "$HOST_JSON"
        """,
        arguments: [
            .requiredOption("config", help: "Config name (letters, digits, '.', '-')."),
            .requiredOption("metric", help: "Metric name, e.g. cold-start-ms."),
            .requiredOption("concurrency", help: "Concurrency the rig ran at."),
            .requiredOption("script", help: "Path of the rig script (recorded, and hashed when readable)."),
            .requiredOption("input", help: "The rig's TSV output."),
            .requiredOption("output", help: "The BenchmarkRun file to write."),
            .optionalOption("host-info-json", help: "Host record as JSON (summarize.py's --host-info-json)."),
            .optionalOption("run-at", help: "Timestamp to record instead of now (ISO 8601)."),
            .flag("force", help: "Overwrite an existing output file."),
        ] + GlobalOptions.arguments
    )

    let config: String
    let metric: String
    let concurrency: Int
    let script: String
    let input: String
    let output: String
    let hostInfoJSON: String?
    let runAt: String?
    let force: Bool
    let global: GlobalOptions

    init(parsing arguments: ParsedArguments) throws(UsageError) {
        config = try arguments.string("config")
        metric = try arguments.string("metric")
        concurrency = try arguments.int("concurrency")
        script = try arguments.string("script")
        input = try arguments.string("input")
        output = try arguments.string("output")
        hostInfoJSON = try arguments.optionalString("host-info-json")
        runAt = try arguments.optionalString("run-at")
        force = arguments.flag("force")
        global = try GlobalOptions(parsing: arguments)
        guard concurrency >= 1 else { throw UsageError("--concurrency must be at least 1, got \(concurrency)") }
    }

    func run() throws {
        try reportingErrors {
            let request = Claims.Ingest.Request(config: config, metric: metric, concurrency: concurrency, script: script,
                                         input: input, output: output, hostInfoJSON: hostInfoJSON, runAt: runAt)
            let doc = try Claims.Ingest.run(request, force: force, now: LocalHost.utcTimestamp(), localHost: LocalHost.record)
            if case .array(let samples)? = doc["samples"] {
                global.detail("wrote \(output): \(samples.count) samples")
            }
        }
    }
}
