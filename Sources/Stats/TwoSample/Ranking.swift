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

/// The rank sum of x in the pooled sample x ∪ y and the tie term Σ(t³ − t), from x and y each sorted
/// ascending: one merge walks the tie groups of the pooled order, and a group of t values starting at
/// pooled position s (0-based) holding c of x's values adds c·(s + (t + 1)/2) — the midrank — to the
/// sum. Equal to summing ``PooledRanks`` over x, in O(m + n) after the sorts, with no index sort.
public struct MergedRankSum: Sendable, Equatable {
    public let rankSumX: Double
    public let tieTerm: Double
    public var hasTies: Bool { tieTerm > 0 }

    public init(sortedX x: [Double], sortedY y: [Double]) {
        var i = 0, j = 0, position = 0
        var sum = CompensatedSum(), tie = 0.0
        let m = x.count, n = y.count
        while i < m || j < n {
            let v = j == n || (i < m && x[i] <= y[j]) ? x[i] : y[j]
            var cx = 0, cy = 0
            while i < m && x[i] == v { cx += 1; i += 1 }
            while j < n && y[j] == v { cy += 1; j += 1 }
            let t = cx + cy
            if cx > 0 { sum.add(Double(cx) * (Double(2 * position + t + 1) / 2)) }
            if t > 1 { let td = Double(t); tie += td * td * td - td }
            position += t
        }
        rankSumX = sum.value
        tieTerm = tie
    }
}
