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

    @Test func constantAndAlreadySortedInputs() {
        #expect(RadixSort.sorted([Double](repeating: 3.25, count: 1000)) == [Double](repeating: 3.25, count: 1000))
        let ascending = (0..<2000).map { Double($0) * 0.5 - 300 }
        #expect(RadixSort.sorted(ascending) == ascending)
        #expect(RadixSort.sorted(ascending.reversed()) == ascending)
    }
}

/// Quickselect against a full sort, and the NaN fallback of the radix sort.
struct SelectionTests {
    @Test(arguments: [1, 2, 3, 10, 1_000, 100_001])
    func valuesAtRanksEqualTheSortedArray(n: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(n) &+ 7)
        for round in 0..<4 {
            var x = (0..<n).map { _ in round == 0 ? Double(rng.bounded(3)) : rng.nextUnitDouble() }  // heavy ties first
            if round == 2 { x.sort() }  // sorted input
            if round == 3 { x.sort(by: >) }  // reversed input
            let sorted = x.sorted()
            let ranks = (0..<min(n, 12)).map { _ in rng.bounded(n) } + [0, n - 1]
            #expect(Selection.values(atRanks: ranks, of: x) == ranks.map { sorted[$0] })
        }
    }

    @Test func adversarialInputStaysCorrect() {
        // Organ-pipe and all-equal inputs: the partition budget falls back to sorting its range.
        let n = 50_000
        let pipe = (0..<n).map { Double($0 < n / 2 ? $0 : n - $0) }
        let sorted = pipe.sorted()
        #expect(Selection.values(atRanks: [n / 2, n / 4, 3, n - 1], of: pipe) == [sorted[n / 2], sorted[n / 4], sorted[3], sorted[n - 1]])
        #expect(Selection.values(atRanks: [n / 3], of: [Double](repeating: 2, count: n)) == [2])
    }

    @Test func infinitiesAndExtremesAreOrderedToo() {
        var rng = Xoshiro256StarStar(seed: 5)
        var x = (0..<20_000).map { _ in rng.nextUnitDouble() - 0.5 }
        for i in stride(from: 0, to: 20_000, by: 97) { x[i] = [Double.infinity, -Double.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude][i % 4] }
        let sorted = x.sorted()
        let ranks = [0, 1, 50, 199, 10_000, 19_800, 19_998, 19_999]
        #expect(Selection.values(atRanks: ranks, of: x) == ranks.map { sorted[$0] })
        var y = (0..<20_000).map { _ in rng.nextUnitDouble() }
        for i in stride(from: 0, to: 20_000, by: 50) { y[i] = i % 100 == 0 ? .infinity : -.infinity }
        let sortedY = y.sorted()
        #expect(Selection.values(atRanks: ranks, of: y) == ranks.map { sortedY[$0] })
    }

    @Test func radixSortHandsNaNToTheStandardSort() {
        var x = (0..<1_000).map { Double($0) }
        x[500] = .nan
        #expect(RadixSort.sorted(x).count == 1_000)
        #expect(RadixSort.sorted(x).filter(\.isNaN).count == 1)
    }
}
