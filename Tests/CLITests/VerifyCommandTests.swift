import Foundation
import Testing
@testable import Claims

/// `audit verify` on the shipped data, and on tampered copies of it (each tamper must give the right
/// one-line finding and exit code).
struct VerifyCommandTests {
    static let root = AuditProcess.repositoryRoot
    static let runFile = "nsdi2020-fc-api_instancestart-to-init-ms_cc1.json"
    static let otherFile = "computesdk-e2b-sequential_tti-ms_cc1.json"

    /// A scratch copy of two shipped runs with the shipped claims and rigs.
    static func scratch() throws -> (dir: URL, results: URL) {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("audit-verify-\(UUID().uuidString)")
        let results = dir.appendingPathComponent("results")
        try fm.createDirectory(at: results, withIntermediateDirectories: true)
        for f in [runFile, otherFile] {
            try fm.copyItem(at: root.appendingPathComponent("benchmarks/results/\(f)"), to: results.appendingPathComponent(f))
        }
        try fm.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        for f in ["claims.json", "rigs.json"] {
            try fm.copyItem(at: root.appendingPathComponent("data/\(f)"), to: dir.appendingPathComponent("data/\(f)"))
        }
        return (dir, results)
    }

    static func verify(_ dir: URL) throws -> AuditProcess.Result {
        try AuditProcess.run(["verify", "--results", "results", "--quiet"], in: dir)
    }

    static func edit(_ url: URL, _ transform: (String) -> String) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = transform(text)
        #expect(changed != text, "tamper did not change \(url.lastPathComponent)")
        try changed.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func shippedDataIsClean() throws {
        let r = try AuditProcess.run(["verify"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("0 malformed, 0 findings"))
        // The computesdk trimmed-percentile fact is reported as a note, not hidden.
        #expect(r.stdout.contains("matches the samples only after trimming 5% at each end"))
    }

    @Test func changedSummaryIsAFinding() throws {
        let (dir, results) = try Self.scratch()
        try Self.edit(results.appendingPathComponent(Self.runFile)) { $0.replacingOccurrences(of: "\"p95\": 114.0", with: "\"p95\": 112.0") }
        let r = try Self.verify(dir)
        #expect(r.status == 1)
        #expect(r.stdout == "results/\(Self.runFile): summary.p95: 112 stored, 114 recomputed from samples with the writer's rule (summarizePy)\n")
    }

    @Test func fixSummariesRewritesAndKeepsUnknownKeys() throws {
        let (dir, results) = try Self.scratch()
        let file = results.appendingPathComponent(Self.runFile)
        try Self.edit(file) {
            $0.replacingOccurrences(of: "\"p95\": 114.0", with: "\"p95\": 112.0")
              .replacingOccurrences(of: "\"runAt\":", with: "\"rigNote\": {\"kept\": [1, 2]},\n  \"runAt\":")
        }
        let fix = try AuditProcess.run(["verify", "--results", "results", "--fix-summaries"], in: dir)
        #expect(fix.status == 0, "\(fix.stdout)\(fix.stderr)")
        #expect(fix.stderr.contains("rewrote summary (p95)"))
        let after = try AuditProcess.run(["verify", "--results", "results", "--quiet"], in: dir)
        #expect(after.status == 0)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("\"rigNote\": {\n    \"kept\": [1, 2]\n  }"))
        #expect(text.contains("\"p95\": 114"))
    }

    @Test func nanSampleIsMalformed() throws {
        let (dir, results) = try Self.scratch()
        try Self.edit(results.appendingPathComponent(Self.runFile)) { text in
            var t = text
            t.replaceSubrange(t.range(of: "106.0")!, with: "NaN")
            return t
        }
        let r = try Self.verify(dir)
        #expect(r.status == 65)
        #expect(r.stderr == "audit: results/\(Self.runFile): samples[0]: not a finite number (NaN)\n")
        #expect(r.stdout.isEmpty)
    }

    @Test func negativeLatencyIsMalformed() throws {
        let (dir, results) = try Self.scratch()
        try Self.edit(results.appendingPathComponent(Self.runFile)) { text in
            var t = text
            t.replaceSubrange(t.range(of: "106.0")!, with: "-106.0")
            return t
        }
        let r = try Self.verify(dir)
        #expect(r.status == 65)
        #expect(r.stderr == "audit: results/\(Self.runFile): samples[0]: negative latency (-106)\n")
    }

    @Test func wrongConcurrencyInNameIsAFinding() throws {
        let (dir, results) = try Self.scratch()
        let renamed = Self.runFile.replacingOccurrences(of: "_cc1.json", with: "_cc10.json")
        try FileManager.default.moveItem(at: results.appendingPathComponent(Self.runFile), to: results.appendingPathComponent(renamed))
        let r = try Self.verify(dir)
        #expect(r.status == 1)
        #expect(r.stdout == "results/\(renamed): concurrency: 1 in file, cc10 in file name\n")
    }

    @Test func duplicateRunIsAFinding() throws {
        let (dir, results) = try Self.scratch()
        let copy = "nsdi2020-fc-api_instancestart-to-init-ms_cc1.json".replacingOccurrences(of: "nsdi2020-fc-api", with: "nsdi2020-fc-apx")
        try FileManager.default.copyItem(at: results.appendingPathComponent(Self.runFile), to: results.appendingPathComponent(copy))
        let r = try Self.verify(dir)
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("results/\(copy): config: \"nsdi2020-fc-api\" in file, \"nsdi2020-fc-apx\" in file name"))
        #expect(lines.contains("results/\(copy): duplicate run nsdi2020-fc-api/instancestart-to-init-ms/cc1: also in results/\(Self.runFile)"))
    }

    @Test func badQuoteHashIsAFinding() throws {
        let (dir, _) = try Self.scratch()
        try Self.edit(dir.appendingPathComponent("data/claims.json")) {
            $0.replacingOccurrences(of: "d3f01cae957e7964edcf873b02707c80ab660c4054f04683cfe745ae008f167d",
                                    with: "0000000000000000000000000000000000000000000000000000000000000000")
        }
        let r = try Self.verify(dir)
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count >= 1)
        #expect(lines.allSatisfy { $0.hasPrefix("data/claims.json: cubesandbox/") && $0.hasSuffix("(expected d3f01cae957e7964edcf873b02707c80ab660c4054f04683cfe745ae008f167d)") })
    }

    @Test func malformedClaimsFileIsExit65() throws {
        let (dir, _) = try Self.scratch()
        try Self.edit(dir.appendingPathComponent("data/claims.json")) { $0.replacingOccurrences(of: "\"statistic\": \"p95\"", with: "\"statistic\": \"p96\"") }
        let r = try Self.verify(dir)
        #expect(r.status == 65)
        #expect(r.stderr.contains("figure.statistic: unknown value \"p96\""))
    }

    @Test func missingResultsDirectoryIsExit66() throws {
        let r = try AuditProcess.run(["verify", "--results", "/nonexistent/results"])
        #expect(r.status == 66)
        #expect(r.stderr.hasPrefix("audit: /nonexistent/results: cannot open results directory"))
    }
}
