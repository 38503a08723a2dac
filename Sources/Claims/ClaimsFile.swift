import Stats

/// `data/claims.json`: vendors, their published latency claims, and the relations between claims
/// (DESIGN.md §3; JSON Schema in `schemas/claims.schema.json`). Every figure carries its statistic,
/// concurrency, n (disclosed or inferred, with the basis), percentile rule, phase matrix, disclosures
/// and citations. Inference is labelled as inference in the file itself.
public struct ClaimsFile: Sendable {
    public let vendors: [Vendor]
    public let document: JSONValue

    public func vendor(_ id: String) -> Vendor? { vendors.first { $0.id == id } }

    /// Parses and validates; every structural problem is returned (exit 65 on any).
    public static func decode(_ bytes: [UInt8], file: String) throws(AuditError) -> ClaimsFile {
        let document: JSONValue
        do { document = try JSONParser.parse(bytes) } catch {
            throw AuditError(.malformedInput, file: file, path: "\(error.line):\(error.column)", error.message)
        }
        let (claims, problems) = decode(document)
        if let first = problems.first { throw AuditError(.malformedInput, file: file, path: first.path, first.message) }
        return claims
    }

    public static func load(_ path: String) throws(AuditError) -> ClaimsFile {
        try decode(try FileBytes.read(path), file: path)
    }

    public static func decode(_ document: JSONValue) -> (ClaimsFile, [(path: String, message: String)]) {
        let r = JSONFieldReader(document)
        if let version = r.integer("schemaVersion"), version != 1 {
            r.problems.add("schemaVersion", "unsupported version \(version) (this audit reads 1)")
        }
        let vendors = r.array("vendors").map(Vendor.decode)
        var seen = Set<String>()
        for (i, v) in vendors.enumerated() where !seen.insert(v.id).inserted {
            r.problems.add("vendors[\(i)].id", "duplicate vendor id \"\(v.id)\"")
        }
        return (ClaimsFile(vendors: vendors, document: document), r.problems.items)
    }
}

public struct Vendor: Sendable {
    public let id: String
    public let name: String
    public let product: String
    public let claims: [VendorClaim]
    public let relations: [ClaimRelation]

    public func claim(_ id: String) -> VendorClaim? { claims.first { $0.id.lowercased() == id.lowercased() } }

    static func decode(_ r: JSONFieldReader) -> Vendor {
        let claims = r.array("claims").map(VendorClaim.decode)
        let relations = r.array("relations", required: false).map(ClaimRelation.decode)
        let ids = Set(claims.map(\.id))
        for (i, rel) in relations.enumerated() {
            for c in rel.claims where !ids.contains(c) {
                r.problems.add("\(r.path).relations[\(i)].claims", "names claim \"\(c)\", which this vendor does not have")
            }
        }
        return Vendor(id: r.string("id") ?? "", name: r.string("name") ?? "", product: r.string("product", required: false) ?? "",
                      claims: claims, relations: relations)
    }
}

/// The statistic a vendor's words imply.
public enum ClaimStatistic: String, Sendable, CaseIterable {
    case mean, p50, p95, p99, max, min
    case upperBound = "upper-bound"
    case range, approx, ratio, rate, unspecified

    /// The quantile probability for percentile statistics.
    public var probability: Double? {
        switch self {
        case .p50: 0.5
        case .p95: 0.95
        case .p99: 0.99
        default: nil
        }
    }
}

public struct Figure: Sendable, Equatable {
    public let value: Double?
    public let low: Double?
    public let high: Double?
    public let unit: String
    public let statistic: ClaimStatistic
    public let concurrency: Int?
    public let concurrencyBasis: String?

    public init(value: Double?, low: Double?, high: Double?, unit: String, statistic: ClaimStatistic,
                concurrency: Int?, concurrencyBasis: String?) {
        self.value = value
        self.low = low
        self.high = high
        self.unit = unit
        self.statistic = statistic
        self.concurrency = concurrency
        self.concurrencyBasis = concurrencyBasis
    }

