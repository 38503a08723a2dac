import ArgumentParser

/// Where the evidence lives; the same three options on every subcommand that reads it.
struct EvidencePaths: ParsableArguments {
    @Option(help: "Results directory (BenchmarkRun files).") var results: String = "benchmarks/results"
    @Option(help: "Claims file.") var claims: String = "data/claims.json"
    @Option(help: "Rig catalogue (phase matrices of our rigs).") var rigs: String = "data/rigs.json"
}
