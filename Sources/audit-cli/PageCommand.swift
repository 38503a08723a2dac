import Claims
import CommandLineParsing
import Compare

struct Page: Subcommand {
    static let definition = CommandDefinition(
        name: "page",
        abstract: "Write the /claims page data: every vendor claim audited against every matching run.",
        discussion: """
        Reads:  the claims file (each claim's auditableWith names the runs that can audit it), the results \
        directory and data/rigs.json.
        Writes: JSON (schemas/page.schema.json) to --out atomically, or to stdout. Deterministic bytes \
        for a given seed.

        Example:
          audit page --out site/claims.json
        """,
        arguments: [
            .optionalOption("out", help: "Write to this file (atomically) instead of stdout."),
        ] + EvidencePaths.arguments + [
            .option("seed", default: "1", help: "Seed for bootstrap intervals."),
        ] + GlobalOptions.arguments
    )

    let out: String?
    let evidence: EvidencePaths
    let seed: UInt64
    let global: GlobalOptions

    init(parsing arguments: ParsedArguments) throws(UsageError) {
        out = try arguments.optionalString("out")
        evidence = try EvidencePaths(parsing: arguments)
        seed = try arguments.uint64("seed")
        global = try GlobalOptions(parsing: arguments)
    }

    func run() throws {
        try reportingErrors {
            var options = PageData.Options()
            options.resultsDirectory = evidence.results
            options.claimsFile = evidence.claims
            options.rigsFile = evidence.rigs
            options.seed = seed
            let start = ContinuousClock.now
            let (document, skipped) = try PageData.build(options)
            let text = JSONWriter.string(document) + "\n"
            global.detail("page built in \(Format.number(secondsSince(start), significant: 3)) s")
            if let out {
                try AtomicFile.write(text, to: out, overwrite: true)
                global.detail("wrote \(out)")
            } else {
                print(text, terminator: "")
            }
            try failIfSkipped(skipped)
        }
    }
}
