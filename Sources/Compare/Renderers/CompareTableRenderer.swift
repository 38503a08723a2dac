#if canImport(Glibc)
import Glibc
#endif
import Claims
import Stats

/// The terminal rendering of a ``CompareReport``: aligned columns, colour only when asked (a TTY).
public struct CompareTableRenderer {
    public let color: Bool
    public init(color: Bool) { self.color = color }

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func verdict(_ v: FigureAudit.Verdict) -> String {
        switch v {
        case .consistent: paint(v.rawValue, "32")
        case .oursHigher, .oursLower: paint(v.rawValue, "33")
        case .undecidable: paint(v.rawValue, "2")
        }
    }

    public func render(_ report: CompareReport) -> String {
        var out: [String] = []
        out.append(paint("audit compare \(report.left.id) \(report.right.id)", "1") + " — \(report.left.label) vs \(report.right.label)")
        for section in report.sections {
            out.append("")
            out.append(paint("== \(section.boundaryClass) ==", "1"))
            var rows: [[String]] = [["claim", "vendor figure", "our run", "n", "ours (vendor's statistic)", "95% CI", "ours/vendor", "verdict"]]
            for row in section.rows {
                rows.append([row.claimID, CompareText.vendorFigure(row), row.run.id, String(row.run.sample.count),
                             CompareText.ours(row), CompareText.interval(row.interval), CompareText.ratio(row),
                             row.verdict.rawValue])
            }
            let rendered = TextTable.render(rows, rightAlignedFrom: 99)
            out.append(rendered[0])
            for (i, row) in section.rows.enumerated() {
                var line = rendered[i + 1]
                if color { line = line.replacingLast(row.verdict.rawValue, with: verdict(row.verdict)) }
                out.append(line)
                if let obs = row.observation { out.append("    \(obs)") }
                out.append("    ↳ \(row.qualification)" + (row.rawVerdict != row.verdict ? " (numbers alone: \(row.rawVerdict.rawValue))" : ""))
            }
        }
        if !report.sideBySide.isEmpty {
            out.append("")
            var rows: [[String]] = [["metric", "cc", "statistic", report.left.id, "95% CI", report.right.id, "95% CI", "left/right"]]
            for s in report.sideBySide {
                rows.append([s.metric, String(s.concurrency), s.statistic,
                             s.left.map { Format.number($0.estimate) } ?? "—", CompareText.interval(s.left),
                             s.right.map { Format.number($0.estimate) } ?? "—", CompareText.interval(s.right),
                             s.ratio.map { Format.number($0, significant: 3) + "×" } ?? "—"])
            }
            out += TextTable.render(rows, rightAlignedFrom: 99)
            for c in report.comparabilities {
                out.append("  \(c.metric) cc\(c.concurrency): \(c.comparability?.verdict.rawValue ?? "comparability unknown (no phase matrix)")")
                for line in c.comparability?.explanation ?? [] { out.append("    \(line)") }
            }
        }
        for t in report.tests {
            out.append("")
            out.append(paint("== two-sample tests: \(t.metric) cc\(t.concurrency) ==", "1"))
            out += t.report.table().split(separator: "\n").map(String.init)
        }
        if !report.holmFamily.isEmpty {
            out.append("Holm adjustment over the report's \(report.holmFamily.count) tests: " + report.holmFamily.map { "\($0.test) \(Format.pValue($0.adjusted))" }.joined(separator: ", "))
        }
        for s in report.scaling {
            out.append("")
            out.append(paint("== scaling with concurrency: \(s.metric) ==", "1"))
            out += CompareText.scalingLines(s, left: report.left.id, right: report.right.id)
        }
        if !report.feasibility.isEmpty {
            out.append("")
            out.append(paint("== the vendor's figures on their own ==", "1"))
            for f in report.feasibility {
                out.append("\(f.metric)\(f.concurrency.map { " @cc\($0)" } ?? ""): " + f.figures.map { "\($0.claimID) \($0.statistic.rawValue) \(Format.number($0.value))" }.joined(separator: ", "))
                for c in f.checks { out.append("  \(c.passed ? "ok  " : paint("FAIL", "31")) \(c.name): \(c.detail)") }
                for p in f.percentiles {
                    out.append("  \(p.claimID) \(p.statistic): is the sample max below n = \(p.notMaxFromN); a distribution-free 95% bound needs n ≥ \(p.oneSidedMinimumN) (one-sided), \(p.twoSidedMinimumN) (two-sided); vendor n: \(p.disclosedN.map(String.init) ?? "undisclosed")\(p.nBasis.map { " (\($0.prefix(80)))" } ?? "")")
                    out.append("    if n were " + p.sensitivity.map { "\($0.n): \($0.isMax ? "the max" : "\($0.fromTop)th from top")\($0.boundExists ? "" : ", unbounded")" }.joined(separator: "; "))
                }
                for c in f.contradictions { out.append("  contradiction \(c.claims.joined(separator: " vs ")): \(c.explanation)") }
            }
        }
        if !report.notAuditable.isEmpty {
            out.append("")
            out.append("not audited: " + report.notAuditable.map { "\($0.claimID) (\($0.reason))" }.joined(separator: ", "))
        }
        if !report.caveats.isEmpty {
            out.append("")
            out.append(paint("== caveats ==", "1"))
            for c in report.caveats {
                let sev = c.severity == .critical ? paint(c.severity.rawValue, "31") : (c.severity == .warn ? paint(c.severity.rawValue, "33") : c.severity.rawValue)
                out.append("[\(sev)] \(c.id.rawValue)\(c.appliesTo.isEmpty ? "" : " (\(c.appliesTo.joined(separator: ", ")))"): \(c.text)")
                for e in c.evidence where !e.isEmpty { out.append("    evidence: \(e)") }
                for cite in c.citations { out.append("    source: \(cite)") }
            }
        }
        out.append("")
        out.append("seed \(report.seed) · audit \(CompareReport.version)")
        return out.joined(separator: "\n")
    }
}

extension String {
    func replacingLast(_ target: String, with replacement: String) -> String {
        guard let r = ranges(of: target).last else { return self }
        var copy = self
        copy.replaceSubrange(r, with: replacement)
        return copy
    }
}
