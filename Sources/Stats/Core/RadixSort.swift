/// Ascending sort of finite doubles by least-significant-digit radix sort on their bit patterns
/// (Knuth, TAOCP vol. 3, §5.2.5), with the order-preserving key of Herf, "Radix tricks" (2001):
/// flip every bit of a negative double and only the sign bit of a positive one, and unsigned integer
/// order is numeric order. Eight passes of 8-bit digits, all eight histograms counted in one read;
/// a pass whose digit is the same for every key (the sign and high exponent bits of latency data) is
/// skipped. O(n): 10⁶ values in about a tenth of the time of `sorted()` on the reference machine.
///
/// −0.0 sorts just before +0.0 (they compare equal, so the result is a valid ascending order).
/// ±∞ sort to the ends. An array holding NaN is handed to `sorted()` unchanged (NaN has no place in
/// an ascending order; ``Sample`` rejects it, replicate arrays should not hold it).
public enum RadixSort {
    /// Below this many values the standard library's sort is faster: measured on the reference machine,
    /// 512 values 5 µs vs 11 µs, 855 values 11 vs 17 µs, 2,000 values even (the eight histograms and their
    /// prefix sums are a fixed cost).
    public static let threshold = 2048

    /// From this many values the passes run on two threads (each scatters its half of the keys into
    /// its own slots of every bucket, so the result is the same stable order as one thread's).
    public static let parallelThreshold = 1 << 18

    public static func sorted(_ values: [Double]) -> [Double] {
        let n = values.count
        if n < threshold || n > Int(UInt32.max) || values.contains(where: \.isNaN) { return values.sorted() }
        let parts = n >= parallelThreshold && ProcessInfoLite.activeProcessorCount > 1 ? 2 : 1
        let bounds = (0...parts).map { $0 * n / parts }
        // Two buffers of n words: the keys and the result, which doubles as the scatter target and is
        // chosen so that the last pass lands in it (fresh pages cost a fault each: fewer buffers, less time).
        nonisolated(unsafe) let keys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n)
        defer { keys.deallocate() }
        // histogram[part][pass * 256 + digit]
        nonisolated(unsafe) let histogram = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: parts * 2048)
        defer { histogram.deallocate() }
        histogram.initialize(repeating: 0)
        values.withUnsafeBufferPointer { v in
            nonisolated(unsafe) let v = v
            Parallel.run(parts) { part in
                let h = UnsafeMutableBufferPointer(rebasing: histogram[(part * 2048)..<(part * 2048 + 2048)])
                for i in bounds[part]..<bounds[part + 1] {
                    let key = orderedKey(v[i])
                    keys[i] = key
                    h[Int(truncatingIfNeeded: key & 255)] &+= 1
                    h[256 + Int(truncatingIfNeeded: (key >> 8) & 255)] &+= 1
                    h[512 + Int(truncatingIfNeeded: (key >> 16) & 255)] &+= 1
                    h[768 + Int(truncatingIfNeeded: (key >> 24) & 255)] &+= 1
                    h[1024 + Int(truncatingIfNeeded: (key >> 32) & 255)] &+= 1
                    h[1280 + Int(truncatingIfNeeded: (key >> 40) & 255)] &+= 1
                    h[1536 + Int(truncatingIfNeeded: (key >> 48) & 255)] &+= 1
                    h[1792 + Int(truncatingIfNeeded: key >> 56)] &+= 1
                }
            }
        }
        // Skip a digit every key shares: that pass would copy the array unchanged.
        let passes = (0..<8).filter { pass in
            (0..<256).allSatisfy { d in
                let total = (0..<parts).reduce(0) { $0 + Int(histogram[$1 * 2048 + pass * 256 + d]) }
                return total == 0 || total == n
            } == false
        }
        return [Double](unsafeUninitializedCapacity: n) { out, count in
            let result = UnsafeMutableRawBufferPointer(out).bindMemory(to: UInt64.self)
            // An odd number of passes starts from the keys; an even number first moves them into the result.
            var from = keys, to = result
            if passes.count % 2 == 0 {
                _ = result.update(fromContentsOf: keys)
                (from, to) = (result, keys)
                // (The first pass then reads the result buffer: same keys in the same order, same counts.)
            }
            var offsets = [Int](repeating: 0, count: parts * 256)
            for (index, pass) in passes.enumerated() {
                let shift = UInt64(pass * 8)
                nonisolated(unsafe) let (source, target) = (from, to)
                // Each part's count of every digit in its half of the current order: the first pass can use
                // the counts taken with the keys; later passes have moved keys between halves, so recount.
                var local = [Int](repeating: 0, count: parts * 256)
                if parts == 1 || index == 0 {
                    for k in 0..<parts { for d in 0..<256 { local[k * 256 + d] = Int(histogram[k * 2048 + pass * 256 + d]) } }
                } else {
                    local.withUnsafeMutableBufferPointer { all in
                        nonisolated(unsafe) let all = all
                        Parallel.run(parts) { part in
                            for i in bounds[part]..<bounds[part + 1] {
                                all[part * 256 + Int(truncatingIfNeeded: (source[i] >> shift) & 255)] += 1
                            }
                        }
                    }
                }
                // Bucket d of part k starts after all smaller digits, and after part < k's keys of digit d.
                var running = 0
                for d in 0..<256 {
                    for k in 0..<parts {
                        offsets[k * 256 + d] = running
                        running += local[k * 256 + d]
                    }
                }
                offsets.withUnsafeMutableBufferPointer { all in
                    nonisolated(unsafe) let all = all
                    Parallel.run(parts) { part in
                        let o = UnsafeMutableBufferPointer(rebasing: all[(part * 256)..<(part * 256 + 256)])
                        for i in bounds[part]..<bounds[part + 1] {
                            let key = source[i]
                            let digit = Int(truncatingIfNeeded: (key >> shift) & 255)
                            target[o[digit]] = key
                            o[digit] += 1
                        }
                    }
                }
                swap(&from, &to)
            }
            // The result buffer now holds the sorted keys; map them back to doubles in place.
            nonisolated(unsafe) let r = result
            Parallel.run(parts) { part in
                for i in bounds[part]..<bounds[part + 1] {
                    r[i] = value(ofOrderedKey: r[i]).bitPattern
                }
            }
            count = n
        }
    }

    /// The order-preserving key of a (non-NaN) double: unsigned integer order is numeric order.
    @inline(__always) static func orderedKey(_ v: Double) -> UInt64 {
        let bits = v.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The double whose ``orderedKey(_:)`` is `key`.
    @inline(__always) static func value(ofOrderedKey key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }
}
