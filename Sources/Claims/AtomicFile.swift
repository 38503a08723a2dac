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
        // An interrupt while the temporary file exists removes it (the target is untouched until rename).
        InterruptCleanup.arm(temporary)
        defer { InterruptCleanup.disarm() }
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

/// Removes a half-written temporary file when SIGINT or SIGTERM arrives, then exits with 128 + signal.
/// Only async-signal-safe calls (unlink, _exit) run in the handler.
public enum InterruptCleanup {
    nonisolated(unsafe) static var path: UnsafeMutablePointer<CChar>?

    static func arm(_ temporary: String) {
        path = strdup(temporary)
        let handler: @convention(c) (Int32) -> Void = { signal in
            if let p = InterruptCleanup.path { unlink(p) }
            _exit(128 + signal)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
    }

    /// Restores default SIGINT/SIGTERM handling in case the parent left them ignored or blocked (a
    /// background job of a non-interactive shell, some test runners): an interrupt must stop `audit`.
    public static func resetInheritedDispositions() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }

    static func disarm() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        if let p = path { free(p) }
        path = nil
    }
}
