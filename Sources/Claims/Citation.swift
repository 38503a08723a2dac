/// Where a claim or a rig fact comes from: a file at a commit, lines, and the exact quote with its
/// SHA-256 (so a reviewer can check the text was not edited, and `audit verify --vendor-repo` can
/// check it appears at `path:lines` of `commit`).
public struct Citation: Sendable, Equatable {
    /// `owner/name`, a URL for archived pages, or `notebook` for the research notebook.
    public let repo: String
    public let commit: String?
    public let path: String?
    public let lines: String?
    public let quote: String?
    public let quoteSha256: String?
    /// Anything else the record carries (commitShort, commitNote, verification, transcribed …).
    public let extra: JSONValue?

    static func decode(_ r: JSONFieldReader) -> Citation {
        let repo = r.string("repo", required: false) ?? r.string("source", required: false) ?? ""
        if repo.isEmpty { r.problems.add(r.path, "citation has neither repo nor source") }
        return Citation(repo: repo, commit: r.string("commit", required: false), path: r.string("path", required: false),
                        lines: r.string("lines", required: false), quote: r.string("quote", required: false),
                        quoteSha256: r.string("quoteSha256", required: false), extra: r.value)
    }

    /// `repo@commit:path:lines`.
    public var location: String {
        var s = repo
        if let commit { s += "@" + String(commit.prefix(12)) }
        if let path { s += ":" + path }
        if let lines { s += ":" + lines }
        return s
    }

    /// nil when there is no quote; otherwise whether its SHA-256 matches the recorded hash.
    public var quoteHashMatches: Bool? {
        guard let quote else { return nil }
        guard let quoteSha256 else { return false }
        return SHA256.hex(Array(quote.utf8)) == quoteSha256.lowercased()
    }

    /// The lines range as 1-based inclusive bounds ("94" → 94…94, "37-42" → 37…42).
    public var lineRange: ClosedRange<Int>? {
        guard let lines else { return nil }
        let parts = lines.split(separator: "-").map { Int($0.trimmingWhitespaceSubstring()) }
        if parts.count == 1, let a = parts[0] { return a...a }
        if parts.count == 2, let a = parts[0], let b = parts[1], a <= b { return a...b }
        return nil
    }
}

extension Substring {
    func trimmingWhitespaceSubstring() -> String { String(self).trimmingWhitespace() }
}
