import ArgumentParser

// Subcommands whose interface is fixed (DESIGN.md §3) but whose engines land in later issues.
// Each documents what it will read and write, and exits 64 until then.

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
