import Claims
import Stats

/// The result of `audit ci` for one sample, rendered as a table or as the JSON of DESIGN.md §3:
/// `{statistic, method, level, n, estimate, low, high, resamples, seed, quantileDefinition, notes[]}`.
public struct IntervalReport: Sendable {
    public let source: String
    public let statisticName: String
    public let request: IntervalRequest
    public let n: Int
    public let estimate: Double
    public let outcome: Result<IntervalEstimator.Result, IntervalUnavailable>
    public var computeSeconds: Double?

    public init(source: String, statisticName: String, request: IntervalRequest, sample: Sample) {
        self.source = source
        self.statisticName = statisticName
        self.request = request
        self.n = sample.count
        do {
            let result = try IntervalEstimator.estimate(request, sample: sample)
            outcome = .success(result)
            estimate = result.interval.estimate
        } catch {
            outcome = .failure(error)
            estimate = request.statistic.estimate(sorted: sample.sorted)
        }
    }

    var quantileDefinition: String? {
        switch request.statistic {
        case .quantile(_, let d): d.rawValue
        case .harrellDavis: "harrellDavis"
        default: nil
        }
    }

    public func json() -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("source", .string(source)),
            ("statistic", .string(statisticName)),
        ]
        switch outcome {
        case .success(let r):
            let ci = r.interval
            members += [
                ("method", .string(r.used.rawValue)),
                ("methodRequested", .string(r.requested.rawValue)),
                ("level", .number(request.level)),
                ("n", .integer(n)),
                ("estimate", .number(ci.estimate)),
                ("low", .optionalNumber(ci.low)),
                ("high", .optionalNumber(ci.high)),
                ("resamples", r.resamples.map { .integer($0) } ?? .null),
                ("seed", r.resamples == nil ? .null : .number(Double(request.seed), literal: String(request.seed))),
                ("quantileDefinition", quantileDefinition.map { .string($0) } ?? .null),
                ("achievedLevel", .optionalNumber(ci.achievedLevel)),
                ("resampling", .string(r.resampling)),
                ("intraBatchCorrelation", .optionalNumber(r.batch?.intraclassCorrelation)),
                ("notes", .array(ci.notes.map { .string($0) })),
            ]
        case .failure(let e):
            members += [
                ("method", .string(e.method.rawValue)),
                ("methodRequested", .string(request.method.rawValue)),
                ("level", .number(request.level)),
                ("n", .integer(n)),
                ("estimate", .number(estimate)),
                ("low", .null),
                ("high", .null),
                ("resamples", .null),
                ("seed", .null),
                ("quantileDefinition", quantileDefinition.map { .string($0) } ?? .null),
                ("achievedLevel", .null),
                ("resampling", .null),
                ("intraBatchCorrelation", .null),
                ("notes", .array([.string("no interval: \(e.reason)")])),
            ]
        }
        if let computeSeconds { members.append(("computeSeconds", .number(computeSeconds))) }
        return .object(members)
    }

    public func table() -> String {
        var lines = ["\(source)  n = \(n)"]
        switch outcome {
        case .success(let r):
            let ci = r.interval
            let pct = Format.number(request.level * 100)
            let low = ci.low.map { Format.number($0) } ?? "−∞ (unbounded)"
            let high = ci.high.map { Format.number($0) } ?? "+∞ (unbounded)"
            lines.append("\(statisticName) = \(Format.number(ci.estimate))   \(pct)% CI [\(low), \(high)]   method \(r.used.rawValue)\(r.requested == .auto ? " (auto)" : "")")
            if let resamples = r.resamples { lines.append("resamples \(resamples), seed \(request.seed)") }
            if let achieved = ci.achievedLevel { lines.append("guaranteed coverage ≥ \(Format.number(achieved * 100, significant: 4))%") }
            lines += ci.notes.map { "note: \($0)" }
        case .failure(let e):
            lines.append("\(statisticName): no \(e.method.rawValue) interval: \(e.reason)")
        }
        return lines.joined(separator: "\n")
    }
}

