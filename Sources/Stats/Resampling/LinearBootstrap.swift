import COpenBLAS

/// Bootstrap of column means for several columns that share each resample (p linear statistics of
/// the same units: x and x² for a studentized mean, or several runs of equal n resampled jointly).
///
/// Two kernels give the same replicates from the same seed (up to summation order, ≤ 1e-12 relative):
/// - `.gather`: for each draw i, add row i of the data to p running sums (a plain loop);
/// - `.blas`: turn a chunk of resamples into a count matrix C (rows × n, ~1 MiB) and form C·X with
///   `cblas_dgemm`. It wins once p is large enough that the count fill is amortised over many
///   columns (research/swift-blas.md: tie at p = 4, 1.3–2.8× faster at p = 16–64).
/// Both take their indices from ``ResampleDraws`` exactly as ``Bootstrap`` does (blocks of
/// ``Bootstrap/Configuration/blockSize``) — the same resamples, identical at any thread count.
public enum LinearBootstrap {
    public enum Kernel: String, Sendable, CaseIterable {
        case gather, blas
    }

    /// Picks the kernel measured faster for p columns (see the harness in benchmarks/perf).
    public static func preferredKernel(columns p: Int) -> Kernel { p >= 8 ? .blas : .gather }

    /// A B×p matrix whose row b holds the p column means of resample b of the rows of `data` (n×p).
    public static func columnMeans(of data: Matrix, configuration: Bootstrap.Configuration,
                                   kernel: Kernel) -> Matrix {
        let n = data.rows, p = data.columns
        precondition(n > 0 && p > 0)
        var out = Matrix(rows: configuration.resamples, columns: p)
        let x = data.elements
        out.elements.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let result = buffer
            Bootstrap.forEachBlock(configuration) { block, range, rng in
                var draws = configuration.draws(n: n, block: block, range: range, stream: rng)
                switch kernel {
                case .gather:
                    // Chunk-major like the mean kernel: a chunk's rows stay in cache while the block's draws land in it.
                    var sums = [Double](repeating: 0, count: range.count * p)
                    x.withUnsafeBufferPointer { xp in
                        sums.withUnsafeMutableBufferPointer { s in
                            func addRows(_ b: Int, _ walk: (Int, (Int) -> Void) -> Void) {
                                let out = b * p
                                if p == 2 {
                                    // The studentized mean's (x, x²): two registers instead of a round trip through memory.
                                    var s0 = 0.0, s1 = 0.0
                                    walk(b) { i in s0 += xp[2 * i]; s1 += xp[2 * i + 1] }
                                    s[out] += s0
                                    s[out + 1] += s1
                                } else {
                                    walk(b) { i in for j in 0..<p { s[out + j] += xp[i * p + j] } }
                                }
                            }
                            for c in 0..<draws.chunks {
                                for b in 0..<range.count { addRows(b) { draws.forEachIndex(resample: $0, chunk: c, $1) } }
                            }
                            for b in 0..<range.count { addRows(b) { draws.forEachTailIndex(resample: $0, $1) } }
                        }
                    }
                    for b in range { for j in 0..<p { result[b * p + j] = sums[(b - range.lowerBound) * p + j] / Double(n) } }
                case .blas:
                    let chunkRows = max(1, min(range.count, (1 << 17) / n))
                    var counts = [Double](repeating: 0, count: chunkRows * n)
                    var product = [Double](repeating: 0, count: chunkRows * p)
                    var start = range.lowerBound
                    while start < range.upperBound {
                        let rows = min(chunkRows, range.upperBound - start)
                        counts.withUnsafeMutableBufferPointer { c in
                            c.update(repeating: 0)
                            for r in 0..<rows {
                                let base = r * n
                                draws.forEachIndex(resample: start - range.lowerBound + r) { c[base + $0] += 1 }
                            }
                        }
                        counts.withUnsafeBufferPointer { c in
                            x.withUnsafeBufferPointer { xp in
                                product.withUnsafeMutableBufferPointer { pp in
                                    BLASLibrary.symbols.dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                                                Int32(rows), Int32(p), Int32(n), 1 / Double(n),
                                                c.baseAddress, Int32(n), xp.baseAddress, Int32(p),
                                                0, pp.baseAddress, Int32(p))
                                }
                            }
                        }
                        for r in 0..<rows { for j in 0..<p { result[(start + r) * p + j] = product[r * p + j] } }
                        start += rows
                    }
                }
            }
        }
        return out
    }
}
