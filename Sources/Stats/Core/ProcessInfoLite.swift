#if canImport(Glibc)
import Glibc
#endif

/// How many processors this process may run on, asked once per process: the processors in its CPU
/// affinity mask (`sched_getaffinity(2)`, which `taskset`, cpusets and `docker run --cpuset-cpus` narrow),
/// else the online count. Helper threads, two-part passes and the default `--threads` follow it, so a
/// process confined to one processor runs everything inline instead of sharing it with a polling helper.
/// A CPU quota without a cpuset (`docker run --cpus`) is not seen.
enum ProcessInfoLite {
    static let activeProcessorCount: Int = {
        #if os(Linux)
        var mask = cpu_set_t()
        guard processAffinity(0, MemoryLayout<cpu_set_t>.size, &mask) == 0 else {
            return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))  // reads /sys: only when the mask is unavailable
        }
        return withUnsafeBytes(of: &mask) { count(inMask: $0) }
        #else
        return 1
        #endif
    }()

    /// The processors set in an affinity mask's bytes; at least 1.
    static func count(inMask bytes: UnsafeRawBufferPointer) -> Int {
        max(1, bytes.reduce(0) { $0 + $1.nonzeroBitCount })
    }
}

#if os(Linux)
/// glibc's `sched_getaffinity(2)` (a GNU extension the Glibc module does not export without _GNU_SOURCE).
@_silgen_name("sched_getaffinity")
func processAffinity(_ pid: pid_t, _ size: Int, _ set: UnsafeMutablePointer<cpu_set_t>) -> Int32
#endif
