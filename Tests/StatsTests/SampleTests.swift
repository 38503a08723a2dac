import Testing
@testable import Stats

struct SampleTests {
    @Test func rejectsEmptyAndNonFinite() {
        #expect(throws: SampleError.empty) { try Sample([]) }
        #expect(throws: SampleError.nonFinite(index: 1, value: .infinity)) { try Sample([1, .infinity]) }
        #expect(throws: (any Error).self) { try Sample([1, 2, .nan]) }
    }

    @Test func keepsOrderAndSortedView() throws {
        let s = try Sample([3, 1, 2])
        #expect(s.values == [3, 1, 2])
        #expect(s.sorted == [1, 2, 3])
        #expect(s.minimum == 1 && s.maximum == 3)
    }

    @Test func momentsMatchClosedForm() throws {
        // 1…n: mean (n+1)/2, variance n(n+1)/12.
        let n = 1001
        let s = try Sample((1...n).map(Double.init))
        #expect(s.mean == Double(n + 1) / 2)
        #expect(relativelyClose(s.standardDeviation, (Double(n) * Double(n + 1) / 12).squareRoot(), 1e-14))
        #expect(try Sample([5]).standardDeviation == 0)
    }

    @Test func compensatedMeanSurvivesCancellation() throws {
        // Naive summation loses the small terms entirely.
        let values = [1e16, 1, -1e16, 1] + [Double](repeating: 0, count: 6)
        let s = try Sample(values)
        #expect(s.mean == 0.2)
    }
}

struct SampleOverflowTests {
    /// Finite values whose sum overflows still have a finite mean and sd (closed form for two values).
    @Test func hugeFiniteValues() throws {
        let s = try Sample([1e308, 1.7e308])
        #expect(relativelyClose(s.mean, 1.35e308, 1e-15))
        #expect(relativelyClose(s.standardDeviation, 0.7e308 / 2.0.squareRoot(), 1e-14))
    }
}

struct SampleExtremeTests {
    @Test func largestDoubleRepeated() throws {
        let s = try Sample([Double](repeating: .greatestFiniteMagnitude, count: 3))
        #expect(s.mean == .greatestFiniteMagnitude)
        #expect(s.standardDeviation == 0)
    }
}

/// The ascending view is made on first use; order statistics without it come from selection.
struct SampleLazySortTests {
    @Test func orderStatisticsAgreeBeforeAndAfterSorting() throws {
        var rng = Xoshiro256StarStar(seed: 44)
        let values = (0..<200_000).map { _ in ((30 + 90 * rng.nextUnitDouble()) * 1000).rounded() / 1000 }
        let ranks = [0, 9_999, 100_000, 189_999, 199_999]
        let unsorted = try Sample(values)
        let bySelection = unsorted.orderStatistics(atRanks: ranks)
        let sorted = unsorted.sorted
        let bySorting = unsorted.orderStatistics(atRanks: ranks)  // now read off the cached view
        #expect(bySelection == bySorting)
        #expect(bySelection.map(\.value) == ranks.map { sorted[$0] })
        #expect(unsorted.minimum == sorted[0] && unsorted.maximum == sorted[sorted.count - 1])
    }

    @Test func minimumAndMaximumWithoutSorting() throws {
        let s = try Sample([3, -2, 7, 7, 0])
        #expect(s.minimum == -2 && s.maximum == 7 && !s.isConstant)
        #expect(try Sample([4, 4]).isConstant)
    }

    @Test func manyThreadsAskForTheSortedViewAtOnce() async throws {
        var rng = Xoshiro256StarStar(seed: 45)
        let sample = try Sample((0..<50_000).map { _ in rng.nextUnitDouble() })
        let expected = sample.values.sorted()
        let views = await withTaskGroup(of: [Double].self) { group in
            for _ in 0..<8 { group.addTask { sample.sorted } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(views.allSatisfy { $0 == expected })
    }

    @Test func equalityIsByValues() throws {
        let a = try Sample([2, 1, 3]), b = try Sample([2, 1, 3])
        _ = a.sorted
        #expect(a == b)
        #expect(a != (try Sample([1, 2, 3])))
    }

    /// The vectorised finiteness check: every position of a non-finite value is caught.
    @Test func nonFiniteAnywhereIsRejected() {
        for n in [1, 7, 8, 9, 33] {
            for i in 0..<n {
                for bad in [Double.nan, .infinity, -.infinity] {
                    var x = [Double](repeating: 1.5, count: n)
                    x[i] = bad
                    #expect(!Sample.allFinite(x))
                    #expect(throws: (any Error).self) { try Sample(x) }
                }
            }
            #expect(Sample.allFinite([Double](repeating: .greatestFiniteMagnitude, count: n)))
        }
    }
}
