#if canImport(Glibc)
import Glibc
#endif

/// The host record of the machine `audit` runs on (Linux: uname, /proc/cpuinfo, /proc/meminfo),
/// in the BenchmarkRun `host` shape; fields it cannot read are null, never guessed.
public enum LocalHost {
    public static func record() -> JSONValue {
        var u = utsname()
        let hasUname = uname(&u) == 0
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
        }
        let cpuinfo = (try? FileBytes.read("/proc/cpuinfo")).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last.map { String($0).trimmingWhitespace() } }
        let meminfo = (try? FileBytes.read("/proc/meminfo")).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let memKB = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { Double($0.split(separator: " ").dropFirst().first.map(String.init) ?? "") }
        let cpus = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        return .object([
            ("hostname", hasUname ? .string(field(u.nodename)) : .null),
            ("kernel", hasUname ? .string(field(u.sysname)) : .null),
            ("release", hasUname ? .string(field(u.release)) : .null),
            ("cpuModel", model.map { .string($0) } ?? .null),
            ("cpuCount", cpus > 0 ? .integer(cpus) : .null),
            ("memGB", memKB.map { .number(($0 / (1024 * 1024) * 100).rounded() / 100) } ?? .null),
        ])
    }

    /// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func utcTimestamp() -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec))Z"
    }
}
