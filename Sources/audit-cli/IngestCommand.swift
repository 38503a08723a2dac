import ArgumentParser
import Claims

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
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
        """
    )

    @Option(help: "Config name (letters, digits, '.', '-').") var config: String
    @Option(help: "Metric name, e.g. cold-start-ms.") var metric: String
    @Option(help: "Concurrency the rig ran at.") var concurrency: Int
    @Option(help: "Path of the rig script (recorded, and hashed when readable).") var script: String
    @Option(help: "The rig's TSV output.") var input: String
    @Option(help: "The BenchmarkRun file to write.") var output: String
    @Option(name: .customLong("host-info-json"), help: "Host record as JSON (summarize.py's --host-info-json).") var hostInfoJSON: String?
    @Option(name: .customLong("run-at"), help: "Timestamp to record instead of now (ISO 8601).") var runAt: String?
    @Flag(help: "Overwrite an existing output file.") var force = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1, got \(concurrency)") }
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