    /// The figure in milliseconds when its unit is a time unit.
    public var valueInMilliseconds: Double? { value.flatMap { Figure.milliseconds($0, unit: unit) } }

    public static func milliseconds(_ v: Double, unit: String) -> Double? {
        switch unit.lowercased() {
        case "ms": v
        case "s": v * 1000
        case "us", "µs": v / 1000
        default: nil
        }
    }
}

public struct SampleSizeRecord: Sendable, Equatable {
    public let value: Int?
    public let disclosed: Bool
    public let basis: String?
}

public struct PercentileRule: Sendable, Equatable {
    /// nearestRank, summarizePy, hf1…hf9, unknown or n/a.
    public let rule: String
    public let disclosed: Bool
    public let basis: String?
}

public struct Disclosure: Sendable, Equatable {
    public let item: String
    public let disclosed: Bool
    public let detail: String?
}

public struct VendorClaim: Sendable {
    public let id: String
    public let kind: String?
    public let text: String
    public let figure: Figure
    public let metric: String
    public let n: SampleSizeRecord
    public let percentileDefinition: PercentileRule
    public let boundary: Boundary?
    public let disclosures: [Disclosure]
    public let citations: [Citation]
    public let inferences: [String]
    public let record: JSONValue

    static func decode(_ r: JSONFieldReader) -> VendorClaim {
        let f = r.member("figure")
        let statistic = f?.enumeration("statistic", as: ClaimStatistic.self) ?? .unspecified
        let figure = Figure(value: f?.number("value", required: false), low: f?.number("low", required: false),
                            high: f?.number("high", required: false), unit: f?.string("unit", required: false) ?? "",
                            statistic: statistic, concurrency: f?.integer("concurrency", required: false),
                            concurrencyBasis: f?.string("concurrencyBasis", required: false))
        if statistic == .range, figure.low == nil || figure.high == nil {
            r.problems.add("\(r.path).figure", "a range needs low and high")
        }
        let nr = r.member("n")
        let n = SampleSizeRecord(value: nr?.integer("value", required: false), disclosed: nr?.bool("disclosed") ?? false,
                                 basis: nr?.string("basis", required: false))
        if let nr, !n.disclosed, n.value != nil, !(n.basis ?? "").lowercased().hasPrefix("inference") {
            nr.problems.add(nr.childPath("basis"), "an undisclosed n must say it is an inference (\"inference: …\")")
        }
        let pr = r.member("percentileDefinition")
        let rule = PercentileRule(rule: pr?.string("rule") ?? "unknown", disclosed: pr?.bool("disclosed") ?? false,
                                  basis: pr?.string("basis", required: false))
        let boundary = r.member("boundary").flatMap(Boundary.decode)
        let disclosures = r.member("disclosures")?.members().map { key, d in
            Disclosure(item: key, disclosed: d.bool("disclosed") ?? false, detail: d.string("detail", required: false))
        } ?? []
        let citations = r.array("citations").map(Citation.decode)
        if let boundary {
            for (phase, entry) in boundary.phases {
                if let c = entry.citation, c < 0 || c >= citations.count {
                    r.problems.add("\(r.path).boundary.phases.\(phase.rawValue).citation", "index \(c) outside the \(citations.count) citations")
                }
            }
        }
        return VendorClaim(id: r.string("id") ?? "", kind: r.string("kind", required: false), text: r.string("text") ?? "",
                           figure: figure, metric: r.string("metric", required: false) ?? "", n: n,
                           percentileDefinition: rule, boundary: boundary, disclosures: disclosures,
                           citations: citations, inferences: r.strings("inferences", required: false), record: r.value)
    }

    /// The percentile rule as a quantile definition, when it names one.
    public var quantileDefinition: QuantileDefinition? { QuantileDefinition(rawValue: percentileDefinition.rule) }
}

public struct ClaimRelation: Sendable, Equatable {
    public let kind: String
    public let claims: [String]
    public let explanation: String

    static func decode(_ r: JSONFieldReader) -> ClaimRelation {
        ClaimRelation(kind: r.string("kind") ?? "", claims: r.strings("claims"), explanation: r.string("explanation") ?? "")
    }
}
