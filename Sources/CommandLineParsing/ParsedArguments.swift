/// What a command line gave one command, read back by name and type. Absent options take their defaults;
/// a value that does not convert, is not among the choices, or is missing is a ``UsageError`` naming the
/// argument. Asking for a name the command does not define is a programming error (it traps).
public struct ParsedArguments: Sendable {
    public let command: CommandDefinition
    let given: [String: [String]]
    let flags: Set<String>

    init(command: CommandDefinition, given: [String: [String]], flags: Set<String>) {
        self.command = command
        self.given = given
        self.flags = flags
    }

    /// An argument's value: the one given, else its default; nil when it has neither and may be absent.
    public func optionalString(_ name: String) throws(UsageError) -> String? {
        let definition = self.definition(name, kinds: [.positional, .option])
        guard let value = given[name]?.last ?? definition.defaults.last else {
            if definition.isOptional { return nil }
            throw UsageError("Missing expected argument '\(definition.label)'", argument: definition)
        }
        if let choices = definition.choices, !choices.contains(value) {
            throw UsageError("The value '\(value)' is invalid for '\(definition.label)'. Please provide one of \(Self.list(choices)).",
                             argument: definition)
        }
        return value
    }

    /// The value of an argument that has one: given, or its default.
    public func string(_ name: String) throws(UsageError) -> String {
        guard let value = try optionalString(name) else {
            let definition = self.definition(name, kinds: [.positional, .option])
            throw UsageError("Missing expected argument '\(definition.label)'", argument: definition)
        }
        return value
    }

    /// Every value of a repeatable option in the order given, or its defaults when it was not given.
    public func strings(_ name: String) -> [String] {
        let definition = self.definition(name, kinds: [.option])
        return given[name] ?? definition.defaults
    }

    public func flag(_ name: String) -> Bool {
        _ = definition(name, kinds: [.flag])
        return flags.contains(name)
    }

    public func int(_ name: String) throws(UsageError) -> Int { try converted(name, Int.init) }
    public func optionalInt(_ name: String) throws(UsageError) -> Int? { try optionalConverted(name, Int.init) }
    public func double(_ name: String) throws(UsageError) -> Double { try converted(name, Double.init) }
    public func uint64(_ name: String) throws(UsageError) -> UInt64 { try converted(name, UInt64.init) }

    /// A value from a fixed set, e.g. an output format: `T(rawValue:)` of the text.
    public func choice<T: RawRepresentable>(_ name: String, as type: T.Type) throws(UsageError) -> T where T.RawValue == String {
        try converted(name, T.init(rawValue:))
    }

    func converted<T>(_ name: String, _ convert: (String) -> T?) throws(UsageError) -> T {
        let text = try string(name)
        guard let value = convert(text) else { throw invalid(text, for: name) }
        return value
    }

    func optionalConverted<T>(_ name: String, _ convert: (String) -> T?) throws(UsageError) -> T? {
        guard let text = try optionalString(name) else { return nil }
        guard let value = convert(text) else { throw invalid(text, for: name) }
        return value
    }

    func invalid(_ text: String, for name: String) -> UsageError {
        let definition = self.definition(name, kinds: [.positional, .option])
        return UsageError("The value '\(text)' is invalid for '\(definition.label)'", argument: definition)
    }

    func definition(_ name: String, kinds: Set<ArgumentDefinition.Kind>) -> ArgumentDefinition {
        guard let definition = command.argument(named: name), kinds.contains(definition.kind) else {
            preconditionFailure("command '\(command.name)' defines no \(kinds) named '\(name)'")
        }
        return definition
    }

    /// 'a', 'b' and 'c'.
    static func list(_ items: [String]) -> String {
        let quoted = items.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
    }
}
