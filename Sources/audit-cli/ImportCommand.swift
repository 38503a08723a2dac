import ArgumentParser
import Claims
#if canImport(Glibc)
import Glibc
#endif

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert the public datasets into BenchmarkRun files with provenance (byte for byte reproducible).",
        discussion: """
        Reads:  --datasets DIR (default benchmarks/sources, the copies shipped with the repository: Firecracker \
        NSDI'20, computesdk, Kuasar/Kata, AWS Lambda), each source file checked against the sha256 list in \
        DIR/README.md.
        Writes: one BenchmarkRun per product × mode × concurrency into --out (atomically; files whose bytes \
        would change need --force). --check writes nothing and exits 1 listing every file that differs.
        The conversion is tools/import_datasets.py (Python 3, standard library); this subcommand runs it.

        Example:
          audit import --check
        """
    )

    @Option(help: "Folder holding the datasets and their README.md.") var datasets: String = "benchmarks/sources"
    @Option(help: "Results folder.") var out: String = "benchmarks/results"
    @Option(help: "The converter script.") var converter: String = "tools/import_datasets.py"
    @Flag(help: "Overwrite files whose bytes differ.") var force = false
    @Flag(help: "Write nothing; exit 1 when any file differs.") var check = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            guard access(converter, F_OK) == 0 else {
                throw AuditError(.inputMissing, file: converter, path: nil, "converter not found (run from the repository root or pass --converter)")
            }
            let arguments = ["python3", converter, "--datasets", datasets, "--out", out] + (force ? ["--force"] : []) + (check ? ["--check"] : [])
            let result = Subprocess.run(arguments, environment: ["IMPORT_DATASETS_PROG": "audit"])
            if result.status == 127 {
                throw AuditError(.inputMissing, file: "python3", path: nil, "cannot start the converter (is python3 on PATH?)")
            }
            if result.status != 0 { throw ExitCode(result.status) }
        }
    }
}
