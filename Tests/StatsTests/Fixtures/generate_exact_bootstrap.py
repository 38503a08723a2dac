"""Generates exact_bootstrap.json: the EXACT bootstrap distribution of several
statistics for tiny samples (n = 4..7), by enumerating every multiset of
resample counts (c_1..c_n), sum c_i = n, weighted by its multinomial
probability n!/(prod c_i!) / n^n  (equivalent to all n^n ordered resamples).

Regenerate (from this folder):  nice -n 19 python3 generate_exact_bootstrap.py

Arithmetic: probabilities and the order-statistic / interpolation statistics
are exact rationals (fractions.Fraction on the decimal data values); the
Harrell-Davis statistic uses mpmath at 30 digits.  Results are rounded to
float64 only when written.

Statistics (s = sorted resample, 0-based; x_(j) 1-based):
  nearestRank:p  s[max(0, ceil(n*p) - 1)]
  summarizePy:p  s[min(n-1, floor(n*p))]
  hf7:p          R type 7: h=(n-1)p, j=floor(h): s[j] + (h-j)(s[j+1]-s[j])
  hf8:p          R type 8: nppm = 1/3 + p(n + 1/3), j=floor(nppm), h=nppm-j,
                 (1-h) x_(j) + h x_(j+1) with x_(0)=x_(1), x_(n+1)=x_(n)
  hd:p           Harrell-Davis, W_i = I_{i/n}(a,b) - I_{(i-1)/n}(a,b),
                 a=p(n+1), b=(1-p)(n+1)
  mean
For nearestRank, orderCdf[j-1] = P(T* <= x_(j)) for the ORIGINAL sorted
sample; the script asserts orderCdf[j-1] == P(Binomial(n, c_j/n) >= k),
k = max(1, ceil(n p)), c_j = #{i : x_i <= x_(j)} (= j without ties).
"""
import itertools
import math
from fractions import Fraction

import mpmath as mp

from fixture_common import NOTE, make_sample, versions, write_json

SEED = 20240901
STATS = ["nearestRank:0.5", "nearestRank:0.9", "hf7:0.5", "hf7:0.9", "hf8:0.5",
         "summarizePy:0.9", "hd:0.5", "hd:0.9", "mean"]
mp.mp.dps = 30


def compositions(n, parts):
    """All (c_1..c_parts) with c_i >= 0 and sum n."""
    if parts == 1:
        yield (n,)
        return
    for first in range(n, -1, -1):
        for rest in compositions(n - first, parts - 1):
            yield (first,) + rest


