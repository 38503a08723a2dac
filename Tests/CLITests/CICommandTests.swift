import Foundation
import Testing
@testable import Claims

struct CICommandTests {
    /// Synthetic: 30 values 1…30.
    static let thirty = (1...30).map(String.init).joined(separator: "\n")

    @Test func jsonShapeAndUnboundedP99AtThirty() throws {
        let r = try AuditProcess.run(["ci", "-", "--stat", "p99", "--format", "json"], stdin: Self.thirty)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONParser.parse(r.stdout)
        for key in ["statistic", "method", "level", "n", "estimate", "low", "high", "resamples", "seed", "quantileDefinition", "notes"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["method"] == .string("order"))
        #expect(json["high"] == .null)
        #expect(json["low"] != .null)
        guard case .array(let notes) = json["notes"] else { Issue.record("notes"); return }
        #expect(notes.contains(.string("no upper bound: p99 needs n ≥ 368 for a two-sided 95% interval; n = 30")))
    }

    @Test func bcaMeanIsReproducibleAndThreadIndependent() throws {
        let a = try AuditProcess.run(["ci", "-", "--stat", "mean", "--method", "bca", "--seed", "9", "--threads", "1", "--format", "json"], stdin: Self.thirty)
        let b = try AuditProcess.run(["ci", "-", "--stat", "mean", "--method", "bca", "--seed", "9", "--threads", "2", "--format", "json"], stdin: Self.thirty)
        #expect(a.status == 0 && a.stdout == b.stdout)
        let json = try JSONParser.parse(a.stdout)
        #expect(json["estimate"] == .number(15.5))
        #expect(json["resamples"] == .number(10_000))
    }

    @Test func degenerateDataSaysWhyInsteadOfNaN() throws {
        let constant = [String](repeating: "67", count: 35).joined(separator: "\n")
        let r = try AuditProcess.run(["ci", "-", "--stat", "mean", "--method", "bca", "--format", "json"], stdin: constant)
        #expect(r.status == 0)
        let json = try JSONParser.parse(r.stdout)
        #expect(json["low"] == .null && json["high"] == .null)
        guard case .array(let notes) = json["notes"], case .string(let note)? = notes.first else { Issue.record("notes"); return }
        #expect(note.contains("degenerate"))
        #expect(!r.stdout.contains("NaN"))
    }

    @Test(arguments: [
        (["--level", "1.5"], "--level must be between 0 and 1"),
        (["--stat", "p99x"], "unknown statistic 'p99x'"),
        (["--stat", "meen"], "did you mean 'mean'?"),
        (["--method", "bcaa"], "did you mean 'bca'?"),
        (["--resamples", "5"], "--resamples must be between 100"),
        (["--definition", "hf10"], "unknown quantile definition 'hf10'"),
    ])
    func usageErrorsExit64WithAHint(extra: [String], fragment: String) throws {
        let r = try AuditProcess.run(["ci", "-"] + extra, stdin: Self.thirty)
        #expect(r.status == 64)
        #expect(r.stderr.contains(fragment), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}
