"""Generates order_stat_ci.json: distribution-free (binomial) order-statistic
confidence intervals for a quantile, exactly as scipy computes them in
scipy.stats.quantile_test(x, q=0, p=P, alternative=A).confidence_interval(L).

Regenerate (from this folder):  nice -n 19 python3 generate_order_stat_ci.py

scipy's rule (QuantileTestResult.confidence_interval, scipy/stats/_stats_py.py),
with X ~ Binomial(n, P), x sorted ascending, 1-based order statistics x_(i):
  tail  = 1-L for 'less'/'greater', (1-L)/2 for 'two-sided'
  lower bound ('greater' and 'two-sided'):
      k = binom.ppf(tail) = smallest k in 0..n with P(X <= k) >= tail
      low = x_(k)            NaN when k == 0  (i.e. (1-P)^n >= tail)
  upper bound ('less' and 'two-sided'):
      k = binom.isf(tail) = smallest k in 0..n with P(X > k) <= tail
      high = x_(k+1)         NaN when k == n  (i.e. P^n > tail)
  'less' has low = -inf, 'greater' has high = +inf.
This script re-derives both indices with exact rational arithmetic and
asserts they agree with scipy for every case written.

Dataset values are stored once under "datasets"; each case names its dataset.
"""
import functools
import math
from fractions import Fraction

import numpy as np
from scipy import stats

from fixture_common import NOTE, fnum, make_sample, raw, versions, write_json

SEED = 20240801
PS = [0.5, 0.9, 0.95, 0.99]
LEVELS = [0.9, 0.95, 0.99]
NS = [5, 10, 30, 59, 72, 100, 299, 368, 1000]
ALTS = ["two-sided", "less", "greater"]


@functools.lru_cache(maxsize=None)
def binom_cdf_exact(n, p_float):
    """[P(X <= k) for k = 0..n], X ~ Bin(n, p) with p the exact double; rational."""
    p = Fraction(p_float)
    q = 1 - p
    cdf = []
    acc = Fraction(0)
    for j in range(n + 1):
        acc += Fraction(math.comb(n, j)) * p**j * q**(n - j)
        cdf.append(acc)
    return cdf


def exact_indices(n, p_float, level, alt):
    """(low_k, high_k) 1-based order-statistic indices from exact arithmetic,
    None when scipy would give NaN; '-inf'/'inf' for the open side."""
    tail_f = (1 - level) / 2 if alt == "two-sided" else 1 - level
    tail = Fraction(tail_f)             # the double scipy computes
    cdf = binom_cdf_exact(n, p_float)   # p: the double scipy sees
    low = high = None
    if alt == "less":
        low = "-inf"
    else:
        k = next(k for k in range(n + 1) if cdf[k] >= tail)
        low = k if k >= 1 else None
    if alt == "greater":
        high = "inf"
    else:
        k = next(k for k in range(n + 1) if 1 - cdf[k] <= tail)
        high = k + 1 if k + 1 <= n else None
    return low, high


def scipy_ci(x, p, level, alt):
    res = stats.quantile_test(np.asarray(x, dtype=float), q=0, p=p, alternative=alt)
    ci = res.confidence_interval(confidence_level=level)
    return float(ci.low), float(ci.high)


def index_of(xs_sorted, v, k_expected):
    if isinstance(k_expected, int):
        assert xs_sorted[k_expected - 1] == v, (k_expected, v)
        return k_expected
    return None


