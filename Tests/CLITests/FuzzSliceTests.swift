import Foundation
import Testing

/// A bounded slice of the reader fuzz harness (tools/fuzz_readers.py, see tools/FUZZING.md) against the
/// `audit` binary these tests built: no crash, no hang, exit codes in the documented set, one diagnostic
/// line naming the file. The long run (≥ 100,000 cases) is a separate documented command.
struct FuzzSliceTests {
    @Test func readersSurviveMutatedInput() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "tools/fuzz_readers.py", "--audit", AuditProcess.executable.path,
                       "--cases", "50", "--no-big", "--quiet", "--seed", "3", "--jobs", "2", "--no-snapshot"]
        p.currentDirectoryURL = AuditProcess.repositoryRoot
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(p.terminationStatus == 0, "\(text.suffix(3000))")
    }
}
