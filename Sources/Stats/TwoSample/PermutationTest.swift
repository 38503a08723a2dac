import COpenBLAS

/// A two-sample permutation test of T = stat(y) − stat(x) for the mean, the median or any quantile,
/// with scipy.stats.permutation_test's conventions: every split when C(m+n, m) ≤ B (exact), otherwise
/// B random splits with p = (#{T* ≥ T} + 1)/(B + 1) per side (Phipson & Smyth 2010), two-sided
/// p = min(1, 2·min(p_less, p_greater)), ties judged with a 100ε relative tolerance.
///
/// For the mean the random splits can run as a 0/1 label matrix times the pooled data through BLAS
/// (`dgemv` per chunk of splits) or as a plain loop; both draw the same splits from the same seed
/// (block k on the stream jumped k times), so they give the same p.
public enum PermutationTest {
    public enum Kernel: String, Sendable, CaseIterable { case plain, blas }

    public struct Result: Sendable, Equatable {
        public let statistic: Double
        public let p: Double
        public let resamples: Int
        public let exact: Bool
    }

    public static func test(_ x: [Double], _ y: [Double], statistic: Statistic = .mean, alternative: Alternative = .twoSided,
                            resamples: Int = 9_999, seed: UInt64 = 1, kernel: Kernel = .plain, threads: Int = Bootstrap.defaultThreadCount) -> Result {
        let m = x.count, n = y.count
        let pooled = x + y
        let total = CompensatedSum.sum(pooled)
        func value(_ group: [Double]) -> Double { statistic.estimate(sorted: group.sorted()) }
        let observed: Double
        if case .mean = statistic {
            observed = (total - CompensatedSum.sum(x)) / Double(n) - CompensatedSum.sum(x) / Double(m)
        } else {
            observed = value(y) - value(x)
        }
        let combinations = binomial(m + n, m)
        var nulls: [Double]
        let exact = combinations <= Double(resamples)
        if exact {
            nulls = enumerateSplits(m: m, n: n) { xIndices in
                if case .mean = statistic {
                    var sx = 0.0
                    for i in xIndices { sx += pooled[i] }
                    return (total - sx) / Double(n) - sx / Double(m)
                }
                var inX = [Bool](repeating: false, count: m + n)
                for i in xIndices { inX[i] = true }
                let gx = pooled.indices.filter { inX[$0] }.map { pooled[$0] }
                let gy = pooled.indices.filter { !inX[$0] }.map { pooled[$0] }
                return value(gy) - value(gx)
            }
        } else {
            nulls = randomNull(pooled: pooled, m: m, statistic: statistic, total: total, resamples: resamples,
                               seed: seed, kernel: kernel, threads: threads)
        }
        let gamma = abs(100 * Double.ulpOfOne * observed)
        var lessCount = 0, greaterCount = 0
        for t in nulls {
            if t <= observed + gamma { lessCount += 1 }
            if t >= observed - gamma { greaterCount += 1 }
        }
        let adjustment = exact ? 0.0 : 1.0
        let denominator = Double(nulls.count) + adjustment
        let pLess = (Double(lessCount) + adjustment) / denominator
        let pGreater = (Double(greaterCount) + adjustment) / denominator
        let p: Double
        switch alternative {
        case .less: p = pLess
        case .greater: p = pGreater
        case .twoSided: p = min(1, 2 * min(pLess, pGreater))
        }
        return Result(statistic: observed, p: p, resamples: nulls.count, exact: exact)
    }

    static func binomial(_ n: Int, _ k: Int) -> Double {
        var r = 1.0
        for i in 0..<min(k, n - k) { r = r * Double(n - i) / Double(i + 1) }
        return r.rounded()
    }

    /// Every choice of m of the m+n pooled positions as the x group (lexicographic order).
    static func enumerateSplits(m: Int, n: Int, _ body: ([Int]) -> Double) -> [Double] {
        var out: [Double] = []
        var combo = Array(0..<m)
        let N = m + n
        while true {
            out.append(body(combo))
            var i = m - 1
            while i >= 0 && combo[i] == N - m + i { i -= 1 }
            if i < 0 { break }
            combo[i] += 1
            for j in (i + 1)..<m { combo[j] = combo[j - 1] + 1 }
        }
        return out
    }

