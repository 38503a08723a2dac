/// One argument a command accepts: a positional value, an option that takes a value (`--stat p99`,
/// `--stat=p99`), or a flag (`--timing`, `-q`). The definition is all the parser and the help text need.
public struct ArgumentDefinition: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case positional
        case option
        case flag
    }

    public let kind: Kind
    /// The key the parsed value is stored under: the long name without dashes (`batch-size`), or the
    /// positional's name (`file`).
    public let name: String
    public let short: Character?
    public let help: String
    /// The values an absent option takes, as they would be typed (also shown as "(default: …)"): one for
    /// an option with a default, any number for a repeatable one. Empty: the option is required, unless
    /// ``isOptional``.
    public let defaults: [String]
    /// An absent option is simply absent (no default, not required).
    public let isOptional: Bool
    /// The option may be given more than once; every value is kept, in order.
    public let isRepeatable: Bool
    /// The accepted values, when they are a fixed list (checked by the typed accessors, listed in the help).
    public let choices: [String]?
    /// The placeholder in usage and help: `<name>` unless given.
    public let valueName: String

    public static func positional(_ name: String, help: String) -> ArgumentDefinition {
        ArgumentDefinition(kind: .positional, name: name, short: nil, help: help, defaults: [], isOptional: false,
                           isRepeatable: false, choices: nil, valueName: name)
    }

    /// An option with a default value (shown in the help).
    public static func option(_ name: String, default value: String, help: String, choices: [String]? = nil,
                              valueName: String? = nil) -> ArgumentDefinition {
        ArgumentDefinition(kind: .option, name: name, short: nil, help: help, defaults: [value], isOptional: false,
                           isRepeatable: false, choices: choices, valueName: valueName ?? name)
    }

    /// An option that may be left out (no default).
    public static func optionalOption(_ name: String, help: String, choices: [String]? = nil,
                                      valueName: String? = nil) -> ArgumentDefinition {
        ArgumentDefinition(kind: .option, name: name, short: nil, help: help, defaults: [], isOptional: true,
                           isRepeatable: false, choices: choices, valueName: valueName ?? name)
    }

    /// An option that must be given.
    public static func requiredOption(_ name: String, help: String, valueName: String? = nil) -> ArgumentDefinition {
        ArgumentDefinition(kind: .option, name: name, short: nil, help: help, defaults: [], isOptional: false,
                           isRepeatable: false, choices: nil, valueName: valueName ?? name)
    }

    /// An option that may be repeated; `defaults` are the values when it is not given at all.
    public static func repeatableOption(_ name: String, defaults: [String], help: String) -> ArgumentDefinition {
        ArgumentDefinition(kind: .option, name: name, short: nil, help: help,
                           defaults: defaults, isOptional: true,
                           isRepeatable: true, choices: nil, valueName: name)
    }

    public static func flag(_ name: String, short: Character? = nil, help: String) -> ArgumentDefinition {
        ArgumentDefinition(kind: .flag, name: name, short: short, help: help, defaults: [], isOptional: true,
                           isRepeatable: false, choices: nil, valueName: name)
    }

    /// How the argument is written in usage lines and messages: `<file>`, `--stat <stat>`, `--timing`.
    public var label: String {
        switch kind {
        case .positional: return "<\(valueName)>"
        case .option: return "--\(name) <\(valueName)>"
        case .flag: return "--\(name)"
        }
    }

    /// The help's left column: the label, with the short name first when there is one (`-q, --quiet`).
    public var helpLabel: String {
        if let short { return "-\(short), \(label)" }
        return label
    }
}
