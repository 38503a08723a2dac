/// Power of the two-sided Mann–Whitney test by simulation (as scipy.stats.power does): draw both
/// samples from the given samplers `replications` times and count p < α. Seeded and thread-count
/// independent (replication block k uses the stream jumped k times).
public enum MannWhitneyPower {
    public typealias Sampler = @Sendable (inout Xoshiro256StarStar) -> Double

    public static func power(n: Int, alpha: Double = 0.05, replications: Int = 2_000, seed: UInt64 = 1,
                             a: Sampler, b: Sampler) -> Double {
        var rejected = [Int](repeating: 0, count: replications)
        let config = Bootstrap.Configuration(resamples: replications, seed: seed, blockSize: 64)
        rejected.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            Bootstrap.forEachBlock(config) { _, range, rng in
                var g = rng
                var x = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
                for r in range {
                    for i in 0..<n { x[i] = a(&g) }
                    for i in 0..<n { y[i] = b(&g) }
                    let p = (try? MannWhitney.test(x, y))?.p ?? 1
                    out[r] = p < alpha ? 1 : 0
                }
            }
        }
        return Double(rejected.reduce(0, +)) / Double(replications)
    }

    /// The smallest n (per group) whose simulated power reaches `target`, searching n ≤ `limit`
    /// by doubling then bisection; nil when even `limit` falls short.
    public static func requiredN(target: Double, alpha: Double = 0.05, replications: Int = 1_000, seed: UInt64 = 1,
                                 limit: Int = 100_000, a: Sampler, b: Sampler) -> (n: Int, power: Double)? {
        var lo = 2, hi = 4
        var powerHi = power(n: hi, alpha: alpha, replications: replications, seed: seed, a: a, b: b)
        while powerHi < target {
            lo = hi
            hi *= 2
            if hi > limit { return nil }
            powerHi = power(n: hi, alpha: alpha, replications: replications, seed: seed, a: a, b: b)
        }
        while hi - lo > max(1, lo / 50) {
            let mid = (lo + hi) / 2
            let pm = power(n: mid, alpha: alpha, replications: replications, seed: seed, a: a, b: b)
            if pm >= target { hi = mid; powerHi = pm } else { lo = mid }
        }
        return (hi, powerHi)
    }
}
