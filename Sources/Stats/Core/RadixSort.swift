/// Ascending sort of finite doubles by least-significant-digit radix sort on their bit patterns
/// (Knuth, TAOCP vol. 3, §5.2.5), with the order-preserving key of Herf, "Radix tricks" (2001):
/// flip every bit of a negative double and only the sign bit of a positive one, and unsigned integer
/// order is numeric order. Six passes of 11-bit digits; a pass whose digit is the same for every key
/// (common for the exponent bits of latency data) is skipped. O(n), against the O(n log n)
/// comparisons of `sorted()` — 1e6 values in about a tenth of the time on the reference machine.
///
/// −0.0 sorts just before +0.0 (they compare equal, so the result is a valid ascending order).
/// NaN must not occur (``Sample`` rejects it); ±∞ sort to the ends.
public enum RadixSort {
    /// Below this many values the standard library's sort is as fast.
    public static let threshold = 512

    public static func sorted(_ values: [Double]) -> [Double] {
        let n = values.count
        if n < threshold { return values.sorted() }
        let digitBits = 11, buckets = 1 << digitBits, passes = 6
        var keys = [UInt64](unsafeUninitializedCapacity: n) { _, count in count = n }
        var scratch = [UInt64](unsafeUninitializedCapacity: n) { _, count in count = n }
        var histogram = [Int](repeating: 0, count: buckets * passes)
        values.withUnsafeBufferPointer { v in
            keys.withUnsafeMutableBufferPointer { k in
                histogram.withUnsafeMutableBufferPointer { h in
                    for i in 0..<n {
                        let bits = v[i].bitPattern
                        let key = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
                        k[i] = key
                        for pass in 0..<passes {
                            h[pass * buckets + Int(truncatingIfNeeded: (key >> UInt64(pass * digitBits)) & UInt64(buckets - 1))] += 1
                        }
                    }
                }
            }
        }
        var sourceIsKeys = true
        for pass in 0..<passes {
            let base = pass * buckets
            // Skip a digit every key shares: the pass would copy the array unchanged.
            if histogram[base..<(base + buckets)].contains(n) { continue }
            var offsets = [Int](repeating: 0, count: buckets)
            var running = 0
            for b in 0..<buckets { offsets[b] = running; running += histogram[base + b] }
            let shift = UInt64(pass * digitBits)
            func scatter(_ from: UnsafeBufferPointer<UInt64>, _ to: UnsafeMutableBufferPointer<UInt64>) {
                offsets.withUnsafeMutableBufferPointer { o in
                    for i in 0..<n {
                        let key = from[i]
                        let digit = Int(truncatingIfNeeded: (key >> shift) & UInt64(buckets - 1))
                        to[o[digit]] = key
                        o[digit] += 1
                    }
                }
            }
            if sourceIsKeys {
                keys.withUnsafeBufferPointer { from in scratch.withUnsafeMutableBufferPointer { scatter(from, $0) } }
            } else {
                scratch.withUnsafeBufferPointer { from in keys.withUnsafeMutableBufferPointer { scatter(from, $0) } }
            }
            sourceIsKeys.toggle()
        }
        let result = sourceIsKeys ? keys : scratch
        return [Double](unsafeUninitializedCapacity: n) { out, count in
            result.withUnsafeBufferPointer { k in
                for i in 0..<n {
                    let key = k[i]
                    out[i] = Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
                }
            }
            count = n
        }
    }
}
