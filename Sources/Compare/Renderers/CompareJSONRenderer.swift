import Claims
import Stats

/// The JSON rendering of a ``CompareReport`` (DESIGN.md §3; `schemas/compare.schema.json`):
/// `{left, right, sections[{boundaryClass, rows[]}], caveats[], tests[], generatedBy{version, seed}}`.
public struct CompareJSONRenderer {
    public init() {}

    static func interval(_ ci: ConfidenceInterval?) -> JSONValue {
        guard let ci else { return .null }
        return .object([
            ("estimate", .number(ci.estimate)), ("low", .optionalNumber(ci.low)), ("high", .optionalNumber(ci.high)),
            ("level", .number(ci.level)), ("method", .string(ci.method.rawValue)),
            ("notes", .array(ci.notes.map { .string($0) })),
        ])
    }

    static func row(_ r: FigureAudit) -> JSONValue {
        var figure: [(key: String, value: JSONValue)] = [("statistic", .string(r.statistic.rawValue)), ("unit", .string("ms"))]
        figure.append(("value", .optionalNumber(r.vendorValue)))
        if let (lo, hi) = r.vendorRange { figure += [("low", .number(lo)), ("high", .number(hi))] }
        figure.append(("concurrency", r.vendorConcurrency.map { .integer($0) } ?? .null))
        let comparability: JSONValue = r.comparability.map { c in
            .object([
                ("verdict", .string(c.verdict.rawValue)),
                ("differingPhases", .array(c.differing.map { .string($0.phase.rawValue) })),
                ("uncertainPhases", .array(c.uncertain.map { .string($0.phase.rawValue) })),
                ("explanation", .array(c.explanation.map { .string($0) })),
            ])
        } ?? .null
        return .object([
            ("claim", .string(r.claimID)),
            ("vendor", .string(r.vendorID)),
            ("claimText", .string(r.claimText)),
            ("vendorFigure", .object(figure)),
            ("run", .string(r.run.id)),
            ("file", .string(r.run.file)),
            ("n", .integer(r.run.sample.count)),
            ("ourStatistic", .string(r.ourStatistic)),
            ("ours", interval(r.interval)),
            ("observation", r.observation.map { .string($0) } ?? .null),
            ("ratio", r.ratio.map { .object([("estimate", .number($0.estimate)), ("low", .optionalNumber($0.low)), ("high", .optionalNumber($0.high))]) } ?? .null),
            ("rawVerdict", .string(r.rawVerdict.rawValue)),
            ("verdict", .string(r.verdict.rawValue)),
            ("oursBoundaryClass", r.run.boundary.map { .string($0.boundaryClass.description) } ?? .null),
            ("comparability", comparability),
            ("qualification", .string(r.qualification)),
        ])
    }

    static func caveat(_ c: Caveat) -> JSONValue {
        .object([
            ("id", .string(c.id.rawValue)), ("severity", .string(c.severity.rawValue)), ("text", .string(c.text)),
            ("evidence", .array(c.evidence.filter { !$0.isEmpty }.map { .string($0) })),
            ("citations", .array(c.citations.map { .string($0) })),
            ("appliesTo", .array(c.appliesTo.map { .string($0) })),
        ])
    }

    static func fit(_ f: ScalingFit.Result) -> JSONValue {
        .object([
            ("model", .string(f.model.rawValue)),
            ("coefficients", .array(f.coefficients.map { .object([("name", .string($0.name)), ("estimate", .number($0.estimate)),
                                                                  ("low", .optionalNumber($0.low)), ("high", .optionalNumber($0.high))]) })),
            ("curve", .array(f.curve.map { .object([("concurrency", .number($0.concurrency)), ("fitted", .number($0.fitted)),
                                                    ("low", .optionalNumber($0.low)), ("high", .optionalNumber($0.high))]) })),
            ("resamples", .integer(f.resamples)),
        ])
    }

