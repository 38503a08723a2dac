/// Neumaier's improved Kahan–Babuška summation (Neumaier 1974, ZAMM 54:39–51):
/// the rounding error of each addition is carried in a second accumulator, so a sum of
/// many latencies is accurate to about one rounding regardless of n.
public struct CompensatedSum: Sendable {
    private var sum = 0.0
    private var compensation = 0.0

    public init() {}

    @inline(__always)
    public mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) {
            compensation += (sum - t) + x
        } else {
            compensation += (x - t) + sum
        }
        sum = t
    }

    public var value: Double { sum + compensation }

    public static func sum<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        var acc = CompensatedSum()
        for v in values { acc.add(v) }
        return acc.value
    }
}
