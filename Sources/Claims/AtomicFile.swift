#if canImport(Glibc)
import Glibc
#endif

/// Writes a file so that readers see either the old complete file or the new complete file, never
/// a partial one: the bytes go to a temporary file in the same directory, are flushed to disk, and
/// the temporary file is renamed over the target (rename(2) is atomic within a file system).
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(AuditError) {
        if !overwrite, access(path, F_OK) == 0 {
            throw AuditError(.cannotCreateOutput, file: path, path: nil, "already exists; use --force to overwrite")
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).tmp.\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw AuditError(.cannotCreateOutput, file: path, path: nil, "cannot create: \(String(cString: strerror(errno)))")
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw AuditError(.ioError, file: path, path: nil, "write failed: \(reason)")
            }
            written += n
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw AuditError(.ioError, file: path, path: nil, "write failed: \(reason)")
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw AuditError(.cannotCreateOutput, file: path, path: nil, "cannot replace: \(reason)")
        }
    }

    public static func write(_ text: String, to path: String, overwrite: Bool) throws(AuditError) {
        try write(Array(text.utf8), to: path, overwrite: overwrite)
    }
}
