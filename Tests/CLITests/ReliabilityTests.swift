import Foundation
import Testing
@testable import Claims

struct ReliabilityTests {
    /// One unreadable file in the results directory: compare still reports on the good runs, names the bad
    /// file on stderr, and exits 65 so a CI can gate on it.
    @Test func oneBadResultsFileDoesNotHideTheGoodOnes() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("audit-bad-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        let src = AuditProcess.repositoryRoot.appendingPathComponent("Tests/CLITests/Fixtures/synthetic-results")
        for f in ["jail-zfs-clone_cold-start-ms_cc1.json", "jail-zfs-clone_cold-start-ms_cc10.json"] {
            try fm.copyItem(at: src.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        try Data("{\"config\": \"jail-zfs-clone\", \"samples\": [1, 2".utf8).write(to: dir.appendingPathComponent("jail-zfs-clone_cold-start-ms_cc50.json"))
        let r = try AuditProcess.run(["compare", "jail-zfs-clone", "cubesandbox", "--results", dir.path, "--format", "json"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("jail-zfs-clone_cold-start-ms_cc50.json") && r.stderr.contains("(skipped; the rest of the output is complete)"))
        let json = try JSONParser.parse(r.stdout)
        guard case .array(let sections)? = json["sections"] else { Issue.record("no report"); return }
        #expect(!sections.isEmpty)
    }

    @Test func limitsGiveClearErrors() throws {
        let file = try AuditProcess.temporaryFile((1...100).map(String.init).joined(separator: "\n"))
        let tooMany = try AuditProcess.run(["describe", file.path, "--max-samples", "50"])
        #expect(tooMany.status == 65)
        #expect(tooMany.stderr == "audit: \(file.path): 100 samples exceed the limit of 50 (raise it with --max-samples)\n")
        let big = try AuditProcess.temporaryFile(String(repeating: "1\n", count: 600_000))
        let tooBig = try AuditProcess.run(["describe", big.path, "--max-input-mb", "1"])
        #expect(tooBig.status == 65)
        #expect(tooBig.stderr.contains("larger than the 1 MiB input limit"))
    }

    @Test func quietAndVerbose() throws {
        let file = try AuditProcess.temporaryFile("1\n2\n3\n4\n")
        let verbose = try AuditProcess.run(["ci", file.path, "--stat", "mean", "--verbose"])
        #expect(verbose.status == 0)
        #expect(verbose.stderr.contains("audit: read 4 samples from"))
        let quiet = try AuditProcess.run(["ci", file.path, "--stat", "mean", "--quiet"])
        #expect(quiet.stderr.isEmpty)
    }

    /// `verify --vendor-repo`: each quote must appear at path:lines of its commit (a scratch git repository).
    @Test func vendorRepositoryQuotesAreCheckedAtTheirCommit() throws {
        let fm = FileManager.default
        let repo = fm.temporaryDirectory.appendingPathComponent("audit-vendor-\(UUID().uuidString)")
        try fm.createDirectory(at: repo, withIntermediateDirectories: true)
        func git(_ args: [String]) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-C", repo.path, "-c", "user.name=t", "-c", "user.email=t@t"] + args
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let d = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: d, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = try git(["init", "-q"])
        try "# Demo\n\nCold start in **under 90 ms**\nfor every sandbox.\n".write(to: repo.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        _ = try git(["add", "README.md"])
        _ = try git(["commit", "-q", "-m", "c"])
        let commit = try git(["rev-parse", "HEAD"])
        // A claims file with one citation that is right and one whose lines are wrong.
        let quote = "Cold start in under 90 ms for every sandbox."
        let sha = SHA256.hex(Array(quote.utf8))
        func claims(lines: String) -> String {
            let phases = ["client-request", "api-handling", "scheduling", "pool-acquire", "rootfs-provision", "sandbox-create", "network-setup",
                          "guest-boot", "guest-init", "readiness-probe", "first-exec", "response", "teardown", "timer-overhead"]
                .map { "\"\($0)\": {\"status\": \"unknown\", \"basis\": \"synthetic\"}" }.joined(separator: ", ")
            return """
            {"schemaVersion": 1, "vendors": [{"id": "demo", "name": "Demo", "product": "Demo", "claims": [{
              "id": "D-1", "text": "synthetic test claim", "figure": {"value": 90, "unit": "ms", "statistic": "upper-bound", "concurrency": null},
              "metric": "create", "n": {"value": null, "disclosed": false, "basis": null},
              "percentileDefinition": {"rule": "n/a", "disclosed": false, "basis": null},
              "boundary": {"startKind": "unknown", "phases": {\(phases)}},
              "disclosures": {}, "citations": [{"repo": "demo/demo", "commit": "\(commit)", "path": "README.md", "lines": "\(lines)", "quote": "\(quote)", "quoteSha256": "\(sha)"}]
            }], "relations": []}]}
            """
        }
        let good = try AuditProcess.temporaryFile(claims(lines: "3-4"), name: "claims.json")
        let r = try AuditProcess.run(["verify", "--claims", good.path, "--vendor-repo", repo.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("1 quotes at their commits"))
        let bad = try AuditProcess.temporaryFile(claims(lines: "1-2"), name: "claims.json")
        let r2 = try AuditProcess.run(["verify", "--claims", bad.path, "--vendor-repo", repo.path, "--quiet"])
        #expect(r2.status == 1)
        #expect(r2.stdout.contains("demo/D-1.citations[0].quote: not found at README.md:1-2 of \(commit.prefix(12))"))
    }
}
