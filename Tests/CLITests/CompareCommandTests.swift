import Foundation
import Testing
@testable import Claims

/// `audit compare` and `audit page` on the synthetic jail-zfs-clone fixture and on the shipped real data.
struct CompareCommandTests {
    static let synthetic = "Tests/CLITests/Fixtures/synthetic-results"

    static func validate(_ json: String, schema: String) throws -> AuditProcess.Result {
        let doc = try AuditProcess.temporaryFile(json, name: "doc.json")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "tools/validate_json.py", "schemas/\(schema)", doc.path]
        p.currentDirectoryURL = AuditProcess.repositoryRoot
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return AuditProcess.Result(status: p.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    @Test func jailVersusCubeSeparatesClassesAndCarriesTheCaveats() throws {
        let r = try AuditProcess.run(["compare", "jail-zfs-clone", "cubesandbox", "--results", Self.synthetic, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONParser.parse(r.stdout)
        guard case .array(let sections)? = json["sections"] else { Issue.record("sections"); return }
        let classes = sections.compactMap { s -> String? in if case .string(let c)? = s["boundaryClass"] { return c }; return nil }
        #expect(classes.contains("vendor create-request · ours first-exec+teardown"))
        // Every latency figure of the vendor is shown with our interval.
        var claims = Set<String>()
        for s in sections {
            guard case .array(let rows)? = s["rows"] else { continue }
            for row in rows {
                if case .string(let c)? = row["claim"] { claims.insert(c) }
                #expect(row["verdict"] != nil && row["qualification"] != nil)
            }
        }
        #expect(claims == ["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9"])
        guard case .array(let caveats)? = json["caveats"] else { Issue.record("caveats"); return }
        var cited: [String: Bool] = [:]
        for c in caveats {
            guard case .string(let id)? = c["id"], case .array(let cites)? = c["citations"] else { continue }
            cited[id] = (cited[id] ?? false) || !cites.isEmpty
        }
        for id in ["boundary-mismatch", "teardown-included", "timer-overhead", "prewarmed-pool", "hardware-undisclosed", "n-inferred", "percentile-rule-differs"] {
            #expect(cited[id] == true, "caveat \(id) missing or without a source line")
        }
        // No create-request vs lifecycle ratio is decided as a speed-up.
        #expect(!r.stdout.contains("\"verdict\": \"ours-lower\""))
        #expect(try Self.validate(r.stdout, schema: "compare.schema.json").status == 0)
    }

    @Test func tableSaysWhyAndNamesThePhases() throws {
        let r = try AuditProcess.run(["compare", "jail-zfs-clone", "cubesandbox", "--results", Self.synthetic])
        #expect(r.status == 0)
        #expect(r.stdout.contains("== vendor create-request · ours first-exec+teardown =="))
        #expect(r.stdout.contains("undecidable: our clock also covers first-exec, teardown, timer-overhead"))
        #expect(!r.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func firecrackerSpecIsConsistentOnItsOwnClock() throws {
        let r = try AuditProcess.run(["compare", "nsdi2020-fc-api", "firecracker", "--format", "json"])
        #expect(r.status == 0)
        let json = try JSONParser.parse(r.stdout)
        var verdicts: [String: String] = [:]
        if case .array(let sections)? = json["sections"] {
            for s in sections {
                guard case .array(let rows)? = s["rows"] else { continue }
                for row in rows {
                    if case .string(let c)? = row["claim"], case .string(let run)? = row["run"], case .string(let v)? = row["verdict"] {
                        verdicts["\(c) \(run)"] = v
                    }
                }
            }
        }
        #expect(verdicts["FC-3 nsdi2020-fc-api/instancestart-to-init-ms/cc1"] == "consistent")
        #expect(verdicts["FC-1 nsdi2020-fc-api/host-spawn-to-exit-ms/cc1"] == "undecidable")
    }

    @Test func pageIsDeterministicValidAndNeverCallsAnUpperBoundContradicted() throws {
        let a = try AuditProcess.run(["page"])
        let b = try AuditProcess.run(["page"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        #expect(try Self.validate(a.stdout, schema: "page.schema.json").status == 0)
        let json = try JSONParser.parse(a.stdout)
        guard case .array(let vendors)? = json["vendors"] else { Issue.record("vendors"); return }
        var seen: [String: [String]] = [:]
        for v in vendors {
            guard case .string(let vid)? = v["id"], case .array(let claims)? = v["claims"] else { continue }
            for c in claims {
                guard case .string(let cid)? = c["id"], case .array(let audits)? = c["audits"] else { continue }
                for audit in audits {
                    if case .string(let verdict)? = audit["verdict"] { seen["\(vid)/\(cid)", default: []].append(verdict) }
                }
            }
        }
        // research/vendor-claims.md: FC-3 holds on the serial guest clock (0/500 over 125 ms) …
        #expect(seen["firecracker/FC-3"]?.first == "consistent")
        // … and the hosted upper bounds cannot be refuted by a TTI clock with more phases in it.
        for id in ["e2b/E2B-1", "daytona/DAY-1", "codesandbox/CSB-1", "modal/MOD-1"] {
            #expect(seen[id]?.isEmpty == false, "\(id) not audited")
            #expect(seen[id]?.allSatisfy { $0 == "undecidable" } == true, "\(id): \(seen[id] ?? [])")
        }
    }

    @Test func htmlIsSelfContainedWithPlots() throws {
        let r = try AuditProcess.run(["compare", "jail-zfs-clone", "cubesandbox", "--results", Self.synthetic, "--format", "html"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(r.stdout.contains("aria-label=\"ECDF of jail-zfs-clone/cold-start-ms/cc1\""))
        #expect(r.stdout.contains("aria-label=\"intervals\""))
        #expect(r.stdout.contains("aria-label=\"forest plot of ratios\""))
        #expect(r.stdout.contains("href=\"#caveat-boundary-mismatch\""))
        #expect(!r.stdout.contains("<script"))
        #expect(!r.stdout.contains("src=\"http") && !r.stdout.contains("href=\"http"))
    }

    @Test func unknownPartyIsExit66WithASuggestion() throws {
        let r = try AuditProcess.run(["compare", "nsdi2020-fc-ap", "firecracker"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("did you mean 'nsdi2020-fc-api'?"))
    }

    @Test func runVersusRunShowsIntervalsSideBySide() throws {
        let r = try AuditProcess.run(["compare", "nsdi2020-fc-api", "nsdi2020-fc-file", "--metric", "instancestart-to-init-ms", "--concurrency", "1", "--format", "json"])
        #expect(r.status == 0)
        let json = try JSONParser.parse(r.stdout)
        guard case .array(let rows)? = json["sideBySide"] else { Issue.record("sideBySide"); return }
        #expect(rows.count == 4)
        #expect(try Self.validate(r.stdout, schema: "compare.schema.json").status == 0)
        // Firecracker's parallel-10/50/100 runs with the serial one: four levels, so all three scaling models.
        guard case .array(let scaling)? = json["scaling"], let first = scaling.first,
              case .array(let fits)? = first["left"], case .array(let diffs)? = first["trendDifference"] else {
            Issue.record("scaling missing"); return
        }
        #expect(fits.count == 3 && diffs.count == 3)
        for d in diffs { #expect(d["low"] != .null && d["high"] != .null) }
    }
}