    /// B random splits: the first m positions of a partial Fisher–Yates shuffle form the x group.
    static func randomNull(pooled: [Double], m: Int, statistic: Statistic, total: Double, resamples: Int,
                           seed: UInt64, kernel: Kernel, threads: Int) -> [Double] {
        let N = pooled.count, n = N - m
        var out = [Double](repeating: 0, count: resamples)
        let config = Bootstrap.Configuration(resamples: resamples, seed: seed, threads: threads)
        let isMean: Bool = { if case .mean = statistic { return true }; return false }()
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let result = buffer
            Bootstrap.forEachBlock(config) { _, range, rng in
                var g = rng
                // Positions, for the kernels that need them (the plain mean kernel permutes the values themselves).
                var perm = isMean && kernel == .plain ? [] : (0..<N).map { Int32($0) }
                func nextSplit() {
                    for i in 0..<m {
                        let j = i + g.bounded(N - i)
                        perm.swapAt(i, j)
                    }
                }
                if isMean && kernel == .blas {
                    let chunk = max(1, min(range.count, (1 << 17) / N))
                    var labels = [Double](repeating: 0, count: chunk * N)
                    var sums = [Double](repeating: 0, count: chunk)
                    var start = range.lowerBound
                    while start < range.upperBound {
                        let rows = min(chunk, range.upperBound - start)
                        for i in labels.indices { labels[i] = 0 }
                        for r in 0..<rows {
                            nextSplit()
                            for i in 0..<m { labels[r * N + Int(perm[i])] = 1 }
                        }
                        labels.withUnsafeBufferPointer { l in
                            pooled.withUnsafeBufferPointer { x in
                                sums.withUnsafeMutableBufferPointer { s in
                                    BLASLibrary.symbols.dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(N), 1, l.baseAddress, Int32(N),
                                                x.baseAddress, 1, 0, s.baseAddress, 1)
                                }
                            }
                        }
                        for r in 0..<rows {
                            let sx = sums[r]
                            result[start + r] = (total - sx) / Double(n) - sx / Double(m)
                        }
                        start += rows
                    }
                } else if isMean {
                    // The x-group sum is accumulated while the split is drawn, and the shuffle moves the values
                    // themselves (values[i] = pooled[perm[i]] at every step, so the splits are the label kernel's):
                    // one random access per draw instead of a position swap plus a gather. The summation order
                    // differs from the label-matrix product's; the p-value's 100ε tolerance absorbs that rounding,
                    // so both kernels give the same p.
                    var values = pooled
                    values.withUnsafeMutableBufferPointer { v in
                        for b in range {
                            var s0 = 0.0, s1 = 0.0
                            var i = 0
                            while i + 1 < m {
                                let j0 = i + g.bounded(N - i)
                                let a0 = v[j0]; v[j0] = v[i]; v[i] = a0
                                s0 += a0
                                let j1 = i + 1 + g.bounded(N - i - 1)
                                let a1 = v[j1]; v[j1] = v[i + 1]; v[i + 1] = a1
                                s1 += a1
                                i += 2
                            }
                            if i < m {
                                let j0 = i + g.bounded(N - i)
                                let a0 = v[j0]; v[j0] = v[i]; v[i] = a0
                                s0 += a0
                            }
                            let sx = s0 + s1
                            result[b] = (total - sx) / Double(n) - sx / Double(m)
                        }
                    }
                } else {
                    for b in range {
                        nextSplit()
                        var inX = [Bool](repeating: false, count: N)
                        for i in 0..<m { inX[Int(perm[i])] = true }
                        var gx: [Double] = [], gy: [Double] = []
                        gx.reserveCapacity(m); gy.reserveCapacity(n)
                        for i in 0..<N { if inX[i] { gx.append(pooled[i]) } else { gy.append(pooled[i]) } }
                        result[b] = statistic.estimate(sorted: gy.sorted()) - statistic.estimate(sorted: gx.sorted())
                    }
                }
            }
        }
        return out
    }
}
