import Foundation
import Testing
@testable import Claims

struct TestCommandTests {
    @Test func jsonHasEveryTestAndHolm() throws {
        let r = try AuditProcess.run(["test", "nsdi2020-fc-api/instancestart-to-init-ms/cc1", "nsdi2020-fc-file/instancestart-to-init-ms/cc1", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONParser.parse(r.stdout)
        for key in ["mannWhitney", "ks", "brunnerMunzel", "permutation", "hodgesLehmann", "ratioOfMedians", "cliffsDelta", "shiftFunction", "holm"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["mannWhitney"]?["method"] == .string("asymptotic"))
        #expect(json["ks"]?["method"] == .string("exact"))
        guard case .array(let deciles)? = json["shiftFunction"] else { Issue.record("shiftFunction"); return }
        #expect(deciles.count == 9)
        guard case .array(let family)? = json["holm"]?["family"] else { Issue.record("holm"); return }
        #expect(family.count == 4)
        // Same seed, same bytes.
        let again = try AuditProcess.run(["test", "nsdi2020-fc-api/instancestart-to-init-ms/cc1", "nsdi2020-fc-file/instancestart-to-init-ms/cc1", "--format", "json"])
        #expect(again.stdout == r.stdout)
    }

    @Test func ambiguousRunIdSaysWhichMetrics() throws {
        let r = try AuditProcess.run(["test", "nsdi2020-fc-api/cc1", "nsdi2020-fc-file/cc1"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("ambiguous (metrics: host-spawn-to-exit-ms, instancestart-to-init-ms)"))
    }
}

struct PlanCommandTests {
    @Test func thirtySamplePilotNeedsThreeHundredSixtyEightForP99() throws {
        let r = try AuditProcess.run(["plan", "Tests/CLITests/Fixtures/synthetic-results/jail-zfs-clone_cold-start-ms_cc1.json", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONParser.parse(r.stdout)
        guard case .array(let tails)? = json["boundedTwoSided95"] else { Issue.record("tails"); return }
        #expect(tails.contains { $0["statistic"] == .string("p99") && $0["twoSidedN"] == .number(368) })
        #expect(json["pilotN"] == .number(30))
        #expect(json["detectShift"]?["nPerGroup"] != .null)
    }
}

struct TestCommandOnlyTests {
    let a = "nsdi2020-fc-api/instancestart-to-init-ms/cc1", b = "nsdi2020-fc-file/instancestart-to-init-ms/cc1"

    @Test func onlyComputesTheNamedPartsWithTheSameNumbers() throws {
        let all = try JSONParser.parse(try AuditProcess.run(["test", a, b, "--format", "json"]).stdout)
        let r = try AuditProcess.run(["test", a, b, "--format", "json", "--only", "mwu,permutation", "--timing"])
        #expect(r.status == 0, "\(r.stderr)")
        let some = try JSONParser.parse(r.stdout)
        #expect(some["mannWhitney"] == all["mannWhitney"])
        #expect(some["permutation"] == all["permutation"])  // same seed, same splits
        for key in ["ks", "brunnerMunzel", "hodgesLehmann", "ratioOfMedians", "cliffsDelta", "shiftFunction"] {
            #expect(some[key] == nil, "\(key) was not asked for")
        }
        #expect(some["holm"]?["family"] == .array([.string("mannWhitney"), .string("permutation")]))
        guard case .number(let seconds, _)? = some["computeSeconds"] else { Issue.record("computeSeconds"); return }
        #expect(seconds > 0)
    }

    /// Mann–Whitney alone ranks samples on a decimal grid without sorting them (GridRankSum) once the pool
    /// reaches 2,048 values; the full report merges the sorted views. Same U and p, on grid values and on
    /// values off any grid (synthetic lognormal-like samples, 3 decimals, then with a 17-digit value added).
    @Test func mannWhitneyAloneMatchesTheFullReportOnLargeSamples() throws {
        var state: UInt64 = 12_345
        func next() -> Double {  // a small LCG: reproducible synthetic latencies in 40–90 ms
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return 40 + Double(state >> 40) / Double(1 << 24) * 50
        }
        for offGrid in [false, true] {
            var linesA = (0..<3_000).map { _ in String(format: "%.3f", next()) }
            let linesB = (0..<2_500).map { _ in String(format: "%.3f", next() + 2) }
            if offGrid { linesA[1_234] = "61.23456789012345" }
            let a = try AuditProcess.temporaryFile(linesA.joined(separator: "\n") + "\n", name: "a.txt")
            let b = try AuditProcess.temporaryFile(linesB.joined(separator: "\n") + "\n", name: "b.txt")
            let all = try JSONParser.parse(try AuditProcess.run(["test", a.path, b.path, "--format", "json"]).stdout)
            let r = try AuditProcess.run(["test", a.path, b.path, "--format", "json", "--only", "mwu"])
            #expect(r.status == 0, "\(r.stderr)")
            let alone = try JSONParser.parse(r.stdout)
            #expect(alone["mannWhitney"] != nil && alone["mannWhitney"] == all["mannWhitney"], "off grid: \(offGrid)")
        }
    }

    @Test func unknownPartIsAUsageErrorListingTheChoices() throws {
        let r = try AuditProcess.run(["test", a, b, "--only", "mwu,t-test"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown part \"t-test\" (choose from mwu, ks, bm, permutation, hl, ratio, cliff, shift)"))
    }
}

/// OpenBLAS is opened on first use: commands that never need it work without it, and one that does
/// gets a one-line diagnostic and exit 69 when the library cannot be loaded.
struct LazyBLASTests {
    let missing = ["AUDIT_OPENBLAS_LIBRARY": "/nonexistent/libopenblas.so.0"]

    @Test func aCommandWithoutBLASDoesNotLoadIt() throws {
        let r = try AuditProcess.run(["ci", "benchmarks/results/nsdi2020-fc-api_instancestart-to-init-ms_cc1.json", "--stat", "p95"],
                                     environment: missing)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func aCommandNeedingBLASSaysWhichPackageAndExits69() throws {
        // Two large samples from the same (uniform) distribution: the Kolmogorov–Smirnov p-value is then in the
        // body of Kolmogorov's distribution, whose CDF raises a matrix to a power with dgemm.
        let a = try AuditProcess.temporaryFile((0..<20_000).map { String((Double($0) * 0.6180339887498949).truncatingRemainder(dividingBy: 1)) }.joined(separator: "\n"))
        let b = try AuditProcess.temporaryFile((0..<20_000).map { String((Double($0) * 0.4142135623730951 + 0.1).truncatingRemainder(dividingBy: 1)) }.joined(separator: "\n"))
        let works = try AuditProcess.run(["test", a.path, b.path, "--only", "ks", "--format", "json"])
        #expect(works.status == 0, "\(works.stderr)")
        #expect(works.stdout.contains("\"asymptotic\""))
        let r = try AuditProcess.run(["test", a.path, b.path, "--only", "ks"], environment: missing)
        #expect(r.status == 69)
        #expect(r.stderr.hasPrefix("audit: cannot load /nonexistent/libopenblas.so.0 (install the Debian package libopenblas0): "))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
