import Foundation
import Testing
@testable import Claims

/// Nothing lost: `audit page --out X` killed at any moment leaves X as the old file or the new
/// complete file, never a partial one, and leaves no temporary file behind.
struct InterruptTests {
    @Test func killedPageWriteLeavesOldOrNewFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("audit-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent("claims-page.json")
        let old = Data("{\"old\": true}\n".utf8)
        let fresh = try AuditProcess.run(["page"]).stdout
        var sawNew = false, sawOld = false
        for (i, delay) in [0, 5, 20, 50, 100, 150, 200, 300, 400, 600, 900, 1500].enumerated() {
            try old.write(to: target)
            let p = Process()
            p.executableURL = AuditProcess.executable
            p.arguments = ["page", "--out", target.path]
            p.currentDirectoryURL = AuditProcess.repositoryRoot
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(useconds_t(delay * 1000))
            if i % 2 == 0 { kill(p.processIdentifier, SIGTERM) } else { kill(p.processIdentifier, SIGINT) }
            p.waitUntilExit()
            let now = try Data(contentsOf: target)
            let isOld = now == old, isNew = String(decoding: now, as: UTF8.self) == fresh
            #expect(isOld || isNew, "after \(delay) ms: \(now.count) bytes, neither old nor new")
            sawOld = sawOld || isOld
            sawNew = sawNew || isNew
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "claims-page.json" }
            #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
        }
        #expect(sawOld, "no kill landed before the rename")
    }
}
