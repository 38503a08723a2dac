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

    @Test func theDepthFallbackSortsAndGivesTheSameAnswer() {
        // With a budget of 0 or 1 steps every range is sorted early; with no budget limit the pure FIND.
        var rng = Xoshiro256StarStar(seed: 13)
        for budget in [0, 1, 3, 1000] {
            let x = (0..<700).map { _ in Double(rng.bounded(90)) }
            let ranks = [699, 0, 350, 351, 13, 13, 500]
            var copy = x
            let got = copy.withUnsafeMutableBufferPointer { SmallSelection.select(ranks: ranks, inPlace: $0, depthBudget: budget) }
            #expect(got == reference(x, ranks), "budget \(budget)")
            #expect(copy.sorted() == x.sorted(), "a permutation of the input")
        }
    }

    @Test func partitionMovesTheChosenValuesFirstWithoutLosingAny() {
        var rng = Xoshiro256StarStar(seed: 12)
        for n in [0, 1, 7, 1000] {
            let x = (0..<n).map { _ in Double(rng.bounded(40)) }
            var a = x
            let boundary = a.withUnsafeMutableBufferPointer { SmallSelection.partition($0, 0, n) { $0 < 17 } }
            #expect(boundary == x.filter { $0 < 17 }.count)
            #expect(a[..<boundary].allSatisfy { $0 < 17 })
            #expect(a[boundary...].allSatisfy { $0 >= 17 })
            #expect(a.sorted() == x.sorted())
        }
    }
}
