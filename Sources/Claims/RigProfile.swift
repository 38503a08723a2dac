import Stats

/// `data/rigs.json`: the phase matrix of each of our measurement rigs and imported datasets, with
/// citations to the rig script or the dataset's SOURCE.md lines.
public struct RigProfile: Sendable {
    public let id: String
    /// Config names or glob patterns (`computesdk-*-burst`).
    public let configPatterns: [String]
    public let metric: String
    public let concurrencies: [Int]?
    public let description: String
    public let boundary: Boundary?
    public let timerKind: String?
    public let timerOverheadNote: String?
    public let concurrencyModel: String?
    public let concurrencyModelAtC1: String?
    public let percentileRule: String?
    /// Index into `citations` for the percentile rule (e.g. summarize.py's `pct`).
    public let percentileCitation: Int?
    public let notes: [String]
    public let citations: [Citation]

    public func applies(config: String, metric: String, concurrency: Int) -> Bool {
        guard metric == self.metric else { return false }
        if let concurrencies, !concurrencies.contains(concurrency) { return false }
        return configPatterns.contains { Glob.matches($0, config) }
    }

    /// The concurrency model that applies at `concurrency` (serial at c = 1 when the rig says so).
    public func concurrencyModel(at concurrency: Int) -> String? {
        concurrency == 1 ? (concurrencyModelAtC1 ?? concurrencyModel) : concurrencyModel
    }
}

public struct RigCatalog: Sendable {
    public let rigs: [RigProfile]

    public func profile(config: String, metric: String, concurrency: Int) -> RigProfile? {
        rigs.first { $0.applies(config: config, metric: metric, concurrency: concurrency) }
    }

    public static func load(_ path: String) throws(AuditError) -> RigCatalog {
        let bytes = try FileBytes.read(path)
        let document: JSONValue
        do { document = try JSONParser.parse(bytes) } catch {
            throw AuditError(.malformedInput, file: path, path: "\(error.line):\(error.column)", error.message)
        }
        let (catalog, problems) = decode(document)
        if let first = problems.first { throw AuditError(.malformedInput, file: path, path: first.path, first.message) }
        return catalog
    }

    public static func decode(_ document: JSONValue) -> (RigCatalog, [(path: String, message: String)]) {
        let r = JSONFieldReader(document)
        let rigs = r.array("rigs").map { g -> RigProfile in
            let applies = g.member("appliesTo")
            let timer = g.member("timer", required: false)
            let percentile = g.member("percentileDefinition", required: false)
            let rule = percentile?.string("rule", required: false)
            let ruleCitation = percentile?.integer("citation", required: false)
            let concurrencies = applies?.has("concurrency") == true
                ? applies?.array("concurrency").compactMap { c -> Int? in
                    if case .number(let d, _) = c.value { return Int(d) }
                    return nil
                }
                : nil
            return RigProfile(id: g.string("id") ?? "", configPatterns: applies?.strings("configs") ?? [],
                              metric: applies?.string("metric") ?? "", concurrencies: concurrencies,
                              description: g.string("description", required: false) ?? "",
                              boundary: g.member("boundary").flatMap(Boundary.decode),
                              timerKind: timer?.string("kind", required: false),
                              timerOverheadNote: timer?.string("overheadNote", required: false),
                              concurrencyModel: g.string("concurrencyModel", required: false),
                              concurrencyModelAtC1: g.string("concurrencyModelAtC1", required: false),
                              percentileRule: rule, percentileCitation: ruleCitation, notes: g.strings("notes", required: false),
                              citations: g.array("citations", required: false).map(Citation.decode))
        }
        return (RigCatalog(rigs: rigs), r.problems.items)
    }
}

/// Shell-style `*` patterns (no other metacharacters).
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == t[ti] { pi += 1; ti += 1 }
            else if pi < p.count, p[pi] == "*" { star = pi; mark = ti; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
            else { return false }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
