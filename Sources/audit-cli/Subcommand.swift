import CommandLineParsing

/// A subcommand of `audit`: its arguments and help (``definition``), how it reads a parsed command line
/// (a ``UsageError`` exits 64 with the usage line), and what it does.
protocol Subcommand {
    static var definition: CommandDefinition { get }
    init(parsing arguments: ParsedArguments) throws(UsageError)
    func run() throws
}
