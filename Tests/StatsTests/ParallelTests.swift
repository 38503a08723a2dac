import Foundation
import Synchronization
import Testing
@testable import Stats

/// The helper team runs every part exactly once — alone, with parts beyond the helpers, from several
/// callers at once (the team is taken by one, the others use Dispatch), nested, and after its helpers
/// have gone to sleep.
struct ParallelTests {
    /// Runs `parts` parts, each adding its index + 1 to its own slot; every slot must hold exactly that.
    /// `work` spins a little inside each part, so that the caller and a helper claim parts at the same
    /// moments (contended claims are what the ticket's compare-and-exchange is for).
    func runsEachPartOnce(_ parts: Int, work: Int = 0) -> Bool {
        let slots = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts)
        defer { slots.deallocate() }
        slots.initialize(repeating: 0)
        nonisolated(unsafe) let shared = slots
        Parallel.run(parts) { part in
            var x = part
            for _ in 0..<work { x = x &* 6364136223846793005 &+ 1 }
            shared[part] += part + 1 + (x == -1 ? 1 : 0)
        }
        return slots.indices.allSatisfy { slots[$0] == $0 + 1 }
    }

    @Test func everyPartRunsExactlyOnce() {
        for parts in [1, 2, 3, 7, 64, 1000] {
            for work in [0, 50, 400] {
                for _ in 0..<10 { #expect(runsEachPartOnce(parts, work: work), "parts \(parts), work \(work)") }
            }
        }
    }

    @Test func concurrentCallersEachGetTheirParts() {
        let failures = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 16) { caller in
            for round in 0..<50 where !runsEachPartOnce(2 + (caller + round) % 9) {
                failures.add(1, ordering: .relaxed)
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
    }

    @Test func nestedRunsComplete() {
        let total = Atomic<Int>(0)
        Parallel.run(4) { outer in
            Parallel.run(3) { inner in total.add(outer * 3 + inner + 1, ordering: .relaxed) }
        }
        #expect(total.load(ordering: .relaxed) == (1...12).reduce(0, +))
    }

    @Test func sleepingHelpersAreWoken() throws {
        for _ in 0..<5 {
            #expect(runsEachPartOnce(2))
            Thread.sleep(forTimeInterval: 0.01)  // longer than the helpers poll: they sleep on the condition
        }
    }
}
