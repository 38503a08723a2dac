/// Splits a command line into a command and its arguments: subcommand names first, then, in any order,
/// options (`--name value` or `--name=value`), flags (`--name`, `-q`, or several short ones at once,
/// `-qv`) and positional values; `--` makes every later word positional, and a lone `-` is a value
/// (standard input). An option's value may start with `-` only if it is `-` or a number (`--shift -5`).
/// `-h`, `--help` and `help <subcommand>` ask for help, `--version` for the root's version.
///
/// One pass over the words and one lookup per word: no reflection or type metadata is consulted, so
/// parsing costs microseconds at start-up (benchmarks/perf/README.md).
public enum CommandLineParser {
    public enum Outcome: Sendable {
        /// Run the last command of `path` (root first) with these arguments.
        case run(path: [CommandDefinition], arguments: ParsedArguments)
        case help(path: [CommandDefinition])
        case version(String)
    }

    /// A command line that cannot be run, with the commands named so far (for the usage line).
    public struct Failure: Error, Sendable {
        public let path: [CommandDefinition]
        public let error: UsageError
    }

    public static func parse(_ words: [String], root: CommandDefinition) -> Result<Outcome, Failure> {
        var path = [root]
        var i = 0
        func fail(_ message: String, _ argument: ArgumentDefinition? = nil, unknown: String? = nil) -> Result<Outcome, Failure> {
            .failure(Failure(path: path, error: UsageError(message, argument: argument, unknown: unknown)))
        }
        // Subcommand names.
        while let current = path.last, !current.subcommands.isEmpty {
            guard i < words.count else { return .success(.help(path: path)) }
            let word = words[i]
            i += 1
            if word == "-h" || word == "--help" { return .success(.help(path: path)) }
            if word == "--version", let version = root.version { return .success(.version(version)) }
            if word == "help" {
                for name in words[i...] {
                    guard let sub = path.last?.subcommand(named: name) else { return fail("Unknown subcommand '\(name)'", unknown: name) }
                    path.append(sub)
                }
                return .success(.help(path: path))
            }
            guard let sub = current.subcommand(named: word) else {
                return fail(word.hasPrefix("-") ? "Unknown option '\(word)'" : "Unexpected argument '\(word)'", unknown: word)
            }
            path.append(sub)
        }
        // The command's own arguments.
        let command = path[path.count - 1]
        let positionals = command.positionals
        var given: [String: [String]] = [:]
        var flags = Set<String>()
        var nextPositional = 0
        var onlyPositionals = false
        while i < words.count {
            let word = words[i]
            i += 1
            if !onlyPositionals && word == "--" {
                onlyPositionals = true
            } else if !onlyPositionals && word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let equals = body.firstIndex(of: "=")
                let name = String(equals.map { body[..<$0] } ?? body)
                let inline = equals.map { String(body[body.index(after: $0)...]) }
                if name == "help" { return .success(.help(path: path)) }
                if name == "version", let version = root.version { return .success(.version(version)) }
                guard let definition = command.argument(named: name), definition.kind != .positional else {
                    return fail("Unknown option '--\(name)'", unknown: "--" + name)
                }
                if definition.kind == .flag {
                    if inline != nil { return fail("The flag '\(definition.label)' does not take a value", definition) }
                    flags.insert(name)
                    continue
                }
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard i < words.count, isValue(words[i]) else { return fail("Missing value for '\(definition.label)'", definition) }
                    value = words[i]
                    i += 1
                }
                if definition.isRepeatable { given[name, default: []].append(value) } else { given[name] = [value] }
            } else if !onlyPositionals && word.count > 1 && word.hasPrefix("-") && !isNumber(word) {
                for letter in word.dropFirst() {
                    if letter == "h" { return .success(.help(path: path)) }
                    guard let definition = command.arguments.first(where: { $0.short == letter }) else {
                        return fail("Unknown option '-\(letter)'", unknown: "-" + String(letter))
                    }
                    flags.insert(definition.name)
                }
            } else {
                guard nextPositional < positionals.count else { return fail("Unexpected argument '\(word)'") }
                given[positionals[nextPositional].name] = [word]
                nextPositional += 1
            }
        }
        return .success(.run(path: path, arguments: ParsedArguments(command: command, given: given, flags: flags)))
    }

    /// Whether a word after an option is its value rather than the next option.
    static func isValue(_ word: String) -> Bool {
        !word.hasPrefix("-") || word == "-" || isNumber(word)
    }

    static func isNumber(_ word: String) -> Bool { Double(word) != nil }
}
