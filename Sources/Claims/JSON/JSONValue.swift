/// A JSON document as parsed by ``JSONParser``: objects keep their key order (so a rewrite
/// preserves unknown keys in place) and numbers keep the text they were written with.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number: its value and, when it came from a file, the exact literal.
    case number(Double, literal: String?)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x, _), .number(y, _)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// A number made in code (serialised in Swift's shortest round-trip form).
    public static func number(_ value: Double) -> JSONValue { .number(value, literal: nil) }
    public static func integer(_ value: Int) -> JSONValue { .number(Double(value), literal: String(value)) }
    /// A number, or `null` when absent or not finite.
    public static func optionalNumber(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    /// A short name of the JSON type, for diagnostics ("expected a number, found a string").
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
