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
///
/// The merge does not branch on the data (which head is smaller, whether a tie group ends: both are
/// unpredictable, and mispredicting them cost ~7 ns a value); twice the rank sum is an integer and is
/// accumulated exactly as one.
public struct MergedRankSum: Sendable, Equatable {
    public let rankSumX: Double
    public let tieTerm: Double
    public var hasTies: Bool { tieTerm > 0 }

    /// From this many pooled values the walk is split in two at a value of x and run on two threads (tie
    /// groups never straddle the split: every copy of the split value is in the upper part).
    public static let parallelThreshold = 1 << 15

    public init(sortedX x: [Double], sortedY y: [Double]) {
        let parts = x.count + y.count >= Self.parallelThreshold && ProcessInfoLite.activeProcessorCount > 1 ? 2 : 1
        self.init(sortedX: x, sortedY: y, parts: parts)
    }

    /// `parts` (1 or 2) chooses the split; tests use 2 on small samples.
    init(sortedX x: [Double], sortedY y: [Double], parts: Int) {
        let m = x.count, n = y.count
        // 2·Σ midranks ≤ 2·m·(m + n) < 2⁶¹: exact in an Int (and in a Double below 2⁵³, i.e. for any pool
        // that fits audit's input limits).
        precondition(m + n < 1 << 30, "rank sums of more than 2^30 values")
        // The lower part holds the values below x[m/2], the upper part the rest.
        let split = parts == 2 && m > 0 ? x[m / 2] : nil
        let i1 = split.map { SortedSearch.lowerBound(x, $0) } ?? m
        let j1 = split.map { SortedSearch.lowerBound(y, $0) } ?? n
        // Per part (flat buffers, not tuples: a tuple type's metadata is built at run time on first use).
        let twiceSums = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2), ties = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2)
        defer { twiceSums.deallocate(); ties.deallocate() }
        twiceSums.initialize(repeating: 0)
        ties.initialize(repeating: 0)
        x.withUnsafeBufferPointer { a in
            y.withUnsafeBufferPointer { b in
                nonisolated(unsafe) let (a, b, twiceSums, ties) = (a, b, twiceSums, ties)
                // One part (no split): the whole walk is the "lower" part, i1 = m and j1 = n.
                Parallel.run(split == nil ? 1 : 2) { part in
                    let (sum, tie) = part == 0 ? Self.walk(a, 0..<i1, b, 0..<j1) : Self.walk(a, i1..<m, b, j1..<n)
                    twiceSums[part] = sum
                    ties[part] = tie
                }
            }
        }
        rankSumX = Double(twiceSums[0] + twiceSums[1]) / 2
        tieTerm = ties[0] + ties[1]
    }

    /// Twice the rank sum of a[xs] and the tie term of the pooled order of a[xs] ∪ b[ys], whose values all
    /// sit at pooled positions from xs.lowerBound + ys.lowerBound on.
    private static func walk(_ a: UnsafeBufferPointer<Double>, _ xs: Range<Int>,
                             _ b: UnsafeBufferPointer<Double>, _ ys: Range<Int>) -> (twiceSum: Int, tie: Double) {
        var walk = GroupWalk()
        walk.position = xs.lowerBound + ys.lowerBound
        var i = xs.lowerBound, j = ys.lowerBound
        let m = xs.upperBound, n = ys.upperBound
        while i < m && j < n {
            let u = a[i], w = b[j]
            let isX = u <= w ? 1 : 0  // x first among equals: the group is the same either way
            walk.take(isX == 1 ? u : w, isX: isX)
            i &+= isX
            j &+= 1 &- isX
        }
        while i < m { walk.take(a[i], isX: 1); i &+= 1 }
        while j < n { walk.take(b[j], isX: 0); j &+= 1 }
        walk.close()
        return (walk.twiceSum, walk.tie)
    }
}

/// The open tie group of the pooled walk (value, first position, size, how many from x) and the totals
/// of the groups closed so far.
private struct GroupWalk {
    var twiceSum = 0, tie = 0.0
    var value = 0.0, start = 0, size = 0, fromX = 0, position = 0

    /// The next value of the pooled order; selects instead of branching.
    @inline(__always) mutating func take(_ v: Double, isX: Int) {
        let opens = size == 0 || v != value
        let t = Double(size)
        tie += opens ? t * t * t - t : 0
        twiceSum &+= opens ? fromX &* (2 &* start &+ size &+ 1) : 0
        start = opens ? position : start
        size = opens ? 1 : size &+ 1
        fromX = opens ? isX : fromX &+ isX
        value = v
        position &+= 1
    }

    mutating func close() { take(.nan, isX: 0) }  // NaN differs from every value: closes the last group
}
