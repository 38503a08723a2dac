/// One benchmark run in the web site's schema (DESIGN.md §3):
/// `{config, host{hostname,kernel,release,cpuModel,cpuCount,memGB}, metric, concurrency,
/// samples[], summary{mean,p50,p95,p99,min,max,n}, scriptPath, runAt}`, plus the optional
/// `provenance` object `audit` adds. Unknown keys are kept in ``document`` for rewrites.
public struct BenchmarkRun: Sendable, Equatable {
    public struct Host: Sendable, Equatable {
        public var hostname: String?
        public var kernel: String?
        public var release: String?
        public var cpuModel: String?
        public var cpuCount: Int?
        public var memGB: Double?

        /// The host fields that are null (undisclosed), by name.
        public var undisclosedFields: [String] {
            var out: [String] = []
            if hostname == nil { out.append("hostname") }
            if kernel == nil { out.append("kernel") }
            if release == nil { out.append("release") }
            if cpuModel == nil { out.append("cpuModel") }
            if cpuCount == nil { out.append("cpuCount") }
            if memGB == nil { out.append("memGB") }
            return out
        }
    }

    /// The summary the writer stored (summarize.py's rule: `sorted[min(n−1, floor(n·p/100))]`).
    public struct Summary: Sendable, Equatable {
        public var mean: Double
        public var p50: Double
        public var p95: Double
        public var p99: Double
        public var min: Double
        public var max: Double
        public var n: Int
    }

    public var config: String
    public var host: Host
    public var metric: String
    public var concurrency: Int
    public var samples: [Double]
    public var summary: Summary
    public var scriptPath: String
    public var runAt: String
    /// The `provenance` object, when present.
    public var provenance: JSONValue?
    /// The whole document as read, so unknown keys survive a rewrite.
    public var document: JSONValue

    /// The document with `summary` replaced and every other key — known or unknown — kept in place.
    public func document(replacingSummary summary: Summary) -> JSONValue {
        let fresh: JSONValue = .object([
            ("mean", .number(summary.mean)), ("p50", .number(summary.p50)), ("p95", .number(summary.p95)),
            ("p99", .number(summary.p99)), ("min", .number(summary.min)), ("max", .number(summary.max)), ("n", .integer(summary.n)),
        ])
        guard case .object(let members) = document else { return document }
        return .object(members.map { $0.key == "summary" ? ("summary", fresh) : $0 })
    }

    /// The conventional file name `<config>_<metric>_cc<N>.json`.
    public var conventionalFileName: String { "\(config)_\(metric)_cc\(concurrency).json" }
}
