import Claims
#if canImport(Glibc)
import Glibc
#endif
import Stats

/// The self-contained HTML report: inline CSS and SVG only (no scripts, no network). For each of our
/// runs an ECDF with the vendor figures as markers; per section the interval bars of our estimates
/// against the vendor figures; a forest plot of ours/vendor ratios on a log axis; tables whose rows
/// carry the caveats that qualify them, linked to the caveat list.
public struct CompareHTMLRenderer {
    public init() {}

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]

    func esc(_ s: String) -> String { SVG.escape(s) }

    public func render(_ report: CompareReport) -> String {
        var html: [String] = []
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(esc("audit compare \(report.left.id) \(report.right.id)"))</title>")
        html.append("""
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}
        h1{font-size:1.5em} h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
        table{border-collapse:collapse;font-size:.85em;margin:.5em 0} td,th{border:1px solid #ddd;padding:.3em .5em;vertical-align:top}
        th{background:#f4f4f4;text-align:left} .num{text-align:right;font-variant-numeric:tabular-nums}
        .v-consistent{background:#e3f4e3} .v-ours-higher,.v-ours-lower{background:#fff1d6} .v-undecidable{background:#eee;color:#555}
        .chip{display:inline-block;border-radius:3px;padding:0 .35em;margin:.1em;font-size:.8em;text-decoration:none}
        .critical{background:#fde0e0;color:#900} .warn{background:#fff1d6;color:#7a5200} .info{background:#e8eef8;color:#234}
        .note{color:#555;font-size:.85em} .plots{display:flex;flex-wrap:wrap;gap:1em} figure{margin:0} figcaption{font-size:.8em;color:#555}
        </style></head><body>
        """)
        html.append("<h1>\(esc(report.left.id)) vs \(esc(report.right.id))</h1>")
        html.append("<p>\(esc(report.left.label)) vs \(esc(report.right.label)). audit \(CompareReport.version), seed \(report.seed). Verdicts compare the vendor figure with our 95% interval under the vendor's own statistic, then qualify it by the phases each clock covers; rows are grouped by boundary class and a ⚠ marks a ratio across different clocks.</p>")

        // ECDFs of our runs with vendor markers.
        let runIDs = Array(Set(report.sections.flatMap { $0.rows.map(\.run.id) })).sorted()
        let allRows = report.sections.flatMap(\.rows)
        if !runIDs.isEmpty {
            html.append("<h2>Our samples (ECDF) with the vendor's figures</h2><div class=\"plots\">")
            for id in runIDs {
                guard let run = report.runs.first(where: { $0.id == id }) else { continue }
                let rows = allRows.filter { $0.run.id == id }
                html.append("<figure>" + ecdf(run, rows: rows) + "<figcaption>\(esc(id)), n = \(run.sample.count); dashed lines: vendor figures (ms)</figcaption></figure>")
            }
            html.append("</div>")
        }
        if report.sideBySide.isEmpty == false {
            html.append("<h2>Our samples (ECDF)</h2><div class=\"plots\">")
            for run in report.runs {
                html.append("<figure>" + ecdf(run, rows: []) + "<figcaption>\(esc(run.id)), n = \(run.sample.count)</figcaption></figure>")
            }
            html.append("</div>")
        }

        for section in report.sections {
            html.append("<h2>\(esc(section.boundaryClass))</h2>")
            html.append("<div class=\"plots\"><figure>" + intervalBars(section.rows) + "<figcaption>Our estimate (dot) and 95% interval (bar) under the vendor's statistic; vendor figure ◆. An arrow marks an unbounded side.</figcaption></figure></div>")
            html.append("<table><tr><th>claim</th><th>vendor figure</th><th>our run</th><th>n</th><th>ours</th><th>95% CI</th><th>ours/vendor</th><th>verdict</th><th>why</th><th>caveats</th></tr>")
            for row in section.rows {
                let caveats = report.caveats.filter { $0.appliesTo.isEmpty || $0.appliesTo.contains(row.claimID) }
                let chips = caveats.map { "<a class=\"chip \($0.severity.rawValue)\" href=\"#caveat-\($0.id.rawValue)\">\($0.id.rawValue)</a>" }.joined()
                let why = [row.observation, row.qualification].compactMap { $0 }.map(esc).joined(separator: "<br>")
                html.append("<tr><td>\(esc(row.claimID))</td><td>\(esc(CompareText.vendorFigure(row)))</td><td><code>\(esc(row.run.id))</code></td><td class=\"num\">\(row.run.sample.count)</td><td>\(esc(CompareText.ours(row)))</td><td class=\"num\">\(esc(CompareText.interval(row.interval)))</td><td class=\"num\">\(esc(CompareText.ratio(row)))</td><td class=\"v-\(row.verdict.rawValue)\"><b>\(row.verdict.rawValue)</b></td><td class=\"note\">\(why)</td><td>\(chips)</td></tr>")
            }
            html.append("</table>")
        }
        if !allRows.isEmpty {
            html.append("<h2>Ratios (ours / vendor)</h2><figure>" + forest(allRows) + "<figcaption>Log axis; the line marks 1×. Grey rows compare clocks that cover different phases: read them with the boundary-mismatch caveat, never as a speed-up.</figcaption></figure>")
        }
        if !report.sideBySide.isEmpty {
            html.append("<h2>Side by side</h2><table><tr><th>metric</th><th>cc</th><th>statistic</th><th>\(esc(report.left.id))</th><th>95% CI</th><th>\(esc(report.right.id))</th><th>95% CI</th><th>left/right</th></tr>")
            for s in report.sideBySide {
                html.append("<tr><td>\(esc(s.metric))</td><td class=\"num\">\(s.concurrency)</td><td>\(s.statistic)</td><td class=\"num\">\(s.left.map { Format.number($0.estimate) } ?? "—")</td><td class=\"num\">\(esc(CompareText.interval(s.left)))</td><td class=\"num\">\(s.right.map { Format.number($0.estimate) } ?? "—")</td><td class=\"num\">\(esc(CompareText.interval(s.right)))</td><td class=\"num\">\(s.ratio.map { Format.number($0, significant: 3) + "×" } ?? "—")</td></tr>")
            }
            html.append("</table>")
        }
        for t in report.tests {
            html.append("<h2>Two-sample tests: \(esc(t.metric)) cc\(t.concurrency)</h2><pre>\(esc(t.report.table()))</pre>")
        }
        if !report.holmFamily.isEmpty {
            html.append("<p class=\"note\">Holm adjustment over the report's \(report.holmFamily.count) tests: " + esc(report.holmFamily.map { "\($0.test) \(Format.pValue($0.adjusted))" }.joined(separator: ", ")) + "</p>")
        }
        for s in report.scaling {
            html.append("<h2>Scaling with concurrency: \(esc(s.metric))</h2>")
            html.append("<figure>" + scalingPlot(s, left: report.left.id, right: report.right.id) + "<figcaption>Medians per concurrency level (dots) and the linear fit with its 95% band (pairs bootstrap), log axes.</figcaption></figure>")
            html.append("<pre>\(esc(CompareText.scalingLines(s, left: report.left.id, right: report.right.id).joined(separator: "\n")))</pre>")
        }
        if !report.feasibility.isEmpty {
            html.append("<h2>The vendor's figures on their own</h2>")
            for f in report.feasibility {
                html.append("<p><b>\(esc(f.metric))\(f.concurrency.map { " at concurrency \($0)" } ?? "")</b>: " + esc(f.figures.map { "\($0.claimID) \($0.statistic.rawValue) \(Format.number($0.value)) ms" }.joined(separator: ", ")) + "</p><ul>")
                for c in f.checks { html.append("<li>\(c.passed ? "✓" : "✗") \(esc(c.name)): \(esc(c.detail))</li>") }
                for p in f.percentiles {
                    html.append("<li>\(esc(p.claimID)) (\(esc(p.statistic))): the sample maximum below n = \(p.notMaxFromN); a distribution-free 95% bound needs n ≥ \(p.oneSidedMinimumN) one-sided, \(p.twoSidedMinimumN) two-sided; vendor n \(p.disclosedN.map(String.init) ?? "undisclosed").</li>")
                }
                for c in f.contradictions { html.append("<li>contradiction \(esc(c.claims.joined(separator: " vs "))): \(esc(c.explanation))</li>") }
                html.append("</ul>")
            }
        }
        if !report.caveats.isEmpty {
            html.append("<h2>Caveats</h2><ul>")
            var anchored = Set<String>()
            for c in report.caveats {
                let anchor = anchored.insert(c.id.rawValue).inserted ? " id=\"caveat-\(c.id.rawValue)\"" : ""
                html.append("<li\(anchor)><span class=\"chip \(c.severity.rawValue)\">\(c.severity.rawValue)</span> <b>\(c.id.rawValue)</b>\(c.appliesTo.isEmpty ? "" : " (\(esc(c.appliesTo.joined(separator: ", "))))"): \(esc(c.text))")
                let details = c.evidence.filter { !$0.isEmpty }.map { "evidence: " + esc($0) } + c.citations.map { "source: <code>" + esc($0) + "</code>" }
                if !details.isEmpty { html.append("<ul class=\"note\">" + details.map { "<li>\($0)</li>" }.joined() + "</ul>") }
                html.append("</li>")
            }
            html.append("</ul>")
        }
        html.append("</body></html>")
        return html.joined(separator: "\n")
    }

    func ecdf(_ run: RunSummary, rows: [FigureAudit]) -> String {
        let w = 560.0, h = 300.0, left = 50.0, right = 20.0, top = 20.0, bottom = 40.0
        let sorted = run.sample.sorted
        let marks = rows.compactMap { r -> (String, Double, Double?)? in
            guard let v = r.vendorValue else { return nil }
            return (r.claimID, v, r.statistic.probability)
        }
        let lo = min(sorted.first!, marks.map(\.1).min() ?? sorted.first!)
        let hi = max(sorted.last!, marks.map(\.1).max() ?? sorted.last!)
        let pad = (hi - lo) * 0.03 + 1e-9
        let useLog = lo > 0 && hi / lo > 20
        let x = Axis(lo: useLog ? lo / 1.1 : lo - pad, hi: useLog ? hi * 1.1 : hi + pad, pixelLo: left, pixelHi: w - right, log: useLog)
        let y = Axis(lo: 0, hi: 1, pixelLo: h - bottom, pixelHi: top, log: false)
        var svg = SVG(width: w, height: h)
        axes(&svg, x: x, y: y, w: w, h: h, left: left, bottom: bottom, top: top, xLabel: "ms", yTicks: [0, 0.25, 0.5, 0.75, 0.95, 1])
        var points: [(Double, Double)] = [(x.map(sorted[0]), y.map(0))]
        let n = Double(sorted.count)
        for (i, v) in sorted.enumerated() {
            points.append((x.map(v), y.map(Double(i) / n)))
            points.append((x.map(v), y.map(Double(i + 1) / n)))
        }
        points.append((x.map(sorted.last!) + 4, y.map(1)))
        svg.polyline(points, stroke: "#1f77b4")
        for (i, m) in marks.enumerated() {
            let colour = Self.palette[(i + 1) % Self.palette.count]
            svg.line(x.map(m.1), top, x.map(m.1), h - bottom, stroke: colour, width: 1.2, dash: "4,3")
            if let p = m.2 { svg.diamond(x.map(m.1), y.map(p), size: 5, fill: colour, title: "\(m.0): \(Format.number(m.1)) ms at p = \(p)") }
            svg.text(x.map(m.1) + 3, top + 12 + Double(i % 6) * 12, "\(m.0) \(Format.number(m.1))", size: 10, fill: colour)
        }
        return svg.render(label: "ECDF of \(run.id)")
    }

    func axes(_ svg: inout SVG, x: Axis, y: Axis, w: Double, h: Double, left: Double, bottom: Double, top: Double, xLabel: String, yTicks: [Double]?) {
        svg.line(left, h - bottom, w - 10, h - bottom, stroke: "#555")
        svg.line(left, top, left, h - bottom, stroke: "#555")
        for t in x.ticks {
            svg.line(x.map(t), h - bottom, x.map(t), h - bottom + 4, stroke: "#555")
            svg.text(x.map(t), h - bottom + 16, Format.number(t, significant: 3), size: 10, anchor: "middle")
        }
        svg.text((left + w) / 2, h - 6, xLabel, size: 11, anchor: "middle")
        for t in yTicks ?? [] {
            svg.line(left - 4, y.map(t), left, y.map(t), stroke: "#555")
            svg.line(left, y.map(t), w - 10, y.map(t), stroke: "#eee")
            svg.text(left - 6, y.map(t) + 3, Format.number(t), size: 10, anchor: "end")
        }
    }

    func intervalBars(_ rows: [FigureAudit]) -> String {
        let rowH = 26.0, left = 200.0, right = 30.0, top = 10.0, bottom = 36.0, w = 760.0
        let h = top + bottom + rowH * Double(rows.count)
        var values: [Double] = []
        for r in rows {
            if let e = r.estimate { values.append(e) }
            if let v = r.vendorValue { values.append(v) }
            if let ci = r.interval { values += [ci.low, ci.high].compactMap { $0 } }
        }
        guard let lo0 = values.min(), let hi0 = values.max() else { return "" }
        let useLog = lo0 > 0 && hi0 / lo0 > 20
        let pad = (hi0 - lo0) * 0.05 + 1e-9
        let x = Axis(lo: useLog ? lo0 / 1.2 : lo0 - pad, hi: useLog ? hi0 * 1.2 : hi0 + pad, pixelLo: left, pixelHi: w - right, log: useLog)
        var svg = SVG(width: w, height: h)
        let y = Axis(lo: 0, hi: 1, pixelLo: h - bottom, pixelHi: top, log: false)
        axes(&svg, x: x, y: y, w: w, h: h, left: left, bottom: bottom, top: top, xLabel: useLog ? "ms (log)" : "ms", yTicks: nil)
        for (i, r) in rows.enumerated() {
            let cy = top + rowH * (Double(i) + 0.5)
            svg.text(left - 8, cy + 4, "\(r.claimID) · cc\(r.run.run.concurrency) · \(r.run.run.metric)", size: 10, anchor: "end")
            if let ci = r.interval {
                let a = ci.low.map(x.map) ?? left, b = ci.high.map(x.map) ?? (w - right)
                svg.line(a, cy, b, cy, stroke: "#1f77b4", width: 4)
                if ci.low == nil { svg.text(left + 2, cy + 4, "◀", size: 10, fill: "#1f77b4") }
                if ci.high == nil { svg.text(w - right - 2, cy + 4, "▶", size: 10, anchor: "end", fill: "#1f77b4") }
            }
            if let e = r.estimate { svg.circle(x.map(e), cy, r: 3.5, fill: "#0b3d66", title: "ours \(Format.number(e)) ms") }
            if let v = r.vendorValue { svg.diamond(x.map(v), cy, size: 6, fill: "#d62728", title: "\(r.claimID) vendor \(Format.number(v)) ms") }
        }
        return svg.render(label: "intervals")
    }

    func scalingPlot(_ s: CompareReport.ScalingComparison, left: String, right: String) -> String {
        let w = 560.0, h = 300.0, lm = 60.0, rm = 20.0, top = 20.0, bottom = 40.0
        let sides: [(String, [ScalingFit.Result], [(Int, Double)], String)] = [(left, s.left, s.leftMedians, "#1f77b4"), (right, s.right, s.rightMedians, "#d62728")]
        var xs: [Double] = [], ys: [Double] = []
        for (_, fits, medians, _) in sides {
            xs += medians.map { Double($0.0) }
            ys += medians.map(\.1)
            if let linear = fits.first(where: { $0.model == .linear }) { ys += linear.curve.flatMap { [$0.low, $0.high] }.filter { $0.isFinite && $0 > 0 } }
        }
        guard let xlo = xs.min(), let xhi = xs.max(), let ylo = ys.min(), let yhi = ys.max(), xlo > 0, ylo > 0 else { return "" }
        let x = Axis(lo: xlo / 1.3, hi: xhi * 1.3, pixelLo: lm, pixelHi: w - rm, log: true)
        let y = Axis(lo: ylo / 1.1, hi: yhi * 1.1, pixelLo: h - bottom, pixelHi: top, log: true)
        var svg = SVG(width: w, height: h)
        axes(&svg, x: x, y: y, w: w, h: h, left: lm, bottom: bottom, top: top, xLabel: "concurrency", yTicks: y.ticks)
        for (i, (name, fits, medians, colour)) in sides.enumerated() {
            if let linear = fits.first(where: { $0.model == .linear }) {
                let band = linear.curve.filter { $0.low.isFinite && $0.high.isFinite && $0.low > 0 }
                svg.polyline(band.map { (x.map($0.concurrency), y.map($0.high)) }, stroke: colour, width: 0.8)
                svg.polyline(band.map { (x.map($0.concurrency), y.map($0.low)) }, stroke: colour, width: 0.8)
                svg.polyline(linear.curve.map { (x.map($0.concurrency), y.map(max($0.fitted, ylo / 1.1))) }, stroke: colour, width: 1.8)
            }
            for m in medians { svg.circle(x.map(Double(m.0)), y.map(m.1), r: 3.5, fill: colour, title: "\(name) cc\(m.0) median \(Format.number(m.1)) ms") }
            svg.text(lm + 8, top + 12 + Double(i) * 14, name, size: 11, fill: colour)
        }
        return svg.render(label: "scaling with concurrency")
    }

    func forest(_ rows: [FigureAudit]) -> String {
        let usable = rows.filter { $0.ratio != nil }
        guard !usable.isEmpty else { return "" }
        let rowH = 22.0, left = 260.0, right = 30.0, top = 10.0, bottom = 36.0, w = 760.0
        let h = top + bottom + rowH * Double(usable.count)
        var values: [Double] = [1]
        for r in usable { values += [r.ratio!.estimate, r.ratio!.low, r.ratio!.high].compactMap { $0 }.filter { $0 > 0 } }
        let x = Axis(lo: values.min()! / 1.3, hi: values.max()! * 1.3, pixelLo: left, pixelHi: w - right, log: true)
        let y = Axis(lo: 0, hi: 1, pixelLo: h - bottom, pixelHi: top, log: false)
        var svg = SVG(width: w, height: h)
        axes(&svg, x: x, y: y, w: w, h: h, left: left, bottom: bottom, top: top, xLabel: "ours / vendor (log)", yTicks: nil)
        svg.line(x.map(1), top, x.map(1), h - bottom, stroke: "#888", dash: "3,3")
        for (i, r) in usable.enumerated() {
            let cy = top + rowH * (Double(i) + 0.5)
            let comparable = r.comparability?.verdict == .comparable
            let colour = comparable ? "#1f77b4" : "#999"
            svg.text(left - 8, cy + 4, "\(r.claimID) · \(r.run.run.config) cc\(r.run.run.concurrency)\(comparable ? "" : " ⚠")", size: 10, anchor: "end")
            let ratio = r.ratio!
            if r.interval != nil {
                let a = ratio.low.map(x.map) ?? left, b = ratio.high.map(x.map) ?? (w - right)
                svg.line(a, cy, b, cy, stroke: colour, width: 2)
            }
            svg.circle(x.map(ratio.estimate), cy, r: 4, fill: colour, title: "\(r.claimID): \(Format.number(ratio.estimate, significant: 3))×")
        }
        return svg.render(label: "forest plot of ratios")
    }
}
