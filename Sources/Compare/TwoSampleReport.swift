import Claims
import Stats

/// `audit test A B`: every two-sample test and effect size for two samples, with Holm's adjustment
/// across the report's tests (the family is stated). Orientation: effects are B relative to A
/// (shift = B − A, ratio = B / A); "greater" means A tends to be larger.
public struct TwoSampleReport: Sendable {
    public struct ShiftPoint: Sendable { public let decile: Double; public let difference: Double; public let low: Double?; public let high: Double? }

    public let a: String
    public let b: String
    public let nA: Int
    public let nB: Int
    public let mannWhitney: Result<MannWhitney.Result, MannWhitney.Failure>
    public let ks: KolmogorovSmirnov.Result
    public let brunnerMunzel: Result<BrunnerMunzel.Result, BrunnerMunzel.Failure>
    public let permutation: PermutationTest.Result
    public let hodgesLehmann: HodgesLehmann.Result?
    public let ratioOfMedians: (ratio: Double, low: Double?, high: Double?)
    public let cliffsDelta: CliffsDelta.Result
    public let shiftFunction: [ShiftPoint]
    public let holm: [(test: String, p: Double, adjusted: Double)]
    public let seed: UInt64
    public let resamples: Int

    public init(a: String, sampleA: Sample, b: String, sampleB: Sample, seed: UInt64, resamples: Int = 9_999, level: Double = 0.95) {
        self.a = a
        self.b = b
        nA = sampleA.count
        nB = sampleB.count
        self.seed = seed
        self.resamples = resamples
        let x = sampleA.values, y = sampleB.values
        mannWhitney = Result { () throws(MannWhitney.Failure) in try MannWhitney.test(x, y) }
        ks = KolmogorovSmirnov.test(x, y)
        brunnerMunzel = Result { () throws(BrunnerMunzel.Failure) in try BrunnerMunzel.test(x, y) }
        permutation = PermutationTest.test(x, y, statistic: .mean, resamples: resamples, seed: seed,
                                           kernel: nA + nB >= 2_000 ? .blas : .plain)
        hodgesLehmann = HodgesLehmann.estimate(x, y, level: level)
        cliffsDelta = CliffsDelta.estimate(x, y, level: level)
        // Ratio of medians: independent percentile bootstrap of each median (seeds s and s+1).
        let bootB = 2_000
        let median = Statistic.quantile(p: 0.5, definition: .hf7)
        let ma = Bootstrap.replicates(of: median, sample: sampleA, configuration: .init(resamples: bootB, seed: seed))
        let mb = Bootstrap.replicates(of: median, sample: sampleB, configuration: .init(resamples: bootB, seed: seed &+ 1))
        let ratios = zip(ma, mb).map { $1 / $0 }.sorted()
        let estimate = median.estimate(sorted: sampleB.sorted) / median.estimate(sorted: sampleA.sorted)
        let alpha = (1 - level) / 2
        let finite = ratios.allSatisfy(\.isFinite)
        ratioOfMedians = (estimate, finite ? QuantileDefinition.hf7.quantile(sorted: ratios, p: alpha) : nil,
                          finite ? QuantileDefinition.hf7.quantile(sorted: ratios, p: 1 - alpha) : nil)
        // Shift function (Doksum 1974; Wilcox 1995): Harrell–Davis deciles, B − A, percentile bootstrap per decile.
        let deciles = (1...9).map { Statistic.harrellDavis(p: Double($0) / 10) }
        let allA = Bootstrap.replicates(ofAll: deciles, sample: sampleA, configuration: .init(resamples: bootB, seed: seed &+ 2))
        let allB = Bootstrap.replicates(ofAll: deciles, sample: sampleB, configuration: .init(resamples: bootB, seed: seed &+ 3))
        shiftFunction = (1...9).map { k -> ShiftPoint in
            let p = Double(k) / 10
            let hd = deciles[k - 1]
            let ra = allA[k - 1], rb = allB[k - 1]
            let d = zip(ra, rb).map { $1 - $0 }.sorted()
            return ShiftPoint(decile: p, difference: hd.estimate(sorted: sampleB.sorted) - hd.estimate(sorted: sampleA.sorted),
                              low: QuantileDefinition.hf7.quantile(sorted: d, p: alpha), high: QuantileDefinition.hf7.quantile(sorted: d, p: 1 - alpha))
        }
        var family: [(String, Double)] = []
        if case .success(let r) = mannWhitney { family.append(("mannWhitney", r.p)) }
        family.append(("ks", ks.p))
        if case .success(let r) = brunnerMunzel { family.append(("brunnerMunzel", r.p)) }
        family.append(("permutation", permutation.p))
        let adjusted = Holm.adjust(family.map(\.1))
        holm = zip(family, adjusted).map { ($0.0, $0.1, $1) }
    }

