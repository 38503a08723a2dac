import ArgumentParser
import Claims
import Compare

struct Page: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page",
        abstract: "Write the /claims page data: every vendor claim audited against every matching run.",
        discussion: """
        Reads:  the claims file (each claim's auditableWith names the runs that can audit it), the results \
        directory and data/rigs.json.
        Writes: JSON (schemas/page.schema.json) to --out atomically, or to stdout. Deterministic bytes \
        for a given seed.

        Example:
          audit page --out site/claims.json
        """
    )

    @Option(help: "Write to this file (atomically) instead of stdout.") var out: String?
    @OptionGroup var evidence: EvidencePaths
    @Option(help: "Seed for bootstrap intervals.") var seed: UInt64 = 1
    @OptionGroup var global: GlobalOptions

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
