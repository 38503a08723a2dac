import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Memory mapped ahead of a computation and lent to one computation at a time, for buffers that live across
/// the passes of ``Selection`` (the values its first pass keeps for the second). Fresh memory costs a page
/// fault per 4 KiB when first written (3–18 µs on the reference VM); this region's pages are populated when it
/// is mapped (`MAP_POPULATE`), by the helper thread while a large input is read (``Parallel/prepare(inputBytes:)``),
/// so the computation that follows writes to it without a fault. A caller that finds no region (none mapped,
/// or lent to another caller) or one too small gets nil and uses the heap as before: the region changes the
/// time, never the result.
package enum PreparedScratch {
    /// 0: none mapped, 1: mapping, 2: free, 3: lent.
    private static let state = Atomic<Int>(0)
    private nonisolated(unsafe) static var base: UnsafeMutableRawPointer?
    private nonisolated(unsafe) static var size = 0

    /// The region's size for an input of `inputBytes`: a quarter of it (a text file holds about one value per
    /// 7–9 bytes, so ~2 doubles per value kept for a tenth of the values), between 64 KiB and 512 KiB.
    static func bytes(forInput inputBytes: Int) -> Int {
        min(512 << 10, max(64 << 10, inputBytes / 4)) & ~4095
    }

    /// Maps the region with its pages populated (once per process; later calls do nothing).
    package static func map(bytes: Int) {
        guard bytes > 0, state.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged else { return }
        let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0)
        guard let p, p != MAP_FAILED else { return }  // stays "mapping": never lent
        base = p
        size = bytes
        state.store(2, ordering: .releasing)
    }

    /// Calls `body` with the region as at least `count` doubles (all of it, uninitialised), or with nil when
    /// none is free or it is smaller; the region is the caller's until `body` returns.
    static func withDoubles<R>(atLeast count: Int, _ body: (UnsafeMutableBufferPointer<Double>?) -> R) -> R {
        guard state.compareExchange(expected: 2, desired: 3, ordering: .acquiring).exchanged else { return body(nil) }
        defer { state.store(2, ordering: .releasing) }
        let doubles = size / MemoryLayout<Double>.stride
        guard count <= doubles, let base else { return body(nil) }
        return body(UnsafeMutableBufferPointer(start: base.assumingMemoryBound(to: Double.self), count: doubles))
    }
}
