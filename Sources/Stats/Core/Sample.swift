/// A validated sample of latencies (or any real measurements): non-empty, every value finite.
///
/// The values keep their original order (the order matters for burst-aware resampling). The ascending
/// view is computed on first use and kept (thread-safe): an order-statistic interval needs only a few
/// ranks (``orderStatistics(atRanks:)``, by selection) and never pays for a sort.
public struct Sample: Sendable, Equatable {
    /// The values in the order they were given.
    public let values: [Double]
    private let cache: SortedCache

    public var count: Int { values.count }

    /// The same values, ascending (radix-sorted on first use, then cached).
    public var sorted: [Double] { cache.sorted(values) }

    /// Fails with ``SampleError`` when `values` is empty or holds NaN or ±∞.
    public init(_ values: [Double]) throws(SampleError) {
        guard !values.isEmpty else { throw .empty }
        if !Self.allFinite(values), let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(index: bad, value: values[bad])
        }
        self.values = values
        self.cache = SortedCache()
    }

    /// A sample from values the caller's reader already guarantees finite and non-empty (the number-list
    /// reader rejects anything else line by line): skips the validation pass.
    package init(finite values: [Double]) {
        precondition(!values.isEmpty, "no samples")
        assert(Self.allFinite(values), "a non-finite value reached Sample(finite:)")
        self.values = values
        self.cache = SortedCache()
    }

    /// Builds a sample from values already known to be finite and non-empty (internal fast path).
    init(unchecked values: [Double], sorted: [Double]) {
        self.values = values
        self.cache = SortedCache(sorted)
    }

    public static func == (a: Sample, b: Sample) -> Bool { a.values == b.values }

    /// Makes the sorted views of several samples at once, one thread each (a two-sample test needs
    /// both; below RadixSort's own two-thread size each sort runs on a single core).
    public static func sortConcurrently(_ samples: [Sample]) {
        guard samples.count > 1, ProcessInfoLite.activeProcessorCount > 1 else { samples.forEach { _ = $0.sorted }; return }
        Parallel.run(samples.count) { _ = samples[$0].sorted }
    }

    /// The values at the 0-based `ranks` of the ascending order, each with its multiplicity in the sample:
    /// read off the cached sorted view when there is one, otherwise found by ``Selection`` in O(n).
    public func orderStatistics(atRanks ranks: [Int]) -> [Selection.Selected] {
        if let sorted = cache.ifSorted { return Selection.select(ranks: ranks, ofSorted: sorted) }
        return Selection.select(ranks: ranks, of: values)
    }

    /// The same for ranks that `find` computes and that lie within a few places of `guesses` (0-based):
    /// without a sorted view, `find` runs on one thread while the other starts the selection around the
    /// guesses (``Selection/select(near:ranks:in:)``). The returned ranks must be in 0..<count.
    func orderStatistics(near guesses: [Int], ranks find: () -> [Int]) -> [Selection.Selected] {
        if let sorted = cache.ifSorted { return Selection.select(ranks: find(), ofSorted: sorted) }
        return values.withUnsafeBufferPointer { Selection.select(near: guesses, ranks: find, in: $0) }
    }

    /// True when every value is finite: v − v is 0 for a finite v and NaN for ±∞ and NaN, and NaN
    /// survives the sums. Four independent two-lane sums, so the loop runs at memory speed.
    static func allFinite(_ values: [Double]) -> Bool {
        values.withUnsafeBufferPointer { x in
            var a = SIMD2<Double>(), b = SIMD2<Double>(), c = SIMD2<Double>(), d = SIMD2<Double>()
            var i = 0
            while i + 8 <= x.count {
                let p = SIMD2(x[i], x[i + 1]), q = SIMD2(x[i + 2], x[i + 3])
                let r = SIMD2(x[i + 4], x[i + 5]), s = SIMD2(x[i + 6], x[i + 7])
                a += p - p; b += q - q; c += r - r; d += s - s
                i += 8
            }
            var tail = 0.0
            while i < x.count { tail += x[i] - x[i]; i += 1 }
            let total = a + b + c + d
            return (total[0] + total[1] + tail) == 0
        }
    }

    public var minimum: Double { cache.ifSorted?.first ?? values.min()! }
    public var maximum: Double { cache.ifSorted?.last ?? values.max()! }

    /// Arithmetic mean, summed with Neumaier's compensated summation; when the sum of finite values
    /// overflows (values near the largest double), the values are scaled by 1/n first.
    public var mean: Double {
        // The mean lies in [min, max]; clamping also absorbs the last rounding near the largest double.
        let m = CompensatedSum.sum(values) / Double(count)
        if m.isFinite { return Swift.min(maximum, Swift.max(minimum, m)) }
        // Σ v/(2n) cannot overflow (|mean| ≤ max |v| ≤ the largest double), and doubling it back cannot either.
        var acc = CompensatedSum()
        let twoN = 2 * Double(count)
        for v in values { acc.add(v / twoN) }
        return Swift.min(maximum, Swift.max(minimum, 2 * acc.value))
    }

    /// Sample standard deviation with the n − 1 denominator (two-pass, compensated, deviations scaled by
    /// their largest magnitude so squares cannot overflow); 0 when n = 1.
    public var standardDeviation: Double {
        guard count > 1 else { return 0 }
        let m = mean
        var scale = 0.0
        for v in values { scale = Swift.max(scale, Swift.abs(v / 2 - m / 2)) }
        guard scale > 0 else { return 0 }
        var acc = CompensatedSum()
        for v in values { let d = (v / 2 - m / 2) / scale; acc.add(d * d) }
        return 2 * scale * (acc.value / Double(count - 1)).squareRoot()
    }

    /// True when every value is the same (many interval methods are undefined then).
    public var isConstant: Bool { minimum == maximum }
}

/// The ascending copy of a sample's values, made once by whichever thread asks first (a pthread mutex
/// through ``Locked``, so that ThreadSanitizer can check it).
private final class SortedCache: Sendable {
    private let cached: Locked<[Double]?>

    init(_ sorted: [Double]? = nil) { cached = Locked(sorted) }

    func sorted(_ values: [Double]) -> [Double] {
        cached.withLock { cached in
            if let cached { return cached }
            let sorted = RadixSort.sorted(values)
            cached = sorted
            return sorted
        }
    }

    /// The sorted copy if it has been made.
    var ifSorted: [Double]? { cached.withLock { $0 } }
}

/// Why a list of numbers is not a ``Sample``.
public enum SampleError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case nonFinite(index: Int, value: Double)

    public var description: String {
        switch self {
        case .empty: return "no samples"
        case .nonFinite(let index, let value): return "value \(index): not a finite number (\(value))"
        }
    }
}

