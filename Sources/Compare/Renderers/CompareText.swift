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

    static func ours(_ row: FigureAudit) -> String {
        let est = row.estimate.map { Format.number($0) } ?? "—"
        return "\(row.ourStatistic) = \(est)"
    }
}
