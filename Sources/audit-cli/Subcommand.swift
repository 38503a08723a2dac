import CommandLineParsing

/// A subcommand of `audit`: its arguments and help (``definition``), how it reads a parsed command line
/// (a ``UsageError`` exits 64 with the usage line), and what it does.
protocol Subcommand {
    static var definition: CommandDefinition { get }
    init(parsing arguments: ParsedArguments) throws(UsageError)
    func run() throws
}

/// Ends the process with this status (after the command has said why on stderr, or found a problem it reports on stdout).
struct ExitStatus: Error {
    let code: Int32
    init(_ code: Int32) { self.code = code }
}
