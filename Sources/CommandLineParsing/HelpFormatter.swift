/// The help page, the usage line and the error message of a command, laid out for an 80-column terminal:
/// labels in a 24-column left margin, descriptions wrapped beside them, each option's default (and its
/// choices, when fixed) after its description.
public enum HelpFormatter {
    public static let width = 80
    static let labelColumn = 24

    /// The full help of the last command of `path` (root first).
    public static func help(_ path: [CommandDefinition]) -> String {
        let command = path[path.count - 1]
        var out: [String] = []
        out += wrap("OVERVIEW: " + command.abstract, indent: 0)
        if !command.discussion.isEmpty {
            out.append("")
            for line in command.discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line.isEmpty || line.hasPrefix(" ") { out.append(line) } else { out += wrap(line, indent: 0) }
            }
        }
        out.append("")
        out.append("USAGE: " + usage(path))
        let positionals = command.positionals
        if !positionals.isEmpty {
            out.append("")
            out.append("ARGUMENTS:")
            for argument in positionals { out += entry(argument.helpLabel, argument.help) }
        }
        out.append("")
        out.append("OPTIONS:")
        for argument in command.arguments where argument.kind != .positional {
            out += entry(argument.helpLabel, argument.help + annotation(argument))
        }
        if path.count == 1, command.version != nil { out += entry("--version", "Show the version.") }
        out += entry("-h, --help", "Show help information.")
        if !command.subcommands.isEmpty {
            out.append("")
            out.append("SUBCOMMANDS:")
            for sub in command.subcommands { out += entry(sub.name, sub.abstract) }
            out.append("")
            out.append("  See '\(path.map(\.name).joined(separator: " ")) help <subcommand>' for detailed help.")
        }
        return out.joined(separator: "\n")
    }

    /// `audit ci <file> [<options>]`: the command's names, its required options, its positionals, and
    /// `[<options>]` when it has any others.
    public static func usage(_ path: [CommandDefinition]) -> String {
        let command = path[path.count - 1]
        var parts = path.map(\.name)
        if !command.subcommands.isEmpty {
            parts.append("<subcommand>")
            return parts.joined(separator: " ")
        }
        parts += command.arguments.filter { $0.kind == .option && $0.defaults.isEmpty && !$0.isOptional }.map(\.label)
        parts += command.positionals.map(\.label)
        if command.arguments.contains(where: { $0.kind == .flag || $0.isOptional || !$0.defaults.isEmpty }) {
            parts.append("[<options>]")
        }
        return parts.joined(separator: " ")
    }

    /// What stderr shows for a command line that cannot run: the error, the argument's own help when the
    /// error concerns one, the usage line, and where to read more.
    public static func error(_ error: UsageError, path: [CommandDefinition]) -> String {
        var out = ["Error: " + error.message]
        if let argument = error.argument { out.append("Help:  \(argument.label)  \(argument.help)") }
        out.append("Usage: " + usage(path))
        out.append("  See '\(path.map(\.name).joined(separator: " ")) --help' for more information.")
        return out.joined(separator: "\n")
    }

    /// " (default: x)", " (values: a, b; default: a)", or nothing.
    static func annotation(_ argument: ArgumentDefinition) -> String {
        var parts: [String] = []
        if let choices = argument.choices { parts.append("values: " + choices.joined(separator: ", ")) }
        if !argument.defaults.isEmpty { parts.append("default: " + argument.defaults.joined(separator: ", ")) }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
    }

    /// One label and its description: on one line when the label fits the margin, else the description
    /// starts on the next line; continuation lines are indented to the description column.
    static func entry(_ label: String, _ description: String) -> [String] {
        let margin = String(repeating: " ", count: 2 + labelColumn)
        let wrapped = wrap(description, indent: 2 + labelColumn)
        let labelText = "  " + label
        guard labelText.count < margin.count else { return [labelText] + wrapped.map { margin + $0 } }
        let first = labelText + String(repeating: " ", count: margin.count - labelText.count) + wrapped[0]
        return [first] + wrapped.dropFirst().map { margin + $0 }
    }

    /// `text` broken at spaces into lines of at most `width − indent` characters (a longer word gets a line
    /// of its own). The lines are returned without the indent.
    static func wrap(_ text: String, indent: Int) -> [String] {
        let room = max(20, width - indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= room {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
