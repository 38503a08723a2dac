import COpenBLAS

/// Thin, checked wrappers over the CBLAS Level 2/3 routines used by resampling and regression.
///
/// Dimensions are validated with preconditions (a mismatch is a programming error, not bad input).
/// All integer arguments are `Int32` because Debian's OpenBLAS is an LP64 build.
public enum BLAS {
    /// C ← α·op(A)·op(B) + β·C (`cblas_dgemm`, row-major).
    public static func gemm(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false,
                            alpha: Double = 1, beta: Double = 0, into c: inout Matrix) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
        precondition(c.rows == m && c.columns == n, "gemm: C is \(c.rows)×\(c.columns), expected \(m)×\(n)")
        guard m > 0, n > 0 else { return }
        if k == 0 {
            for i in c.elements.indices { c.elements[i] *= beta }
            return
        }
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                c.elements.withUnsafeMutableBufferPointer { pc in
                    BLASLibrary.symbols.dgemm(CblasRowMajor,
                                transposeA ? CblasTrans : CblasNoTrans,
                                transposeB ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), alpha,
                                pa.baseAddress, Int32(max(1, a.columns)),
                                pb.baseAddress, Int32(max(1, b.columns)),
                                beta, pc.baseAddress, Int32(max(1, n)))
                }
            }
        }
    }

    /// op(A)·op(B) as a new matrix.
    public static func product(_ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false) -> Matrix {
        var c = Matrix(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
        gemm(a, b, transposeA: transposeA, transposeB: transposeB, into: &c)
        return c
    }

    /// y ← α·op(A)·x + β·y (`cblas_dgemv`, row-major).
    public static func gemv(_ a: Matrix, _ x: [Double], transpose: Bool = false,
                            alpha: Double = 1, beta: Double = 0, into y: inout [Double]) {
        let inputLength = transpose ? a.rows : a.columns
        let outputLength = transpose ? a.columns : a.rows
        precondition(x.count == inputLength, "gemv: x has \(x.count) elements, expected \(inputLength)")
        precondition(y.count == outputLength, "gemv: y has \(y.count) elements, expected \(outputLength)")
        guard a.rows > 0, a.columns > 0 else {
            for i in y.indices { y[i] *= beta }
            return
        }
        a.elements.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    BLASLibrary.symbols.dgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans,
                                Int32(a.rows), Int32(a.columns), alpha,
                                pa.baseAddress, Int32(a.columns), px.baseAddress, 1,
                                beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// op(A)·x as a new vector.
    public static func product(_ a: Matrix, _ x: [Double], transpose: Bool = false) -> [Double] {
        var y = [Double](repeating: 0, count: transpose ? a.columns : a.rows)
        gemv(a, x, transpose: transpose, into: &y)
        return y
    }

    /// Sets OpenBLAS's own thread count (1 when the caller parallelises over resamples itself).
    public static func setThreadCount(_ count: Int) {
        BLASLibrary.symbols.setThreadCount(Int32(count))
    }

    /// The OpenBLAS build string and the kernel it selected (e.g. "Prescott", "SkylakeX").
    public static var configuration: (config: String, core: String) {
        (BLASLibrary.symbols.config().map { String(cString: $0) } ?? "unknown", BLASLibrary.symbols.coreName().map { String(cString: $0) } ?? "unknown")
    }
}
