import Foundation
import Testing
@testable import Claims
@testable import Stats

/// Synthetic BenchmarkRun documents (made up for these tests; not measurements).
struct BenchmarkRunDecoderTests {
    static let valid = """
    {"config": "jail-raw", "host": {"hostname": "h", "kernel": "FreeBSD", "release": "15.0", "cpuModel": "x", "cpuCount": 16, "memGB": 31.2},
     "metric": "cold-start-ms", "concurrency": 1, "samples": [3, 1, 2, 4],
     "summary": {"mean": 2.5, "p50": 3, "p95": 4, "p99": 4, "min": 1, "max": 4, "n": 4},
     "scriptPath": "benchmarks/rigs/jail-raw.sh", "runAt": "2026-01-01T00:00:00Z", "extra": {"kept": true}}
    """

    @Test func decodesAValidRunAndKeepsUnknownKeys() throws {
        let run = try BenchmarkRunDecoder.decode(Array(Self.valid.utf8), file: "f.json")
        #expect(run.config == "jail-raw" && run.concurrency == 1 && run.samples == [3, 1, 2, 4])
        #expect(run.host.cpuCount == 16)
        #expect(run.document["extra"]?["kept"] == .bool(true))
        #expect(run.conventionalFileName == "jail-raw_cold-start-ms_cc1.json")
        #expect(SummaryCheck.mismatches(stored: run.summary, sample: try Sample(run.samples)).isEmpty)
    }

    @Test func nullHostFieldsAreUndisclosedNotErrors() throws {
        let text = Self.valid.replacingOccurrences(of: #""cpuModel": "x""#, with: #""cpuModel": null"#)
        let run = try BenchmarkRunDecoder.decode(Array(text.utf8), file: "f.json")
        #expect(run.host.undisclosedFields == ["cpuModel"])
    }

    @Test(arguments: [
        (#""samples": [3, 1, 2, 4]"#, #""samples": [3, 1, "2", 4]"#, "f.json: samples[2]: expected a number, found a string"),
        (#""samples": [3, 1, 2, 4]"#, #""samples": [3, -1, 2, 4]"#, "f.json: samples[1]: negative latency (-1)"),
        (#""samples": [3, 1, 2, 4]"#, #""samples": []"#, "f.json: samples: empty array (a run needs at least one sample)"),
        (#""concurrency": 1"#, #""concurrency": 1.5"#, "f.json: concurrency: expected an integer, found 1.5"),
        (#""samples": [3, 1, 2, 4]"#, #""samples": [3, 1, -Infinity, 4]"#, "f.json: samples[2]: not a finite number (-Infinity)"),
        (#""p99": 4"#, #""p99": Infinity"#, "f.json: summary.p99: not a finite number (Infinity)"),
        (#""concurrency": 1"#, #""concurrency": 0"#, "f.json: concurrency: must be at least 1, found 0"),
        (#""config": "jail-raw""#, #""config": "jail_raw""#, #"f.json: config: "jail_raw" is not a valid config name (letters, digits, '.', '-'; no '_' or '/')"#),
        (#""memGB": 31.2"#, #""memGB": "32""#, "f.json: host.memGB: expected a number or null, found a string"),
        (#""scriptPath": "benchmarks/rigs/jail-raw.sh", "#, "", "f.json: scriptPath: missing (required)"),
        (#""samples": [3, 1, 2, 4]"#, #""samples": [3, 1, NaN, 4]"#, "f.json: samples[2]: not a finite number (NaN)"),
    ])
    func reportsTheFieldPath(find: String, replace: String, expected: String) {
        let text = Self.valid.replacingOccurrences(of: find, with: replace)
        #expect(text != Self.valid)
        do throws(AuditError) {
            _ = try BenchmarkRunDecoder.decode(Array(text.utf8), file: "f.json")
            Issue.record("expected an error for \(replace)")
        } catch {
            #expect(error.description == expected)
            #expect(error.kind == .malformedInput)
        }
    }

    @Test func truncatedFileIsMalformed() {
        let text = String(Self.valid.prefix(120))
        #expect(throws: AuditError.self) { try BenchmarkRunDecoder.decode(Array(text.utf8), file: "f.json") }
    }

    @Test func summaryCheckNamesEachMismatch() throws {
        let text = Self.valid.replacingOccurrences(of: #""p95": 4"#, with: #""p95": 3"#)
        let run = try BenchmarkRunDecoder.decode(Array(text.utf8), file: "f.json")
        let m = SummaryCheck.mismatches(stored: run.summary, sample: try Sample(run.samples))
        #expect(m.map(\.description) == ["summary.p95: 3 stored, 4 recomputed from samples with the writer's rule (summarizePy)"])
    }
}

struct NonFiniteAnywhereTests {
    @Test func nanOutsideCheckedFieldsIsNamed() {
        let text = #"{"config":"kata","host":{},"metric":"m","concurrency":1,"samples":[1],"summary":{"mean":1,"p50":1,"p95":1,"p99":1,"min":1,"max":1,"n":1},"scriptPath":"s","runAt":"r","provenance":{"x":NaN},"extra":-Infinity}"#
        do throws(AuditError) {
            _ = try BenchmarkRunDecoder.decode(Array(text.utf8), file: "<stdin>")
            Issue.record("accepted NaN in provenance")
        } catch {
            #expect(error.description == "<stdin>: provenance.x: not a finite number (NaN)")
        }
    }
}
