/// Burst structure of a run at concurrency c: the rig starts c sandboxes together and writes their
/// samples in file order, so consecutive groups of c share a cause (a batch). This type measures how
/// much they do: the intraclass correlation from a one-way ANOVA over batches (Shrout & Fleiss 1979,
/// ICC(1)), with the F test of "no batch effect" — unbalanced when n is not a multiple of c.
public struct BatchStructure: Sendable, Equatable {
    public let batchSize: Int
    /// Index ranges of the batches in file order (the last may be shorter).
    public let batches: [Range<Int>]
    /// ICC(1) = (MSB − MSW)/(MSB + (n₀ − 1)·MSW); negative values mean no positive correlation.
    public let intraclassCorrelation: Double
    public let f: Double
    public let degreesOfFreedom: (between: Double, within: Double)
    /// P(F ≥ f) under no batch effect.
    public let p: Double
    /// Kish's design effect 1 + (n₀ − 1)·max(0, ICC): how many correlated samples are worth one independent one.
    public let designEffect: Double

    public static func == (a: BatchStructure, b: BatchStructure) -> Bool {
        a.batchSize == b.batchSize && a.batches == b.batches && a.intraclassCorrelation == b.intraclassCorrelation && a.p == b.p
    }

    /// nil when there are fewer than two batches or no within-batch replication.
    public init?(values unscaled: [Double], batchSize c: Int) {
        let n = unscaled.count
        guard c >= 2, n >= 2 * c else { return nil }
        // The mean squares of values near the top of the double range overflow (∞ − ∞ = NaN). The ICC, F and
        // p are ratios of mean squares, so the values are first scaled by a power of two (exact) to bring
        // the largest magnitude near 1 — only when it lies outside 2^±256, so ordinary data are untouched.
        let largest = unscaled.reduce(0) { Swift.max($0, abs($1)) }
        let values: [Double]
        if largest.isFinite, largest > 0, largest.exponent > 256 || largest.exponent < -256 {
            let factor = Double(sign: .plus, exponent: -largest.exponent, significand: 1)
            values = unscaled.map { $0 * factor }
        } else {
            values = unscaled
        }
        batchSize = c
        batches = stride(from: 0, to: n, by: c).map { $0..<min(n, $0 + c) }
        let g = Double(batches.count), N = Double(n)
        let grand = CompensatedSum.sum(values) / N
        var ssb = CompensatedSum(), ssw = CompensatedSum()
        var sumSquares = 0.0
        for r in batches {
            let k = Double(r.count)
            sumSquares += k * k
            let mean = CompensatedSum.sum(values[r]) / k
            ssb.add(k * (mean - grand) * (mean - grand))
            for i in r { ssw.add((values[i] - mean) * (values[i] - mean)) }
        }
        let dfb = g - 1, dfw = N - g
        guard dfb > 0, dfw > 0 else { return nil }
        let msb = ssb.value / dfb, msw = ssw.value / dfw
        let n0 = (N - sumSquares / N) / dfb
        degreesOfFreedom = (dfb, dfw)
        if msw == 0 {
            f = msb > 0 ? .infinity : 0
            intraclassCorrelation = msb > 0 ? 1 : 0
            p = msb > 0 ? 0 : 1
        } else {
            f = msb / msw
            intraclassCorrelation = (msb - msw) / (msb + (n0 - 1) * msw)
            // P(F ≥ f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2).
            let x = dfw / (dfw + dfb * f)
            p = IncompleteBeta.regularized(x: x, y: dfb * f / (dfw + dfb * f), a: dfw / 2, b: dfb / 2).lower
        }
        designEffect = 1 + (n0 - 1) * max(0, intraclassCorrelation)
    }

    /// Whether a batch-aware method should be used: the F test rejects independence at 5%.
    public var isSignificant: Bool { p < 0.05 }
}

/// The block bootstrap over batches (Künsch 1989, with non-overlapping blocks as in Carlstein 1986):
/// each resample draws whole batches with replacement, so within-batch correlation is kept. Block k of
/// resamples uses the seeded stream jumped k times, as ``Bootstrap`` does.
public enum BatchBootstrap {
    public static func replicates(of statistic: Statistic, sample: Sample, structure: BatchStructure,
                                  configuration: Bootstrap.Configuration) -> [Double] {
        let values = sample.values
        let n = values.count
        // Rank of each original position in the sorted sample (stable for ties).
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Int](repeating: 0, count: n)
        for (rank, index) in order.enumerated() { ranks[index] = rank }
        let rankOf = ranks
        let batches = structure.batches
        let g = batches.count
        let sorted = sample.sorted
        let isMean: Bool = { if case .mean = statistic { return true }; return false }()
        var out = [Double](repeating: 0, count: configuration.resamples)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let result = buffer
            Bootstrap.forEachBlock(configuration) { _, range, rng in
                var gen = rng
                var counts = [Int32](repeating: 0, count: n)
                var weightsBySize: [Int: RankWeights] = [:]
                for b in range {
                    var total = 0
                    if isMean {
                        var s = 0.0
                        for _ in 0..<g {
                            let r = batches[gen.bounded(g)]
                            for i in r { s += values[i] }
                            total += r.count
                        }
                        result[b] = s / Double(total)
                        continue
                    }
                    for i in counts.indices { counts[i] = 0 }
                    for _ in 0..<g {
                        let r = batches[gen.bounded(g)]
                        for i in r { counts[rankOf[i]] &+= 1 }
                        total += r.count
                    }
                    let w: RankWeights
                    if let cached = weightsBySize[total] { w = cached } else {
                        w = statistic.rankWeights(n: total)
                        weightsBySize[total] = w
                    }
                    result[b] = counts.withUnsafeBufferPointer { c in sorted.withUnsafeBufferPointer { x in w.apply(counts: c, sorted: x) } }
                }
            }
        }
        return out
    }

    /// Delete-one-batch jackknife values (for the BCa acceleration under batch resampling).
    public static func jackknife(of statistic: Statistic, sample: Sample, structure: BatchStructure) -> [Double] {
        structure.batches.map { r in
            var rest = Array(sample.values[..<r.lowerBound])
            rest += sample.values[r.upperBound...]
            return statistic.estimate(sorted: rest.sorted())
        }
    }
}
