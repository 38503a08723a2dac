import Stats

/// Recomputes a BenchmarkRun's stored `summary` from its samples with the writer's rule
/// (summarize.py: `sorted[min(n−1, floor(n·p/100))]`, `statistics.mean`) and lists every field that differs.
public enum SummaryCheck {
    public struct Mismatch: Sendable, Equatable, CustomStringConvertible {
        public let field: String
        public let stored: Double
        public let recomputed: Double
        public var description: String {
            "summary.\(field): \(JSONWriter.numberText(stored)) stored, \(JSONWriter.numberText(recomputed)) recomputed from samples with the writer's rule (summarizePy)"
        }
    }

    /// Relative tolerance for the mean (summation order differs between writers); order statistics must match exactly.
    public static let meanRelativeTolerance = 1e-9

    public static func recompute(_ sample: Sample) -> BenchmarkRun.Summary {
        let rule = QuantileDefinition.summarizePy
        return .init(mean: sample.mean,
                     p50: rule.quantile(sorted: sample.sorted, p: 0.50),
                     p95: rule.quantile(sorted: sample.sorted, p: 0.95),
                     p99: rule.quantile(sorted: sample.sorted, p: 0.99),
                     min: sample.minimum, max: sample.maximum, n: sample.count)
    }

    public static func mismatches(stored: BenchmarkRun.Summary, sample: Sample) -> [Mismatch] {
        let fresh = recompute(sample)
        var out: [Mismatch] = []
        if fresh.n != stored.n { out.append(.init(field: "n", stored: Double(stored.n), recomputed: Double(fresh.n))) }
        let scale = max(abs(fresh.mean), abs(stored.mean), .leastNormalMagnitude)
        if abs(fresh.mean - stored.mean) > meanRelativeTolerance * scale {
            out.append(.init(field: "mean", stored: stored.mean, recomputed: fresh.mean))
        }
        for (field, s, f) in [("p50", stored.p50, fresh.p50), ("p95", stored.p95, fresh.p95), ("p99", stored.p99, fresh.p99),
                              ("min", stored.min, fresh.min), ("max", stored.max, fresh.max)] where s != f {
            out.append(.init(field: field, stored: s, recomputed: f))
        }
        return out
    }
}
