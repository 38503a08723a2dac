/// A command line the command cannot run: what is wrong, and the argument it concerns (whose help the
/// error message repeats). Exit status 64 (EX_USAGE) by the project's convention.
public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public let argument: ArgumentDefinition?

    public init(_ message: String, argument: ArgumentDefinition? = nil) {
        self.message = message
        self.argument = argument
    }

    public var description: String { message }
}
