import Testing
@testable import Stats

/// The pooled decimal-grid rank sum against midranks of the pool and the merge of sorted samples
/// (synthetic samples).
struct GridRankSumTests {
    /// Sizes on one and two threads; one, two and three key passes (grid steps up to 2³⁰); heavy ties and
    /// (almost) none; negative values; x and y with different numbers of decimals.
    @Test(arguments: [(1_500, 700, 100), (3_000, 3_000, 1_000), (20_000, 30_000, 5), (40_000, 9_000, 300_000), (17_000, 17_000, 1 << 30)])
    func equalsPooledMidranks(m: Int, n: Int, steps: Int) throws {
        var rng = Xoshiro256StarStar(seed: UInt64(m &* 31 &+ steps))
        for decimals in steps > 1 << 20 ? [(3, 3)] : [(3, 3), (1, 3), (0, 2)] {  // coarser x: keys span 10–100× more steps
            let offset = rng.bounded(2_000) - 1_000
            func draw(_ d: Int) -> Double { Double(offset + rng.bounded(steps / (d == 0 ? 100 : 1) + 1)) / [1.0, 10, 100, 1_000][d] }
            let x = (0..<m).map { _ in draw(decimals.0) }, y = (0..<n).map { _ in draw(decimals.1) }
            let grid = try #require(GridRankSum.compute(x, y), "m \(m) n \(n) steps \(steps) decimals \(decimals)")
            let merged = MergedRankSum(sortedX: x.sorted(), sortedY: y.sorted())
            #expect(grid == merged, "m \(m) n \(n) steps \(steps) decimals \(decimals)")
            if m + n <= 6_000 {
                let pooled = PooledRanks(x + y)
                #expect(grid.rankSumX == pooled.ranks[0..<m].reduce(0, +) && grid.tieTerm == pooled.tieTerm)
            }
        }
    }

    /// The walk's cut moves past a tie group that straddles the middle of the pool; one value only.
    @Test func tieGroupsAtTheCut() throws {
        let x = [Double](repeating: 5, count: 30_000) + (0..<10_000).map { Double($0 % 7) }
        let y = [Double](repeating: 5, count: 20_000) + (0..<10_000).map { Double($0 % 11) }
        #expect(try #require(GridRankSum.compute(x, y)) == MergedRankSum(sortedX: x.sorted(), sortedY: y.sorted()))
        let constant = [Double](repeating: 2.5, count: 40_000)
        let same = try #require(GridRankSum.compute(constant, constant))
        #expect(same == MergedRankSum(sortedX: constant, sortedY: constant))
        #expect(same.tieTerm == Double(80_000 * 80_000 * 80_000 - 80_000))
    }

    /// Declines below the threshold, off the grid, and for keys spanning 2³¹ steps; Mann–Whitney's answer
    /// is the merge's either way.
    @Test func declinesAndFallsBack() throws {
        let small = (0..<100).map(Double.init)
        #expect(GridRankSum.compute(small, small) == nil)
        var x = (0..<5_000).map { Double($0) / 8 }, y = (0..<5_000).map { Double($0 % 977) / 4 + 0.5 }
        #expect(GridRankSum.compute(x, y) != nil)
        let onGrid = try MannWhitney.test(x, y)
        #expect(onGrid == (try MannWhitney.test(sortedX: x.sorted(), sortedY: y.sorted())))
        x[4_321] = 1.0 / 3
        #expect(GridRankSum.compute(x, y) == nil)
        #expect(try MannWhitney.test(x, y) == (try MannWhitney.test(sortedX: x.sorted(), sortedY: y.sorted())))
        x[4_321] = 0  // the smallest value; three decimals
        y[7] = Double(1 << 31) / 1_000
        #expect(GridRankSum.compute(x, y) == nil)
        y[7] = Double((1 << 31) - 1) / 1_000
        #expect(GridRankSum.compute(x, y) == MergedRankSum(sortedX: x.sorted(), sortedY: y.sorted()))
    }
}

/// Mann–Whitney through the grid path against scipy.stats.mannwhitneyu (Fixtures/mwu_grid.json, made by
/// generate_mwu_grid.py; the samples are rebuilt here from the same LCG).
struct GridRankSumScipyTests {
    struct File: Decodable { let cases: [Case] }
    struct Case: Decodable {
        let name: String
        let seed: UInt64
        let m: Int, n: Int, low: Int, steps: UInt64, shift: Int, decimals: Int
        let firstX: [Double]
        let mannWhitney: [String: Expected]
    }
    struct Expected: Decodable { let U: Double, p: Double }

    static func draw(_ state: inout UInt64, _ count: Int, _ c: Case, shift: Int) -> [Double] {
        let scale = (0..<c.decimals).reduce(1.0) { r, _ in r * 10 }
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(c.low + Int((state >> 40) % c.steps) + shift) / scale
        }
    }

    @Test func matchesScipy() throws {
        let file = try Fixture.load("mwu_grid.json", as: File.self)
        #expect(file.cases.count == 3)
        for c in file.cases {
            var state = c.seed
            let x = Self.draw(&state, c.m, c, shift: 0), y = Self.draw(&state, c.n, c, shift: c.shift)
            #expect(Array(x.prefix(3)) == c.firstX, "\(c.name): the samples are rebuilt as the generator made them")
            #expect(GridRankSum.compute(x, y) != nil, "\(c.name) takes the grid path")
            for alternative in Alternative.allCases {
                let expected = try #require(c.mannWhitney[alternative.rawValue])
                let r = try MannWhitney.test(x, y, alternative: alternative, method: .asymptotic)
                #expect(r.u == expected.U, "\(c.name) \(alternative): U \(r.u) vs \(expected.U)")
                #expect(relativelyClose(r.p, expected.p, 1e-9), "\(c.name) \(alternative): p \(r.p) vs \(expected.p)")
            }
        }
    }
}
