import Dispatch

/// Runs `body(part)` for every part in 0..<parts: inline when there is one part (no thread is woken),
/// otherwise one part per thread of `DispatchQueue.concurrentPerform`. Callers choose the parts (a size
/// threshold and the processor count); this is the one place that turns that choice into threads.
enum Parallel {
    static func run(_ parts: Int, _ body: @Sendable (Int) -> Void) {
        precondition(parts >= 1, "at least one part")
        if parts == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: body) }
    }
}
