/// Values at chosen ranks of a small array (≤ ``Selection/directLimit``) without sorting it: Hoare's FIND
/// (C. A. R. Hoare, "Algorithm 65: Find", CACM 4(7), 1961) for several ranks at once, on a copy. Each step
/// takes the median of three as pivot and splits the range three ways — below, equal, above — so that ties
/// cost nothing extra and a rank that lands among the pivot's copies is answered with the whole run: that
/// run's length is the value's multiplicity (every copy outside the range went below or above an earlier,
/// different pivot). The ranks are split between the two sides; one side is followed in the loop and the
/// other by recursion.
///
/// The three-way split is two passes of a partition that does not branch on the data (Lomuto's scheme with
/// the swap always made and the boundary advanced by the comparison's 0 or 1): first `< pivot` over the
/// range, then `≤ pivot` over the upper part only when a rank lies there. A branching partition mispredicts
/// on about half the values of unordered data, ~4× slower here. A range deeper than 2·log₂ n + 8 steps
/// (a median-of-three killer) is sorted instead, so the worst case stays O(n log n). Same values and
/// multiplicities as indexing the sorted array.
enum SmallSelection {
    /// Below this many values the range is finished by insertion sort.
    static let insertionLimit = 16

    static func select(ranks: [Int], in x: UnsafeBufferPointer<Double>) -> [Selection.Selected] {
        let a = UnsafeMutableBufferPointer<Double>.allocate(capacity: x.count)
        defer { a.deallocate() }
        _ = a.initialize(fromContentsOf: x)
        return select(ranks: ranks, inPlace: a)
    }

    /// The same on scratch memory the caller lets this rearrange.
    /// `depthBudget` (tests) replaces the 2·log₂ n + 8 steps after which a range is sorted.
    static func select(ranks: [Int], inPlace a: UnsafeMutableBufferPointer<Double>,
                       depthBudget: Int? = nil) -> [Selection.Selected] {
        let k = ranks.count
        if k == 0 { return [] }
        // Slots in ascending order of rank (an insertion sort: a handful of ranks).
        var order = [Int](0..<k)
        for i in 1..<k {
            let slot = order[i], r = ranks[slot]
            var j = i
            while j > 0 && ranks[order[j - 1]] > r { order[j] = order[j - 1]; j -= 1 }
            order[j] = slot
        }
        let ascending = order.map { ranks[$0] }
        var found = [Selection.Selected](repeating: Selection.Selected(value: 0, multiplicity: 0), count: k)
        var budget = 8, m = a.count
        while m > 1 { budget += 2; m >>= 1 }
        let depth = depthBudget ?? budget
        ascending.withUnsafeBufferPointer { ranks in
            found.withUnsafeMutableBufferPointer { out in
                resolve(a, 0, a.count, ranks, 0, k, out, depth)
            }
        }
        // Back to the callers' order. A copy of `found` made unique by the first write would go through the
        // array's copy-on-write path (the first use of it builds generic metadata: ~5 µs once per process).
        if order.indices.allSatisfy({ order[$0] == $0 }) { return found }
        var out = [Selection.Selected](repeating: Selection.Selected(value: 0, multiplicity: 0), count: k)
        for (i, slot) in order.enumerated() { out[slot] = found[i] }
        return out
    }

    /// Answers the ascending `ranks[first..<last]`, all inside a[lo..<hi], into `out` at the same positions.
    /// Requires every copy of a value in a[lo..<hi] to lie inside it.
    static func resolve(_ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int,
                        _ ranks: UnsafeBufferPointer<Int>, _ first: Int, _ last: Int,
                        _ out: UnsafeMutableBufferPointer<Selection.Selected>, _ depth: Int) {
        var lo = lo, hi = hi, first = first, depth = depth
        while first < last {
            if hi - lo <= insertionLimit || depth == 0 {
                if hi - lo <= insertionLimit {
                    insertionSort(a, lo, hi)
                } else {
                    var range = UnsafeMutableBufferPointer(rebasing: a[lo..<hi])
                    range.sort()
                }
                for j in first..<last { out[j] = run(a, lo, hi, at: ranks[j]) }
                return
            }
            depth -= 1
            let pivot = medianOfThree(a[lo], a[lo + (hi - lo) / 2], a[hi - 1])  // a value of the range
            let lt = partition(a, lo, hi) { $0 < pivot }
            var split = first
            while split < last && ranks[split] < lt { split += 1 }
            if split == last { hi = lt; continue }
            if split > first { resolve(a, lo, lt, ranks, first, split, out, depth) }
            first = split
            let gt = partition(a, lt, hi) { $0 <= pivot }
            while first < last && ranks[first] < gt {
                out[first] = Selection.Selected(value: pivot, multiplicity: gt - lt)
                first += 1
            }
            lo = gt
        }
    }

    /// Moves the values of a[lo..<hi] satisfying `before` to the front, keeping none of the order; returns
    /// where the rest begin. Every value is swapped with the boundary slot and the boundary advances by the
    /// comparison's result, so the loop has no branch that depends on the data.
    @inline(__always)
    static func partition(_ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int,
                          _ before: (Double) -> Bool) -> Int {
        guard let p = a.baseAddress else { return lo }
        var boundary = lo, i = lo
        while i < hi {
            let v = p[i]
            p[i] = p[boundary]
            p[boundary] = v
            boundary &+= before(v) ? 1 : 0
            i &+= 1
        }
        return boundary
    }

    static func insertionSort(_ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int) {
        var i = lo + 1
        while i < hi {
            let v = a[i]
            var j = i
            while j > lo && a[j - 1] > v { a[j] = a[j - 1]; j -= 1 }
            a[j] = v
            i += 1
        }
    }

    /// In a sorted a[lo..<hi] holding every copy of its values: the value at `rank` and its run length.
    static func run(_ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int, at rank: Int) -> Selection.Selected {
        let v = a[rank]
        var low = rank, high = rank + 1
        while low > lo && a[low - 1] == v { low -= 1 }
        while high < hi && a[high] == v { high += 1 }
        return Selection.Selected(value: v, multiplicity: high - low)
    }

    @inline(__always)
    static func medianOfThree(_ a: Double, _ b: Double, _ c: Double) -> Double {
        max(min(a, b), min(max(a, b), c))
    }
}
