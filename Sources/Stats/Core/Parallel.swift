import Dispatch
import Synchronization
import CKernels
#if canImport(Glibc)
import Glibc
#endif

/// Runs `body(part)` for every part in 0..<parts: inline when there is one part (no thread is woken),
/// otherwise on the calling thread together with the process's ``Team`` of helper threads (or, while the
/// team is busy with another caller's parts, on `DispatchQueue.concurrentPerform`). Parts are claimed one
/// at a time, so a helper that is late leaves its parts to the caller. Callers choose the parts (a size
/// threshold and the processor count); this is the one place that turns that choice into threads.
package enum Parallel {
    package static func run(_ parts: Int, _ body: @Sendable (Int) -> Void) {
        precondition(parts >= 1, "at least one part")
        if parts == 1 { body(0); return }
        if let team = Team.shared, team.run(parts, body) { return }
        DispatchQueue.concurrentPerform(iterations: parts, execute: body)
    }

    /// Starts the helper threads now, ahead of parallel work the caller knows is coming (before reading a
    /// large input): a new thread took 0.2–4.4 ms to first run on the reference VM. The first helper also
    /// maps the ``PreparedScratch`` for an input of `inputBytes`. Idempotent; nothing on one processor.
    package static func prepare(inputBytes: Int = 0) {
        if inputBytes > 0 { _ = scratchBytes.compareExchange(expected: 0, desired: PreparedScratch.bytes(forInput: inputBytes),
                                                             ordering: .relaxed) }
        _ = Team.shared
    }

    /// The ``PreparedScratch`` size the first helper maps (0: none), set by the first ``prepare(inputBytes:)``.
    static let scratchBytes = Atomic<Int>(0)
}

/// The process's helper threads: one per processor beyond the first, created once and never joined.
///
/// - A helper is created allowed on every processor except the one its creator runs on, and widens its
///   affinity again once running: left to itself the scheduler often started it on the creator's processor,
///   where it waited for the creator's time slice to end (3–4 ms) or halved the creator's speed.
/// - After each job a helper keeps polling for the next one for ``pollDuration`` — yielding between polls,
///   so that it never slows a thread it shares a processor with — before it sleeps on a condition variable
///   (the active wait of OpenMP runtimes). Waking a sleeping thread took 10 µs in the median and up to 2 ms
///   on the reference VM; a polling helper takes a job within a microsecond, which decides whether a 50 µs
///   pass is worth splitting (benchmarks/perf/README.md, note 20).
/// - Parts are claimed from one atomic ticket that also carries the job's generation and size, so a helper
///   that wakes late cannot claim a part of a job that has moved on; the caller returns only after every
///   part has finished.
final class Team: @unchecked Sendable {
    static let shared: Team? = ProcessInfoLite.activeProcessorCount > 1
        ? Team(helpers: ProcessInfoLite.activeProcessorCount - 1) : nil

    /// How long a helper polls for the next job before it sleeps.
    static let pollDuration = Duration.milliseconds(3)

    /// Stack and heap a new helper maps before it first polls for work.
    static let prefaultBytes = 64 << 10

    /// How far below its frame the creator's stack is mapped by the helper (as far as the stack's mapping
    /// reaches: the main thread's grows on demand, about 128 KiB at a time).
    static let creatorStackBytes = 192 << 10

    /// Maps ahead what the first computation would otherwise fault in page by page (3–18 µs a fault on the
    /// reference VM; file-backed pages cost most): the math library's code and tables (the order interval's
    /// search took four faults in log and exp, ~40 µs), ``creatorStackBytes`` of the creator's stack below its
    /// frame (populated, not written: the creator is running on it), the first ``prefaultBytes`` of the
    /// helper's stack and as much heap (allocated, written and freed: the audit executable keeps freed memory,
    /// so the helper's next allocations reuse the pages), and the ``PreparedScratch`` asked for. The helper is
    /// started ahead of a large input's parsing (``Parallel/prepare(inputBytes:)``), so this overlaps the file
    /// being read. It is done in steps between polls for a job (each 0.05–0.2 ms; all at once, ~0.5 ms, made
    /// the helper late to the file's second half and to the computation's first job): a job that arrives
    /// meanwhile is taken first. Returns false when nothing is left.
    private static func prefault(step: Int, creatorStack: UnsafeRawPointer?) -> Bool {
        switch step {
        case 0:
            audit_prefault_stack(prefaultBytes)
            if let p = malloc(prefaultBytes) {
                memset(p, 0, prefaultBytes)
                free(p)
            }
        case 1: _ = audit_populate_library("libm.so")
        case 2: if let creatorStack { _ = audit_populate_below(creatorStack, creatorStackBytes) }
        case 3: PreparedScratch.map(bytes: Parallel.scratchBytes.load(ordering: .relaxed))
        default: return false
        }
        return true
    }

    /// One job at a time; a second caller (nested parallelism, concurrent tests) uses Dispatch instead.
    private let busy = Atomic<Bool>(false)
    /// generation (bits 32…) | parts (bits 16–31) | next unclaimed part (bits 0–15).
    private let ticket = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    /// The current job's body: written before its ticket is published, read after a part is claimed.
    private nonisolated(unsafe) var job: (@Sendable (Int) -> Void)?
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let wake: UnsafeMutablePointer<pthread_cond_t>

