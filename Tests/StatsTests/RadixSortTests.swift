import Testing
@testable import Stats

/// Radix sort against the standard library's comparison sort.
struct RadixSortTests {
    @Test(arguments: [511, 512, 513, 4_096, 100_003, 300_007])
    func equalsComparisonSort(n: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(n))
        let special: [Double] = [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
                                 .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1, -1, .infinity, -.infinity]
        var values = (0..<n).map { i -> Double in
            switch i % 5 {
            case 0: return Double(bitPattern: rng.next() & ~(0x7FF << 52) | (UInt64(rng.bounded(2046) + 1) << 52))  // any finite double
            case 1: return Double(rng.bounded(50))  // many ties
            case 2: return -Double(rng.bounded(1000)) / 7
            case 3: return 60 * (1 + rng.nextUnitDouble())  // latency-like: few distinct exponents
            default: return special[rng.bounded(special.count)]
            }
        }
        values.shuffle(using: &rng)
        let radix = RadixSort.sorted(values)
        let reference = values.sorted()
        #expect(radix == reference)  // −0.0 == +0.0, so ties between them are fine
        #expect(zip(radix, radix.dropFirst()).allSatisfy { $0.0 <= $0.1 })
        // Apart from the order of ±0, the same bits.
        #expect(radix.map { $0 == 0 ? 0 : $0.bitPattern } == reference.map { $0 == 0 ? 0 : $0.bitPattern })
    }

    /// Keys that differ only in their lowest `span` bits: one pass, an even or odd number of passes, on one
    /// and on two threads.
    @Test(arguments: [1, 7, 13, 14, 15, 29, 44, 52])
    func onlyTheVaryingBitsAreSorted(span: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(span))
        for n in [5_000, 300_001] {
            let values = (0..<n).map { _ in Double(bitPattern: (1.0).bitPattern | (rng.next() & ((1 << UInt64(span)) - 1))) }
            #expect(RadixSort.sorted(values) == values.sorted(), "span \(span), n \(n)")
        }
    }

    @Test func constantAndAlreadySortedInputs() {
        #expect(RadixSort.sorted([Double](repeating: 3.25, count: 1000)) == [Double](repeating: 3.25, count: 1000))
        let ascending = (0..<2000).map { Double($0) * 0.5 - 300 }
        #expect(RadixSort.sorted(ascending) == ascending)
        #expect(RadixSort.sorted(ascending.reversed()) == ascending)
    }
}

/// The NaN fallback of the radix sort.
struct RadixSortNaNTests {
    @Test func radixSortHandsNaNToTheStandardSort() {
        var x = (0..<1_000).map { Double($0) }
        x[500] = .nan
        #expect(RadixSort.sorted(x).count == 1_000)
        #expect(RadixSort.sorted(x).filter(\.isNaN).count == 1)
    }

    /// NaN is found from the keys' extremes (above +∞'s key, below −∞'s), whatever its sign and payload,
    /// next to infinities, and on two threads.
    @Test(arguments: [Double.nan, -Double.nan, Double.signalingNaN, Double(bitPattern: 0xFFF0_0000_0000_0001)])
    func everyNaNIsFoundAboveTheRadixThreshold(nan: Double) {
        for n in [RadixSort.threshold, RadixSort.parallelThreshold + 1] {
            var x = (0..<n).map { Double($0 % 977) - 400 }
            x[1] = .infinity
            x[2] = -.infinity
            x[n - 3] = nan
            let sorted = RadixSort.sorted(x)
            #expect(sorted.count == n)
            #expect(sorted.filter(\.isNaN).count == 1)
            var finite = x
            finite[n - 3] = 0
            #expect(RadixSort.sorted(finite) == finite.sorted())
        }
    }
}
