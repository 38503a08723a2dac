import Testing
@testable import Stats

/// Quickselect on small arrays against indexing the sorted array: values and multiplicities, on
/// smooth, tied, two-valued, sorted, reversed, organ-pipe and infinity-laden synthetic inputs, with
/// ranks in any order and repeated.
struct SmallSelectionTests {
    func reference(_ x: [Double], _ ranks: [Int]) -> [Selection.Selected] {
        let sorted = x.sorted()
        return ranks.map { r in Selection.Selected(value: sorted[r], multiplicity: sorted.filter { $0 == sorted[r] }.count) }
    }

    @Test func equalsTheSortedArrayWithMultiplicities() {
        var rng = Xoshiro256StarStar(seed: 11)
        for n in [1, 2, 3, 5, 16, 17, 40, 513, 4096] {
            for shape in 0..<7 {
                var x: [Double] = (0..<n).map { k in
                    switch shape {
                    case 0: rng.nextUnitDouble()
                    case 1: Double(rng.bounded(5))
                    case 2: Double(rng.bounded(2))
                    case 3: Double(k)
                    case 4: Double(n - k)
                    case 5: Double(k < n / 2 ? k : n - k)
                    default: [Double.infinity, -.infinity, 0, -0.0, 1][rng.bounded(5)]
                    }
                }
                if shape == 0 && n > 3 { x[1] = x[2] }  // one tie among distinct values
                let ranks = (0..<min(n, 9)).map { _ in rng.bounded(n) } + [0, n - 1, n / 2, n / 2]
                let got = x.withUnsafeBufferPointer { SmallSelection.select(ranks: ranks, in: $0) }
                #expect(got == reference(x, ranks), "n \(n) shape \(shape)")
            }
        }
    }

    @Test func findPartitionsAroundTheRank() {
        var rng = Xoshiro256StarStar(seed: 12)
        var x = (0..<1000).map { _ in Double(rng.bounded(40)) }
        let rank = 617
        let run = x.withUnsafeMutableBufferPointer { SmallSelection.find($0, rank: rank, from: 0) }
        let v = x[rank]
        #expect(run.contains(rank))
        #expect(x[..<run.lowerBound].allSatisfy { $0 < v })
        #expect(x[run].allSatisfy { $0 == v })
        #expect(x[run.upperBound...].allSatisfy { $0 > v })
        #expect(x.sorted()[rank] == v)
    }
}
