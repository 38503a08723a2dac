import CKernels
import Testing
@testable import Stats

/// The C kernels of Selection: every vector path gives the scalar path's result, and both give what a
/// plain Swift loop over the same definition gives (synthetic data: uniform values, ties, ±0, ±∞).
struct CKernelsTests {
    /// Data with every awkward value: ties on a coarse grid, both zeros, both infinities, the extremes.
    static func awkward(_ n: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<n).map { _ in
            switch rng.bounded(100) {
            case 0: .infinity
            case 1: -.infinity
            case 2: -0.0
            case 3: 0.0
            case 4: .greatestFiniteMagnitude
            case 5..<30: Double(rng.bounded(10))
            default: rng.nextUnitDouble() * 20 - 5
            }
        }
    }

    static let levels: [Int32] = [0, 1, 2]

    @Test func vectorLevelIsOneOfTheThree() {
        #expect([0, 1, 2].contains(audit_vector_level()))
    }

    /// Counts below, the copied values and their order: the same on every path, dense or sparse, and as
    /// the definition. The ranges include ones that hold none, a few (±0: the sparse path skips most blocks
    /// of 16 and copies from the rest) and all of the values.
    @Test(arguments: [0, 1, 7, 31, 32, 33, 1_000, 4_099])
    func gatherMatchesTheDefinition(n: Int) {
        let x = Self.awkward(n, seed: UInt64(n) + 1)
        let gathers = [("dense", audit_window_gather), ("sparse", audit_window_gather_sparse)]
        for (low, high) in [(-1.0, 3.0), (0.0, 0.0), (-Double.infinity, 2.5), (4.0, .infinity), (5.0, 4.0), (-.infinity, .infinity),
                            (1e300, 1e301)] {
            let expectedBelow = x.filter { $0 < low }.count
            let expectedKept = x.filter { $0 >= low && $0 <= high }
            for level in Self.levels {
                for (name, gather) in gathers {
                    var out = [Double](repeating: .nan, count: n + 8)
                    var below = -1
                    let kept = out.withUnsafeMutableBufferPointer { o in
                        x.withUnsafeBufferPointer { gather($0.baseAddress, n, low, high, o.baseAddress!, &below, level) }
                    }
                    #expect(below == expectedBelow, "\(name) level \(level) [\(low), \(high)]")
                    #expect(Array(out[0..<kept]).map(\.bitPattern) == expectedKept.map(\.bitPattern), "\(name) level \(level) [\(low), \(high)]")
                }
            }
        }
    }

    /// The union gather: the values in any of one to four ranges (disjoint, touching, nested, empty, open,
    /// one value), in data order, the same on every path and as the definition.
    @Test(arguments: [0, 1, 15, 16, 17, 1_000, 4_099])
    func unionGatherMatchesTheDefinition(n: Int) {
        let x = Self.awkward(n, seed: UInt64(n) + 4)
        let sets: [[(Double, Double)]] = [
            [(-1, 3)],
            [(-1, 0), (2, 2.5), (7, 9), (12, 14)],
            [(0, 0), (5, 4)],                                  // one value (both zeros), an empty range
            [(-.infinity, -3), (9.5, .infinity)],
            [(1, 6), (2, 3), (6, 8)],                          // nested and touching
            [(1e300, 1e301), (-2, -2)],
            [(-5, -4), (-3, -2), (-1, 0), (1, 2)],
        ]
        for ranges in sets {
            let lows = ranges.map(\.0), highs = ranges.map(\.1)
            let expected = x.filter { v in ranges.contains { v >= $0.0 && v <= $0.1 } }
            for level in Self.levels {
                var out = [Double](repeating: .nan, count: n + 8)
                let kept = out.withUnsafeMutableBufferPointer { o in
                    x.withUnsafeBufferPointer {
                        audit_window_gather_ranges($0.baseAddress, n, lows, highs, Int32(ranges.count), o.baseAddress!, level)
                    }
                }
                #expect(Array(out[0..<kept]).map(\.bitPattern) == expected.map(\.bitPattern), "level \(level) \(ranges)")
            }
        }
    }

    /// A band that is the whole window is gathered straight into the keep buffer while a whole block fits, then
    /// staged: with room for the first block only, the rest staged, every value kept in data order and the
    /// counts unchanged.
    @Test func wholeWindowBandKeepsEveryValueStraightThenStaged() {
        let n = 6_000
        let x = Self.awkward(n, seed: 14)
        let window = Selection.Window(low: -1, high: 3)
        var w = window.kernelWindow(buckets: 64)
        let inWindow = x.filter { $0 >= window.low && $0 <= window.high }
        let firstBlock = x.prefix(2_048).filter { $0 >= window.low && $0 <= window.high }.count
        for level in Self.levels {
            var plain = [UInt32](repeating: 0, count: 66), plainBelow = -1
            x.withUnsafeBufferPointer { audit_window_histogram($0.baseAddress, n, &w, &plain, &plainBelow, level) }
            for room in [n + 2_048 + 8, firstBlock + 2_048 + 8 - 1, inWindow.count + 8] {
                var counts = [UInt32](repeating: 0, count: 66), below = -1
                var keep = [Double](repeating: .nan, count: room)
                let kept = keep.withUnsafeMutableBufferPointer { k in
                    x.withUnsafeBufferPointer {
                        audit_window_histogram_band($0.baseAddress, n, &w, &counts, &below, window.low, window.high, k.baseAddress, room, level)
                    }
                }
                #expect(counts == plain && below == plainBelow, "level \(level) room \(room)")
                #expect(kept == inWindow.count, "level \(level) room \(room)")
                #expect(Array(keep[0..<max(kept, 0)]).map(\.bitPattern) == inWindow.map(\.bitPattern))
            }
        }
    }

    /// The histogram of a window: the same counts on every path and as bucketing each value in Swift.
    @Test(arguments: [1, 100, 2_047, 2_048, 2_049, 10_000])
    func histogramMatchesTheDefinition(n: Int) {
        let x = Self.awkward(n, seed: UInt64(n) + 2)
        let windows: [Selection.Window] = [
            Selection.Window(low: -1, high: 3),
            Selection.Window(low: -.infinity, high: .infinity, mapLow: 0, mapHigh: 10),
            Selection.Window(low: 2, high: 2),
            Selection.Window(low: -.infinity, high: 4, mapLow: -.infinity, mapHigh: 4),
        ]
        for window in windows {
            for buckets in [1, 7, 64, 1_000] {
                var w = window.kernelWindow(buckets: buckets)
                var expected = [UInt32](repeating: 0, count: buckets + 2)
                for v in x where v >= window.low && v <= window.high { expected[Int(audit_window_bucket(&w, v))] += 1 }
                for level in Self.levels {
                    var counts = [UInt32](repeating: 0, count: buckets + 2)
                    var below = -1
                    x.withUnsafeBufferPointer { audit_window_histogram($0.baseAddress, n, &w, &counts, &below, level) }
                    #expect(counts == expected, "level \(level) buckets \(buckets) window \(window.low)…\(window.high)")
                    #expect(below == x.filter { $0 < window.low }.count)
                }
            }
        }
    }

    /// The histogram that keeps a band: the same counts as the plain histogram, the window's values in the band
    /// kept in data order on every path, and −1 once a block's window values would not fit (room for a
    /// block's window values plus 8 is checked before each block of 2,048) or without a buffer.
    @Test(arguments: [1, 2_047, 2_049, 10_000])
    func bandHistogramKeepsTheBandsValues(n: Int) {
        let x = Self.awkward(n, seed: UInt64(n) + 3)
        let window = Selection.Window(low: -1, high: 8)
        var w = window.kernelWindow(buckets: 64)
        for (bandLow, bandHigh) in [(2.0, 5.0), (0.0, 0.0), (3.0, 2.0), (-1.0, 8.0)] {
            let inWindow = x.filter { $0 >= window.low && $0 <= window.high }
            let expectedKept = inWindow.filter { $0 >= bandLow && $0 <= bandHigh }
            for level in Self.levels {
                var plain = [UInt32](repeating: 0, count: 66), counts = plain
                var plainBelow = -1, below = -1
                x.withUnsafeBufferPointer { audit_window_histogram($0.baseAddress, n, &w, &plain, &plainBelow, level) }
                // Room for everything: every band value kept.
                var keep = [Double](repeating: .nan, count: n + 2_048 + 8)
                let kept = keep.withUnsafeMutableBufferPointer { k in
                    x.withUnsafeBufferPointer {
                        audit_window_histogram_band($0.baseAddress, n, &w, &counts, &below, bandLow, bandHigh, k.baseAddress, k.count, level)
                    }
                }
                #expect(counts == plain && below == plainBelow, "level \(level) band \(bandLow)…\(bandHigh)")
                #expect(kept == expectedKept.count)
                #expect(Array(keep[0..<max(kept, 0)]).map(\.bitPattern) == expectedKept.map(\.bitPattern))
                // Room for less than the first block's window values plus 8: −1, counts still whole.
                var short = [UInt32](repeating: 0, count: 66)
                let firstBlock = x.prefix(2_048).filter { $0 >= window.low && $0 <= window.high }.count
                var tiny = [Double](repeating: .nan, count: firstBlock + 7)
                let none = tiny.withUnsafeMutableBufferPointer { k in
                    x.withUnsafeBufferPointer {
                        audit_window_histogram_band($0.baseAddress, n, &w, &short, &below, bandLow, bandHigh, k.baseAddress, k.count, level)
                    }
                }
                #expect(none == -1 && short == plain && below == plainBelow)
                var noBuffer = [UInt32](repeating: 0, count: 66)
                #expect(x.withUnsafeBufferPointer {
                    audit_window_histogram_band($0.baseAddress, n, &w, &noBuffer, &below, bandLow, bandHigh, nil, 0, level)
                } == -1)
                #expect(noBuffer == plain)
            }
        }
    }

    /// Buckets never decrease as the value grows, so a run of buckets is a run of values: the value range
    /// for buckets first…last keeps exactly the window's values in those buckets.
    @Test func valueRangeHoldsExactlyTheBucketsValues() {
        let x = Self.awkward(5_000, seed: 9).sorted()
        var rng = Xoshiro256StarStar(seed: 10)
        for window in [Selection.Window(low: -1, high: 3), Selection.Window(low: -.infinity, high: .infinity, mapLow: -2, mapHigh: 9),
                       Selection.Window(low: 0, high: 0), Selection.Window(low: -.infinity, high: 7, mapLow: -.infinity, mapHigh: 7)] {
            for buckets in [1, 5, 300] {
                var w = window.kernelWindow(buckets: buckets)
                let inside = x.filter { $0 >= window.low && $0 <= window.high }
                let bucketOf = inside.map { Int(audit_window_bucket(&w, $0)) }
                #expect(bucketOf == bucketOf.sorted(), "buckets never decrease")
                for _ in 0..<40 {
                    let first = rng.bounded(buckets + 2), last = first + rng.bounded(buckets + 2 - first)
                    var from = 0.0, to = 0.0
                    audit_window_value_range(&w, Int32(first), Int32(last), &from, &to)
                    let byBucket = zip(inside, bucketOf).filter { $0.1 >= first && $0.1 <= last }.map(\.0)
                    let byRange = inside.filter { $0 >= from && $0 <= to }
                    #expect(byRange == byBucket, "buckets \(first)…\(last) of \(buckets)")
                }
            }
        }
    }
}
