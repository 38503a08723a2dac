import Foundation

/// Reads files at a commit of a local git checkout (`git show commit:path`), for quote checks.
public struct VendorRepository: Sendable {
    public enum Lookup: Sendable, Equatable {
        case lines([String])
        case missingFile
        case commitNotInRepository
    }

    public let path: String
    public init(path: String) { self.path = path }

    public func lines(commit: String, path file: String) -> Lookup {
        guard run(["cat-file", "-e", "\(commit)^{commit}"]).status == 0 else { return .commitNotInRepository }
        let r = run(["show", "\(commit):\(file)"])
        guard r.status == 0 else { return .missingFile }
        return .lines(r.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", path] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return (127, "") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
