import Claims
import CommandLineParsing
import Compare

#if canImport(Glibc)
import Glibc
#endif

enum AuditVersion {
    static let string = "0.1.0"
}

/// Runs `body`; an ``AuditError`` becomes one stderr line `audit: …` and its documented exit code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as AuditError {
        printError("audit: \(error.description)")
        throw ExitStatus(error.kind.exitCode)
    }
}

func printError(_ line: String) {
    var text = line
    if !text.hasSuffix("\n") { text += "\n" }
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}


/// Flags every subcommand takes.
struct GlobalOptions {
    static let arguments: [ArgumentDefinition] = [
        .flag("quiet", short: "q", help: "Print only results and errors (no progress, no 'wrote …' lines, no notes)."),
        .flag("verbose", short: "v", help: "Also print timings and what was read to stderr."),
        .option("max-input-mb", default: "512", help: "Refuse input files larger than this many MiB."),
        .option("max-samples", default: "50000000", help: "Refuse inputs with more samples than this."),
    ]

    let quiet: Bool
    let verbose: Bool
    let maxInputMB: Int
    let maxSamples: Int

    init(parsing arguments: ParsedArguments) throws(UsageError) {
        quiet = arguments.flag("quiet")
        verbose = arguments.flag("verbose")
        maxInputMB = try arguments.int("max-input-mb")
        maxSamples = try arguments.int("max-samples")
        guard maxInputMB >= 1 else { throw UsageError("--max-input-mb must be at least 1") }
        guard maxSamples >= 1 else { throw UsageError("--max-samples must be at least 1") }
    }

    var maximumBytes: Int { maxInputMB * 1024 * 1024 }

    /// An informational stderr line (suppressed by --quiet).
    func info(_ line: String) { if !quiet { printError("audit: \(line)") } }

    /// A diagnostic only shown with --verbose.
    func detail(_ line: String) { if verbose && !quiet { printError("audit: \(line)") } }

    /// Whether progress may be drawn: stderr is a terminal and --quiet is off.
    var showsProgress: Bool { !quiet && isatty(2) == 1 }
}

/// Names each input file that was left out (one line each) and fails with exit 65 after the report was written.
func failIfSkipped(_ skipped: [AuditError]) throws {
    guard !skipped.isEmpty else { return }
    for e in skipped { printError("audit: \(e.description) (skipped; the rest of the output is complete)") }
    throw ExitStatus(AuditError.Kind.malformedInput.exitCode)
}

/// Seconds since `start` on the continuous clock.
func secondsSince(_ start: ContinuousClock.Instant) -> Double {
    (ContinuousClock.now - start).inSeconds
}
