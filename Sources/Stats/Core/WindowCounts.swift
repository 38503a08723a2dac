import CKernels
#if canImport(Glibc)
import Glibc
#endif

/// The two passes of ``Selection`` over the whole data: the first (made by `init`) counts, per value
/// window, the values below it and the values in each of its buckets; the second
/// (``collect(window:buckets:_:)``) copies the values of a run of buckets. Both split the data between
/// two threads from ``Selection/parallelThreshold`` values. Each thread's counts become its running totals
/// in place, which answer every question below and size the copy exactly; nothing else is allocated (fresh
/// memory costs a page fault per 4 KiB, and the first array of a new element type its generic metadata).
struct WindowCounts: ~Copyable {
    private let x: UnsafeBufferPointer<Double>
    private let windows: UnsafeMutableBufferPointer<audit_window>
    private let buckets: Int
    private let parts: Int
    /// Per window: the number of values below it.
    let below: [Int]
    /// Part p's running totals for window w at prefix[(p · windows + w) · (buckets + 3) + k]: its values of the
    /// window in buckets < k (k = 0 … buckets + 2).
    private let prefix: UnsafeMutableBufferPointer<UInt32>

    /// The kernels' vector level to ask for: the widest (each runs the widest this processor has).
    static let widestVectors: Int32 = 2

    init(_ x: UnsafeBufferPointer<Double>, windows: Selection.Windows, buckets: Int) {
        precondition(x.count <= Int(UInt32.max), "the counts are 32-bit")
        let n = x.count
        let parts = n >= Selection.parallelThreshold && ProcessInfoLite.activeProcessorCount > 1 ? 2 : 1
        let w = windows.count, row = buckets + 3
        nonisolated(unsafe) let kernels = UnsafeMutableBufferPointer<audit_window>.allocate(capacity: w)
        for k in 0..<w { kernels[k] = windows[k].kernelWindow(buckets: buckets) }
        nonisolated(unsafe) let prefix = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: parts * w * row)
        prefix.initialize(repeating: 0)
        nonisolated(unsafe) let belowParts = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts * w)
        defer { belowParts.deallocate() }
        nonisolated(unsafe) let data = x
        Parallel.run(parts) { part in
            let from = part * n / parts, to = (part + 1) * n / parts
            for k in 0..<w {
                // Bucket j is counted at j + 1, then the row is summed in place: entry j = buckets < j.
                let counts = prefix.baseAddress! + (part * w + k) * row
                var below = 0
                audit_window_histogram(data.baseAddress! + from, to - from, kernels.baseAddress! + k,
                                       counts + 1, &below, WindowCounts.widestVectors)
                belowParts[part * w + k] = below
                var running: UInt32 = 0
                for j in 0..<row {
                    running &+= counts[j]
                    counts[j] = running
                }
            }
        }
        var below = [Int](repeating: 0, count: w)
        for k in 0..<w {
            for part in 0..<parts { below[k] += belowParts[part * w + k] }
        }
        self.x = x
        self.windows = kernels
        self.buckets = buckets
        self.parts = parts
        self.below = below
        self.prefix = prefix
    }

    deinit {
        prefix.deallocate()
        windows.deallocate()
    }

    /// Part p's values of window w in buckets < k.
    private func before(_ k: Int, window w: Int, part: Int) -> Int {
        Int(prefix[(part * windows.count + w) * (buckets + 3) + k])
    }

    /// The values of window w in buckets before `bucket`.
    func before(bucket: Int, window w: Int) -> Int {
        var total = 0
        for part in 0..<parts { total += before(bucket, window: w, part: part) }
        return total
    }

    /// The number of values inside window w.
    func inside(_ w: Int) -> Int { before(bucket: buckets + 2, window: w) }

    /// The bucket of window w that holds its `local`-th value (0-based, in ascending order).
    func bucket(holding local: Int, window w: Int) -> Int {
        // The last k with before(k) ≤ local (before(k) is ascending and starts at 0).
        var lo = 0, hi = buckets + 2
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if before(bucket: mid, window: w) <= local { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// The values of window w whose bucket lies in `run`, in data order, handed to `body` as scratch it may
    /// rearrange (valid until it returns).
    func collect<R>(window w: Int, buckets run: ClosedRange<Int>, _ body: (UnsafeMutableBufferPointer<Double>) -> R) -> R {
        let parts = self.parts, n = x.count
        // Each part writes its own region (with the kernel's 8 values of room for whole-vector stores) from
        // its own counts; the regions are then closed up.
        nonisolated(unsafe) let sizes = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2 * parts)
        defer { sizes.deallocate() }
        var room = 0
        for part in 0..<parts {
            sizes[part] = before(run.upperBound + 1, window: w, part: part) - before(run.lowerBound, window: w, part: part)
            sizes[parts + part] = room
            room += sizes[part] + 8
        }
        nonisolated(unsafe) let out = UnsafeMutableBufferPointer<Double>.allocate(capacity: room)
        defer { out.deallocate() }
        nonisolated(unsafe) let data = x
        // The buckets' values as one closed value range (exactly the values the first pass put there).
        var low = 0.0, high = 0.0
        audit_window_value_range(windows.baseAddress! + w, Int32(run.lowerBound), Int32(run.upperBound), &low, &high)
        let from = low, to = high
        Parallel.run(parts) { part in
            let start = part * n / parts, end = (part + 1) * n / parts
            var below = 0
            let kept = audit_window_gather_sparse(data.baseAddress! + start, end - start, from, to,
                                                  out.baseAddress! + sizes[parts + part], &below, WindowCounts.widestVectors)
            precondition(kept == sizes[part], "the second pass disagrees with the first")
        }
        var total = sizes[0]
        for part in 1..<parts {
            _ = memmove(out.baseAddress! + total, out.baseAddress! + sizes[parts + part], sizes[part] * MemoryLayout<Double>.stride)
            total += sizes[part]
        }
        return body(UnsafeMutableBufferPointer(rebasing: out[0..<total]))
    }
}
