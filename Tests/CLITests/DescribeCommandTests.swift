import Foundation
import Testing
@testable import Claims

struct DescribeCommandTests {
    @Test func jsonHasEveryDefinitionAndTheNamedRulesAreExact() throws {
        // Synthetic: 1…20 shuffled.
        let values = [7, 3, 19, 1, 12, 5, 20, 9, 14, 2, 17, 8, 11, 4, 16, 6, 13, 10, 18, 15]
        let r = try AuditProcess.run(["describe", "-", "--format", "json"], stdin: values.map(String.init).joined(separator: "\n"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        let json = try JSONParser.parse(r.stdout)
        #expect(json["n"] == .number(20))
        #expect(json["mean"] == .number(10.5))
        for key in ["p50", "p95", "p99"] {
            let q = try #require(json["quantiles"]?[key])
            for name in (1...9).map({ "hf\($0)" }) + ["nearestRank", "summarizePy", "harrellDavis"] {
                #expect(q[name] != nil, "\(key).\(name) missing")
            }
        }
        // nearestRank p95 = sorted[ceil(19) − 1] = 19; summarizePy p50 = sorted[10] = 11; hf7 p50 = 10.5.
        #expect(json["quantiles"]?["p95"]?["nearestRank"] == .number(19))
        #expect(json["quantiles"]?["p50"]?["summarizePy"] == .number(11))
        #expect(json["quantiles"]?["p50"]?["hf7"] == .number(10.5))
    }

    @Test(arguments: [
        ("", "no samples (empty file or only comments)", Int32(65)),
        ("1\ntwo\n", "line 2: not a number: \"two\"", 65),
        ("1\nNaN\n", "line 2: not a number: \"NaN\"", 65),
    ])
    func badInputIsOneLineAndExit65(text: String, message: String, code: Int32) throws {
        let file = try AuditProcess.temporaryFile(text)
        let r = try AuditProcess.run(["describe", file.path])
        #expect(r.status == code)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "audit: \(file.path): \(message)\n")
    }

    @Test func missingFileIsExit66() throws {
        let r = try AuditProcess.run(["describe", "/nonexistent/run.json"])
        #expect(r.status == 66)
        #expect(r.stderr == "audit: /nonexistent/run.json: cannot open: No such file or directory\n")
    }

    @Test func truncatedBenchmarkRunIsExit65WithPosition() throws {
        let file = try AuditProcess.temporaryFile(#"{"config": "a", "samples": [1, 2,"#, name: "a_m_cc1.json")
        let r = try AuditProcess.run(["describe", file.path])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("audit: \(file.path): 1:34: unexpected end of input"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func unknownOptionIsUsageExit64() throws {
        let r = try AuditProcess.run(["describe", "x", "--bogus"])
        #expect(r.status == 64)
    }

    @Test func importChecksTheShippedFilesOrSaysWhatIsMissing() throws {
        // The shipped results re-derive byte for byte from the shipped sources.
        let r = try AuditProcess.run(["import", "--check"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let missing = try AuditProcess.run(["import", "--converter", "/nonexistent.py"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "audit: /nonexistent.py: converter not found (run from the repository root or pass --converter)\n")
        // the converter's own diagnostics read like every other subcommand's: "audit: FILE: what is wrong"
        let noDatasets = try AuditProcess.run(["import", "--datasets", "/nonexistent-datasets", "--check"])
        #expect(noDatasets.status == 66)
        #expect(noDatasets.stderr == "audit: /nonexistent-datasets: datasets folder missing\n")
    }

    @Test func helpTeachesReadsWritesExample() throws {
        for sub in ["describe", "ci", "compare", "test", "verify", "ingest", "import", "page", "trace", "plan"] {
            let r = try AuditProcess.run([sub, "--help"])
            #expect(r.status == 0)
            #expect(r.stdout.contains("Reads:") && r.stdout.contains("Writes:") && r.stdout.contains("Example"), "\(sub)")
        }
        let root = try AuditProcess.run(["--help"])
        #expect(root.stdout.contains("65  malformed input data"))
    }
}
