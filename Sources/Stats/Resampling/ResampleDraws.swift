/// The random indices of one block of bootstrap resamples: the stream definition every kernel shares.
///
/// A resample is n independent uniform indices into the sorted sample. So that the draws stay in a core's
/// L1 cache, the sample is cut into q = ⌊n / 2ᵏ⌋ chunks of 2ᵏ values (k = ``Bootstrap/Configuration``
/// `chunkBits`, 12 by default: 32 KiB of doubles) and a tail of r = n mod 2ᵏ values. For a block:
///
/// 1. If q ≥ 1, the block's stream draws, resample by resample, how many of its n draws land in each
///    chunk: a multinomial by sequential conditional binomials (``BinomialSampler``), chunk c taking
///    Binomial(left, 2ᵏ / (n − c·2ᵏ)); the tail takes the rest.
/// 2. Chunk c's draws, resample after resample, come from its own two xoshiro256** streams (seeded by
///    SplitMix64 from seed, block and c). Each pair of words gives ten k-bit fields, five per word from
///    the lowest bits up, the first stream's word first; a resample's unused fields in its last pair are
///    dropped. Two streams, because one xoshiro step depends on the last: interleaving two doubles the
///    rate (0.45 → 0.34 ns per index on this machine's reference core).
/// 3. The tail's draws, resample after resample, come from the block's stream after step 1, by Lemire's
///    bounded draw.
///
/// Drawing n indices this way is the same distribution as n independent uniform indices: the chunk
/// counts are the multinomial counts of those indices, and given them each index is uniform within its
/// chunk (2ᵏ values: k random bits, no rejection). With q = 0 (n < 2ᵏ) it is exactly the plain stream
/// — n bounded draws per resample from the block's stream. Each resample's use of each stream depends
/// only on its own counts, so a kernel may walk chunk by chunk (the mean: a chunk stays in L1 while the
/// whole block's draws land in it) or resample by resample (counts over the sorted sample) and see the
/// same resamples.
struct ResampleDraws {
    static let defaultChunkBits = 12

    let chunkBits: Int
    /// Full chunks q, each of 2^chunkBits values, and the tail r after them.
    let chunks: Int
    let tail: Int
    /// counts[b · chunks + c]: how many draws of resample b land in chunk c.
    private var counts: [Int32]
    private var tailCounts: [Int32]
    private var firstStreams: [Xoshiro256StarStar]
    private var secondStreams: [Xoshiro256StarStar]
    private var tailStream: Xoshiro256StarStar

    init(n: Int, chunkBits: Int, seed: UInt64, block: Int, blockStream: Xoshiro256StarStar, resamples: Int) {
        precondition(n > 0 && n <= Int(Int32.max) && (1...12).contains(chunkBits) && resamples >= 0)
        self.chunkBits = chunkBits
        let size = 1 << chunkBits
        chunks = n >> chunkBits
        tail = n - chunks * size
        var g = blockStream
        counts = [Int32](repeating: 0, count: resamples * chunks)
        tailCounts = [Int32](repeating: Int32(n), count: resamples)
        firstStreams = []
        secondStreams = []
        if chunks > 0 {
            // Cell c's share of what is left: 2^k of the n − c·2^k values not yet assigned.
            for b in 0..<resamples {
                var left = n
                for c in 0..<chunks {
                    let remaining = n - c * size
                    let k = (c == chunks - 1 && tail == 0)
                        ? left
                        : BinomialSampler(trials: left, probability: Double(size) / Double(remaining)).draw(&g)
                    counts[b * chunks + c] = Int32(k)
                    left -= k
                }
                tailCounts[b] = Int32(left)
            }
            firstStreams.reserveCapacity(chunks)
            secondStreams.reserveCapacity(chunks)
            for c in 0..<chunks {
                var words = SplitMix64(state: seed ^ SplitMix64.mix(UInt64(block) << 32 | UInt64(c)))
                firstStreams.append(Xoshiro256StarStar(state: (words.next(), words.next(), words.next(), words.next())))
                secondStreams.append(Xoshiro256StarStar(state: (words.next(), words.next(), words.next(), words.next())))
            }
        }
        tailStream = g
    }

    /// Draws of resample b in chunk c.
    @inline(__always)
    func count(resample b: Int, chunk c: Int) -> Int { Int(counts[b * chunks + c]) }

    /// Draws of resample b in the tail.
    @inline(__always)
    func tailCount(resample b: Int) -> Int { Int(tailCounts[b]) }

    /// Calls `body` with each index (into the whole sample) that resample b draws in chunk c, in order.
    /// Call for a chunk's resamples in increasing b.
    @inline(__always)
    mutating func forEachIndex(resample b: Int, chunk c: Int, _ body: (Int) -> Void) {
        // The default width as a literal, so that the shifts below are constants.
        if chunkBits == Self.defaultChunkBits {
            forEachIndex(resample: b, chunk: c, bits: UInt64(Self.defaultChunkBits), body)
        } else {
            forEachIndex(resample: b, chunk: c, bits: UInt64(chunkBits), body)
        }
    }

