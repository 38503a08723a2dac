import Claims
import Stats

/// `audit plan`: iterations needed per concurrency level, from a pilot run.
public struct PlanReport: Sendable {
    public let source: String
    public let pilotN: Int
    public let relativeHalfWidth: Double
    public let precision: [SampleSizePlanner.Precision]
    public let boundedTails: [(statistic: String, oneSided: Int, twoSided: Int)]
    public let shift: Double
    public let power: Double
    public let shiftN: (n: Int, power: Double)?
    public let seed: UInt64

    public init(source: String, pilot: Sample, statistics: [String], relativeHalfWidth: Double, shift: Double, power: Double,
                alpha: Double = 0.05, seed: UInt64 = 1, replications: Int = 1_000) {
        self.source = source
        pilotN = pilot.count
        self.relativeHalfWidth = relativeHalfWidth
        self.shift = shift
        self.power = power
        self.seed = seed
        precision = statistics.compactMap { name in
            if name == "mean" { return SampleSizePlanner.forMean(pilot: pilot, relativeHalfWidth: relativeHalfWidth) }
            guard let p = Statistic.parse(name)?.probability else { return nil }
            return SampleSizePlanner.forQuantile(pilot: pilot, p: p, relativeHalfWidth: relativeHalfWidth)
        }
        boundedTails = [0.5, 0.95, 0.99].map { p in
            ("p\(Statistic.percentText(p))", OrderStatisticInterval.minimumN(p: p, level: 0.95, bound: .upper),
             OrderStatisticInterval.minimumN(p: p, level: 0.95, bound: .twoSided))
        }
        let values = pilot.values
        let factor = 1 + shift
        shiftN = MannWhitneyPower.requiredN(target: power, alpha: alpha, replications: replications, seed: seed,
                                            a: { g in values[g.bounded(values.count)] },
                                            b: { g in values[g.bounded(values.count)] * factor })
    }

    public func json() -> JSONValue {
        .object([
            ("source", .string(source)), ("pilotN", .integer(pilotN)),
            ("targetRelativeHalfWidth", .number(relativeHalfWidth)),
            ("precision", .array(precision.map { .object([("statistic", .string($0.statistic)), ("n", $0.n.map { .integer($0) } ?? .null),
                                                          ("lowerBound", .bool($0.extrapolated)), ("note", .string($0.note))]) })),
            ("boundedTwoSided95", .array(boundedTails.map { .object([("statistic", .string($0.statistic)), ("oneSidedN", .integer($0.oneSided)),
                                                                      ("twoSidedN", .integer($0.twoSided))]) })),
            ("detectShift", .object([("shift", .number(shift)), ("power", .number(power)), ("test", .string("Mann–Whitney, two-sided, α = 0.05")),
                                     ("nPerGroup", shiftN.map { .integer($0.n) } ?? .null), ("simulatedPower", .optionalNumber(shiftN?.power)),
                                     ("seed", .number(Double(seed), literal: String(seed)))])),
        ])
    }

    public func table() -> String {
        var out = ["pilot \(source): n = \(pilotN)"]
        out.append("for a 95% interval within ±\(Format.number(relativeHalfWidth * 100))% of the estimate:")
        for p in precision {
            out.append("  \(p.statistic): \(p.n.map { "n ≥ \($0)" } ?? "not reachable")\(p.extrapolated ? " (lower bound)" : "") — \(p.note)")
        }
        out.append("for any bounded distribution-free 95% interval:")
        for t in boundedTails { out.append("  \(t.statistic): n ≥ \(t.twoSided) two-sided (\(t.oneSided) for an upper bound only)") }
        if let s = shiftN {
            out.append("to detect a \(Format.number(shift * 100))% shift with Mann–Whitney (α = 0.05, two-sided) at power \(Format.number(power)): n ≥ \(s.n) per group (simulated power \(Format.number(s.power, significant: 3)), seed \(seed))")
        } else {
            out.append("a \(Format.number(shift * 100))% shift is not detectable at power \(Format.number(power)) below n = 100000 per group")
        }
        return out.joined(separator: "\n")
    }
}
