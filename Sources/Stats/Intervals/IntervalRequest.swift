/// What `audit ci` asks for: a statistic, a method (or `auto`), a level and the resampling settings.
public struct IntervalRequest: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        case auto, percentile, basic, bca, studentized, normal, exact, order, mj
    }

    public var statistic: Statistic
    public var method: Method
    public var level: Double
    public var resamples: Int
    public var seed: UInt64
    public var threads: Int
    /// How samples are resampled: independent values, or whole batches of a burst (concurrency c).
    public enum Resampling: Sendable, Equatable {
        case iid
        /// Batches of this size, consecutive in file order.
        case batch(size: Int)
        /// Batches when the intra-batch correlation is significant (F test, 5%), else iid.
        case auto(batchSize: Int?)
    }
    public var resampling: Resampling = .iid

    /// Resampling progress (resamples done, total), for a progress line on a terminal.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(statistic: Statistic, method: Method = .auto, level: Double = 0.95, resamples: Int = 10_000,
                seed: UInt64 = 1, threads: Int = Bootstrap.defaultThreadCount, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.progress = progress
        self.statistic = statistic
        self.method = method
        self.level = level
        self.resamples = resamples
        self.seed = seed
        self.threads = threads
    }
}

extension Statistic {
    /// Parses `mean`, `median`, `pNN` / `pNN.N`, `hd:pNN`, `hd:median`, `trim:F` (F in [0, 0.5)).
    /// Quantiles use `definition` (default hf7, the R/NumPy default).
    public static func parse(_ text: String, definition: QuantileDefinition = .hf7) -> Statistic? {
        let t = text.lowercased()
        if t == "mean" { return .mean }
        if t == "median" { return .quantile(p: 0.5, definition: definition) }
        if t.hasPrefix("trim:"), let f = Double(t.dropFirst(5)), f >= 0, f < 0.5 { return .trimmedMean(proportion: f) }
        if t.hasPrefix("hd:") {
            let rest = String(t.dropFirst(3))
            if rest == "median" { return .harrellDavis(p: 0.5) }
            if let p = percentile(rest) { return .harrellDavis(p: p) }
            return nil
        }
        if let p = percentile(t) { return .quantile(p: p, definition: definition) }
        return nil
    }

    private static func percentile(_ t: String) -> Double? {
        guard t.hasPrefix("p"), let v = Double(t.dropFirst()), v > 0, v < 100 else { return nil }
        return v / 100
    }

    /// The statistic names `parse` accepts, for suggestions.
    public static let exampleNames = ["mean", "median", "p50", "p95", "p99", "hd:p95", "trim:0.1"]

    /// The quantile probability, when the statistic is a quantile.
    public var probability: Double? {
        switch self {
        case .quantile(let p, _), .harrellDavis(let p): p
        default: nil
        }
    }
}
