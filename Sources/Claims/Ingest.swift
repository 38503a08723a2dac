import Stats

/// `audit ingest`: a rig's TSV output → a BenchmarkRun, argument-compatible with the notebook's
/// `summarize.py` (same fields, same summary rule), plus a `provenance` object with the SHA-256 of
/// the TSV and of the rig script so a reviewer can tie the file to exactly what produced it.
public enum Ingest {
    public struct Request: Sendable {
        public var config: String
        public var metric: String
        public var concurrency: Int
        public var script: String
        public var input: String
        public var output: String
        /// summarize.py's `--host-info-json`: a JSON object {hostname, kernel, release, cpuModel, cpuCount, memGB}.
        public var hostInfoJSON: String?
        /// Overrides the timestamp (tests and reproducible re-ingests); default: now, UTC.
        public var runAt: String?

        public init(config: String, metric: String, concurrency: Int, script: String, input: String, output: String,
                    hostInfoJSON: String? = nil, runAt: String? = nil) {
            self.config = config
            self.metric = metric
            self.concurrency = concurrency
            self.script = script
            self.input = input
            self.output = output
            self.hostInfoJSON = hostInfoJSON
            self.runAt = runAt
        }
    }

    /// Rig TSV: one sample per non-empty line, the value in the last tab-separated field (summarize.py's rule).
    public static func parseTSV(_ bytes: [UInt8], source: String) throws(AuditError) -> [Double] {
        var values: [Double] = []
        var lineNumber = 0
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let count = bytes.count
        while start < count {
            var end = start
            while end < count && bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            let line = bytes[start..<end]
            start = end + 1
            let fields = try LineFields.split(line, source: source, lineNumber: lineNumber, separators: [0x09])
            guard let last = fields.last else { continue }
            let v = try DecimalField.value(bytes[last], source: source, lineNumber: lineNumber, what: "last field is not a number")
            guard v >= 0 else {
                throw AuditError(.malformedInput, file: source, path: "line \(lineNumber)", "negative latency (\(String(decoding: bytes[last], as: UTF8.self)))")
            }
            values.append(v)
        }
        if values.isEmpty { throw AuditError(.malformedInput, file: source, path: nil, "no samples in the TSV") }
        return values
    }

    static func hostObject(_ text: String) throws(AuditError) -> JSONValue {
        let v: JSONValue
        do { v = try JSONParser.parse(text) } catch {
            throw AuditError(.usage, file: "--host-info-json", path: "\(error.line):\(error.column)", error.message)
        }
        guard case .object = v else { throw AuditError(.usage, file: "--host-info-json", path: nil, "expected a JSON object") }
        let allowed = ["hostname", "kernel", "release", "cpuModel", "cpuCount", "memGB"]
        var members: [(key: String, value: JSONValue)] = []
        for key in allowed { members.append((key, v[key] ?? .null)) }
        return .object(members)
    }

    /// Builds the BenchmarkRun document (not yet written).
    public static func document(_ request: Request, tsv: [UInt8], scriptBytes: [UInt8]?, host: JSONValue, now: String) throws(AuditError) -> JSONValue {
        guard ConfigName.isValid(request.config) else {
            throw AuditError(.usage, file: nil, path: "--config", "\"\(request.config)\" is not a valid config name (letters, digits, '.', '-')")
        }
        guard ConfigName.isValid(request.metric) else {
            throw AuditError(.usage, file: nil, path: "--metric", "\"\(request.metric)\" is not a valid metric name (letters, digits, '.', '-')")
        }
        let values = try parseTSV(tsv, source: request.input)
        let sample: Sample
        do { sample = try Sample(values) } catch { throw AuditError(.malformedInput, file: request.input, path: nil, error.description) }
        let s = SummaryCheck.recompute(sample)
        guard [s.mean, s.p50, s.p95, s.p99, s.min, s.max].allSatisfy(\.isFinite) else {
            throw AuditError(.malformedInput, file: request.input, path: nil, "the summary of these samples is not finite")
        }
        var provenance: [(key: String, value: JSONValue)] = [
            ("ingestedBy", .string("audit ingest")),
            ("tsv", .object([("path", .string(request.input)), ("sha256", .string(SHA256.hex(tsv))), ("lines", .integer(values.count))])),
        ]
        if let scriptBytes {
            provenance.append(("script", .object([("path", .string(request.script)), ("sha256", .string(SHA256.hex(scriptBytes)))])))
        } else {
            provenance.append(("script", .object([("path", .string(request.script)), ("sha256", .null),
                                                  ("note", .string("script not readable at ingest time; hash not recorded"))])))
        }
        if request.hostInfoJSON == nil {
            provenance.append(("hostNote", .string("host collected on the machine that ran audit ingest, not supplied with --host-info-json")))
        }
        return .object([
            ("config", .string(request.config)),
            ("host", host),
            ("metric", .string(request.metric)),
            ("concurrency", .integer(request.concurrency)),
            ("samples", .array(values.map { .number($0) })),
            ("summary", .object([
                ("mean", .number(s.mean)), ("p50", .number(s.p50)), ("p95", .number(s.p95)), ("p99", .number(s.p99)),
                ("min", .number(s.min)), ("max", .number(s.max)), ("n", .integer(s.n)),
            ])),
            ("scriptPath", .string(request.script)),
            ("runAt", .string(request.runAt ?? now)),
            ("provenance", .object(provenance)),
        ])
    }

    /// Reads the inputs, builds the run and writes it atomically (refusing to overwrite unless `force`).
    public static func run(_ request: Request, force: Bool, now: String, localHost: () -> JSONValue) throws(AuditError) -> JSONValue {
        guard request.concurrency >= 1 else { throw AuditError(.usage, file: nil, path: "--concurrency", "must be at least 1") }
        let tsv = try FileBytes.read(request.input)
        let scriptBytes = try? FileBytes.read(request.script)
        let host = try request.hostInfoJSON.map { (t: String) throws(AuditError) -> JSONValue in try hostObject(t) } ?? localHost()
        let doc = try document(request, tsv: tsv, scriptBytes: scriptBytes, host: host, now: now)
        try AtomicFile.write(JSONWriter.string(doc) + "\n", to: request.output, overwrite: force)
        return doc
    }
}
