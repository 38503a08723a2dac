/// xoshiro256** 1.0, the all-purpose 64-bit generator of Blackman & Vigna,
/// "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021.
///
/// Every resampling routine in `Stats` draws from this generator with an explicit
/// seed, never from `SystemRandomNumberGenerator`, so that a seed reproduces a
/// result bit for bit. Parallel workers take disjoint streams with ``jump()``
/// (2^128 steps apart), see ``streams(seed:count:)``.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 42)
/// let i = rng.bounded(1000)   // uniform in 0..<1000
/// ```
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Equatable {
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)

    /// Seeds the four state words from SplitMix64, as the authors recommend,
    /// so that nearby seeds give unrelated streams and the state is never all zero.
    public init(seed: UInt64) {
        var splitMix = SplitMix64(state: seed)
        state = (splitMix.next(), splitMix.next(), splitMix.next(), splitMix.next())
    }

    /// Starts from an explicit state (must not be all zero).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        self.state = state
    }

    public static func == (a: Self, b: Self) -> Bool { a.state == b.state }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` by Lemire's multiply-and-reject method
    /// ("Fast random integer generation in an interval", ACM TOMS 29(1), 2019): unbiased,
    /// and almost always a single multiplication.
    @inline(__always)
    public mutating func bounded(_ bound: Int) -> Int {
        precondition(bound > 0)
        let s = UInt64(bound)
        var m = next().multipliedFullWidth(by: s)
        if m.low < s {
            let threshold = (0 &- s) % s
            while m.low < threshold {
                m = next().multipliedFullWidth(by: s)
            }
        }
        return Int(m.high)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Advances the state by 2^128 calls of ``next()``: the jump polynomial from the reference implementation.
    public mutating func jump() {
        let polynomial: [UInt64] = [0x180e_c6d3_3cfd_0aba, 0xd5a6_1266_f0c9_392c,
                                    0xa958_2618_e03f_c9aa, 0x39ab_dc45_29b1_661c]
        var s0: UInt64 = 0, s1: UInt64 = 0, s2: UInt64 = 0, s3: UInt64 = 0
        for word in polynomial {
            for bit in 0..<64 {
                if word & (UInt64(1) << UInt64(bit)) != 0 {
                    s0 ^= state.0; s1 ^= state.1; s2 ^= state.2; s3 ^= state.3
                }
                _ = next()
            }
        }
        state = (s0, s1, s2, s3)
    }

    /// `count` independent streams: stream k is the seeded generator jumped k times.
    public static func streams(seed: UInt64, count: Int) -> [Xoshiro256StarStar] {
        var generator = Xoshiro256StarStar(seed: seed)
        var result: [Xoshiro256StarStar] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            result.append(generator)
            generator.jump()
        }
        return result
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }
}

/// SplitMix64 (Steele, Lea & Flood 2014), used only to expand a seed into generator state.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return Self.mix(state)
    }

    /// The output function alone: a bijection of 64-bit words that scatters nearby inputs.
    public static func mix(_ word: UInt64) -> UInt64 {
        var z = word
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