    @inline(__always)
    private mutating func forEachIndex(resample b: Int, chunk c: Int, bits: UInt64, _ body: (Int) -> Void) {
        var left = count(resample: b, chunk: c)
        if left == 0 { return }
        let mask = (UInt64(1) &<< bits) &- 1
        let base = c << chunkBits
        var g = firstStreams[c], h = secondStreams[c]
        while left >= 10 {
            let w = g.next(), v = h.next()
            body(base + Int(w & mask))
            body(base + Int((w &>> bits) & mask))
            body(base + Int((w &>> (2 &* bits)) & mask))
            body(base + Int((w &>> (3 &* bits)) & mask))
            body(base + Int((w &>> (4 &* bits)) & mask))
            body(base + Int(v & mask))
            body(base + Int((v &>> bits) & mask))
            body(base + Int((v &>> (2 &* bits)) & mask))
            body(base + Int((v &>> (3 &* bits)) & mask))
            body(base + Int((v &>> (4 &* bits)) & mask))
            left -= 10
        }
        if left > 0 {
            let w = g.next(), v = h.next()
            for j in 0..<left {
                let word = j < 5 ? w : v
                body(base + Int((word &>> (UInt64(j % 5) &* bits)) & mask))
            }
        }
        firstStreams[c] = g
        secondStreams[c] = h
    }

    /// The sum of the values resample b draws in chunk c (`values` is the whole sorted sample): the
    /// same draws as ``forEachIndex(resample:chunk:_:)``, summed into ten accumulators.
    @inline(__always)
    mutating func sum(resample b: Int, chunk c: Int, of values: UnsafePointer<Double>) -> Double {
        chunkBits == Self.defaultChunkBits
            ? sum(resample: b, chunk: c, of: values, bits: UInt64(Self.defaultChunkBits))
            : sum(resample: b, chunk: c, of: values, bits: UInt64(chunkBits))
    }

    @inline(__always)
    private mutating func sum(resample b: Int, chunk c: Int, of values: UnsafePointer<Double>, bits: UInt64) -> Double {
        var left = count(resample: b, chunk: c)
        if left == 0 { return 0 }
        let mask = (UInt64(1) &<< bits) &- 1
        let x = values + (c << chunkBits)
        var g = firstStreams[c], h = secondStreams[c]
        var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0, a4 = 0.0
        var b0 = 0.0, b1 = 0.0, b2 = 0.0, b3 = 0.0, b4 = 0.0
        while left >= 10 {
            let w = g.next(), v = h.next()
            a0 += x[Int(w & mask)]
            a1 += x[Int((w &>> bits) & mask)]
            a2 += x[Int((w &>> (2 &* bits)) & mask)]
            a3 += x[Int((w &>> (3 &* bits)) & mask)]
            a4 += x[Int((w &>> (4 &* bits)) & mask)]
            b0 += x[Int(v & mask)]
            b1 += x[Int((v &>> bits) & mask)]
            b2 += x[Int((v &>> (2 &* bits)) & mask)]
            b3 += x[Int((v &>> (3 &* bits)) & mask)]
            b4 += x[Int((v &>> (4 &* bits)) & mask)]
            left -= 10
        }
        if left > 0 {
            let w = g.next(), v = h.next()
            for j in 0..<left {
                let word = j < 5 ? w : v
                a0 += x[Int((word &>> (UInt64(j % 5) &* bits)) & mask)]
            }
        }
        firstStreams[c] = g
        secondStreams[c] = h
        return ((a0 + a1) + (a2 + a3)) + ((a4 + b0) + (b1 + b2)) + (b3 + b4)
    }

    /// Calls `body` with every index resample b draws, chunk by chunk and then the tail. Call in
    /// increasing b (resample by resample).
    @inline(__always)
    mutating func forEachIndex(resample b: Int, _ body: (Int) -> Void) {
        for c in 0..<chunks { forEachIndex(resample: b, chunk: c, body) }
        forEachTailIndex(resample: b, body)
    }

    /// Resample b as counts over the sample: counts[i] = how often index i was drawn (Σ = n).
    /// Call in increasing b (resample by resample).
    mutating func fillCounts(resample b: Int, into counts: UnsafeMutableBufferPointer<Int32>) {
        counts.update(repeating: 0)
        forEachIndex(resample: b) { counts[$0] &+= 1 }
    }

    /// The sum of the values resample b draws in the tail: the same draws as
    /// ``forEachTailIndex(resample:_:)``, summed into four accumulators (one running sum would make every
    /// draw wait for the previous addition: at n = 30 that chain, not the generator, set the time).
    @inline(__always)
    mutating func tailSum(resample b: Int, of values: UnsafePointer<Double>) -> Double {
        var left = tailCount(resample: b)
        if left == 0 { return 0 }
        let x = values + (chunks << chunkBits), r = tail
        var g = tailStream
        var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0
        while left >= 4 {
            a0 += x[g.bounded(r)]
            a1 += x[g.bounded(r)]
            a2 += x[g.bounded(r)]
            a3 += x[g.bounded(r)]
            left -= 4
        }
        while left > 0 {
            a0 += x[g.bounded(r)]
            left -= 1
        }
        tailStream = g
        return (a0 + a1) + (a2 + a3)
    }

    /// Calls `body` with each index resample b draws in the tail, in order. Call in increasing b, after
    /// nothing else has used the block's stream (the multinomial counts were drawn at init).
    @inline(__always)
    mutating func forEachTailIndex(resample b: Int, _ body: (Int) -> Void) {
        let count = tailCount(resample: b)
        if count == 0 { return }
        let base = chunks << chunkBits
        var g = tailStream
        for _ in 0..<count { body(base + g.bounded(tail)) }
        tailStream = g
    }
}
