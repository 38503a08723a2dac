import COpenBLAS

/// Linear least squares through LAPACK's QR solver `dgels` (Golub & Van Loan, *Matrix
/// Computations*, §5.3): minimises ‖A·β − y‖₂ for a full-rank m×p design A with m ≥ p.
public enum LeastSquares {
    public struct Solution: Sendable, Equatable {
        /// The p fitted coefficients.
        public let coefficients: [Double]
        /// Σ residual², from the trailing m − p entries of LAPACK's transformed right-hand side.
        public let residualSumOfSquares: Double
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case underdetermined(rows: Int, columns: Int)
        case rankDeficient(column: Int)
        case lapack(info: Int32)

        public var description: String {
            switch self {
            case .underdetermined(let r, let c): "least squares needs at least as many rows as columns (\(r) < \(c))"
            case .rankDeficient(let col): "design matrix is rank deficient (column \(col) is linearly dependent)"
            case .lapack(let info): "LAPACKE_dgels failed with info = \(info)"
            }
        }
    }

    public static func solve(_ design: Matrix, _ response: [Double]) throws(Failure) -> Solution {
        let m = design.rows, p = design.columns
        precondition(response.count == m, "response has \(response.count) values, design has \(m) rows")
        guard m >= p, p > 0 else { throw .underdetermined(rows: m, columns: p) }
        var a = design.elements
        var b = response
        let info = a.withUnsafeMutableBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in
                BLASLibrary.symbols.dgels(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "N")), Int32(m), Int32(p), 1,
                              pa.baseAddress, Int32(p), pb.baseAddress, 1)
            }
        }
        if info > 0 { throw .rankDeficient(column: Int(info)) }
        if info < 0 { throw .lapack(info: info) }
        // dgels only reports an exactly zero pivot; treat a numerically negligible one the same way
        // (the rank-revealing threshold of LAPACK's dgelsy: |Rᵢᵢ| ≤ max(m, p)·ε·max|Rⱼⱼ|).
        let diagonal = (0..<p).map { abs(a[$0 * p + $0]) }
        let threshold = Double(max(m, p)) * Double.ulpOfOne * (diagonal.max() ?? 0)
        if let weak = diagonal.firstIndex(where: { $0 <= threshold }) { throw .rankDeficient(column: weak + 1) }
        var rss = CompensatedSum()
        for r in p..<m { rss.add(b[r] * b[r]) }
        return Solution(coefficients: Array(b[0..<p]), residualSumOfSquares: rss.value)
    }
}
