/// A command: its name, the one-line abstract shown in its parent's list, the discussion shown in its own
/// help, its arguments in help order, and its subcommands (a command has arguments or subcommands).
public struct CommandDefinition: Sendable {
    public let name: String
    public let abstract: String
    /// Paragraphs for the help; lines that start with a space are kept as written (tables, examples),
    /// the others are wrapped.
    public let discussion: String
    public let arguments: [ArgumentDefinition]
    public let subcommands: [CommandDefinition]
    /// Shown by `--version` (the root's).
    public let version: String?

    public init(name: String, abstract: String, discussion: String = "", arguments: [ArgumentDefinition] = [],
                subcommands: [CommandDefinition] = [], version: String? = nil) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.subcommands = subcommands
        self.version = version
    }

    public var positionals: [ArgumentDefinition] { arguments.filter { $0.kind == .positional } }

    public func argument(named name: String) -> ArgumentDefinition? { arguments.first { $0.name == name } }

    public func subcommand(named name: String) -> CommandDefinition? { subcommands.first { $0.name == name } }

    /// What an unknown word could have meant: the subcommand names, or the long options (`--name`).
    public func spellings(like word: String) -> [String] {
        if !subcommands.isEmpty && !word.hasPrefix("-") { return subcommands.map(\.name) }
        return arguments.filter { $0.kind != .positional }.map { "--" + $0.name } + ["--help"]
    }
}
