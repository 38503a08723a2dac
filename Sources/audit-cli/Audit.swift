import Claims
import CommandLineParsing
#if canImport(Glibc)
import Glibc
#endif

@main
enum Audit {
    static var subcommands: [any Subcommand.Type] {
        [Describe.self, CI.self, Compare.self, TestCommand.self, Verify.self, IngestCommand.self, Import.self, Page.self, Trace.self, Plan.self]
    }

    static let definition = CommandDefinition(
        name: "audit",
        abstract: "Statistics and claims audit for sandbox cold-start benchmarks.",
        discussion: """
        audit reads raw latency samples (BenchmarkRun JSON files or plain number lists) and vendor \
        claim records (data/claims.json), and says what the numbers support: estimates with honest \
        confidence intervals, and whether a comparison is fair (same timed phases) at all.

        Start with:
          audit describe benchmarks/results/nsdi2020-fc-api_instancestart-to-init-ms_cc1.json

        Exit codes (the same for every subcommand):
          0   success
          1   the audit found a problem (verify mismatch, failed gate)
          64  usage error (bad option or argument)
          65  malformed input data
          66  input file missing or unreadable
          69  OpenBLAS/LAPACKE cannot be loaded (only commands that need them)
          73  cannot create output file
          74  I/O error
        Diagnostics go to stderr as `audit: <file>: <field.path>: <what is wrong>`; results go to stdout.
        """,
        subcommands: subcommands.map { $0.definition },
        version: AuditVersion.string
    )

    static func main() {
        InterruptCleanup.resetInheritedDispositions()
        #if canImport(Glibc)
        // Keep freed blocks in the heap instead of returning them to the kernel: an input read into memory
        // (standard input, a file under 64 KiB), freed after parsing, is then reused by the computation's
        // scratch memory without a page fault per 4 KiB (about 1.4 µs each on the reference VM).
        _ = glibcMallopt(-3, 32 << 20)     // M_MMAP_THRESHOLD: the largest value glibc accepts on 64-bit
        _ = glibcMallopt(-1, Int32.max)    // M_TRIM_THRESHOLD
        // One heap for every thread: a helper thread's first allocation otherwise creates its own arena (a
        // 64 MiB reservation and fresh pages) inside the first parallel step that allocates: the order
        // interval at 10⁵ (whose window placement runs beside the search) took 13–23 µs longer in the median.
        _ = glibcMallopt(-8, 1)            // M_ARENA_MAX
        #endif
        exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs one command line and returns the exit status (the documented codes above).
    static func run(_ words: [String]) -> Int32 {
        switch CommandLineParser.parse(words, root: definition) {
        case .failure(let failure):
            var error = failure.error
            if let unknown = error.unknown {
                error = error.appending(Suggestion.didYouMean(unknown, among: failure.path[failure.path.count - 1].spellings(like: unknown)))
            }
            printError(HelpFormatter.error(error, path: failure.path))
            return AuditError.Kind.usage.exitCode
        case .success(.help(let path)):
            print(HelpFormatter.help(path))
            return 0
        case .success(.version(let version)):
            print(version)
            return 0
        case .success(.run(let path, let arguments)):
            let name = path[path.count - 1].name
            guard let type = subcommands.first(where: { $0.definition.name == name }) else {
                preconditionFailure("no subcommand type for '\(name)'")
            }
            do {
                try type.init(parsing: arguments).run()
                return 0
            } catch let error as UsageError {
                printError(HelpFormatter.error(error, path: path))
                return AuditError.Kind.usage.exitCode
            } catch let status as ExitStatus {
                return status.code
            } catch {
                printError("Error: \(error)")
                return 1
            }
        }
    }
}

#if canImport(Glibc)
/// glibc's `mallopt(3)` (declared in malloc.h, which the Glibc module does not export).
@_silgen_name("mallopt")
func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
