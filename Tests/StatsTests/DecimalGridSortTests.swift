import CKernels
import Testing
@testable import Stats

/// The decimal-grid radix sort against the standard library's comparison sort (synthetic values).
struct DecimalGridSortTests {
    /// Values with `decimals` decimals spread over `steps` grid steps: one, two and three 11-bit passes, on one
    /// and on two threads; the result holds the input's bits in ascending order.
    @Test(arguments: [(0, 1_000), (1, 2_047), (2, 2_048), (3, 300_000), (3, 4_194_303), (3, 4_194_304), (6, 4_000_000_000), (9, 123_456_789)])
    func equalsComparisonSort(decimals: Int, steps: Int) throws {
        var rng = Xoshiro256StarStar(seed: UInt64(decimals * 1_000 + steps % 997))
        let scale = (0..<decimals).reduce(1.0) { r, _ in r * 10 }
        for (n, parts) in [(5_000, 1), (5_000, 2), (70_001, 2)] {
            let offset = Int(rng.bounded(1_000_000)) - 500_000
            let values = (0..<n).map { _ -> Double in Double(offset + Int(rng.bounded(steps))) / scale }
            let sorted = try #require(DecimalGridSort.sorted(values, parts: parts), "decimals \(decimals), steps \(steps)")
            #expect(sorted.map(\.bitPattern) == values.sorted().map(\.bitPattern), "decimals \(decimals), steps \(steps), n \(n)")
        }
    }

    /// Negative and positive values, many ties, a constant sample.
    @Test func tiesSignsAndConstants() throws {
        var rng = Xoshiro256StarStar(seed: 7)
        let values = (0..<9_999).map { _ in Double(Int(rng.bounded(41)) - 20) / 4 }  // quarters: two decimals
        #expect(try #require(DecimalGridSort.sorted(values, parts: 2)) == values.sorted())
        let constant = [Double](repeating: 12.345, count: 3_000)
        #expect(DecimalGridSort.sorted(constant, parts: 1) == constant)
    }

    /// The sort declines — and RadixSort still sorts — when one value, placed where the probes do not look,
    /// has no grid of at most nine decimals, is −0.0, NaN, infinite or too large.
    @Test(arguments: [1.0 / 3, 1e-10, -0.0, .nan, .infinity, -.infinity, 3e15])
    func declinesOffTheGrid(odd: Double) {
        var values = (0..<4_096).map { Double($0 % 1_000) / 1_000 }  // three decimals; probes at multiples of 256
        values[1_001] = odd
        #expect(DecimalGridSort.sorted(values, parts: 2) == nil ? true : false, "\(odd)")
        let radix = RadixSort.sorted(values)
        if odd.isNaN {
            #expect(radix.filter(\.isNaN).count == 1)
        } else {
            #expect(radix.map { $0 == 0 ? 0 : $0.bitPattern } == values.sorted().map { $0 == 0 ? 0 : $0.bitPattern })  // ±0 in any order
        }
    }

    /// A value on a finer grid than the probes saw raises the scale: 0, ⅛, ¼, … probed every 256th value
    /// are all integers; a 4-decimal value at 1,001 then raises it again.
    @Test func finerValuesRaiseTheScale() throws {
        var values = (0..<4_096).map { Double($0) / 8 }
        #expect(DecimalGridSort.decimals(probing: values) == 0)
        #expect(try #require(DecimalGridSort.sorted(values.reversed(), parts: 2)) == values)
        values[1_001] = 12.3456
        #expect(try #require(DecimalGridSort.sorted(values, parts: 1)) == values.sorted())
    }

    @Test func declinesASpanOf2To32Steps() {
        let values = (0..<3_000).map { Double($0) } + [Double(1 << 32)]
        #expect(DecimalGridSort.sorted(values, parts: 1) == nil)
        let justBelow = (0..<3_000).map { Double($0) } + [Double((1 << 32) - 1)]
        #expect(DecimalGridSort.sorted(justBelow, parts: 1) == justBelow)
    }

