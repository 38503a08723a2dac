import Foundation
import Testing
@testable import Claims

/// Large regular files are mapped, everything else is read: both must give the same bytes, the same
/// samples and the same errors. The files are synthetic, written to a temporary folder.
struct FileBytesTests {
    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("audit-filebytes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("input.txt")
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func mappedAndReadContentsAreTheSame() throws {
        var rng = SystemRandomNumberGenerator()
        for size in [0, 10, FileBytes.mappingThreshold - 1, FileBytes.mappingThreshold, 3 * FileBytes.mappingThreshold + 5] {
            let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let path = try temporaryFile(bytes)
            let seen = try FileBytes.withContents(path) { (b) throws(AuditError) in Array(b) }
            #expect(seen == bytes, "size \(size)")
            #expect(try FileBytes.read(path) == bytes)
        }
    }

    @Test func largeNumberFilesLoadLikeTheirBytes() throws {
        var rng = SystemRandomNumberGenerator()
        let text = (0..<300_000).map { _ in String(Double(Int.random(in: 0..<1_000_000, using: &rng)) / 1000) }.joined(separator: "\n") + "\n"
        let path = try temporaryFile(Array(text.utf8))
        let loaded = try SampleInput.load(path)
        let parsed = try SampleInput.parse(Array(text.utf8), source: path)
        #expect(loaded.sample.values.map(\.bitPattern) == parsed.sample.values.map(\.bitPattern))
        #expect(loaded.sample.count == 300_000)
    }

    @Test func mappedFilesGiveTheSameErrors() throws {
        let path = try temporaryFile(Array(String(repeating: "1\n", count: 600_000).utf8))
        #expect(throws: AuditError.self) { _ = try FileBytes.withContents(path, maximumBytes: 1 << 20) { (b) throws(AuditError) in b.count } }
        do {
            _ = try SampleInput.load(path, maximumBytes: 1 << 20)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "\(path): larger than the 1 MiB input limit (raise it with --max-input-mb)")
        }
        do {
            _ = try SampleInput.load(path + ".missing")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("\(path).missing: cannot open:"))
        }
    }
}
