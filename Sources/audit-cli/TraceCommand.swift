import Claims
import CommandLineParsing
import Compare

struct Trace: Subcommand {
    static let definition = CommandDefinition(
        name: "trace",
        abstract: "Show where a number comes from: file, hash, rig script, phases, host, citation.",
        discussion: """
        Reads:  ID — config/metric/ccN/stat (stat: mean, p50, p95, p99, min, max, n or any pNN) from the \
        results directory, or vendor/claimId from the claims file; plus data/rigs.json for phase matrices.
        Writes: the provenance chain to stdout.

        Example:
          audit trace nsdi2020-fc-api/instancestart-to-init-ms/cc1/p95
          audit trace cubesandbox/L6
        """,
        arguments: [
            .positional("id", help: "config/metric/ccN/stat or vendor/claimId."),
        ] + EvidencePaths.arguments + GlobalOptions.arguments
    )

    let id: String
    let evidence: EvidencePaths
    let global: GlobalOptions

    init(parsing arguments: ParsedArguments) throws(UsageError) {
        id = try arguments.string("id")
        evidence = try EvidencePaths(parsing: arguments)
        global = try GlobalOptions(parsing: arguments)
    }

    func run() throws {
        try reportingErrors {
            var sources = TraceReport.Sources()
            sources.resultsDirectory = evidence.results
            sources.claimsFile = evidence.claims
            sources.rigsFile = evidence.rigs
            print(try TraceReport.make(id: id, sources: sources).text)
        }
    }
}
