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
        let r = Subprocess.run(["git", "-C", path] + arguments, captureOutput: true, silenceErrors: true)
        return (r.status, String(decoding: r.output, as: UTF8.self))
    }
}
