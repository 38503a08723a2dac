import Testing
@testable import Stats

struct ProcessInfoLiteTests {
    /// The count is the number of bits set in the affinity mask, whichever bytes they sit in, and never 0.
    @Test func countsTheProcessorsSetInAnAffinityMask() {
        func count(_ bytes: [UInt8]) -> Int { bytes.withUnsafeBytes { ProcessInfoLite.count(inMask: $0) } }
        #expect(count([0b0000_0001] + [UInt8](repeating: 0, count: 127)) == 1)
        #expect(count([0b0000_0011] + [UInt8](repeating: 0, count: 127)) == 2)
        #expect(count([0, 0, 0b1000_0000] + [UInt8](repeating: 0, count: 124) + [0b0001_0001]) == 3)
        #expect(count([UInt8](repeating: 0xFF, count: 128)) == 1024)
        #expect(count([UInt8](repeating: 0, count: 128)) == 1)
    }

    @Test func thisProcessCountsAtLeastOneProcessor() {
        #expect(ProcessInfoLite.activeProcessorCount >= 1)
        #expect(Bootstrap.defaultThreadCount == ProcessInfoLite.activeProcessorCount)
    }
}
