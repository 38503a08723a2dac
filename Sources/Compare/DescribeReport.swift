import Claims
import Stats

/// What `audit describe` reports about one sample: size, moments, extremes, and p50/p95/p99
/// under every quantile definition, so the spread between definitions is visible at a glance.
/// For a BenchmarkRun it also says whether the stored `summary` matches the samples.
public struct DescribeReport: Sendable {
    public struct QuantileRow: Sendable {
        /// "p50", "p95", "p99".
        public let label: String
        public let p: Double
        /// (definition name, estimate) in a fixed order: hf1…hf9, nearestRank, summarizePy, harrellDavis.
        public let estimates: [(name: String, value: Double)]
    }

    public let source: String
    public let n: Int
    public let mean: Double
    public let standardDeviation: Double
    public let minimum: Double
    public let maximum: Double
    public let quantiles: [QuantileRow]
    /// The run's identity and stored-summary check, when the input was a BenchmarkRun.
    public let run: BenchmarkRun?
    public let summaryMismatches: [SummaryCheck.Mismatch]?

    public static let levels: [(label: String, p: Double)] = [("p50", 0.50), ("p95", 0.95), ("p99", 0.99)]

    public init(input: SampleInput) {
        let sample = input.sample
        source = input.source
        n = sample.count
        mean = sample.mean
        standardDeviation = sample.standardDeviation
        minimum = sample.minimum
        maximum = sample.maximum
        quantiles = Self.levels.map { level in
            QuantileRow(label: level.label, p: level.p, estimates: QuantileDefinition.allCases.map {
                ($0.rawValue, $0.quantile(sorted: sample.sorted, p: level.p))
            } + [("harrellDavis", HarrellDavis.quantile(sorted: sample.sorted, p: level.p))])
        }
        run = input.run
        summaryMismatches = input.run.map { SummaryCheck.mismatches(stored: $0.summary, sample: sample) }
    }

    // MARK: - Renderers

    public func json() -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("source", .string(source)),
            ("n", .integer(n)),
            ("mean", .number(mean)),
            ("sd", .number(standardDeviation)),
            ("min", .number(minimum)),
            ("max", .number(maximum)),
            ("quantiles", .object(quantiles.map { row in
                (row.label, .object(row.estimates.map { ($0.name, JSONValue.number($0.value)) }))
            })),
        ]
        if let run, let summaryMismatches {
            members.append(("run", .object([
                ("config", .string(run.config)),
                ("metric", .string(run.metric)),
                ("concurrency", .integer(run.concurrency)),
            ])))
            members.append(("storedSummary", .object([
                ("rule", .string(QuantileDefinition.summarizePy.rawValue)),
                ("matches", .bool(summaryMismatches.isEmpty)),
                ("mismatches", .array(summaryMismatches.map { m in
                    .object([("field", .string(m.field)), ("stored", .number(m.stored)), ("recomputed", .number(m.recomputed))])
                })),
            ])))
        }
        return .object(members)
    }

    public func table() -> String {
        var lines: [String] = []
        if let run {
            lines.append("\(source)  (\(run.config) · \(run.metric) · cc\(run.concurrency))")
        } else {
            lines.append(source)
        }
        lines.append("n \(n)   mean \(Format.number(mean))   sd \(Format.number(standardDeviation))   min \(Format.number(minimum))   max \(Format.number(maximum))")
        lines.append("")
        let names = quantiles.first?.estimates.map(\.name) ?? []
        var rows: [[String]] = [["definition"] + quantiles.map(\.label)]
        for (i, name) in names.enumerated() {
            rows.append([name] + quantiles.map { Format.number($0.estimates[i].value) })
        }
        lines.append(contentsOf: TextTable.render(rows, rightAlignedFrom: 1))
        if let summaryMismatches {
            lines.append("")
            if summaryMismatches.isEmpty {
                lines.append("stored summary: matches the samples (summarizePy rule, n = \(n))")
            } else {
                lines.append("stored summary: DOES NOT match the samples")
                lines.append(contentsOf: summaryMismatches.map { "  \($0)" })
            }
        }
        return lines.joined(separator: "\n")
    }
}
