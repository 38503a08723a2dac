import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Stats

/// The chunked index stream (``ResampleDraws``) draws the bootstrap's multinomial resamples exactly,
/// and every kernel that uses it sees the same resamples.
struct ResampleDrawsTests {
    /// n = 6: every resample is one of the C(11, 5) = 462 compositions of 6 into 6 counts, with
    /// probability 6!/(∏cᵢ!)/6⁶. With chunks of 2 (three chunks, no tail) and of 4 (one chunk and a
    /// tail of 2) the observed compositions of 300,000 resamples pass a χ² test against those.
    @Test(arguments: [1, 2])
    func smallResamplesFollowTheMultinomial(chunkBits: Int) {
        let n = 6, blockSize = 256, blocks = 1_200
        var histogram: [Int: Int] = [:]
        var counts = [Int32](repeating: 0, count: n)
        for block in 0..<blocks {
            var draws = ResampleDraws(n: n, chunkBits: chunkBits, seed: 77, block: block,
                                      blockStream: Xoshiro256StarStar(seed: UInt64(1_000 + block)), resamples: blockSize)
            #expect(draws.chunks == n >> chunkBits)
            counts.withUnsafeMutableBufferPointer { c in
                for b in 0..<blockSize {
                    draws.fillCounts(resample: b, into: c)
                    var key = 0
                    for i in 0..<n { key = key * 7 + Int(c[i]) }
                    histogram[key, default: 0] += 1
                }
            }
        }
        let total = Double(blockSize * blocks)
        var chi = 0.0, cells = 0
        // Every composition of 6 into 6 parts.
        func visit(_ i: Int, _ left: Int, _ key: Int, _ logWeight: Double) {
            if i == n - 1 {
                let k = key * 7 + left
                let logP = lgamma(7) - logWeight - lgamma(Double(left + 1)) - 6 * log(6.0)
                let e = total * exp(logP), o = Double(histogram[k] ?? 0)
                chi += (o - e) * (o - e) / e
                cells += 1
                return
            }
            for c in 0...left { visit(i + 1, left - c, key * 7 + c, logWeight + lgamma(Double(c + 1))) }
        }
        visit(0, n, 0, 0)
        #expect(cells == 462)
        #expect(histogram.values.reduce(0, +) == blockSize * blocks)
        #expect(chi < BinomialSamplerTests.chiSquareCritical(df: cells - 1, z: 4), "χ² = \(chi)")
    }

    /// Below one chunk the stream is the plain one: n bounded draws per resample from the block's stream.
    @Test func belowOneChunkItIsThePlainStream() {
        let n = 300
        var draws = ResampleDraws(n: n, chunkBits: 12, seed: 5, block: 3, blockStream: Xoshiro256StarStar(seed: 9), resamples: 4)
        #expect(draws.chunks == 0 && draws.tail == n)
        var g = Xoshiro256StarStar(seed: 9)
        for b in 0..<4 {
            var seen: [Int] = []
            draws.forEachTailIndex(resample: b) { seen.append($0) }
            #expect(seen == (0..<n).map { _ in g.bounded(n) })
        }
    }

    /// Chunk-major and resample-major walks, and the summing kernel, take the same indices.
    @Test(arguments: [(5_000, 12), (8_192, 12), (300, 5), (64, 4), (100, 1), (30, 12), (4_097, 12)])
    func walksAgree(n: Int, chunkBits: Int) {
        let resamples = 37
        func make() -> ResampleDraws {
            ResampleDraws(n: n, chunkBits: chunkBits, seed: 11, block: 2, blockStream: Xoshiro256StarStar(seed: 4), resamples: resamples)
        }
        var byResample = make(), byChunk = make(), summing = make()
        var first = [[Int]](repeating: [], count: resamples), second = first
        for b in 0..<resamples {
            for c in 0..<byResample.chunks { byResample.forEachIndex(resample: b, chunk: c) { first[b].append($0) } }
            byResample.forEachTailIndex(resample: b) { first[b].append($0) }
        }
        for c in 0..<byChunk.chunks { for b in 0..<resamples { byChunk.forEachIndex(resample: b, chunk: c) { second[b].append($0) } } }
        for b in 0..<resamples { byChunk.forEachTailIndex(resample: b) { second[b].append($0) } }
        #expect(first == second)
        for b in 0..<resamples {
            #expect(first[b].count == n)
            #expect(first[b].allSatisfy { $0 >= 0 && $0 < n })
        }
        // Values 2^i for i < 40 sum exactly, so the summing kernel must reproduce the index walk exactly.
        let values = (0..<n).map { Double(1 << ($0 % 40)) }
        values.withUnsafeBufferPointer { x in
            for c in 0..<summing.chunks {
                for b in 0..<resamples {
                    let viaSum = summing.sum(resample: b, chunk: c, of: x.baseAddress!)
                    let lo = c << chunkBits, hi = lo + (1 << chunkBits)
                    let viaIndices = first[b].filter { $0 >= lo && $0 < hi }.reduce(0.0) { $0 + x[$1] }
                    #expect(viaSum == viaIndices)
                }
            }
            for b in 0..<resamples {
                let lo = summing.chunks << chunkBits
                let viaIndices = first[b].filter { $0 >= lo }.reduce(0.0) { $0 + x[$1] }
                #expect(summing.tailSum(resample: b, of: x.baseAddress!) == viaIndices)
            }
        }
    }

    /// Each index's count is Binomial(n, 1/n) and the chunk counts sum to n: over 6,144 resamples of
    /// n = 10,000 (two chunks and a tail) each count's mean is 1 and its variance 1 − 1/n.
    @Test func countsHaveTheMultinomialMoments() {
        let n = 10_000, blockSize = 256, blocks = 24
        var sum = [Double](repeating: 0, count: n), sumSquares = sum
        var counts = [Int32](repeating: 0, count: n)
        for block in 0..<blocks {
            var draws = ResampleDraws(n: n, chunkBits: 12, seed: 3, block: block,
                                      blockStream: Xoshiro256StarStar(seed: UInt64(block)), resamples: blockSize)
            counts.withUnsafeMutableBufferPointer { c in
                for b in 0..<blockSize {
                    draws.fillCounts(resample: b, into: c)
                    for i in 0..<n { let v = Double(c[i]); sum[i] += v; sumSquares[i] += v * v }
                }
            }
        }
        let r = Double(blockSize * blocks)
        // Pooled over a region inside the first chunk, the second, and the tail.
        for region in [0..<4096, 4096..<8192, 8192..<n] {
            var m = 0.0, v = 0.0
            for i in region { m += sum[i] / r; v += sumSquares[i] / r - (sum[i] / r) * (sum[i] / r) }
            m /= Double(region.count); v /= Double(region.count)
            // SE of a pooled mean of counts ≈ √(1/(r·|region|)); of the variance about √(2/(r·|region|)).
            #expect(abs(m - 1) < 5 * (1 / (r * Double(region.count))).squareRoot())
            #expect(abs(v - (1 - 1 / Double(n))) < 5 * (3 / (r * Double(region.count))).squareRoot())
        }
    }
}
