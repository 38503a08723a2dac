/// Serialises a ``JSONValue`` deterministically: key order as stored, numbers as their
/// original literal when parsed from a file, otherwise Swift's shortest round-trip form.
public enum JSONWriter {
    /// `indent` nil gives one line; otherwise nested values are indented by that many spaces.
    public static func string(_ value: JSONValue, indent: Int? = 2) -> String {
        var out = ""
        write(value, indent: indent, level: 0, into: &out)
        return out
    }

    public static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity") }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    private static func write(_ value: JSONValue, indent: Int?, level: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let v, let literal):
            // JSON has no NaN or Infinity: a non-finite value is written as null, never as invalid JSON.
            if !v.isFinite { out += "null" } else { out += literal ?? numberText(v) }
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            // Arrays of plain numbers stay on one line, to keep sample arrays readable.
            let flat = indent == nil || elements.allSatisfy { if case .number = $0 { true } else { false } }
            out += "["
            for (i, e) in elements.enumerated() {
                if i > 0 { out += flat && indent != nil ? ", " : "," }
                if !flat { newline(indent, level + 1, &out) }
                write(e, indent: indent, level: level + 1, into: &out)
            }
            if !flat { newline(indent, level, &out) }
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += "," }
                newline(indent, level + 1, &out)
                writeString(m.key, into: &out)
                out += indent == nil ? ":" : ": "
                write(m.value, indent: indent, level: level + 1, into: &out)
            }
            newline(indent, level, &out)
            out += "}"
        }
    }

    private static func newline(_ indent: Int?, _ level: Int, _ out: inout String) {
        guard let indent else { return }
        out += "\n" + String(repeating: " ", count: indent * level)
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
