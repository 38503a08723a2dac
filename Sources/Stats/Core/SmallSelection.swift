/// Values at chosen ranks of a small array (≤ ``Selection/directLimit``) without sorting it: Hoare's FIND
/// (C. A. R. Hoare, "Algorithm 65: Find", CACM 4(7), 1961) on a copy, with a median-of-three pivot and a
/// three-way partition (E. W. Dijkstra's "Dutch national flag", *A Discipline of Programming*, 1976), so
/// that ties cost nothing extra and the search ends on the whole run of values equal to the one selected.
/// That run's length is the value's multiplicity: every copy outside the current range was put below or
/// above an earlier, different pivot. Ranks are taken in ascending order, each search starting after the
/// last one's run (everything up to its end is smaller or that run's value); a rank inside that run needs
/// no search. Same values and multiplicities as indexing the sorted array; a fraction of the time of
/// sorting a few thousand values.
enum SmallSelection {
    /// Below this many values the range is finished by insertion sort.
    static let insertionLimit = 16

    static func select(ranks: [Int], in x: UnsafeBufferPointer<Double>) -> [Selection.Selected] {
        var out = [Selection.Selected](repeating: Selection.Selected(value: 0, multiplicity: 0), count: ranks.count)
        var a = Array(x)
        a.withUnsafeMutableBufferPointer { a in
            var start = 0, lastRun = 0..<0
            for slot in ranks.indices.sorted(by: { ranks[$0] < ranks[$1] }) {
                let rank = ranks[slot]
                // A rank inside the last run (a repeated rank, or ties) is already in place.
                let run = lastRun.contains(rank) ? lastRun : find(a, rank: rank, from: start)
                out[slot] = Selection.Selected(value: a[rank], multiplicity: run.count)
                lastRun = run
                start = run.upperBound
            }
        }
        return out
    }

    /// Rearranges a[from...] so that a[rank] holds the value of that rank, everything before the returned
    /// run is smaller and everything after it larger; the run holds every copy of a[rank].
    /// Requires a[..<from] to hold the `from` smallest values and rank ≥ from.
    static func find(_ a: UnsafeMutableBufferPointer<Double>, rank: Int, from: Int) -> Range<Int> {
        var lo = from, hi = a.count
        while hi - lo > insertionLimit {
            let pivot = medianOfThree(a[lo], a[lo + (hi - lo) / 2], a[hi - 1])
            // a[lo..<lt] < pivot, a[lt..<i] == pivot, a[gt..<hi] > pivot.
            var lt = lo, i = lo, gt = hi
            while i < gt {
                let v = a[i]
                if v < pivot {
                    a.swapAt(lt, i)
                    lt += 1
                    i += 1
                } else if v > pivot {
                    gt -= 1
                    a.swapAt(i, gt)
                } else {
                    i += 1
                }
            }
            if rank < lt { hi = lt } else if rank >= gt { lo = gt } else { return lt..<gt }
        }
        // Insertion sort of the last few, then the run around the rank.
        for i in (lo + 1)..<max(lo + 1, hi) {
            let v = a[i]
            var j = i
            while j > lo && a[j - 1] > v {
                a[j] = a[j - 1]
                j -= 1
            }
            a[j] = v
        }
        let v = a[rank]
        var low = rank, high = rank + 1
        while low > lo && a[low - 1] == v { low -= 1 }
        while high < hi && a[high] == v { high += 1 }
        return low..<high
    }

    @inline(__always)
    static func medianOfThree(_ a: Double, _ b: Double, _ c: Double) -> Double {
        max(min(a, b), min(max(a, b), c))
    }
}
