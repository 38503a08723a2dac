import CKernels

/// Scratch doubles on the calling thread's stack, for the selection's short-lived buffers (its sample, the
/// second pass's copy). Fresh heap pages cost a page fault each (3–18 µs on the reference VM) when the heap
/// grows during the computation; the stacks are mapped ahead (``Team``: the helper maps its own and its
/// creator's while the input is read). Swift's `withUnsafeTemporaryAllocation` put more than 1 KiB on the
/// heap here, so the stack frame comes from C. Requests above ``limit`` use the heap.
enum StackScratch {
    /// The most doubles taken from the stack (64 KiB).
    static let limit = 8192

    /// Calls `body` with `count` uninitialised doubles (valid until it returns).
    static func withDoubles(_ count: Int, _ body: (UnsafeMutableBufferPointer<Double>) -> Void) {
        if count > limit {
            let heap = UnsafeMutableBufferPointer<Double>.allocate(capacity: Swift.max(count, 1))
            defer { heap.deallocate() }
            body(heap)
            return
        }
        withoutActuallyEscaping(body) { body in
            var call = Call(count: count, body: body)
            withUnsafeMutablePointer(to: &call) { context in
                audit_with_stack_scratch(Swift.max(count, 1) * MemoryLayout<Double>.stride, { scratch, context in
                    let call = context!.assumingMemoryBound(to: Call.self)
                    call.pointee.body(UnsafeMutableBufferPointer(start: scratch!.assumingMemoryBound(to: Double.self),
                                                                 count: call.pointee.count))
                }, context)
            }
        }
    }

    private struct Call {
        let count: Int
        let body: (UnsafeMutableBufferPointer<Double>) -> Void
    }
}
