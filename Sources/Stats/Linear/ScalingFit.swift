import COpenBLAS
import RealModule

/// How latency grows with concurrency, fitted by least squares (LAPACK `dgels` via ``LeastSquares``)
/// on every sample of a config's runs at several concurrency levels c:
/// - linear: y = a + b·c;
/// - log-log: log y = α + β·log c (β is the scaling exponent);
/// - Universal Scalability Law in latency form (Gunther 2007), when ≥ 4 levels exist:
///   y = a·(1 + σ(c − 1) + κ·c(c − 1)), fitted as y = a + b(c − 1) + d·c(c − 1), σ = b/a, κ = d/a.
/// Intervals come from a pairs bootstrap stratified by level (each level's samples resampled within
/// the level); each resample solves the weighted normal equations XᵀWX β = XᵀWy, with XᵀWX and XᵀWy
/// formed by `dgemm`/`dgemv`.
public enum ScalingFit {
    public enum Model: String, Sendable, CaseIterable {
        case linear
        case logLog = "log-log"
        case usl
    }

    public struct Coefficient: Sendable, Equatable {
        public let name: String
        public let estimate: Double
        public let low: Double
        public let high: Double
    }

    public struct Result: Sendable, Equatable {
        public let model: Model
        public let coefficients: [Coefficient]
        /// Fitted value and 95% band at each level.
        public let curve: [(concurrency: Double, fitted: Double, low: Double, high: Double)]
        public let resamples: Int
        /// Bootstrap replicates of the second coefficient (slope, exponent or σ), to compare two configs.
        public let trendReplicates: [Double]

        public static func == (a: Result, b: Result) -> Bool { a.model == b.model && a.coefficients == b.coefficients }
        public func coefficient(_ name: String) -> Coefficient? { coefficients.first { $0.name == name } }
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooFewLevels(needed: Int, have: Int)
        case nonPositive
        case singular
        public var description: String {
            switch self {
            case .tooFewLevels(let needed, let have): "the fit needs at least \(needed) concurrency levels (have \(have))"
            case .nonPositive: "the log-log fit needs positive latencies"
            case .singular: "the design is singular"
            }
        }
    }

    static func row(_ model: Model, _ c: Double) -> [Double] {
        switch model {
        case .linear: [1, c]
        case .logLog: [1, Double.log(c)]
        case .usl: [1, c - 1, c * (c - 1)]
        }
    }

    static func response(_ model: Model, _ y: Double) -> Double { model == .logLog ? Double.log(y) : y }

    static func named(_ model: Model, _ beta: [Double]) -> [(String, Double)] {
        switch model {
        case .linear: [("intercept", beta[0]), ("slope", beta[1])]
        case .logLog: [("intercept", beta[0]), ("exponent", beta[1])]
        case .usl: [("a", beta[0]), ("sigma", beta[1] / beta[0]), ("kappa", beta[2] / beta[0])]
        }
    }

    static func predict(_ model: Model, _ beta: [Double], _ c: Double) -> Double {
        let x = row(model, c)
        let v = zip(x, beta).reduce(0) { $0 + $1.0 * $1.1 }
        return model == .logLog ? Double.exp(v) : v
    }

    public static func fit(levels: [(concurrency: Int, values: [Double])], model: Model, resamples: Int = 2_000,
                           seed: UInt64 = 1, level: Double = 0.95) throws(Failure) -> Result {
        let needed = model == .usl ? 4 : 2
        let distinct = Set(levels.map(\.concurrency)).count
        guard distinct >= needed else { throw .tooFewLevels(needed: needed, have: distinct) }
        if model == .logLog, levels.contains(where: { $0.values.contains { $0 <= 0 } }) { throw .nonPositive }
        let p = row(model, 1).count
        var xs: [Double] = [], ys: [Double] = []
        var strata: [Range<Int>] = []
        for l in levels {
            let start = ys.count
            for v in l.values {
                xs += row(model, Double(l.concurrency))
                ys.append(response(model, v))
            }
            strata.append(start..<ys.count)
        }
        let n = ys.count
        let design = Matrix(rows: n, columns: p, elements: xs)
        guard let point = try? LeastSquares.solve(design, ys) else { throw .singular }
        // Stratified pairs bootstrap: weights = counts of each row in the resample.
        var g = Xoshiro256StarStar(seed: seed)
        var betas: [[Double]] = []
        betas.reserveCapacity(resamples)
        var w = [Double](repeating: 0, count: n)
        for _ in 0..<resamples {
            for i in w.indices { w[i] = 0 }
            for r in strata { for _ in r { w[r.lowerBound + g.bounded(r.count)] += 1 } }
            if let beta = weightedSolve(design: design, y: ys, weights: w) { betas.append(beta) }
        }
        let alpha = (1 - level) / 2
        func interval(_ values: [Double]) -> (Double, Double) {
            let s = values.filter(\.isFinite).sorted()
            guard !s.isEmpty else { return (.nan, .nan) }
            return (QuantileDefinition.hf7.quantile(sorted: s, p: alpha), QuantileDefinition.hf7.quantile(sorted: s, p: 1 - alpha))
        }
        let names = named(model, point.coefficients)
        var coefficients: [Coefficient] = []
        for (k, (name, estimate)) in names.enumerated() {
            let (lo, hi) = interval(betas.map { named(model, $0)[k].1 })
            coefficients.append(Coefficient(name: name, estimate: estimate, low: lo, high: hi))
        }
        let curve = Array(Set(levels.map(\.concurrency))).sorted().map { c -> (Double, Double, Double, Double) in
            let (lo, hi) = interval(betas.map { predict(model, $0, Double(c)) })
            return (Double(c), predict(model, point.coefficients, Double(c)), lo, hi)
        }
        return Result(model: model, coefficients: coefficients, curve: curve, resamples: betas.count,
                      trendReplicates: betas.map { named(model, $0)[1].1 })
    }

    /// Solves XᵀWX β = XᵀWy: XᵀW X by `dgemm` on (w∘X), XᵀWy by `dgemv`, the p×p system by `dgels`.
    static func weightedSolve(design: Matrix, y: [Double], weights: [Double]) -> [Double]? {
        let n = design.rows, p = design.columns
        var wx = design
        for i in 0..<n { for j in 0..<p { wx[i, j] *= weights[i] } }
        let xtwx = BLAS.product(design, wx, transposeA: true)
        let xtwy = BLAS.product(wx, y, transpose: true)
        return try? LeastSquares.solve(xtwx, xtwy).coefficients
    }
}

extension ScalingFit {
    /// The difference of two configs' trend coefficients (right − left) with a percentile interval from
    /// their independent bootstrap replicates.
    public static func trendDifference(_ left: Result, _ right: Result, level: Double = 0.95) -> (estimate: Double, low: Double, high: Double) {
        let k = min(left.trendReplicates.count, right.trendReplicates.count)
        let d = (0..<k).map { right.trendReplicates[$0] - left.trendReplicates[$0] }.filter(\.isFinite).sorted()
        let estimate = right.coefficients[1].estimate - left.coefficients[1].estimate
        guard !d.isEmpty else { return (estimate, .nan, .nan) }
        let alpha = (1 - level) / 2
        return (estimate, QuantileDefinition.hf7.quantile(sorted: d, p: alpha), QuantileDefinition.hf7.quantile(sorted: d, p: 1 - alpha))
    }
}
