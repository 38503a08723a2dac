import Claims
import CommandLineParsing
import Stats

/// Turns option strings into library values, with errors that suggest the right spelling (exit 64).
struct UsageValidation {
    func level(_ level: Double) throws(UsageError) {
        guard level > 0, level < 1 else { throw UsageError("--level must be between 0 and 1 exclusive (e.g. 0.95), got \(level)") }
    }

    func resamples(_ b: Int) throws(UsageError) {
        guard b >= 100, b <= 100_000_000 else {
            throw UsageError("--resamples must be between 100 and 100,000,000, got \(b)")
        }
    }

    func threads(_ t: Int) throws(UsageError) {
        guard t >= 1, t <= 1024 else { throw UsageError("--threads must be between 1 and 1024, got \(t)") }
    }

    func definition(_ name: String) throws(UsageError) -> QuantileDefinition {
        if let d = QuantileDefinition(rawValue: name) { return d }
        if let d = QuantileDefinition.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) { return d }
        throw UsageError("unknown quantile definition '\(name)'\(Suggestion.didYouMean(name, among: QuantileDefinition.allCases.map(\.rawValue)))")
    }

    func statistic(_ name: String, definition: QuantileDefinition) throws(UsageError) -> Statistic {
        if let s = Statistic.parse(name, definition: definition) { return s }
        throw UsageError("unknown statistic '\(name)'\(Suggestion.didYouMean(name, among: Statistic.exampleNames)) (use mean, median, pNN, hd:pNN or trim:F)")
    }

    func method(_ name: String) throws(UsageError) -> IntervalRequest.Method {
        if let m = IntervalRequest.Method(rawValue: name.lowercased()) { return m }
        throw UsageError("unknown method '\(name)'\(Suggestion.didYouMean(name, among: IntervalRequest.Method.allCases.map(\.rawValue)))")
    }
}
