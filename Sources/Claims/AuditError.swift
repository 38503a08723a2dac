/// A problem `audit` reports to its user: what is wrong, where (file and field path), and the
/// documented exit code it maps to (DESIGN.md §3, sysexits-style).
///
/// Rendered as one line: `<file>: <field.path>: <what is wrong>`; the CLI prefixes `audit: `.
public struct AuditError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Int32, Sendable, CaseIterable {
        /// The audit itself found a problem (a `verify` mismatch, a failed gate).
        case findings = 1
        /// The command line is wrong.
        case usage = 64
        /// An input file is malformed (syntax, types, non-finite or impossible values).
        case malformedInput = 65
        /// An input file or directory does not exist or cannot be opened.
        case inputMissing = 66
        /// An output file cannot be created.
        case cannotCreateOutput = 73
        /// Reading or writing failed part-way.
        case ioError = 74

        public var exitCode: Int32 { rawValue }

        public var meaning: String {
            switch self {
            case .findings: "the audit found a problem (verify mismatch, failed gate)"
            case .usage: "usage error (bad option or argument)"
            case .malformedInput: "malformed input data"
            case .inputMissing: "input file missing or unreadable"
            case .cannotCreateOutput: "cannot create output file"
            case .ioError: "I/O error"
            }
        }
    }

    public let kind: Kind
    public let file: String?
    public let path: String?
    public let message: String

    public init(_ kind: Kind, file: String? = nil, path: String? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.path = path
        self.message = message
    }

    /// One line: control characters and Unicode line/paragraph separators that came from the input
    /// (a key, a file name) are escaped as \u{…}, so the diagnostic can never span lines.
    public var description: String {
        Self.oneLine([file, path, message].compactMap { $0 }.joined(separator: ": "))
    }

    public static func oneLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x20, 0x7F, 0x85, 0x2028, 0x2029:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u{" + hex + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
