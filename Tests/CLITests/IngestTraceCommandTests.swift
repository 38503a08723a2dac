import Foundation
import Testing
@testable import Claims

struct IngestTraceCommandTests {
    /// Synthetic rig TSV (made up for this test).
    static let tsv = "0\t123\n1\t118\n\n2\t131\n3\t140\n"
    static let host = #"{"hostname":"honor","kernel":"FreeBSD","release":"15.0-RELEASE-p4","cpuModel":"AMD Ryzen 9 5900HX","cpuCount":16,"memGB":31.2}"#

    @Test func ingestWritesASummarizePyCompatibleRunAndRefusesToOverwrite() throws {
        let input = try AuditProcess.temporaryFile(Self.tsv, name: "jail-raw-cc1.tsv")
        let out = input.deletingLastPathComponent().appendingPathComponent("jail-raw_cold-start-ms_cc1.json")
        let args = ["ingest", "--config", "jail-raw", "--metric", "cold-start-ms", "--concurrency", "1",
                    "--script", "benchmarks/rigs/jail-raw.sh", "--input", input.path, "--output", out.path,
                    "--host-info-json", Self.host, "--run-at", "2026-01-02T03:04:05Z"]
        let r = try AuditProcess.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        let run = try BenchmarkRunDecoder.decode(Array(try Data(contentsOf: out)), file: out.path)
        #expect(run.samples == [123, 118, 131, 140])
        // summarize.py: mean 128, p50 = sorted[2] = 131, p95 = p99 = sorted[3] = 140.
        #expect(run.summary == BenchmarkRun.Summary(mean: 128, p50: 131, p95: 140, p99: 140, min: 118, max: 140, n: 4))
        #expect(run.host.cpuModel == "AMD Ryzen 9 5900HX" && run.runAt == "2026-01-02T03:04:05Z")
        #expect(run.provenance?["tsv"]?["sha256"] == .string(SHA256.hex(Array(Self.tsv.utf8))))
        let before = try Data(contentsOf: out)
        let again = try AuditProcess.run(args)
        #expect(again.status == 73)
        #expect(again.stderr == "audit: \(out.path): already exists; use --force to overwrite\n")
        #expect(try Data(contentsOf: out) == before)
        #expect(try AuditProcess.run(args + ["--force"]).status == 0)
    }

    @Test func ingestRejectsABadLineWithItsNumber() throws {
        let input = try AuditProcess.temporaryFile("0\t12\n1\tfoo\n", name: "bad.tsv")
        let out = input.deletingLastPathComponent().appendingPathComponent("x_m_cc1.json")
        let r = try AuditProcess.run(["ingest", "--config", "x", "--metric", "m", "--concurrency", "1", "--script", "s.sh",
                                      "--input", input.path, "--output", out.path, "--host-info-json", Self.host])
        #expect(r.status == 65)
        #expect(r.stderr == "audit: \(input.path): line 2: last field is not a number: \"foo\"\n")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func traceOfAVendorClaimShowsQuoteCitationAndUndisclosedItems() throws {
        let r = try AuditProcess.run(["trace", "cubesandbox/L6"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"Cold start benchmarked on bare-metal. 60ms at single concurrency; under 50 concurrent creations, avg 67ms, P95 90ms, P99 137ms — consistently sub-150ms.\""))
        #expect(r.stdout.contains("TencentCloud/CubeSandbox@c439bb513f51:README.md:94  sha256 d3f01cae957e… matches the quote"))
        #expect(r.stdout.contains("n: 1000 — NOT disclosed; inference:"))
        #expect(r.stdout.contains("undisclosed:\n  hardware:"))
        #expect(r.stdout.contains("boundary class: create-request (start kind snapshot-restore)"))
    }

    @Test func traceOfARunNumberShowsTheFullChain() throws {
        let r = try AuditProcess.run(["trace", "nsdi2020-fc-api/instancestart-to-init-ms/cc1/p95"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count >= 3, "\(r.stderr)")
        #expect(lines[0] == "nsdi2020-fc-api/instancestart-to-init-ms/cc1/p95 = 114 ms")
        #expect(lines[1].contains("sorted[475]"))
        #expect(lines[2] == "stored value matches the recomputation (114)")
        #expect(r.stdout.contains("file: benchmarks/results/nsdi2020-fc-api_instancestart-to-init-ms_cc1.json\n  sha256 "))
        #expect(r.stdout.contains("script: firecracker-microvm/nsdi2020-data@cf1b30f:scripts/run-boot-serial.sh"))
        #expect(r.stdout.contains("rig: nsdi2020-fc-guest-clock"))
        #expect(r.stdout.contains("host: hostname ip-10-0-0-82"))
        #expect(r.stdout.contains("provenance: repo https://github.com/firecracker-microvm/nsdi2020-data, commit cf1b30f674523ee44363f74e16bcb301ffb10598"))
    }

    @Test func traceShowsTheTrimmedPublishedSummary() throws {
        let r = try AuditProcess.run(["trace", "computesdk-e2b-sequential/tti-ms/cc1/p99"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("published summary: provenance.publishedSummary.ttiMs.p99: 739.54 published; nearest-rank over all samples gives 975.06; it matches the samples only after trimming 5% at each end"))
    }

    @Test(arguments: [
        (["trace", "nosuch/L1"], Int32(66), "no vendor \"nosuch\""),
        (["trace", "cubesandbox/L99"], 66, "no claim \"L99\"; cubesandbox has L1"),
        (["trace", "nsdi2020-fc-api/instancestart-to-init-ms/cc7/p95"], 66, "this config has nsdi2020-fc-api/host-spawn-to-exit-ms/cc1"),
        (["trace", "a/b/c/d/e"], 64, "expected config/metric/ccN/stat or vendor/claimId"),
    ])
    func traceErrors(args: [String], code: Int32, fragment: String) throws {
        let r = try AuditProcess.run(args)
        #expect(r.status == code)
        #expect(r.stderr.contains(fragment), "\(r.stderr)")
    }
}
