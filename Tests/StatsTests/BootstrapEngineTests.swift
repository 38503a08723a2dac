import Testing
@testable import Stats

struct BootstrapEngineTests {
    static let sample: Sample = {
        var g = Xoshiro256StarStar(seed: 99)
        return try! Sample((0..<257).map { _ in 60 * (1 + g.nextUnitDouble()) * (1 + g.nextUnitDouble()) })
    }()

    static let statistics: [Statistic] = [
        .mean, .quantile(p: 0.5, definition: .hf7), .quantile(p: 0.95, definition: .nearestRank),
        .quantile(p: 0.99, definition: .hf8), .harrellDavis(p: 0.9), .trimmedMean(proportion: 0.1),
    ]

    @Test(arguments: statistics)
    func identicalAtAnyThreadCount(statistic: Statistic) {
        let one = Bootstrap.replicates(of: statistic, sample: Self.sample, configuration: .init(resamples: 1000, seed: 7, threads: 1))
        let two = Bootstrap.replicates(of: statistic, sample: Self.sample, configuration: .init(resamples: 1000, seed: 7, threads: 2))
        let five = Bootstrap.replicates(of: statistic, sample: Self.sample, configuration: .init(resamples: 1000, seed: 7, threads: 5))
        #expect(one == two && one == five)
        let other = Bootstrap.replicates(of: statistic, sample: Self.sample, configuration: .init(resamples: 1000, seed: 8, threads: 2))
        #expect(one != other)
    }

