import Claims
import Stats

/// Short text pieces shared by the table, Markdown and HTML renderers.
enum CompareText {
    static func vendorFigure(_ row: FigureAudit) -> String {
        let cc = row.vendorConcurrency.map { " @cc\($0)" } ?? ""
        if let (lo, hi) = row.vendorRange { return "\(Format.number(lo))–\(Format.number(hi)) ms\(cc)" }
        guard let v = row.vendorValue else { return "—" }
        switch row.statistic {
        case .upperBound: return "≤ \(Format.number(v)) ms\(cc)"
        case .max: return "max \(Format.number(v)) ms\(cc)"
        case .min: return "as little as \(Format.number(v)) ms\(cc)"
        case .approx: return "≈ \(Format.number(v)) ms\(cc)"
        case .unspecified: return "\(Format.number(v)) ms (no statistic)\(cc)"
        default: return "\(row.statistic.rawValue) \(Format.number(v)) ms\(cc)"
        }
    }

    static func interval(_ ci: ConfidenceInterval?) -> String {
        guard let ci else { return "—" }
        let lo = ci.low.map { Format.number($0) } ?? "−∞"
        let hi = ci.high.map { Format.number($0) } ?? "+∞"
        return "[\(lo), \(hi)]"
    }

    static func ratio(_ row: FigureAudit) -> String {
        guard let r = row.ratio else { return "—" }
        let warn = (row.comparability.map { $0.verdict != .comparable } ?? true) ? " ⚠" : ""
        if r.low == nil && r.high == nil && row.interval == nil { return "\(Format.number(r.estimate, significant: 3))×\(warn)" }
        let lo = r.low.map { Format.number($0, significant: 3) } ?? "−∞"
        let hi = r.high.map { Format.number($0, significant: 3) } ?? "+∞"
        // Never a bare "×" across different clocks.
        return "\(Format.number(r.estimate, significant: 3))× [\(lo), \(hi)]\(warn)"
    }

    static func scalingLines(_ s: CompareReport.ScalingComparison, left: String, right: String) -> [String] {
        var out: [String] = []
        for (name, fits, medians) in [(left, s.left, s.leftMedians), (right, s.right, s.rightMedians)] {
            out.append("\(name): medians " + medians.map { "cc\($0.0) \(Format.number($0.1))" }.joined(separator: ", "))
            for f in fits {
                let coefficients = f.coefficients.map { "\($0.name) \(Format.number($0.estimate, significant: 4)) [\(Format.number($0.low, significant: 4)), \(Format.number($0.high, significant: 4))]" }
                out.append("  \(f.model.rawValue): " + coefficients.joined(separator: "; "))
            }
        }
        for d in s.differences {
            let name = d.model == .linear ? "slope" : (d.model == .logLog ? "exponent" : "sigma")
            out.append("\(right) − \(left) \(d.model.rawValue) \(name): \(Format.number(d.estimate, significant: 4)) [\(Format.number(d.low, significant: 4)), \(Format.number(d.high, significant: 4))]")
        }
        out.append("(95% intervals: pairs bootstrap stratified by concurrency level)")
        return out
    }

    static func ours(_ row: FigureAudit) -> String {
        let est = row.estimate.map { Format.number($0) } ?? "—"
        return "\(row.ourStatistic) = \(est)"
    }
}
