#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files (or standard input for `-`) with POSIX calls, mapping failures to the
/// documented exit codes: 66 when the input is missing, 74 on a read error, 65 when too large.
public enum FileBytes {
    public static func read(_ path: String, maximumBytes: Int = SampleInput.defaultMaximumBytes) throws(AuditError) -> [UInt8] {
        let source = path == "-" ? "<stdin>" : path
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        if fd < 0 {
            let reason = String(cString: strerror(errno))
            throw AuditError(.inputMissing, file: source, path: nil, "cannot open: \(reason)")
        }
        defer { if path != "-" { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw AuditError(.inputMissing, file: source, path: nil, "is a directory, expected a file")
        }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw AuditError(.ioError, file: source, path: nil, "read failed: \(String(cString: strerror(errno)))")
            }
            if got == 0 { break }
            out.append(contentsOf: chunk[0..<got])
            if out.count > maximumBytes {
                throw AuditError(.malformedInput, file: source, path: nil,
                                 "larger than the \(maximumBytes / (1024 * 1024)) MiB input limit (raise it with --max-input-mb)")
            }
        }
        return out
    }
}
