/// A validated sample of latencies (or any real measurements): non-empty, every value finite.
///
/// The values keep their original order (the order matters for burst-aware resampling),
/// and the ascending view that every quantile needs is computed once, at construction.
public struct Sample: Sendable, Equatable {
    /// The values in the order they were given.
    public let values: [Double]
    /// The same values, ascending.
    public let sorted: [Double]

    public var count: Int { values.count }

    /// Fails with ``SampleError`` when `values` is empty or holds NaN or ±∞.
    public init(_ values: [Double]) throws(SampleError) {
        guard !values.isEmpty else { throw .empty }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(index: bad, value: values[bad])
        }
        self.values = values
        self.sorted = RadixSort.sorted(values)
    }

    /// Builds a sample from values already known to be finite and non-empty (internal fast path).
    init(unchecked values: [Double], sorted: [Double]) {
        self.values = values
        self.sorted = sorted
    }

    public var minimum: Double { sorted[0] }
    public var maximum: Double { sorted[sorted.count - 1] }

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
    public var isConstant: Bool { sorted[0] == sorted[sorted.count - 1] }
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
