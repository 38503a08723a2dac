/// The nonparametric bootstrap (Efron 1979; Efron & Tibshirani 1993, ch. 6): B resamples of size n
/// drawn with replacement, each summarised by a ``Statistic``.
///
/// Reproducibility: resamples are generated in blocks of ``Configuration/blockSize``; block k draws
/// from the seeded xoshiro256** stream jumped k times (and, for n ≥ 4,096, from chunk streams derived
/// from seed, block and chunk: ``ResampleDraws``), so the replicates depend only on
/// (seed, B, n, blockSize) — never on the number of threads. Memory is O(B + threads·n) (plus each block's
/// chunk counts, blockSize·n/4,096 integers): no B×n matrix.
///
/// Kernels: the mean sums the drawn values chunk by chunk (each 32 KiB chunk of the sorted sample stays
/// in L1 while a whole block's draws land in it); every other statistic turns the n drawn indices into
/// counts over the sorted sample and reads the L-statistic off the counts in O(n). Both take their
/// indices from ``ResampleDraws``, so the same seed gives the same resamples whichever kernel runs.
public enum Bootstrap {
    public struct Configuration: Sendable {
        public var resamples: Int
        public var seed: UInt64
        public var threads: Int
        public var blockSize: Int
        /// log₂ of the chunk size of ``ResampleDraws`` (1…12): part of the stream definition, so changing
        /// it changes the resamples. Tests use small chunks to reach the multinomial split at small n.
        var chunkBits = ResampleDraws.defaultChunkBits
        /// Called from worker threads after each block with (resamples done, total); must be thread-safe.
        public var progress: (@Sendable (Int, Int) -> Void)?

        public init(resamples: Int, seed: UInt64, threads: Int = Bootstrap.defaultThreadCount, blockSize: Int = 256,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) {
            precondition(resamples > 0 && threads > 0 && blockSize > 0)
            self.resamples = resamples
            self.seed = seed
            self.threads = threads
            self.blockSize = blockSize
            self.progress = progress
        }

        var blockCount: Int { (resamples + blockSize - 1) / blockSize }

        /// The indices of block `block` (its resamples `range`), drawn from its stream `stream`.
        func draws(n: Int, block: Int, range: Range<Int>, stream: Xoshiro256StarStar) -> ResampleDraws {
            ResampleDraws(n: n, chunkBits: chunkBits, seed: seed, block: block, blockStream: stream, resamples: range.count)
        }
    }

    /// The number of cores the process may use.
    public static var defaultThreadCount: Int { max(1, ProcessInfoLite.activeProcessorCount) }

    /// How replicates are produced.
    public enum Kernel: String, Sendable {
        /// The fastest exact method for the statistic (below).
        case automatic
        /// Resample indices and read the statistic off counts over the sorted sample (every statistic).
        case counts
    }