    private init(helpers: Int) {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_mutex_t())
        pthread_mutex_init(lock, nil)
        wake = .allocate(capacity: 1)
        wake.initialize(to: pthread_cond_t())
        pthread_cond_init(wake, nil)
        let creatorStack = UnsafeRawPointer(audit_frame_address())
        for _ in 0..<helpers { startHelper(creatorStack: creatorStack) }
    }

    private func startHelper(creatorStack: UnsafeRawPointer?) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        _ = pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if os(Linux)
        var allowed = cpu_set_t(), elsewhere = cpu_set_t()
        if processAffinity(0, MemoryLayout<cpu_set_t>.size, &allowed) == 0 {
            elsewhere = allowed
            let current = Int(currentProcessor())
            withUnsafeMutableBytes(of: &elsewhere) { bits in
                if current >= 0 && current < bits.count * 8 { bits[current / 8] &= ~UInt8(1 << (current % 8)) }
            }
            if withUnsafeBytes(of: &elsewhere, { $0.contains { $0 != 0 } }) {
                _ = setAttributeAffinity(&attributes, MemoryLayout<cpu_set_t>.size, &elsewhere)
            }
        }
        let context = Unmanaged.passRetained(Start(team: self, creatorStack: creatorStack, affinity: allowed)).toOpaque()
        #else
        let context = Unmanaged.passRetained(Start(team: self, creatorStack: creatorStack)).toOpaque()
        #endif
        var thread = pthread_t()
        if pthread_create(&thread, &attributes, { context in
            let start = Unmanaged<Start>.fromOpaque(context!).takeRetainedValue()
            #if os(Linux)
            var affinity = start.affinity
            _ = setThreadAffinity(pthread_self(), MemoryLayout<cpu_set_t>.size, &affinity)
            #endif
            start.team.helperLoop(creatorStack: start.creatorStack)
        }, context) != 0 {
            Unmanaged<Start>.fromOpaque(context).release()
        }
    }

    /// What a helper thread starts with: its team, and the affinity to return to once it runs.
    private final class Start {
        let team: Team
        let creatorStack: UnsafeRawPointer?
        #if os(Linux)
        let affinity: cpu_set_t
        init(team: Team, creatorStack: UnsafeRawPointer?, affinity: cpu_set_t) {
            self.team = team; self.creatorStack = creatorStack; self.affinity = affinity
        }
        #else
        init(team: Team, creatorStack: UnsafeRawPointer?) { self.team = team; self.creatorStack = creatorStack }
        #endif
    }

    /// Runs the job if the team is free; false (nothing run) when another job holds it or it is too large.
    func run(_ parts: Int, _ body: @Sendable (Int) -> Void) -> Bool {
        guard parts < 1 << 16,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { busy.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { body in
            job = body
            finished.store(0, ordering: .relaxed)
            let generation = (ticket.load(ordering: .relaxed) >> 32) &+ 1
            ticket.store(generation << 32 | parts << 16, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(lock)
                pthread_cond_broadcast(wake)
                pthread_mutex_unlock(lock)
            }
            work(generation: generation)
            while finished.load(ordering: .acquiring) < parts { sched_yield() }
            job = nil
        }
        return true
    }

    /// Claims and runs parts of `generation` until none is left.
    private func work(generation: Int) {
        var current = ticket.load(ordering: .acquiring)
        while current >> 32 == generation {
            let parts = (current >> 16) & 0xFFFF, part = current & 0xFFFF
            if part >= parts { return }
            let (claimed, now) = ticket.compareExchange(expected: current, desired: current &+ 1, ordering: .acquiringAndReleasing)
            if claimed {
                job!(part)
                finished.add(1, ordering: .releasing)
                current = current &+ 1
            } else {
                current = now
            }
        }
    }

    private func helperLoop(creatorStack: UnsafeRawPointer?) -> Never {
        var seen = 0, step = 0, mapping = true
        while true {
            var generation = ticket.load(ordering: .acquiring) >> 32
            let start = ContinuousClock.now
            var polls = 0
            while generation == seen {
                if mapping {
                    mapping = Self.prefault(step: step, creatorStack: creatorStack)
                    step += 1
                } else {
                    sched_yield()
                }
                polls &+= 1
                if polls & 15 == 0, ContinuousClock.now - start > Self.pollDuration {
                    pthread_mutex_lock(lock)
                    sleepers.add(1, ordering: .sequentiallyConsistent)
                    while ticket.load(ordering: .sequentiallyConsistent) >> 32 == seen { pthread_cond_wait(wake, lock) }
                    sleepers.subtract(1, ordering: .sequentiallyConsistent)
                    pthread_mutex_unlock(lock)
                }
                generation = ticket.load(ordering: .acquiring) >> 32
            }
            seen = generation
            work(generation: generation)
        }
    }
}

#if os(Linux)
/// glibc's `sched_getcpu(3)`, `pthread_attr_setaffinity_np(3)` and `pthread_setaffinity_np(3)` (GNU
/// extensions the Glibc module does not export without _GNU_SOURCE; `sched_getaffinity` is with
/// ``ProcessInfoLite``).
@_silgen_name("sched_getcpu")
private func currentProcessor() -> Int32
@_silgen_name("pthread_attr_setaffinity_np")
private func setAttributeAffinity(_ attributes: UnsafeMutablePointer<pthread_attr_t>, _ size: Int,
                                  _ set: UnsafePointer<cpu_set_t>) -> Int32
@_silgen_name("pthread_setaffinity_np")
private func setThreadAffinity(_ thread: pthread_t, _ size: Int, _ set: UnsafePointer<cpu_set_t>) -> Int32
#endif
