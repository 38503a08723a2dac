#if canImport(Glibc)
import Glibc
#endif

/// A value guarded by a pthread mutex, for state shared between threads (a sample's sorted view, the
/// CLI's progress line).
///
/// Used instead of `Synchronization.Mutex`: both exclude each other correctly, but ThreadSanitizer
/// intercepts `pthread_mutex_lock` and cannot see inside the standard library's futex-based `Mutex` (its
/// atomics are not instrumented). With `Mutex`, TSan reported the first fill of `Sample`'s cache by two
/// test threads as a data race (2 of 9 whole-suite runs): a known false report that would hide a real one.
public final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value  // guarded by `lock`

    public init(_ value: Value) {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_mutex_t())
        pthread_mutex_init(lock, nil)
        self.value = value
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deinitialize(count: 1)
        lock.deallocate()
    }

    /// Runs `body` on the value with the lock held.
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return try body(&value)
    }
}