def ceil_frac(q):
    return -((-q.numerator) // q.denominator)


def floor_frac(q):
    return q.numerator // q.denominator


def hd_weights(n, p):
    a = mp.mpf(p) * (n + 1)
    b = (1 - mp.mpf(p)) * (n + 1)
    return [mp.betainc(a, b, mp.mpf(i - 1) / n, mp.mpf(i) / n, regularized=True)
            for i in range(1, n + 1)]


def make_stat(name, n):
    kind, _, ps = name.partition(":")
    if kind == "mean":
        return lambda s: sum(s, Fraction(0)) / n
    p = Fraction(ps)  # exact decimal p
    if kind == "nearestRank":
        idx = max(0, ceil_frac(n * p) - 1)
        return lambda s: s[idx]
    if kind == "summarizePy":
        idx = min(n - 1, floor_frac(n * p))
        return lambda s: s[idx]
    if kind == "hf7":
        h = (n - 1) * p
        j = floor_frac(h)
        g = h - j
        return lambda s: s[j] + g * (s[min(j + 1, n - 1)] - s[j])
    if kind == "hf8":
        nppm = Fraction(1, 3) + p * (n + Fraction(1, 3))
        j = floor_frac(nppm)
        h = nppm - j

        def f(s):
            ext = [s[0]] + list(s) + [s[-1]]     # ext[j] = x_(j), 1-based with clamps
            return (1 - h) * ext[j] + h * ext[j + 1]
        return f
    if kind == "hd":
        w = hd_weights(n, float(ps))
        return lambda s: mp.fsum(wi * mp.mpf(v.numerator) / v.denominator for wi, v in zip(w, s))
    raise ValueError(name)


def binom_sf_ge(k, n, p):
    """P(Bin(n,p) >= k), exact."""
    return sum(Fraction(math.comb(n, j)) * p**j * (1 - p)**(n - j) for j in range(k, n + 1))


def to_float(v):
    if isinstance(v, Fraction):
        return v.numerator / v.denominator if abs(v.numerator) < 2**1000 else float(v)
    return float(v)


def run_case(name, xs):
    n = len(xs)
    xf = [Fraction(str(v)) for v in xs]       # exact decimal data
    order = sorted(range(n), key=lambda i: xf[i])
    nfact = math.factorial(n)
    # sorted resample tuple -> probability
    dist = {}
    for c in compositions(n, n):
        w = Fraction(nfact, math.prod(math.factorial(ci) for ci in c) * n**n)
        s = tuple(sorted(itertools.chain.from_iterable([xf[i]] * ci for i, ci in enumerate(c))))
        dist[s] = dist.get(s, 0) + w
    assert sum(dist.values()) == 1
    out = {"name": name, "n": n, "x": xs,
           "resampleMultisets": math.comb(2 * n - 1, n),
           "distinctSortedResamples": len(dist), "stats": {}}
    xs_sorted = sorted(xf)
    for st in STATS:
        f = make_stat(st, n)
        tdist = {}
        for s, w in dist.items():
            t = f(s)
            key = t if isinstance(t, Fraction) else mp.nstr(t, 28)  # hd: group by 28 digits
            if key in tdist:
                tdist[key][1] += w
            else:
                tdist[key] = [t, w]
        items = sorted(tdist.values(), key=lambda tw: tw[0])
        if isinstance(items[0][0], Fraction):
            m1 = sum(t * w for t, w in items)
            m2 = sum(t * t * w for t, w in items)
            mean, var = to_float(m1), to_float(m2 - m1 * m1)
        else:
            m1 = mp.fsum(t * mp.mpf(w.numerator) / w.denominator for t, w in items)
            m2 = mp.fsum(t * t * mp.mpf(w.numerator) / w.denominator for t, w in items)
            mean, var = float(m1), float(m2 - m1 * m1)
        cum = Fraction(0)
        cdf = []
        for _, w in items:
            cum += w
            cdf.append(to_float(cum))
        assert cum == 1
        entry = {"mean": mean, "variance": var,
                 "support": [to_float(t) for t, _ in items], "cdf": cdf}
        if st.startswith("nearestRank"):
            p = Fraction(st.split(":")[1])
            k = max(1, ceil_frac(n * p))
            ocdf = []
            for j in range(1, n + 1):
                v = xs_sorted[j - 1]
                pr = sum(w for t, w in items if t <= v)
                cj = sum(1 for u in xf if u <= v)
                assert pr == binom_sf_ge(k, n, Fraction(cj, n)), (name, st, j)
                if cj == j:
                    assert pr == binom_sf_ge(k, n, Fraction(j, n))
                ocdf.append(to_float(pr))
            entry["orderCdf"] = ocdf
            entry["k"] = k
        out["stats"][st] = entry
    return out


def main():
    cases = []
    for i, n in enumerate([4, 5, 6, 7], start=1):
        xs = make_sample("lognormal", n, SEED + i)
        assert len(set(xs)) == n
        cases.append(run_case(f"distinct-n{n}", xs))
        print(cases[-1]["name"], flush=True)
    # ties: one value twice (n=6), one value three times (n=7)
    base = make_sample("lognormal", 5, SEED + 11)
    xs = base + [base[2]]
    cases.append(run_case("tie-n6", xs))
    base = make_sample("lognormal", 5, SEED + 12)
    xs = base + [base[1], base[1]]
    cases.append(run_case("tie3-n7", xs))
    print("ties done", flush=True)
    out = {
        "generator": "generate_exact_bootstrap.py; " + versions(mp),
        "note": NOTE.format(seed=f"{SEED} (+case index, numpy default_rng lognormal)"),
        "definitions": {
            "nearestRank:p": "sorted[max(0, ceil(n*p) - 1)] (0-based)",
            "summarizePy:p": "sorted[min(n-1, floor(n*p))] (0-based)",
            "hf7:p": "R quantile type 7",
            "hf8:p": "R quantile type 8",
            "hd:p": "Harrell-Davis, W_i = I_{i/n}(p(n+1),(1-p)(n+1)) - I_{(i-1)/n}(...)",
            "mean": "arithmetic mean",
            "mean/variance": "E[T*], Var[T*] under the exact bootstrap distribution (population variance of T*, no n-1)",
            "support/cdf": "sorted distinct values of T* and P(T* <= support[i])",
            "orderCdf": "nearestRank only: P(T* <= x_(j)), j=1..n, x_(j) the sorted ORIGINAL sample; equals P(Bin(n, c_j/n) >= k), k=max(1,ceil(n p)), c_j=#{x_i <= x_(j)}",
            "enumeration": "all multisets of counts, probability n!/(prod c_i!)/n^n; exact rationals except hd (mpmath, 30 digits)",
        },
        "cases": cases,
    }
    write_json("exact_bootstrap.json", out)


if __name__ == "__main__":
    main()
