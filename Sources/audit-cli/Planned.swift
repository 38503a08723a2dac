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

