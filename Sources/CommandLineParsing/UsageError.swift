/// A command line the command cannot run: what is wrong, the argument it concerns (whose help the error
/// message repeats), and the word that named nothing (an unknown option or subcommand, for which the
/// caller may suggest a spelling). Exit status 64 (EX_USAGE) by the project's convention.
public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public let argument: ArgumentDefinition?
    /// The unknown option (`--stats`) or subcommand word, as typed (an option without its `=value`).
    public let unknown: String?

    public init(_ message: String, argument: ArgumentDefinition? = nil, unknown: String? = nil) {
        self.message = message
        self.argument = argument
        self.unknown = unknown
    }

    /// The same error with text added to its message (a suggestion).
    public func appending(_ text: String) -> UsageError {
        UsageError(message + text, argument: argument, unknown: unknown)
    }

    public var description: String { message }
}