    static func scaling(_ s: CompareReport.ScalingComparison) -> JSONValue {
        .object([
            ("metric", .string(s.metric)),
            ("left", .array(s.left.map(Self.fit))),
            ("right", .array(s.right.map(Self.fit))),
            ("trendDifference", .array(s.differences.map { .object([("model", .string($0.model.rawValue)), ("estimate", .number($0.estimate)),
                                                                      ("low", .optionalNumber($0.low)), ("high", .optionalNumber($0.high))]) })),
        ])
    }

    static func feasibility(_ f: ClaimSetFeasibility) -> JSONValue {
        .object([
            ("vendor", .string(f.vendorID)), ("metric", .string(f.metric)),
            ("concurrency", f.concurrency.map { .integer($0) } ?? .null),
            ("figures", .array(f.figures.map { .object([("claim", .string($0.claimID)), ("statistic", .string($0.statistic.rawValue)), ("value", .number($0.value))]) })),
            ("checks", .array(f.checks.map { .object([("name", .string($0.name)), ("passed", .bool($0.passed)), ("detail", .string($0.detail))]) })),
            ("percentiles", .array(f.percentiles.map { p in
                .object([
                    ("claim", .string(p.claimID)), ("statistic", .string(p.statistic)), ("value", .number(p.value)),
                    ("isMaxBelowN", .integer(p.notMaxFromN)), ("minimumNOneSided", .integer(p.oneSidedMinimumN)),
                    ("minimumNTwoSided", .integer(p.twoSidedMinimumN)), ("vendorN", p.disclosedN.map { .integer($0) } ?? .null),
                    ("sensitivity", .array(p.sensitivity.map { s in
                        .object([("n", .integer(s.n)), ("rankFromTop", .integer(s.fromTop)), ("isMax", .bool(s.isMax)), ("boundExists", .bool(s.boundExists))])
                    })),
                ])
            })),
            ("contradictions", .array(f.contradictions.map { .object([("kind", .string($0.kind)), ("claims", .array($0.claims.map { .string($0) })), ("explanation", .string($0.explanation))]) })),
        ])
    }

    public func render(_ report: CompareReport) -> JSONValue {
        .object([
            ("left", .object([("kind", .string(report.left.kind.rawValue)), ("id", .string(report.left.id)), ("label", .string(report.left.label))])),
            ("right", .object([("kind", .string(report.right.kind.rawValue)), ("id", .string(report.right.id)), ("label", .string(report.right.label))])),
            ("sections", .array(report.sections.map { s in
                .object([("boundaryClass", .string(s.boundaryClass)), ("rows", .array(s.rows.map(Self.row)))])
            })),
            ("sideBySide", .array(report.sideBySide.map { s in
                .object([("metric", .string(s.metric)), ("concurrency", .integer(s.concurrency)), ("statistic", .string(s.statistic)),
                         ("left", Self.interval(s.left)), ("right", Self.interval(s.right)), ("ratio", .optionalNumber(s.ratio))])
            })),
            ("scaling", .array(report.scaling.map(Self.scaling))),
            ("feasibility", .array(report.feasibility.map(Self.feasibility))),
            ("notAuditable", .array(report.notAuditable.map { .object([("claim", .string($0.claimID)), ("reason", .string($0.reason))]) })),
            ("caveats", .array(report.caveats.map(Self.caveat))),
            ("tests", .array(report.tests.map { t in
                var members: [(key: String, value: JSONValue)] = [("metric", .string(t.metric)), ("concurrency", .integer(t.concurrency))]
                if case .object(let rest) = t.report.json() { members += rest.filter { $0.key != "generatedBy" } }
                return .object(members)
            })),
            ("holm", .object([
                ("family", .array(report.holmFamily.map { .string($0.test) })),
                ("adjusted", .object(report.holmFamily.map { ($0.test, JSONValue.number($0.adjusted)) })),
            ])),
            ("generatedBy", .object([("version", .string(CompareReport.version)), ("seed", .number(Double(report.seed), literal: String(report.seed)))])),
        ])
    }
}
