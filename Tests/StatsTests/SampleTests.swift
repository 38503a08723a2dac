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
