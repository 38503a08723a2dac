import Testing
@testable import Stats

struct LinearAlgebraTests {
    @Test func gemmHandComputed() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        let b = Matrix([[7, 8], [9, 10], [11, 12]])
        #expect(BLAS.product(a, b).elements == [58, 64, 139, 154])
        // (AB)ᵀ = BᵀAᵀ
        #expect(BLAS.product(b, a, transposeA: true, transposeB: true).elements == [58, 139, 64, 154])
        // α and β: C ← 2AB + 1·C
        var c = Matrix(rows: 2, columns: 2, repeating: 1)
        BLAS.gemm(a, b, alpha: 2, beta: 1, into: &c)
        #expect(c.elements == [117, 129, 279, 309])
    }

    @Test func gemvHandComputed() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(BLAS.product(a, [1, 0, -1]) == [-2, -2])
        #expect(BLAS.product(a, [1, 1], transpose: true) == [5, 7, 9])
        var y = [10.0, 20]
        BLAS.gemv(a, [1, 1, 1], alpha: 0.5, beta: 2, into: &y)
        #expect(y == [23, 47.5])
    }

    @Test func gemmMatchesTripleLoop() {
        var g = Xoshiro256StarStar(seed: 11)
        let a = Matrix(rows: 17, columns: 9, elements: (0..<153).map { _ in g.nextUnitDouble() - 0.5 })
        let b = Matrix(rows: 9, columns: 13, elements: (0..<117).map { _ in g.nextUnitDouble() - 0.5 })
        let c = BLAS.product(a, b)
        for i in 0..<17 {
            for j in 0..<13 {
                var s = 0.0
                for k in 0..<9 { s += a[i, k] * b[k, j] }
                #expect(abs(c[i, j] - s) < 1e-14)
            }
        }
    }

    @Test func leastSquaresExactLine() throws {
        let xs = [0.0, 1, 2, 3, 4]
        let design = Matrix(xs.map { [1, $0] })
        let fit = try LeastSquares.solve(design, xs.map { 2 + 3 * $0 })
        #expect(abs(fit.coefficients[0] - 2) < 1e-12 && abs(fit.coefficients[1] - 3) < 1e-12)
        #expect(fit.residualSumOfSquares < 1e-24)
    }

    @Test func leastSquaresHandComputedOverdetermined() throws {
        // Points (0,1), (1,3), (2,4): slope 3/2, intercept 7/6, residuals −1/6, 1/3, −1/6, RSS 1/6.
        let fit = try LeastSquares.solve(Matrix([[1, 0], [1, 1], [1, 2]]), [1, 3, 4])
        #expect(abs(fit.coefficients[0] - 7.0 / 6) < 1e-14)
        #expect(abs(fit.coefficients[1] - 1.5) < 1e-14)
        #expect(abs(fit.residualSumOfSquares - 1.0 / 6) < 1e-14)
    }

    @Test func leastSquaresReportsRankDeficiency() {
        #expect(throws: LeastSquares.Failure.self) {
            try LeastSquares.solve(Matrix([[1, 2], [2, 4], [3, 6]]), [1, 2, 3])
        }
        #expect(throws: LeastSquares.Failure.underdetermined(rows: 1, columns: 2)) {
            try LeastSquares.solve(Matrix([[1, 2]]), [1])
        }
    }
}
