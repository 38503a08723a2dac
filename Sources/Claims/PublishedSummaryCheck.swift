import Stats

/// Compares a source's own published summary (kept verbatim in `provenance.publishedSummary`) with
/// the samples, and explains a mismatch when a known rule reproduces it. computesdk's `computeStats`
/// drops ⌊5%·n⌋ samples at each end before taking nearest-rank percentiles, so its "p99" is about the
/// 94.5th percentile of the raw data (research/real-data.md §2.1): a caveat for anyone quoting it.
public enum PublishedSummaryCheck {
    public struct Note: Sendable, Equatable, CustomStringConvertible {
        public let path: String
        public let published: Double
        public let untrimmed: Double
        /// The value under the 5%-trimmed nearest-rank rule, when it reproduces the published figure.
        public let trimmedMatch: Double?
        public var description: String {
            var s = "\(path): \(JSONWriter.numberText(published)) published; nearest-rank over all samples gives \(JSONWriter.numberText(untrimmed))"
            if let trimmedMatch {
                s += "; it matches the samples only after trimming 5% at each end (trimmed value \(JSONWriter.numberText(trimmedMatch))), so it is not the percentile of the raw data"
            } else if published != untrimmed {
                s += "; no known rule reproduces it"
            }
            return s
        }
    }

    static let percentileKeys: [String: Double] = ["median": 0.5, "p50": 0.5, "p95": 0.95, "p99": 0.99]

    /// Notes for every published percentile that differs from the untrimmed nearest-rank value.
    public static func notes(run: BenchmarkRun) -> [Note] {
        guard let published = run.provenance?["publishedSummary"], let sample = try? Sample(run.samples) else { return [] }
        var out: [Note] = []
        func visit(_ value: JSONValue, path: String) {
            guard case .object(let members) = value else { return }
            for (key, v) in members {
                let childPath = path + "." + key
                if case .number(let figure, _) = v, let p = percentileKeys[key] {
                    let untrimmed = key == "median" || key == "p50"
                        ? QuantileDefinition.hf7.quantile(sorted: sample.sorted, p: 0.5)
                        : QuantileDefinition.nearestRank.quantile(sorted: sample.sorted, p: p)
                    let trimmed = trimmedValue(sample.sorted, key: key, p: p)
                    let close = { (a: Double, b: Double) in abs(a - b) <= 0.005 + 1e-9 }
                    if close(figure, untrimmed) { continue }
                    out.append(Note(path: childPath, published: figure, untrimmed: untrimmed,
                                    trimmedMatch: close(figure, trimmed) ? trimmed : nil))
                } else {
                    visit(v, path: childPath)
                }
            }
        }
        visit(published, path: "provenance.publishedSummary")
        return out
    }

    /// computesdk's rule: drop ⌊0.05·n⌋ at each end; median = middle (mean of the middle two);
    /// percentiles nearest-rank ceil(p·m) − 1 on the m kept values.
    public static func trimmedValue(_ sorted: [Double], key: String, p: Double) -> Double {
        let n = sorted.count
        let k = Int(Double(n) * 0.05)
        let kept = (k > 0 && n - 2 * k > 0) ? Array(sorted[k..<(n - k)]) : sorted
        if key == "median" || key == "p50" {
            let m = kept.count / 2
            return kept.count % 2 == 0 ? (kept[m - 1] + kept[m]) / 2 : kept[m]
        }
        return QuantileDefinition.nearestRank.quantile(sorted: kept, p: p)
    }
}