    /// The counts kernel (used for every L-statistic) and the gather kernel (the mean) see the same resamples.
    @Test func countsAndGatherKernelsAgreeOnTheMean() {
        let config = Bootstrap.Configuration(resamples: 600, seed: 3, threads: 2)
        let gather = Bootstrap.replicates(of: .mean, sample: Self.sample, configuration: config)
        // The trimmed mean with proportion 0 is the mean evaluated through counts over the sorted sample.
        let counts = Bootstrap.replicates(of: .trimmedMean(proportion: 0), sample: Self.sample, configuration: config)
        for (a, b) in zip(gather, counts) { #expect(relativelyClose(a, b, 1e-12)) }
    }

    /// A sample of 9,000 (two 4,096-value chunks and a tail): the chunked stream of ``ResampleDraws``.
    static let large: Sample = {
        var g = Xoshiro256StarStar(seed: 5)
        return try! Sample((0..<9_000).map { _ in 60 * (1 + g.nextUnitDouble()) * (1 + 3 * g.nextUnitDouble()) })
    }()

    @Test(arguments: [Statistic.mean, .trimmedMean(proportion: 0.1), .harrellDavis(p: 0.9)])
    func chunkedStreamIsIdenticalAtAnyThreadCount(statistic: Statistic) {
        for chunkBits in [12, 6] {
            func run(_ threads: Int) -> [Double] {
                var config = Bootstrap.Configuration(resamples: 700, seed: 7, threads: threads, blockSize: 64)
                config.chunkBits = chunkBits
                return Bootstrap.replicates(of: statistic, sample: Self.large, configuration: config)
            }
            let one = run(1)
            #expect(one == run(2) && one == run(3))
        }
    }

    /// The chunk-major mean kernel and the resample-major counts kernel see the same chunked resamples.
    @Test(arguments: [(9_000, 12), (257, 3), (257, 1)])
    func countsAndGatherKernelsAgreeOnChunkedResamples(n: Int, chunkBits: Int) throws {
        let sample = try Sample(Array(Self.large.sorted.prefix(n)))
        var config = Bootstrap.Configuration(resamples: 500, seed: 3, threads: 2, blockSize: 100)
        config.chunkBits = chunkBits
        let gather = Bootstrap.replicates(of: .mean, sample: sample, configuration: config)
        let counts = Bootstrap.replicates(of: .trimmedMean(proportion: 0), sample: sample, configuration: config)
        for (a, b) in zip(gather, counts) { #expect(relativelyClose(a, b, 1e-12)) }
        let floor = Bootstrap.drawingFloor(n: n, configuration: config)
        #expect(floor >= 0)
    }

    /// Bootstrap moments of the mean on the chunked stream: mean → x̄, variance → σ̂²/n (plug-in).
    @Test(arguments: [12, 4])
    func chunkedMeanReplicatesHaveTheClosedFormMoments(chunkBits: Int) {
        let s = Self.large, b = 20_000
        var config = Bootstrap.Configuration(resamples: b, seed: 2)
        config.chunkBits = chunkBits
        let r = Bootstrap.replicates(of: .mean, sample: s, configuration: config)
        let m = r.reduce(0, +) / Double(b)
        let v = r.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(b - 1)
        let n = Double(s.count)
        let plugInVariance = s.standardDeviation * s.standardDeviation * (n - 1) / n / n
        #expect(abs(m - s.mean) < 4 * (plugInVariance / Double(b)).squareRoot())
        #expect(abs(v / plugInVariance - 1) < 4 * (2.0 / Double(b)).squareRoot())
    }

    @Test func blasAndGatherKernelsGiveTheSameReplicates() {
        let n = 300, p = 12
        var g = Xoshiro256StarStar(seed: 1)
        let data = Matrix(rows: n, columns: p, elements: (0..<(n * p)).map { _ in 50 + 100 * g.nextUnitDouble() })
        for (threads, chunkBits) in [(1, 12), (2, 12), (2, 5)] {
            var config = Bootstrap.Configuration(resamples: 700, seed: 11, threads: threads)
            config.chunkBits = chunkBits
            let a = LinearBootstrap.columnMeans(of: data, configuration: config, kernel: .gather)
            let b = LinearBootstrap.columnMeans(of: data, configuration: config, kernel: .blas)
            #expect(a.rows == 700 && b.rows == 700)
            for (x, y) in zip(a.elements, b.elements) { #expect(relativelyClose(x, y, 1e-12)) }
        }
        // One column holding the sorted sample reproduces the single-statistic mean bootstrap.
        for chunkBits in [12, 5] {
            var config = Bootstrap.Configuration(resamples: 700, seed: 11, threads: 2)
            config.chunkBits = chunkBits
            let column = try! Sample((0..<n).map { data[$0, 0] })
            let single = Bootstrap.replicates(of: .mean, sample: column, configuration: config)
            let joint = LinearBootstrap.columnMeans(of: Matrix(rows: n, columns: 1, elements: column.sorted), configuration: config, kernel: .blas)
            for b in 0..<700 { #expect(relativelyClose(single[b], joint[b, 0], 1e-12)) }
        }
    }

    @Test func replicateOfAConstantSampleIsTheConstant() throws {
        let s = try Sample([Double](repeating: 67, count: 35))
        for stat in Self.statistics {
            let r = Bootstrap.replicates(of: stat, sample: s, configuration: .init(resamples: 100, seed: 1))
            #expect(r.allSatisfy { abs($0 - 67) < 1e-12 }, "\(stat)")
        }
    }

    /// The jackknife values by rank formulas equal brute-force leave-one-out recomputation.
    @Test(arguments: statistics)
    func jackknifeMatchesBruteForce(statistic: Statistic) {
        let sorted = Array(Self.sample.sorted.prefix(41)) + [Self.sample.sorted[5]]  // with a tie
        let s = sorted.sorted()
        let fast = statistic.jackknife(sorted: s)
        for i in 0..<s.count {
            var rest = s
            rest.remove(at: i)
            #expect(relativelyClose(fast[i], statistic.estimate(sorted: rest), 1e-12), "\(statistic) i=\(i)")
        }
    }

    /// Bootstrap mean of the mean replicates → sample mean, and their variance → σ̂²/n (plug-in), within MC error.
    @Test func meanReplicatesHaveTheClosedFormMoments() {
        let s = Self.sample
        let r = Bootstrap.replicates(of: .mean, sample: s, configuration: .init(resamples: 40_000, seed: 2))
        let m = r.reduce(0, +) / Double(r.count)
        let v = r.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(r.count - 1)
        let n = Double(s.count)
        let plugInVariance = s.standardDeviation * s.standardDeviation * (n - 1) / n / n
        #expect(abs(m - s.mean) < 4 * (plugInVariance / 40_000).squareRoot())
        #expect(abs(v / plugInVariance - 1) < 4 * (2.0 / 40_000).squareRoot())
    }
}

struct SharedResamplesTests {
    /// Several statistics from one resampling equal each statistic's own counts-kernel replicates.
    @Test func sharedEqualsSeparate() throws {
        let sample = BootstrapEngineTests.sample
        let stats: [Statistic] = [.harrellDavis(p: 0.1), .harrellDavis(p: 0.5), .trimmedMean(proportion: 0.2)]
        let config = Bootstrap.Configuration(resamples: 300, seed: 4, threads: 2)
        let shared = Bootstrap.replicates(ofAll: stats, sample: sample, configuration: config)
        for (k, s) in stats.enumerated() {
            #expect(shared[k] == Bootstrap.replicates(of: s, sample: sample, configuration: config, kernel: .counts))
        }
    }
}
