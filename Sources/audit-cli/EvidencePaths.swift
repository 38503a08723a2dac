import CommandLineParsing

/// Where the evidence lives; the same three options on every subcommand that reads it.
struct EvidencePaths {
    static let arguments: [ArgumentDefinition] = [
        .option("results", default: "benchmarks/results", help: "Results directory (BenchmarkRun files)."),
        .option("claims", default: "data/claims.json", help: "Claims file."),
        .option("rigs", default: "data/rigs.json", help: "Rig catalogue (phase matrices of our rigs)."),
    ]

    let results: String
    let claims: String
    let rigs: String

    init(parsing arguments: ParsedArguments) throws(UsageError) {
        results = try arguments.string("results")
        claims = try arguments.string("claims")
        rigs = try arguments.string("rigs")
    }
}
