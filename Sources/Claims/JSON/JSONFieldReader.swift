/// Typed, path-aware access to a parsed JSON document that records every problem instead of
/// stopping at the first: `claims[3].figure.value: expected a number, found a string`.
public final class JSONProblems {
    public private(set) var items: [(path: String, message: String)] = []
    public init() {}
    public func add(_ path: String, _ message: String) { items.append((path, message)) }
    public var isEmpty: Bool { items.isEmpty }
}

public struct JSONFieldReader {
    public let value: JSONValue
    public let path: String
    public let problems: JSONProblems

    public init(_ value: JSONValue, path: String = "$", problems: JSONProblems = JSONProblems()) {
        self.value = value
        self.path = path
        self.problems = problems
    }

    func childPath(_ key: String) -> String { path == "$" ? key : "\(path).\(key)" }

    public func has(_ key: String) -> Bool { value[key] != nil }

    /// A required or optional member; records "missing" for a required one.
    public func member(_ key: String, required: Bool = true) -> JSONFieldReader? {
        guard case .object = value else {
            problems.add(path, "expected an object, found \(value.typeName)")
            return nil
        }
        guard let v = value[key] else {
            if required { problems.add(childPath(key), "missing (required)") }
            return nil
        }
        return JSONFieldReader(v, path: childPath(key), problems: problems)
    }

    public func string(_ key: String, required: Bool = true) -> String? {
        guard let m = member(key, required: required) else { return nil }
        switch m.value {
        case .string(let s): return s
        case .null where !required: return nil
        default:
            problems.add(m.path, "expected a string\(required ? "" : " or null"), found \(m.value.typeName)")
            return nil
        }
    }

    public func number(_ key: String, required: Bool = true) -> Double? {
        guard let m = member(key, required: required) else { return nil }
        switch m.value {
        case .number(let d, _): return d
        case .null where !required: return nil
        default:
            problems.add(m.path, "expected a number\(required ? "" : " or null"), found \(m.value.typeName)")
            return nil
        }
    }

    public func integer(_ key: String, required: Bool = true) -> Int? {
        guard let d = number(key, required: required) else { return nil }
        guard d == d.rounded(), abs(d) < 9e15 else {
            problems.add(childPath(key), "expected an integer, found \(JSONWriter.numberText(d))")
            return nil
        }
        return Int(d)
    }

    public func bool(_ key: String, required: Bool = true) -> Bool? {
        guard let m = member(key, required: required) else { return nil }
        switch m.value {
        case .bool(let b): return b
        case .null where !required: return nil
        default:
            problems.add(m.path, "expected true or false, found \(m.value.typeName)")
            return nil
        }
    }

    public func array(_ key: String, required: Bool = true) -> [JSONFieldReader] {
        guard let m = member(key, required: required) else { return [] }
        guard case .array(let elements) = m.value else {
            if case .null = m.value, !required { return [] }
            problems.add(m.path, "expected an array, found \(m.value.typeName)")
            return []
        }
        return elements.enumerated().map { JSONFieldReader($1, path: "\(m.path)[\($0)]", problems: problems) }
    }

    public func strings(_ key: String, required: Bool = true) -> [String] {
        array(key, required: required).compactMap { r in
            if case .string(let s) = r.value { return s }
            problems.add(r.path, "expected a string, found \(r.value.typeName)")
            return nil
        }
    }

    /// The members of an object, in file order.
    public func members() -> [(key: String, reader: JSONFieldReader)] {
        guard case .object(let ms) = value else {
            problems.add(path, "expected an object, found \(value.typeName)")
            return []
        }
        return ms.map { ($0.key, JSONFieldReader($0.value, path: childPath($0.key), problems: problems)) }
    }

    /// A string member that must be one of `allowed`.
    public func enumeration<E: RawRepresentable>(_ key: String, as: E.Type, required: Bool = true) -> E? where E.RawValue == String {
        guard let s = string(key, required: required) else { return nil }
        guard let e = E(rawValue: s) else {
            problems.add(childPath(key), "unknown value \"\(s)\"")
            return nil
        }
        return e
    }
}
