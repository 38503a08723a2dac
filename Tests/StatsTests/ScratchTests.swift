import CKernels
import Testing
@testable import Stats
#if canImport(Glibc)
import Glibc
#endif

/// The selection's scratch memory: the stack trampoline (below and above its limit), the prepared region's
/// lending (one holder at a time, nil when busy or too small), and the C calls that map memory ahead.
struct ScratchTests {
    /// Every double of the scratch can be written and read back, at the requested count.
    @Test(arguments: [1, 512, StackScratch.limit, StackScratch.limit + 1, 40_000])
    func stackScratchHoldsTheRequestedDoubles(count: Int) {
        var total = 0.0, seen = 0
        StackScratch.withDoubles(count) { scratch in
            seen = scratch.count
            for i in scratch.indices { scratch[i] = Double(i) }
            for v in scratch { total += v }
        }
        #expect(seen == count)
        #expect(total == Double(count) * Double(count - 1) / 2)
    }

    /// The stack scratch is 64-byte aligned (the kernels' vector stores).
    @Test func stackScratchIsAligned() {
        var address = 0
        StackScratch.withDoubles(100) { address = Int(bitPattern: $0.baseAddress) }
        #expect(address % 64 == 0)
    }

    /// Once mapped, the region is lent to one holder: a nested request gets nil, as does one larger than the
    /// region; after the holder returns it is lent again. (Other tests' selections may hold it for a moment,
    /// so the first request waits for it; the region is mapped once per process, so a test that read a large
    /// input file earlier in the same process may have mapped it at that input's size, not this one.)
    @Test func preparedScratchIsLentToOneHolderAtATime() {
        PreparedScratch.map(bytes: 512 << 10)
        var lent = false, doubles = 0
        for _ in 0..<100_000 where !lent {
            PreparedScratch.withDoubles(atLeast: 1) { region in
                guard let region else { return }
                lent = true
                doubles = region.count
                region[0] = 1; region[region.count - 1] = 2
                PreparedScratch.withDoubles(atLeast: 1) { nested in #expect(nested == nil) }
            }
            if !lent { sched_yield() }
        }
        #expect(lent)
        // Whole pages, between the smallest and the largest size ``PreparedScratch/bytes(forInput:)`` gives.
        #expect(doubles * 8 % 4096 == 0 && doubles >= (64 << 10) / 8 && doubles <= (512 << 10) / 8)
        var tooLarge = false
        PreparedScratch.withDoubles(atLeast: doubles + 1) { tooLarge = $0 == nil }
        #expect(tooLarge)
    }

    /// The region's size for an input: a quarter of its bytes between 64 KiB and 512 KiB, whole pages.
    @Test func preparedScratchSizeFollowsTheInput() {
        #expect(PreparedScratch.bytes(forInput: 1_000) == 64 << 10)
        #expect(PreparedScratch.bytes(forInput: 707_265) == (707_265 / 4) & ~4095)
        #expect(PreparedScratch.bytes(forInput: 7_000_000) == 512 << 10)
    }

    #if os(Linux)
    /// The math library's read-only segments are mapped (the interval's search calls its log and exp).
    @Test func populatingTheMathLibraryMapsItsSegments() {
        #expect(audit_populate_library("libm.so") > 0)
        #expect(audit_populate_library("no-such-library.so") == 0)
    }

    /// Below a frame of this thread, the stack's pages are mapped in 16 KiB steps.
    @Test func populatingBelowAFrameMapsTheStack() {
        #expect(audit_populate_below(audit_frame_address(), 32 << 10) == 32 << 10)
        #expect(audit_populate_below(UnsafeRawPointer(bitPattern: 4096 * 3), 32 << 10) == 0)
    }
    #endif
}
