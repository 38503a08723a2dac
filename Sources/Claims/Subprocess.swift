#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program found on `PATH` with `posix_spawnp` and waits for it — the two places that start a
/// process (`git` for quote checks, `python3` for the dataset importer) without loading Foundation,
/// which would add several milliseconds to every `audit` start.
public enum Subprocess {
    public struct Result: Sendable {
        /// The exit status, 128 + signal when killed, or 127 when the program could not be started.
        public let status: Int32
        /// Standard output when captured, else empty.
        public let output: [UInt8]
    }

    /// Runs `arguments[0]` with `arguments`. Standard input is inherited; standard output is captured when
    /// `captureOutput`, else inherited; standard error is inherited unless `silenceErrors` (then /dev/null).
    /// `environment` entries are added to (or replace those of) the current environment.
    public static func run(_ arguments: [String], environment: [String: String] = [:],
                           captureOutput: Bool = false, silenceErrors: Bool = false) -> Result {
        precondition(!arguments.isEmpty)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        if captureOutput {
            guard pipe(&pipeEnds) == 0 else { return Result(status: 127, output: []) }
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        }
        if silenceErrors { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }

        var merged: [String: String] = [:]
        var index = 0
        while let entry = environ[index] {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") { merged[String(text[..<eq])] = String(text[text.index(after: eq)...]) }
            index += 1
        }
        for (k, v) in environment { merged[k] = v }
        let envStrings = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }

        var pid: pid_t = 0
        let spawned: Int32 = withCStrings(arguments) { argv in
            withCStrings(envStrings) { envp in posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp) }
        }
        if captureOutput { close(pipeEnds[1]) }
        guard spawned == 0 else {
            if captureOutput { close(pipeEnds[0]) }
            return Result(status: 127, output: [])
        }
        var output: [UInt8] = []
        if captureOutput {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let got = chunk.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                output.append(contentsOf: chunk[0..<got])
            }
            close(pipeEnds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let low = status & 0x7f
        let code: Int32 = low == 0 ? (status >> 8) & 0xff : 128 + low
        return Result(status: code, output: output)
    }

    /// A NULL-terminated C string array alive for the duration of `body`.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for p in pointers { free(p) } }
        return body(pointers)
    }
}
