#if canImport(Glibc)
import Glibc
#endif

/// A directory of BenchmarkRun files named `<config>_<metric>_cc<N>.json`: discovers them, groups
/// them by config / metric / concurrency, and reports what does not fit — bad names, unreadable
/// files, names that disagree with the content, two files for one run — without losing the good ones.
public struct ResultsDirectory: Sendable {
    public struct Entry: Sendable {
        public let file: String
        public let config: String
        public let metric: String
        public let concurrency: Int
    }

    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let path: String?
        public let message: String
        public var description: String { [file, path, message].compactMap { $0 }.joined(separator: ": ") }
    }

    public let path: String
    /// Files whose names follow the convention, sorted by name.
    public let entries: [Entry]
    /// `.json` files whose names do not follow the convention.
    public let strays: [String]

    /// Parses `<config>_<metric>_cc<N>.json`.
    public static func parseName(_ name: String) -> (config: String, metric: String, concurrency: Int)? {
        guard name.hasSuffix(".json") else { return nil }
        let stem = name.dropLast(5)
        let parts = stem.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].hasPrefix("cc"), let cc = Int(parts[2].dropFirst(2)), cc >= 1,
              ConfigName.isValid(String(parts[0])), ConfigName.isValid(String(parts[1])) else { return nil }
        return (String(parts[0]), String(parts[1]), cc)
    }

    public static func scan(_ path: String) throws(AuditError) -> ResultsDirectory {
        guard let dir = opendir(path) else {
            throw AuditError(.inputMissing, file: path, path: nil, "cannot open results directory: \(String(cString: strerror(errno)))")
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            // d_name is variable-length: read it in place up to its NUL, never copy the declared 256 bytes
            // (the kernel's record may end sooner; found by AddressSanitizer).
            let name = withUnsafeMutablePointer(to: &entry.pointee.d_name) { field in
                field.withMemoryRebound(to: CChar.self, capacity: 1) { String(cString: $0) }
            }
            if name.hasSuffix(".json") { names.append(name) }
        }
        names.sort()
        var entries: [Entry] = [], strays: [String] = []
        let base = path.hasSuffix("/") ? path : path + "/"
        for name in names {
            if let (config, metric, cc) = parseName(name) {
                entries.append(Entry(file: base + name, config: config, metric: metric, concurrency: cc))
            } else {
                strays.append(base + name)
            }
        }
        return ResultsDirectory(path: path, entries: entries, strays: strays)
    }

    public var configs: [String] { Array(Set(entries.map(\.config))).sorted() }

    public func entries(config: String) -> [Entry] { entries.filter { $0.config == config } }

    /// Loads every conventional file; unreadable ones become findings, the rest are returned.
    public func loadAll(where include: (Entry) -> Bool = { _ in true }) -> (runs: [(Entry, BenchmarkRun)], findings: [Finding]) {
        var runs: [(Entry, BenchmarkRun)] = []
        var findings = strays.map { Finding(file: $0, path: nil, message: "name does not follow <config>_<metric>_cc<N>.json; skipped") }
        var seen: [String: String] = [:]
        for e in entries where include(e) {
            do {
                let run = try BenchmarkRunDecoder.decode(try FileBytes.read(e.file), file: e.file)
                findings += Self.nameFindings(entry: e, run: run)
                let key = "\(run.config)/\(run.metric)/cc\(run.concurrency)"
                if let other = seen[key] {
                    findings.append(Finding(file: e.file, path: nil, message: "duplicate run \(key): also in \(other)"))
                } else {
                    seen[key] = e.file
                }
                runs.append((e, run))
            } catch {
                findings.append(Finding(file: e.file, path: error.path, message: error.message))
            }
        }
        return (runs, findings)
    }

    /// The file name and the content must name the same run.
    public static func nameFindings(entry e: Entry, run: BenchmarkRun) -> [Finding] {
        var out: [Finding] = []
        if run.config != e.config { out.append(Finding(file: e.file, path: "config", message: "\"\(run.config)\" in file, \"\(e.config)\" in file name")) }
        if run.metric != e.metric { out.append(Finding(file: e.file, path: "metric", message: "\"\(run.metric)\" in file, \"\(e.metric)\" in file name")) }
        if run.concurrency != e.concurrency {
            out.append(Finding(file: e.file, path: "concurrency", message: "\(run.concurrency) in file, cc\(e.concurrency) in file name"))
        }
        return out
    }
}
