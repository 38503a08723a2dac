/// Holm's step-down adjustment (Holm 1979, Scand. J. Statist. 6:65–70): sort the p-values ascending,
/// adjᵢ = max_{j ≤ i} min(1, (M − j + 1)·p₍ⱼ₎); returned in the input order. Controls the family-wise
/// error rate over the M tests of one report.
public enum Holm {
    public static func adjust(_ p: [Double]) -> [Double] {
        let m = p.count
        let order = p.indices.sorted { p[$0] < p[$1] || (p[$0] == p[$1] && $0 < $1) }
        var adjusted = [Double](repeating: 0, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * p[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}