def minimum_n():
    rows = []
    for p in [0.5, 0.9, 0.95, 0.99, 0.999]:
        for level in LEVELS:
            for sided in ["one", "two"]:
                tail = Fraction(1 - level) if sided == "one" else Fraction((1 - level) / 2)
                pf = Fraction(p)
                n = 1
                # both tails must exist; for p >= 0.5 the upper one binds
                while not (pf**n <= tail and (1 - pf)**n <= tail):
                    n += 1
                # verify against scipy: bound(s) finite at n, NaN at n-1
                alt = "less" if sided == "one" else "two-sided"
                dummy = lambda m: np.arange(1, m + 1, dtype=float)
                lo, hi = scipy_ci(dummy(n), p, level, alt)
                assert not math.isnan(hi) and not math.isnan(lo), (p, level, sided, n)
                lo1, hi1 = scipy_ci(dummy(n - 1), p, level, alt) if n > 1 else (math.nan, math.nan)
                assert math.isnan(hi1) or math.isnan(lo1), (p, level, sided, n)
                if p == 0.5 and sided == "one":   # symmetric lower one-sided bound too
                    lo, _ = scipy_ci(dummy(n), p, level, "greater")
                    lo1, _ = scipy_ci(dummy(n - 1), p, level, "greater")
                    assert not math.isnan(lo) and math.isnan(lo1)
                rows.append({"p": p, "level": level, "sided": sided, "n": n})
    def get(p, level, sided):
        return next(r["n"] for r in rows if r["p"] == p and r["level"] == level and r["sided"] == sided)
    assert get(0.99, 0.95, "one") == 299 and get(0.99, 0.95, "two") == 368
    assert get(0.95, 0.95, "one") == 59 and get(0.95, 0.95, "two") == 72
    assert get(0.5, 0.95, "one") == 5 and get(0.5, 0.95, "two") == 6
    return rows


def main():
    datasets = {}
    seeds = {}
    k = 0
    for shape in ["lognormal", "ties"]:
        for n in NS:
            k += 1
            name = f"{shape}-n{n}"
            datasets[name] = sorted(make_sample(shape, n, SEED + k))
            seeds[name] = SEED + k
    cases = []
    nan_counts = {"low": 0, "high": 0}
    for name, xs in datasets.items():
        n = len(xs)
        for p in PS:
            for level in LEVELS:
                for alt in ALTS:
                    lo, hi = scipy_ci(xs, p, level, alt)
                    lk, hk = exact_indices(n, p, level, alt)
                    # agreement of scipy with the exact-arithmetic rule
                    if lk is None:
                        assert math.isnan(lo), (name, p, level, alt)
                    elif lk == "-inf":
                        assert lo == -math.inf
                    else:
                        assert xs[lk - 1] == lo, (name, p, level, alt, lk, lo)
                    if hk is None:
                        assert math.isnan(hi), (name, p, level, alt)
                    elif hk == "inf":
                        assert hi == math.inf
                    else:
                        assert xs[hk - 1] == hi, (name, p, level, alt, hk, hi)
                    nan_counts["low"] += math.isnan(lo)
                    nan_counts["high"] += math.isnan(hi)
                    cases.append({
                        "name": f"{name}-p{p}-L{level}-{alt}",
                        "dataset": name, "n": n, "p": p, "level": level, "alternative": alt,
                        "low": fnum(lo), "high": fnum(hi),
                        "lowRaw": raw(lo), "highRaw": raw(hi),
                        "lowIndex": lk if isinstance(lk, int) else None,
                        "highIndex": hk if isinstance(hk, int) else None,
                    })
    out = {
        "generator": "generate_order_stat_ci.py; " + versions(),
        "note": NOTE.format(seed=f"{SEED} (+dataset index, numpy default_rng; per-dataset seeds in datasetSeeds)"),
        "definition": ("scipy.stats.quantile_test(x, q=0, p=p, alternative=alternative)"
                       ".confidence_interval(confidence_level=level). low/high are null when "
                       "not finite; lowRaw/highRaw say 'nan' (not estimable), '-inf'/'inf' "
                       "(open side of a one-sided interval) or 'finite'. lowIndex/highIndex are "
                       "the 1-based order statistics used (null when not finite). "
                       "tail = 1-level (one-sided) or (1-level)/2 (two-sided), X~Bin(n,p): "
                       "lowIndex = smallest k with P(X<=k) >= tail, NaN if k = 0; "
                       "highIndex = 1 + smallest k with P(X>k) <= tail, NaN if that exceeds n. "
                       "Case x = datasets[dataset] (sorted)."),
        "datasetSeeds": seeds,
        "datasets": datasets,
        "minimumN": minimum_n(),
        "minimumNDefinition": ("smallest n with p^n <= 1-level (sided 'one': upper bound of the "
                               "'less' interval exists) resp. p^n <= (1-level)/2 and (1-p)^n <= (1-level)/2 "
                               "(sided 'two': both ends of the two-sided interval exist); verified "
                               "against scipy: finite at n, NaN at n-1"),
        "cases": cases,
    }
    write_json("order_stat_ci.json", out)
    print("cases:", len(cases), "NaN counts:", nan_counts)


if __name__ == "__main__":
    main()
