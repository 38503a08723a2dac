/// Reads a ``BenchmarkRun`` strictly: every problem is reported with its field path
/// (`samples[17]: expected a number, found a string`), and none is silently repaired.
public enum BenchmarkRunDecoder {
    /// A problem found while decoding, with the JSON path of the offending field.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let path: String
        public let message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Parses bytes; throws the first problem as an ``AuditError`` (exit 65) naming `file`.
    public static func decode(_ bytes: [UInt8], file: String) throws(AuditError) -> BenchmarkRun {
        try bytes.withUnsafeBufferPointer { (b) throws(AuditError) in try decode(b, file: file) }
    }

    /// The same, reading the bytes in place.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(AuditError) -> BenchmarkRun {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes, nonFiniteLiterals: true)
        } catch {
            throw AuditError(.malformedInput, file: file, path: "\(error.line):\(error.column)", error.message)
        }
        let (run, problems) = decode(document)
        if let first = problems.first {
            throw AuditError(.malformedInput, file: file, path: first.path, first.message)
        }
        return run!
    }

    /// Decodes a parsed document, returning the run (when the shape allows one) and every problem.
    public static func decode(_ document: JSONValue) -> (BenchmarkRun?, [Problem]) {
        var problems: [Problem] = []
        func problem(_ path: String, _ message: String) { problems.append(Problem(path: path, message: message)) }

        guard case .object = document else {
            problem("$", "expected a BenchmarkRun object, found \(document.typeName)")
            return (nil, problems)
        }
        func string(_ key: String, in object: JSONValue, path: String, nullable: Bool = false) -> String? {
            guard let v = object[key] else {
                if !nullable { problem(path + key, "missing (required)") }
                return nil
            }
            switch v {
            case .string(let s):
                if s.isEmpty && !nullable { problem(path + key, "empty string") }
                return s
            case .null where nullable: return nil
            default:
                problem(path + key, "expected a string\(nullable ? " or null" : ""), found \(v.typeName)")
                return nil
            }
        }
        func number(_ key: String, in object: JSONValue, path: String, nullable: Bool = false) -> Double? {
            guard let v = object[key] else {
                if !nullable { problem(path + key, "missing (required)") }
                return nil
            }
            switch v {
            case .number(let d, let literal):
                guard d.isFinite else {
                    problem(path + key, "not a finite number (\(literal ?? "\(d)"))")
                    return nil
                }
                return d
            case .null where nullable: return nil
            default:
                problem(path + key, "expected a number\(nullable ? " or null" : ""), found \(v.typeName)")
                return nil
            }
        }
        func integer(_ key: String, in object: JSONValue, path: String, nullable: Bool = false) -> Int? {
            guard let d = number(key, in: object, path: path, nullable: nullable) else { return nil }
            guard d == d.rounded(), abs(d) < 9e15 else {
                problem(path + key, "expected an integer, found \(JSONWriter.numberText(d))")
                return nil
            }
            return Int(d)
        }

        let config = string("config", in: document, path: "")
        if let config, !config.isEmpty, !ConfigName.isValid(config) {
            problem("config", "\"\(config)\" is not a valid config name (letters, digits, '.', '-'; no '_' or '/')")
        }
        let metric = string("metric", in: document, path: "")
        if let metric, !metric.isEmpty, !ConfigName.isValid(metric) {
            problem("metric", "\"\(metric)\" is not a valid metric name (letters, digits, '.', '-'; no '_' or '/')")
        }
        let concurrency = integer("concurrency", in: document, path: "")
        if let concurrency, concurrency < 1 { problem("concurrency", "must be at least 1, found \(concurrency)") }
        let scriptPath = string("scriptPath", in: document, path: "")
        let runAt = string("runAt", in: document, path: "")

        var host = BenchmarkRun.Host()
        if let h = document["host"] {
            if case .object = h {
                host.hostname = string("hostname", in: h, path: "host.", nullable: true)
                host.kernel = string("kernel", in: h, path: "host.", nullable: true)
                host.release = string("release", in: h, path: "host.", nullable: true)
                host.cpuModel = string("cpuModel", in: h, path: "host.", nullable: true)
                host.cpuCount = integer("cpuCount", in: h, path: "host.", nullable: true)
                host.memGB = number("memGB", in: h, path: "host.", nullable: true)
                if let c = host.cpuCount, c < 0 { problem("host.cpuCount", "negative (\(c))") }
                if let m = host.memGB, m < 0 { problem("host.memGB", "negative (\(m))") }
            } else {
                problem("host", "expected an object, found \(h.typeName)")
            }
        } else {
            problem("host", "missing (required)")
        }

        var samples: [Double] = []
        if let s = document["samples"] {
            if case .array(let elements) = s {
                samples.reserveCapacity(elements.count)
                for (i, e) in elements.enumerated() {
                    guard case .number(let d, let literal) = e else {
                        problem("samples[\(i)]", "expected a number, found \(e.typeName)")
                        continue
                    }
                    guard d.isFinite else {
                        problem("samples[\(i)]", "not a finite number (\(literal ?? "\(d)"))")
                        continue
                    }
                    if d < 0 { problem("samples[\(i)]", "negative latency (\(JSONWriter.numberText(d)))") }
                    samples.append(d)
                }
                if elements.isEmpty { problem("samples", "empty array (a run needs at least one sample)") }
            } else {
                problem("samples", "expected an array, found \(s.typeName)")
            }
        } else {
            problem("samples", "missing (required)")
        }

        var summary: BenchmarkRun.Summary?
        if let s = document["summary"] {
            if case .object = s {
                let fields = ["mean", "p50", "p95", "p99", "min", "max"].map { number($0, in: s, path: "summary.") }
                let n = integer("n", in: s, path: "summary.")
                if fields.allSatisfy({ $0 != nil }), let n {
                    summary = .init(mean: fields[0]!, p50: fields[1]!, p95: fields[2]!, p99: fields[3]!,
                                    min: fields[4]!, max: fields[5]!, n: n)
                }
            } else {
                problem("summary", "expected an object, found \(s.typeName)")
            }
        } else {
            problem("summary", "missing (required)")
        }

        var provenance: JSONValue?
        if let p = document["provenance"] {
            if case .object = p { provenance = p } else { problem("provenance", "expected an object, found \(p.typeName)") }
        }

        // NaN/Infinity anywhere else (provenance, unknown keys) is malformed too: name where it sits.
        let reported = Set(problems.map(\.path))
        func scanNonFinite(_ value: JSONValue, path: String) {
            switch value {
            case .number(let d, let literal) where !d.isFinite:
                if !reported.contains(path) { problem(path, "not a finite number (\(literal ?? "\(d)"))") }
            case .array(let elements):
                for (i, e) in elements.enumerated() { scanNonFinite(e, path: "\(path)[\(i)]") }
            case .object(let members):
                for m in members { scanNonFinite(m.value, path: path.isEmpty ? m.key : "\(path).\(m.key)") }
            default: break
            }
        }
        scanNonFinite(document, path: "")

        guard problems.isEmpty, let config, let metric, let concurrency, let scriptPath, let runAt, let summary else {
            return (nil, problems)
        }
        let run = BenchmarkRun(config: config, host: host, metric: metric, concurrency: concurrency,
                               samples: samples, summary: summary, scriptPath: scriptPath, runAt: runAt,
                               provenance: provenance, document: document)
        return (run, problems)
    }
}

/// The naming rule for configs and metrics: they form file names `<config>_<metric>_cc<N>.json`.
public enum ConfigName {
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { s in
            s.isASCII && (("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == ".")
        }
    }
}