    public func json() -> JSONValue {
        let mw: JSONValue
        switch mannWhitney {
        case .success(let r): mw = .object([("u", .number(r.u)), ("p", .number(r.p)), ("method", .string(r.method.rawValue))])
        case .failure(let e): mw = .object([("u", .null), ("p", .null), ("method", .null), ("reason", .string(e.description))])
        }
        let bm: JSONValue
        switch brunnerMunzel {
        case .success(let r): bm = .object([("w", .number(r.w)), ("p", .number(r.p)), ("df", .number(r.degreesOfFreedom))])
        case .failure(let e): bm = .object([("w", .null), ("p", .null), ("reason", .string(e.description))])
        }
        return .object([
            ("a", .object([("source", .string(a)), ("n", .integer(nA))])),
            ("b", .object([("source", .string(b)), ("n", .integer(nB))])),
            ("orientation", .string("effects are b relative to a (shift = b − a, ratio = b / a); two-sided tests")),
            ("mannWhitney", mw),
            ("ks", .object([("d", .number(ks.d)), ("p", .number(ks.p)), ("method", .string(ks.method.rawValue))])),
            ("brunnerMunzel", bm),
            ("permutation", .object([("statistic", .number(permutation.statistic)), ("p", .number(permutation.p)),
                                     ("resamples", .integer(permutation.resamples)), ("exact", .bool(permutation.exact))])),
            ("hodgesLehmann", .object([("shift", .optionalNumber(hodgesLehmann?.shift)), ("low", .optionalNumber(hodgesLehmann?.low)),
                                       ("high", .optionalNumber(hodgesLehmann?.high))])),
            ("ratioOfMedians", .object([("ratio", .optionalNumber(ratioOfMedians.ratio)), ("low", .optionalNumber(ratioOfMedians.low)),
                                        ("high", .optionalNumber(ratioOfMedians.high))])),
            ("cliffsDelta", .object([("delta", .number(cliffsDelta.delta)), ("low", .optionalNumber(cliffsDelta.low)),
                                     ("high", .optionalNumber(cliffsDelta.high)),
                                     ("probabilityOfSuperiority", .number(cliffsDelta.probabilityOfSuperiority))])),
            ("shiftFunction", .array(shiftFunction.map { .object([("decile", .number($0.decile)), ("difference", .number($0.difference)),
                                                                  ("low", .optionalNumber($0.low)), ("high", .optionalNumber($0.high))]) })),
            ("holm", .object([("family", .array(holm.map { .string($0.test) })),
                              ("adjusted", .object(holm.map { ($0.test, JSONValue.number($0.adjusted)) }))])),
            ("generatedBy", .object([("version", .string(CompareReport.version)), ("seed", .number(Double(seed), literal: String(seed)))])),
        ])
    }

    public func table() -> String {
        func p(_ v: Double) -> String { Format.pValue(v) }
        var rows: [[String]] = [["test", "statistic", "p", "Holm-adjusted p"]]
        let adjusted = Dictionary(holm.map { ($0.test, $0.adjusted) }, uniquingKeysWith: { a, _ in a })
        switch mannWhitney {
        case .success(let r): rows.append(["Mann–Whitney (\(r.method.rawValue))", "U = \(Format.number(r.u))", p(r.p), adjusted["mannWhitney"].map(p) ?? "—"])
        case .failure(let e): rows.append(["Mann–Whitney", e.description, "—", "—"])
        }
        rows.append(["Kolmogorov–Smirnov (\(ks.method.rawValue))", "D = \(Format.number(ks.d, significant: 4))", p(ks.p), adjusted["ks"].map(p) ?? "—"])
        switch brunnerMunzel {
        case .success(let r): rows.append(["Brunner–Munzel", "W = \(Format.number(r.w, significant: 4))", p(r.p), adjusted["brunnerMunzel"].map(p) ?? "—"])
        case .failure(let e): rows.append(["Brunner–Munzel", e.description, "—", "—"])
        }
        rows.append(["permutation (mean, \(permutation.exact ? "exact" : "\(permutation.resamples) splits"))", "Δ = \(Format.number(permutation.statistic))", p(permutation.p), adjusted["permutation"].map(p) ?? "—"])
        var out = ["\(a) (n = \(nA)) vs \(b) (n = \(nB)); effects are b relative to a"] + TextTable.render(rows, rightAlignedFrom: 2)
        out.append("Holm family: " + holm.map(\.test).joined(separator: ", "))
        func ci(_ lo: Double?, _ hi: Double?) -> String { "[\(lo.map { Format.number($0) } ?? "−∞"), \(hi.map { Format.number($0) } ?? "+∞")]" }
        if let hl = hodgesLehmann { out.append("Hodges–Lehmann shift \(Format.number(hl.shift)) \(ci(hl.low, hl.high))") }
        out.append("ratio of medians \(Format.number(ratioOfMedians.ratio, significant: 4)) \(ci(ratioOfMedians.low, ratioOfMedians.high))")
        out.append("Cliff's δ \(Format.number(cliffsDelta.delta, significant: 3)) \(ci(cliffsDelta.low, cliffsDelta.high)); P(b > a) + ½P(=) = \(Format.number(cliffsDelta.probabilityOfSuperiority, significant: 3))")
        out.append("shift function (Harrell–Davis deciles, b − a, 95% percentile bootstrap):")
        for s in shiftFunction { out.append("  q\(Int(s.decile * 10))0  \(Format.number(s.difference))  \(ci(s.low, s.high))") }
        return out.joined(separator: "\n")
    }
}
