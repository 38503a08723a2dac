/// Midranks of a pooled sample (ties share the average of the ranks they span), with the tie
/// correction term Σ(t³ − t) over tie groups of size t.
public struct PooledRanks: Sendable {
    /// Rank of each value, in the order given (x first, then y).
    public let ranks: [Double]
    public let tieTerm: Double
    public let hasTies: Bool

    public init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var tie = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
            let average = Double(i + j + 2) / 2
            for k in i...j { ranks[order[k]] = average }
            let t = Double(j - i + 1)
            tie += t * t * t - t
            i = j + 1
        }
        self.ranks = ranks
        self.tieTerm = tie
        self.hasTies = tie > 0
    }
}

/// Which direction a one-sided test looks in. `greater`: x tends to be larger than y (scipy's convention).
public enum Alternative: String, Sendable, CaseIterable {
    case twoSided = "two-sided"
    case less
    case greater
}
