import ArgumentParser

// Subcommands whose interface is fixed (DESIGN.md §3) but whose engines land in later issues.
// Each documents what it will read and write, and exits 64 until then.

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Audit a run against a vendor's claims, or two runs against each other.",
        discussion: """
        Reads:  LEFT and RIGHT — configs in the results directory (default benchmarks/results) or \
        vendor ids in the claims file (default data/claims.json).
        Writes: a report to stdout, or to --out (Markdown reports go to reports/).
        Example: audit compare jail-zfs-clone cubesandbox
        """
    )
    @Argument(help: "A config or vendor id.") var left: String
    @Argument(help: "A config or vendor id.") var right: String
    func run() throws { try notYetImplemented("compare") }
}

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Two-sample tests and effect sizes between two samples.",
        discussion: """
        Reads:  A and B — data files or config[/metric]/ccN ids.
        Writes: test results to stdout (table or JSON).
        Example: audit test a.txt b.txt --seed 1
        """
    )
    @Argument(help: "First sample.") var a: String
    @Argument(help: "Second sample.") var b: String
    func run() throws { try notYetImplemented("test") }
}

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn a rig's TSV output into a BenchmarkRun JSON file (summarize.py-compatible).",
        discussion: """
        Reads:  --input TSV, --script, --host-info-json.
        Writes: --output JSON (atomically; refuses to overwrite without --force).
        Example: audit ingest --config jail-raw --metric cold-start-ms --concurrency 1 --script benchmarks/rigs/jail-raw.sh --input run.tsv --output benchmarks/results/jail-raw_cold-start-ms_cc1.json
        """
    )
    func run() throws { try notYetImplemented("ingest") }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a public dataset into BenchmarkRun files with provenance.",
        discussion: """
        Reads:  a dataset folder (see benchmarks/results/README.md).
        Writes: BenchmarkRun files into the results directory.
        Example: audit import ../shared/datasets/firecracker-nsdi2020-boot
        """
    )
    func run() throws { try notYetImplemented("import") }
}

struct Page: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the /claims page data: every vendor claim audited against every matching run.",
        discussion: """
        Reads:  the results directory and the claims file.
        Writes: --out FILE (JSON, atomically).
        Example: audit page --out site/claims.json
        """
    )
    func run() throws { try notYetImplemented("page") }
}

struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show where a number comes from: file, hash, rig script, host, citation.",
        discussion: """
        Reads:  ID — config/metric/ccN/stat or vendor/claimId.
        Writes: the provenance chain to stdout.
        Example: audit trace cubesandbox/L6
        """
    )
    @Argument(help: "config/metric/ccN/stat or vendor/claimId.") var id: String
    func run() throws { try notYetImplemented("trace") }
}

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How many iterations a rig needs for a target precision or power.",
        discussion: """
        Reads:  a pilot run (FILE or config).
        Writes: the plan to stdout.
        Example: audit plan pilot.json --stat p95 --target-halfwidth 5%
        """
    )
    @Argument(help: "Pilot run.") var file: String
    func run() throws { try notYetImplemented("plan") }
}
