import Foundation
import Testing

/// The command line as the built binary sees it: help, version, spellings, and usage errors (exit 64).
struct CommandLineTests {
    @Test func versionAndHelpExitZeroFromTheRootAndFromASubcommand() throws {
        for args in [["--version"], ["ci", "--version"]] {
            let r = try AuditProcess.run(args)
            #expect(r.status == 0 && r.stdout == "0.1.0\n" && r.stderr.isEmpty, "\(args)")
        }
        let viaHelp = try AuditProcess.run(["help", "ci"])
        let viaFlag = try AuditProcess.run(["ci", "--help"])
        #expect(viaHelp.status == 0 && viaFlag.status == 0)
        #expect(viaHelp.stdout == viaFlag.stdout)
        #expect(viaHelp.stdout.contains("USAGE: audit ci <file> [<options>]"))
        #expect(viaHelp.stdout.contains("--format <format>       Output format: table or json. (values: table, json;"))
        let bare = try AuditProcess.run([])
        #expect(bare.status == 0 && bare.stdout.contains("SUBCOMMANDS:"))
    }

    @Test func equalsAndSpaceSpellingsAndShortFlagsGiveTheSameResult() throws {
        let input = (1...200).map { String(Double($0) * 0.37) }.joined(separator: "\n")  // synthetic
        let spaced = try AuditProcess.run(["ci", "-", "--stat", "p95", "--method", "order", "--format", "json", "-q"], stdin: input)
        let equals = try AuditProcess.run(["ci", "--stat=p95", "--method=order", "--format=json", "--quiet", "-"], stdin: input)
        #expect(spaced.status == 0, "\(spaced.stderr)")
        #expect(spaced.stdout == equals.stdout)
    }

    @Test(arguments: [
        (["nosuch"], "Error: Unexpected argument 'nosuch'"),
        (["descibe", "x"], "Error: Unexpected argument 'descibe'; did you mean 'describe'?"),
        (["ci", "x", "--stats", "p99"], "Error: Unknown option '--stats'; did you mean '--stat'?"),
        (["ci", "x", "--resampels=99"], "Error: Unknown option '--resampels'; did you mean '--resamples'?"),
        (["help", "comapre"], "Error: Unknown subcommand 'comapre'; did you mean 'compare'?"),
        (["ci", "x", "--level", "abc"], "Error: The value 'abc' is invalid for '--level <level>'"),
        (["ci", "x", "--format", "xml"], "Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'table' and 'json'."),
        (["ci", "x", "--seed"], "Error: Missing value for '--seed <seed>'"),
        (["ingest", "--metric", "m"], "Error: Missing expected argument '--config <config>'"),
        (["describe"], "Error: Missing expected argument '<file>'"),
        (["ci", "x", "--max-samples", "0"], "Error: --max-samples must be at least 1"),
    ])
    func usageErrorsExit64WithTheMessageAndTheUsageLine(args: [String], first: String) throws {
        let r = try AuditProcess.run(args)
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == first)
        #expect(lines.contains { $0.hasPrefix("Usage: audit") })
    }
}

/// A process confined to one processor (`taskset`, a cpuset) defaults to one thread and starts no helper.
struct AffinityTests {
    @Test func oneAllowedProcessorMeansOneThreadByDefault() throws {
        let taskset = URL(fileURLWithPath: "/usr/bin/taskset")
        guard FileManager.default.isExecutableFile(atPath: taskset.path) else { return }  // util-linux absent
        let process = Process()
        process.executableURL = taskset
        process.arguments = ["-c", "0", AuditProcess.executable.path, "ci", "--help"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let threads = text.split(separator: "\n").drop { !$0.contains("--threads <threads>") }.prefix(2).joined(separator: " ")
        #expect(threads.contains("(default: 1)"), "\(threads)")
    }
}