    /// B bootstrap replicates of `statistic`, in resample order.
    ///
    /// With the automatic kernel a quantile under a named definition is drawn directly from its exact
    /// bootstrap distribution (``ExactBootstrap``) by inverse-CDF sampling — the same distribution as
    /// resampling n indices, at O(log n) per replicate instead of O(n) (Schultzberg & Ankargren 2022,
    /// "Resampling-free bootstrap inference for quantiles"). Other statistics resample.
    public static func replicates(of statistic: Statistic, sample: Sample, configuration: Configuration,
                                  kernel: Kernel = .automatic) -> [Double] {
        if kernel == .automatic, case .quantile(let p, let definition) = statistic {
            return fromExactDistribution(ExactBootstrap.quantile(sample, p: p, definition: definition), configuration: configuration)
        }
        let n = sample.count
        var out = [Double](repeating: 0, count: configuration.resamples)
        if case .mean = statistic {
            // Indices address the sorted sample in every kernel, so a seed means the same resamples.
            let data = sample.sorted
            out.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let result = buffer
                forEachBlock(configuration) { block, range, rng in
                    var draws = configuration.draws(n: n, block: block, range: range, stream: rng)
                    var sums = [Double](repeating: 0, count: range.count)
                    data.withUnsafeBufferPointer { x in
                        let values = x.baseAddress!
                        // Chunk-major: chunk c (32 KiB) stays in L1 while every resample of the block draws from it.
                        for c in 0..<draws.chunks {
                            for b in 0..<range.count { sums[b] += draws.sum(resample: b, chunk: c, of: values) }
                        }
                        for b in 0..<range.count {
                            result[range.lowerBound + b] = (sums[b] + draws.tailSum(resample: b, of: values)) / Double(n)
                        }
                    }
                }
            }
            return out
        }
        return replicates(ofAll: [statistic], sample: sample, configuration: configuration)[0]
    }

    /// Replicates of several statistics from the same resamples (one counts pass per resample, each
    /// statistic read off it): the Harrell–Davis deciles of a shift function cost one resampling, not nine.
    public static func replicates(ofAll statistics: [Statistic], sample: Sample, configuration: Configuration) -> [[Double]] {
        let n = sample.count
        let weights = statistics.map { $0.rankWeights(n: n) }
        let k = statistics.count
        var out = [Double](repeating: 0, count: configuration.resamples * k)
        let sorted = sample.sorted
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let result = buffer
            forEachBlock(configuration) { block, range, rng in
                var draws = configuration.draws(n: n, block: block, range: range, stream: rng)
                var counts = [Int32](repeating: 0, count: n)
                sorted.withUnsafeBufferPointer { x in
                    counts.withUnsafeMutableBufferPointer { c in
                        for b in range {
                            draws.fillCounts(resample: b - range.lowerBound, into: c)
                            for (j, w) in weights.enumerated() { result[b * k + j] = w.apply(counts: UnsafeBufferPointer(c), sorted: x) }
                        }
                    }
                }
            }
        }
        return (0..<k).map { j in (0..<configuration.resamples).map { out[$0 * k + j] } }
    }

    /// The floor of any resampling bootstrap: drawing the B·n indices of ``ResampleDraws`` (the
    /// multinomial chunk counts, then every index) with the same block streams and threads, and
    /// nothing else (the indices are summed, not used). Returns the elapsed seconds; the speed harness reports it.
    public static func drawingFloor(n: Int, configuration: Configuration) -> Double {
        var sink = [Int](repeating: 0, count: configuration.blockCount)
        let start = ContinuousClock.now
        sink.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            forEachBlock(configuration) { block, range, rng in
                var draws = configuration.draws(n: n, block: block, range: range, stream: rng)
                var s = 0
                for c in 0..<draws.chunks {
                    for b in 0..<range.count { draws.forEachIndex(resample: b, chunk: c) { s &+= $0 } }
                }
                for b in 0..<range.count { draws.forEachTailIndex(resample: b) { s &+= $0 } }
                out[block] = s
            }
        }
        let elapsed = (ContinuousClock.now - start).inSeconds
        precondition(sink.count >= 0)
        return elapsed
    }

    /// B draws from a discrete distribution by inverse CDF (one uniform per replicate, block streams as above).
    static func fromExactDistribution(_ d: ExactBootstrapDistribution, configuration: Configuration) -> [Double] {
        var out = [Double](repeating: 0, count: configuration.resamples)
        let cdf = d.cdf, support = d.support
        let total = cdf.last ?? 1
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let result = buffer
            forEachBlock(configuration) { _, range, rng in
                var g = rng
                for b in range {
                    let u = g.nextUnitDouble() * total
                    // Smallest i with cdf[i] > u.
                    var lo = 0, hi = cdf.count - 1
                    while lo < hi { let mid = (lo + hi) / 2; if cdf[mid] > u { hi = mid } else { lo = mid + 1 } }
                    result[b] = support[lo]
                }
            }
        }
        return out
    }

    /// Replicates of `statistic` with a standard error for each resample, for the bootstrap-t.
    /// The mean uses s*/√n (equal to its jackknife SE); other statistics a jackknife SE on the resample,
    /// √((n−1)/n · Σ(θ₍ᵢ₎ − θ̄)²), computed in O(n) from the resample's sorted expansion.
    public static func studentizedReplicates(of statistic: Statistic, sample: Sample,
                                             configuration: Configuration) -> (replicates: [Double], standardErrors: [Double]) {
        let n = sample.count
        precondition(n >= 2, "the bootstrap-t needs n ≥ 2")
        var theta = [Double](repeating: 0, count: configuration.resamples)
        var se = [Double](repeating: 0, count: configuration.resamples)
        if case .mean = statistic {
            // Centre the data so the one-pass variance does not cancel.
            let centre = sample.mean
            let data = Matrix(rows: n, columns: 2, elements: sample.sorted.flatMap { [$0 - centre, ($0 - centre) * ($0 - centre)] })
            let means = LinearBootstrap.columnMeans(of: data, configuration: configuration, kernel: .gather)
            for b in 0..<configuration.resamples {
                let m = means[b, 0], m2 = means[b, 1]
                theta[b] = centre + m
                let variance = max(0, (m2 - m * m) * Double(n) / Double(n - 1))
                se[b] = (variance / Double(n)).squareRoot()
            }
            return (theta, se)
        }
        let weights = statistic.rankWeights(n: n)
        let sorted = sample.sorted
        theta.withUnsafeMutableBufferPointer { tb in
            se.withUnsafeMutableBufferPointer { sb in
                nonisolated(unsafe) let tOut = tb
                nonisolated(unsafe) let sOut = sb
                forEachBlock(configuration) { block, range, rng in
                    var draws = configuration.draws(n: n, block: block, range: range, stream: rng)
                    var counts = [Int32](repeating: 0, count: n)
                    var expanded = [Double](repeating: 0, count: n)
                    for b in range {
                        counts.withUnsafeMutableBufferPointer { c in
                            draws.fillCounts(resample: b - range.lowerBound, into: c)
                        }
                        var k = 0
                        for i in 0..<n { for _ in 0..<Int(counts[i]) { expanded[k] = sorted[i]; k += 1 } }
                        tOut[b] = weights.apply(sorted: expanded)
                        sOut[b] = jackknifeStandardError(statistic.jackknife(sorted: expanded))
                    }
                }
            }
        }
        return (theta, se)
    }

    /// √((n−1)/n · Σ(θ₍ᵢ₎ − θ̄)²) (Efron & Tibshirani 1993, eq. 11.5).
    public static func jackknifeStandardError(_ values: [Double]) -> Double {
        let n = Double(values.count)
        let mean = CompensatedSum.sum(values) / n
        var ss = CompensatedSum()
        for v in values { ss.add((v - mean) * (v - mean)) }
        return ((n - 1) / n * ss.value).squareRoot()
    }

    /// Runs `body(block, resampleRange, generator)` for every block, striped over the threads.
    /// Block k's generator is the seeded stream jumped k times.
    static func forEachBlock(_ configuration: Configuration,
                             _ body: @Sendable (Int, Range<Int>, Xoshiro256StarStar) -> Void) {
        let blocks = configuration.blockCount
        let streams = Xoshiro256StarStar.streams(seed: configuration.seed, count: blocks)
        let threads = min(configuration.threads, blocks)
        let progress = configuration.progress
        withoutActuallyEscaping(body) { body in
            let work: @Sendable (Int) -> Void = { worker in
                var k = worker
                while k < blocks {
                    let lo = k * configuration.blockSize
                    let hi = min(configuration.resamples, lo + configuration.blockSize)
                    body(k, lo..<hi, streams[k])
                    progress?(hi - lo, configuration.resamples)
                    k += threads
                }
            }
            Parallel.run(threads, work)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
