/// Ends the process with this status (after the command has said why on stderr, or found a problem it reports on stdout).
struct ExitStatus: Error {
    let code: Int32
    init(_ code: Int32) { self.code = code }
}
