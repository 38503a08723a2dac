import Claims
import Stats

/// `audit test A B`: every two-sample test and effect size for two samples, with Holm's adjustment
/// across the report's tests (the family is stated). Orientation: effects are B relative to A
/// (shift = B − A, ratio = B / A); "greater" means A tends to be larger.
public struct TwoSampleReport: Sendable {
    public struct ShiftPoint: Sendable { public let decile: Double; public let difference: Double; public let low: Double?; public let high: Double? }

    /// The parts a report can hold; ``init`` computes the ones asked for (all by default).
    public enum Part: String, CaseIterable, Sendable {
        case mannWhitney = "mwu", ks, brunnerMunzel = "bm", permutation, hodgesLehmann = "hl"
        case ratioOfMedians = "ratio", cliffsDelta = "cliff", shiftFunction = "shift"

        /// Parses a comma-separated list such as `mwu,permutation`; the error names the unknown entry and the valid ones.
        public static func parseList(_ text: String) -> Result<Set<Part>, ListError> {
            var parts = Set<Part>()
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                let name = String(item).trimmingCharacters()
                guard let part = Part(rawValue: name) else { return .failure(ListError(unknown: name)) }
                parts.insert(part)
            }
            return .success(parts)
        }

        public struct ListError: Error, CustomStringConvertible {
            public let unknown: String
            public var description: String {
                "unknown part \"\(unknown)\" (choose from \(Part.allCases.map(\.rawValue).joined(separator: ", ")))"
            }
        }
    }

    public let a: String
    public let b: String
    public let nA: Int
    public let nB: Int
    /// nil when not asked for (see ``Part``).
    public let mannWhitney: Result<MannWhitney.Result, MannWhitney.Failure>?
    public let ks: KolmogorovSmirnov.Result?
    public let brunnerMunzel: Result<BrunnerMunzel.Result, BrunnerMunzel.Failure>?
    public let permutation: PermutationTest.Result?
    /// nil when not asked for or not computable (see ``HodgesLehmann``).
    public let hodgesLehmann: HodgesLehmann.Result?
    public let ratioOfMedians: (ratio: Double, low: Double?, high: Double?)?
    public let cliffsDelta: CliffsDelta.Result?
    public let shiftFunction: [ShiftPoint]?
    /// Holm's adjustment across the tests computed (a family of up to four).
    public let holm: [(test: String, p: Double, adjusted: Double)]
    public let parts: Set<Part>
    public let seed: UInt64
    public let resamples: Int

    public init(a: String, sampleA: Sample, b: String, sampleB: Sample, seed: UInt64, resamples: Int = 9_999, level: Double = 0.95,
                parts: Set<Part> = Set(Part.allCases)) {
        self.a = a
        self.b = b
        nA = sampleA.count
        nB = sampleB.count
        self.seed = seed
        self.resamples = resamples
        self.parts = parts
        let x = sampleA.values, y = sampleB.values
        // The sorted views serve the ratio of medians and the shift function, and then Mann–Whitney's merge;
        // alone, Mann–Whitney ranks latencies without sorting (GridRankSum).
        let sorts = !parts.isDisjoint(with: [.ratioOfMedians, .shiftFunction])
        if sorts { Sample.sortConcurrently([sampleA, sampleB]) }
        mannWhitney = parts.contains(.mannWhitney) ? Result { () throws(MannWhitney.Failure) in
            sorts ? try MannWhitney.test(sortedX: sampleA.sorted, sortedY: sampleB.sorted) : try MannWhitney.test(x, y)
        } : nil
        ks = parts.contains(.ks) ? KolmogorovSmirnov.test(x, y) : nil
        brunnerMunzel = parts.contains(.brunnerMunzel) ? Result { () throws(BrunnerMunzel.Failure) in try BrunnerMunzel.test(x, y) } : nil
        permutation = parts.contains(.permutation)
            ? PermutationTest.test(x, y, statistic: .mean, resamples: resamples, seed: seed, kernel: .plain)
            : nil
        hodgesLehmann = parts.contains(.hodgesLehmann) ? HodgesLehmann.estimate(x, y, level: level) : nil
        cliffsDelta = parts.contains(.cliffsDelta) ? CliffsDelta.estimate(x, y, level: level) : nil
        let bootB = 2_000
        if parts.contains(.ratioOfMedians) {
            // Ratio of medians: independent percentile bootstrap of each median (seeds s and s+1).
            let median = Statistic.quantile(p: 0.5, definition: .hf7)
            let ma = Bootstrap.replicates(of: median, sample: sampleA, configuration: .init(resamples: bootB, seed: seed))
            let mb = Bootstrap.replicates(of: median, sample: sampleB, configuration: .init(resamples: bootB, seed: seed &+ 1))
            let ratios = zip(ma, mb).map { $1 / $0 }
            let estimate = median.estimate(sorted: sampleB.sorted) / median.estimate(sorted: sampleA.sorted)
            let ends = ratios.allSatisfy(\.isFinite) ? BootstrapIntervals.percentileEnds(replicates: ratios, level: level) : nil
            ratioOfMedians = (estimate, ends?.low, ends?.high)
        } else {
            ratioOfMedians = nil
        }
        // Shift function (Doksum 1974; Wilcox 1995): Harrell–Davis deciles, B − A, percentile bootstrap per decile.
        if parts.contains(.shiftFunction) {
            let deciles = (1...9).map { Statistic.harrellDavis(p: Double($0) / 10) }
            let allA = Bootstrap.replicates(ofAll: deciles, sample: sampleA, configuration: .init(resamples: bootB, seed: seed &+ 2))
            let allB = Bootstrap.replicates(ofAll: deciles, sample: sampleB, configuration: .init(resamples: bootB, seed: seed &+ 3))
            shiftFunction = (1...9).map { k -> ShiftPoint in
                let p = Double(k) / 10
                let hd = deciles[k - 1]
                let ra = allA[k - 1], rb = allB[k - 1]
                let ends = BootstrapIntervals.percentileEnds(replicates: zip(ra, rb).map { $1 - $0 }, level: level)
                return ShiftPoint(decile: p, difference: hd.estimate(sorted: sampleB.sorted) - hd.estimate(sorted: sampleA.sorted),
                                  low: ends.low, high: ends.high)
            }
        } else {
            shiftFunction = nil
        }
        var family: [(String, Double)] = []
        if case .success(let r) = mannWhitney { family.append(("mannWhitney", r.p)) }
        if let ks { family.append(("ks", ks.p)) }
        if case .success(let r) = brunnerMunzel { family.append(("brunnerMunzel", r.p)) }
        if let permutation { family.append(("permutation", permutation.p)) }
        let adjusted = Holm.adjust(family.map(\.1))
        holm = zip(family, adjusted).map { ($0.0, $0.1, $1) }
    }

    public func json() -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("a", .object([("source", .string(a)), ("n", .integer(nA))])),
            ("b", .object([("source", .string(b)), ("n", .integer(nB))])),
            ("orientation", .string("effects are b relative to a (shift = b − a, ratio = b / a); two-sided tests")),
        ]
        switch mannWhitney {
        case .success(let r)?: members.append(("mannWhitney", .object([("u", .number(r.u)), ("p", .number(r.p)), ("method", .string(r.method.rawValue))])))
        case .failure(let e)?: members.append(("mannWhitney", .object([("u", .null), ("p", .null), ("method", .null), ("reason", .string(e.description))])))
        case nil: break
        }
        if let ks { members.append(("ks", .object([("d", .number(ks.d)), ("p", .number(ks.p)), ("method", .string(ks.method.rawValue))]))) }
        switch brunnerMunzel {
        case .success(let r)?: members.append(("brunnerMunzel", .object([("w", .number(r.w)), ("p", .number(r.p)), ("df", .number(r.degreesOfFreedom))])))
        case .failure(let e)?: members.append(("brunnerMunzel", .object([("w", .null), ("p", .null), ("reason", .string(e.description))])))
        case nil: break
        }
        if let permutation {
            members.append(("permutation", .object([("statistic", .number(permutation.statistic)), ("p", .number(permutation.p)),
                                                     ("resamples", .integer(permutation.resamples)), ("exact", .bool(permutation.exact))])))
        }
        if parts.contains(.hodgesLehmann) {
            members.append(("hodgesLehmann", .object([("shift", .optionalNumber(hodgesLehmann?.shift)), ("low", .optionalNumber(hodgesLehmann?.low)),
                                                       ("high", .optionalNumber(hodgesLehmann?.high))])))
        }
        if let r = ratioOfMedians {
            members.append(("ratioOfMedians", .object([("ratio", .optionalNumber(r.ratio)), ("low", .optionalNumber(r.low)), ("high", .optionalNumber(r.high))])))
        }
        if let c = cliffsDelta {
            members.append(("cliffsDelta", .object([("delta", .number(c.delta)), ("low", .optionalNumber(c.low)), ("high", .optionalNumber(c.high)),
                                                    ("probabilityOfSuperiority", .number(c.probabilityOfSuperiority))])))
        }
        if let shiftFunction {
            members.append(("shiftFunction", .array(shiftFunction.map { .object([("decile", .number($0.decile)), ("difference", .number($0.difference)),
                                                                                 ("low", .optionalNumber($0.low)), ("high", .optionalNumber($0.high))]) })))
        }
        members.append(("holm", .object([("family", .array(holm.map { .string($0.test) })),
                                         ("adjusted", .object(holm.map { ($0.test, JSONValue.number($0.adjusted)) }))])))
        members.append(("generatedBy", .object([("version", .string(CompareReport.version)), ("seed", .number(Double(seed), literal: String(seed)))])))
        return .object(members)
    }

    public func table() -> String {
        func p(_ v: Double) -> String { Format.pValue(v) }
        var rows: [[String]] = [["test", "statistic", "p", "Holm-adjusted p"]]
        let adjusted = Dictionary(holm.map { ($0.test, $0.adjusted) }, uniquingKeysWith: { a, _ in a })
        switch mannWhitney {
        case .success(let r)?: rows.append(["Mann–Whitney (\(r.method.rawValue))", "U = \(Format.number(r.u))", p(r.p), adjusted["mannWhitney"].map(p) ?? "—"])
        case .failure(let e)?: rows.append(["Mann–Whitney", e.description, "—", "—"])
        case nil: break
        }
        if let ks { rows.append(["Kolmogorov–Smirnov (\(ks.method.rawValue))", "D = \(Format.number(ks.d, significant: 4))", p(ks.p), adjusted["ks"].map(p) ?? "—"]) }
        switch brunnerMunzel {
        case .success(let r)?: rows.append(["Brunner–Munzel", "W = \(Format.number(r.w, significant: 4))", p(r.p), adjusted["brunnerMunzel"].map(p) ?? "—"])
        case .failure(let e)?: rows.append(["Brunner–Munzel", e.description, "—", "—"])
        case nil: break
        }
        if let permutation {
            rows.append(["permutation (mean, \(permutation.exact ? "exact" : "\(permutation.resamples) splits"))", "Δ = \(Format.number(permutation.statistic))", p(permutation.p), adjusted["permutation"].map(p) ?? "—"])
        }
        var out = ["\(a) (n = \(nA)) vs \(b) (n = \(nB)); effects are b relative to a"]
        if rows.count > 1 {
            out += TextTable.render(rows, rightAlignedFrom: 2)
            out.append("Holm family: " + holm.map(\.test).joined(separator: ", "))
        }
        func ci(_ lo: Double?, _ hi: Double?) -> String { "[\(lo.map { Format.number($0) } ?? "−∞"), \(hi.map { Format.number($0) } ?? "+∞")]" }
        if let hl = hodgesLehmann { out.append("Hodges–Lehmann shift \(Format.number(hl.shift)) \(ci(hl.low, hl.high))") }
        if let r = ratioOfMedians { out.append("ratio of medians \(Format.number(r.ratio, significant: 4)) \(ci(r.low, r.high))") }
        if let c = cliffsDelta {
            out.append("Cliff's δ \(Format.number(c.delta, significant: 3)) \(ci(c.low, c.high)); P(b > a) + ½P(=) = \(Format.number(c.probabilityOfSuperiority, significant: 3))")
        }
        if let shiftFunction {
            out.append("shift function (Harrell–Davis deciles, b − a, 95% percentile bootstrap):")
            for s in shiftFunction { out.append("  q\(Int(s.decile * 10))0  \(Format.number(s.difference))  \(ci(s.low, s.high))") }
        }
        return out.joined(separator: "\n")
    }
}
