import Claims
import Stats

/// The caveat engine: each rule looks at one audited row (our run, the vendor claim, the
/// comparability of their phase matrices) and says what a reader must know, with evidence and
/// citations. Rules are independent and named by stable ids (see ``Caveat/Rule``).
public enum CaveatRules {
    public static func forRow(_ row: FigureAudit, claim: VendorClaim, vendor: Vendor) -> [Caveat] {
        var out: [Caveat] = []
        let run = row.run
        let ours = run.boundary
        let theirs = claim.boundary
        let applies = [row.claimID]
        let rigCitations = run.rig?.citations ?? []
        let figureSource = claim.citations.first.map { [$0.location] } ?? []
        let rulePercentileSource: [String] = run.rig?.percentileCitation.flatMap { i in
            i >= 0 && i < rigCitations.count ? [rigCitations[i].location] : nil
        } ?? []
        func rigCite(_ phase: Phase) -> [String] {
            guard let i = ours?.phases[phase]?.citation, i >= 0, i < rigCitations.count else { return rigCitations.prefix(1).map(\.location) }
            return [rigCitations[i].location]
        }
        func claimCite(_ phase: Phase) -> [String] {
            guard let i = theirs?.phases[phase]?.citation, i >= 0, i < claim.citations.count else { return [] }
            return [claim.citations[i].location]
        }

        if let c = row.comparability, c.verdict == .notComparable {
            let phases = c.differing.map(\.phase)
            out.append(Caveat(.boundaryMismatch, .critical,
                              "\(run.run.config) (\(ours?.boundaryClass.description ?? "?")) and \(vendor.id) (\(theirs?.boundaryClass.description ?? "?")) time different phases — \(phases.map(\.rawValue).joined(separator: ", ")) — so their numbers are not one comparison and no ratio between them is a speed-up",
                              evidence: c.explanation, citations: phases.flatMap { claimCite($0) + rigCite($0) }, appliesTo: applies))
        }
        if ours?.status(.teardown) == .included {
            out.append(Caveat(.teardownIncluded, .warn, "\(run.run.config) samples include teardown (the sandbox is destroyed inside the timed region)",
                              evidence: [ours?.phases[.teardown]?.basis ?? ""], citations: rigCite(.teardown), appliesTo: applies))
        }
        if theirs?.status(.teardown) == .included {
            out.append(Caveat(.teardownIncluded, .warn, "\(vendor.id)/\(claim.id) includes teardown",
                              evidence: [theirs?.phases[.teardown]?.basis ?? ""], citations: claimCite(.teardown), appliesTo: applies))
        }
        if ours?.status(.timerOverhead) == .included {
            out.append(Caveat(.timerOverhead, .warn, "\(run.run.config)'s clock adds its own overhead to every sample",
                              evidence: [run.rig?.timerOverheadNote ?? ours?.phases[.timerOverhead]?.basis ?? ""], citations: rigCite(.timerOverhead), appliesTo: applies))
        }
        if theirs?.status(.poolAcquire) == .included || theirs?.startKind == .prewarmedPool {
            out.append(Caveat(.prewarmedPool, .warn, "\(vendor.id)'s create draws on pre-provisioned resources; the figure excludes building them",
                              evidence: [theirs?.phases[.poolAcquire]?.basis ?? ""], citations: claimCite(.poolAcquire), appliesTo: applies))
        }
        if let a = ours?.startKind, let b = theirs?.startKind, a != b, a != .unknown, b != .unknown,
           a == .snapshotRestore || b == .snapshotRestore || a == .prewarmedPool || b == .prewarmedPool {
            out.append(Caveat(.snapshotRestoreVsBoot, .critical, "start kinds differ: \(run.run.config) is \(a.rawValue), \(vendor.id) is \(b.rawValue)",
                              evidence: [theirs?.phases[.sandboxCreate]?.basis ?? "", ours?.phases[.sandboxCreate]?.basis ?? ""].filter { !$0.isEmpty },
                              citations: claimCite(.sandboxCreate) + rigCite(.sandboxCreate), appliesTo: applies))
        }
        if let hw = claim.disclosures.first(where: { $0.item == "hardware" }), !hw.disclosed {
            out.append(Caveat(.hardwareUndisclosed, .warn, "\(vendor.id) does not disclose the hardware behind these figures",
                              evidence: [hw.detail ?? "not disclosed"], citations: figureSource, appliesTo: applies))
        }
        let missingHost = run.run.host.undisclosedFields
        if !missingHost.isEmpty {
            out.append(Caveat(.hardwareUndisclosed, .info, "\(run.run.config)'s host record leaves \(missingHost.joined(separator: ", ")) undisclosed",
                              evidence: [run.file], appliesTo: applies))
        }
        if !claim.n.disclosed {
            if let n = claim.n.value {
                out.append(Caveat(.nInferred, .warn, "\(vendor.id) does not state n; n = \(n) is inferred",
                                  evidence: [claim.n.basis ?? "inference"], citations: figureSource, appliesTo: applies))
            } else {
                out.append(Caveat(.nUndisclosed, .warn, "\(vendor.id) does not say how many samples these figures summarise",
                                  evidence: [claim.n.basis ?? "not disclosed"], citations: figureSource, appliesTo: applies))
            }
        }
        if let p = claim.figure.statistic.probability {
            let vendorRule = claim.quantileDefinition
            let writerRule = QuantileDefinition(rawValue: run.rig?.percentileRule ?? "") ?? .summarizePy
            let sorted = run.sample.sorted
            let ours = writerRule.quantile(sorted: sorted, p: p)
            if let vendorRule {
                let theirs = vendorRule.quantile(sorted: sorted, p: p)
                if vendorRule != writerRule {
                    out.append(Caveat(.percentileRuleDiffers, theirs == ours ? .info : .warn,
                                      "\(claim.figure.statistic.rawValue): the vendor's rule is \(vendorRule.rawValue)\(claim.percentileDefinition.disclosed ? "" : " (inferred)"), our files' summary uses \(writerRule.rawValue); on \(run.id) they give \(Format.number(theirs)) vs \(Format.number(ours)) ms (difference \(Format.number(abs(theirs - ours))) ms); the audit uses the vendor's rule",
                                      evidence: [claim.percentileDefinition.basis ?? ""], citations: figureSource + rulePercentileSource, appliesTo: applies))
                }
            } else {
                let values = QuantileDefinition.allCases.map { $0.quantile(sorted: sorted, p: p) }
                out.append(Caveat(.percentileRuleDiffers, .warn,
                                  "\(claim.figure.statistic.rawValue): the vendor's percentile rule is unknown; across the 11 definitions our \(run.id) gives \(Format.number(values.min()!))–\(Format.number(values.max()!)) ms",
                                  evidence: [claim.percentileDefinition.basis ?? "not disclosed"], citations: figureSource, appliesTo: applies))
            }
            let needed = OrderStatisticInterval.minimumN(p: p, level: 0.95, bound: .twoSided)
            if run.sample.count < needed {
                out.append(Caveat(.tailUnestimable, .warn,
                                  "our n = \(run.sample.count) cannot bound \(claim.figure.statistic.rawValue) on both sides at 95% (needs n ≥ \(needed)); the interval is open on that side",
                                  evidence: [run.id], appliesTo: applies))
            }
            if let n = claim.n.value {
                let rule = vendorRule ?? .nearestRank
                if rule.position(n: n, p: p).lower == n - 1 {
                    out.append(Caveat(.tailUnestimable, .warn, "at the vendor's n = \(n), its \(claim.figure.statistic.rawValue) is its slowest single sample",
                                      evidence: [claim.n.basis ?? ""], appliesTo: applies))
                }
            }
        }
        if let fh = claim.disclosures.first(where: { $0.item == "failureHandling" }), !fh.disclosed {
            out.append(Caveat(.failedRequestsDropped, .warn, "\(vendor.id) does not say how failed requests were handled; failures may be missing from the latency figures",
                              evidence: [fh.detail ?? ""], citations: figureSource, appliesTo: applies))
        }
        if case .number(let failures, _)? = run.run.provenance?["failures"], failures > 0 {
            out.append(Caveat(.failedRequestsDropped, .warn, "\(run.id): \(Int(failures)) failed iterations are not in the samples",
                              evidence: [run.file], appliesTo: applies))
        }
        let mismatches = SummaryCheck.mismatches(stored: run.run.summary, sample: run.sample)
        if !mismatches.isEmpty {
            out.append(Caveat(.summaryMismatch, .critical, "\(run.id)'s stored summary does not match its samples",
                              evidence: mismatches.map(\.description), citations: [run.file], appliesTo: applies))
        }
        let cc = run.run.concurrency
        if let vc = claim.figure.concurrency, vc != cc {
            out.append(Caveat(.concurrencyMismatch, .warn, "\(vendor.id)/\(claim.id) is at concurrency \(vc); the nearest of our runs is cc\(cc)",
                              evidence: [run.id], appliesTo: applies))
        } else if claim.figure.concurrency == nil {
            out.append(Caveat(.concurrencyMismatch, .info, "\(vendor.id) states no concurrency for these figures; compared with our cc\(cc)", appliesTo: applies))
        }
        if cc > 1 || (claim.figure.concurrency ?? 1) > 1 {
            let ourModel = run.rig?.concurrencyModel(at: cc) ?? "unknown"
            let vendorText = (claim.disclosures.first { $0.item == "concurrencyModel" }?.detail ?? "") + " " + (claim.figure.concurrencyBasis ?? "")
            let vendorModel = vendorText.lowercased().contains("closed") ? "closed-loop" : (vendorText.lowercased().contains("batch") ? "batch-barrier" : "unknown")
            if ourModel != vendorModel {
                out.append(Caveat(.concurrencySemanticsDiffer, .warn, "concurrency means different things: ours is \(ourModel), the vendor's is \(vendorModel)",
                                  evidence: [vendorText.trimmingCharacters()], appliesTo: applies))
            }
        }
        for note in PublishedSummaryCheck.notes(run: run.run) where note.trimmedMatch != nil {
            out.append(Caveat(.trimmedPercentiles, .warn, "\(run.id)'s source publishes trimmed percentiles; do not quote them as p95/p99",
                              evidence: [note.description], citations: [run.file], appliesTo: applies))
        }
        for r in vendor.relations where r.claims.contains(claim.id) && (r.kind == "contradicts" || r.kind == "inconsistent-with" || r.kind == "same-figure-different-statistic") {
            out.append(Caveat(.vendorSelfContradiction, .warn, "\(vendor.id)'s own claims disagree (\(r.kind): \(r.claims.joined(separator: " vs ")))",
                              evidence: [r.explanation], citations: figureSource, appliesTo: applies))
        }
        if claim.figure.statistic == .unspecified || claim.figure.statistic == .approx {
            out.append(Caveat(.statisticUnspecified, .info, "\(vendor.id) names no statistic for these figures (\(claim.figure.statistic.rawValue)); compared with our median", appliesTo: applies))
        }
        if run.run.metric.contains("makespan") {
            out.append(Caveat(.batchAggregate, .critical, "\(run.id) samples are batch makespans (all sandboxes of a batch), not per-sandbox latencies", appliesTo: applies))
        }
        if !run.pooledFrom.isEmpty {
            out.append(Caveat(.pooledRuns, .info, "\(run.id) pools \(run.pooledFrom.count) runs into one sample", evidence: Array(run.pooledFrom.prefix(5)), appliesTo: applies))
        }
        return out
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