    /// The probes choose the fewest decimals that represent them; more than nine decline.
    @Test func probedDecimals() {
        #expect(DecimalGridSort.decimals(probing: [1, 2, 3]) == 0)
        #expect(DecimalGridSort.decimals(probing: [1.5, 2.25, 60.125]) == 3)
        #expect(DecimalGridSort.decimals(probing: [0.1, 0.2, 0.3]) == 1)  // 0.3 is 3/10 as a double, not 0.1 + 0.2
        #expect(DecimalGridSort.decimals(probing: [0.1 + 0.2]) == nil)  // 0.30000000000000004: 17 decimals
        #expect(DecimalGridSort.decimals(probing: [1e-9]) == 9)
        #expect(DecimalGridSort.decimals(probing: [1e-10]) == nil)
        #expect(DecimalGridSort.decimals(probing: [-0.0]) == nil)
    }

    /// The scan kernel on every vector path: the round trip, the extremes and the low-digit counts.
    @Test(arguments: [0, 1, 2] as [Int32])
    func scanKernel(level: Int32) {
        var minimum: Int64 = 0, maximum: Int64 = 0
        var counts = [UInt32](repeating: 0, count: Int(AUDIT_GRID_DIGIT_BUCKETS))
        let values = [-2.5, 0.125, 4096.0, 2048.001]
        #expect(audit_grid_scan(values, values.count, 1_000, &minimum, &maximum, &counts, level) == 4)  // all on the grid
        #expect(minimum == -2_500 && maximum == 4_096_000)
        #expect(counts[Int(UInt64(bitPattern: -2_500) & 2047)] == 1 && counts[125] == 1 && counts[0] == 1 && counts[2_048_001 & 2047] == 1)
        #expect(counts.reduce(0, +) == 4)
        #expect(audit_grid_scan([1, 0.1 + 0.2, 2, 0.7], 4, 10, &minimum, &maximum, &counts, level) == 1)  // the first value off it
        #expect(audit_grid_scan([0x1p51 / 10], 1, 10, &minimum, &maximum, &counts, level) == 0)
        #expect(audit_grid_scan([-(0x1p51 - 1)], 1, 1, &minimum, &maximum, &counts, level) == 1 && minimum == -(1 << 51) + 1)
        // Blocks of 64: the first value off the grid in a later block, and the extremes and counts of a long scan.
        var long = (0..<200).map { Double($0 * 37 % 200 - 50) / 100 }
        counts = [UInt32](repeating: 0, count: counts.count)
        #expect(audit_grid_scan(long, long.count, 100, &minimum, &maximum, &counts, level) == 200)
        #expect(minimum == -50 && maximum == 149 && counts.reduce(0, +) == 200 && counts[2_047] == 1 && counts[149] == 1)
        long[130] = 0.125
        long[190] = 0.0625
        #expect(audit_grid_scan(long, long.count, 100, &minimum, &maximum, &counts, level) == 130)
    }
}

/// Random shapes through RadixSort's front and Mann–Whitney's grid path, against the comparison sort and the
/// merge (synthetic values; a fixed seed, so a failure reproduces).
struct DecimalGridRandomTests {
    @Test func randomShapes() throws {
        var rng = Xoshiro256StarStar(seed: 20_261_130)
        let scales: [Double] = [1, 10, 100, 1_000, 1e6, 1e9]
        for round in 0..<60 {
            let n = 2_048 + rng.bounded(round % 10 == 0 ? 300_000 : 20_000)
            let scale = scales[rng.bounded(scales.count)]
            let steps = [10, 1_000, 1 << 20, 1 << 30][rng.bounded(4)]
            let offset = rng.bounded(1 << 20) - (1 << 19)
            var values = (0..<n).map { _ in Double(offset + rng.bounded(steps)) / scale }
            // Sometimes one value that the grid must refuse or that forces a finer grid.
            switch rng.bounded(6) {
            case 0: values[rng.bounded(n)] = -0.0
            case 1: values[rng.bounded(n)] = 1.0 / 3
            case 2: values[rng.bounded(n)] = Double(offset) / scale + 0.0001
            default: break
            }
            let radix = RadixSort.sorted(values)
            let reference = values.sorted()
            #expect(radix.map { $0 == 0 ? 0 : $0.bitPattern } == reference.map { $0 == 0 ? 0 : $0.bitPattern }, "round \(round)")
            let split = rng.bounded(n - 1) + 1
            let x = Array(values[..<split]), y = Array(values[split...])
            let merged = MergedRankSum(sortedX: x.sorted(), sortedY: y.sorted())
            if let grid = GridRankSum.compute(x, y) {
                #expect(grid == merged, "round \(round)")
            }
        }
    }
}
