import Claims
import CommandLineParsing
#if canImport(Glibc)
import Glibc
#endif

struct Import: Subcommand {
    static let definition = CommandDefinition(
        name: "import",
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
        """,
        arguments: [
            .option("datasets", default: "benchmarks/sources", help: "Folder holding the datasets and their README.md."),
            .option("out", default: "benchmarks/results", help: "Results folder."),
            .option("converter", default: "tools/import_datasets.py", help: "The converter script."),
            .flag("force", help: "Overwrite files whose bytes differ."),
            .flag("check", help: "Write nothing; exit 1 when any file differs."),
        ] + GlobalOptions.arguments
    )

    let datasets: String
    let out: String
    let converter: String
    let force: Bool
    let check: Bool
    let global: GlobalOptions

    init(parsing arguments: ParsedArguments) throws(UsageError) {
        datasets = try arguments.string("datasets")
        out = try arguments.string("out")
        converter = try arguments.string("converter")
        force = arguments.flag("force")
        check = arguments.flag("check")
        global = try GlobalOptions(parsing: arguments)
    }

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
            if result.status != 0 { throw ExitStatus(result.status) }
        }
    }
}
