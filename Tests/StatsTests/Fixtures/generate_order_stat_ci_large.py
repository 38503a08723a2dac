"""Generates order_stat_ci_large.json and order_stat_ci_band.json: scipy's
distribution-free quantile intervals (quantile_test(...).confidence_interval)
at n = 100,003, where audit finds the orders on one thread while the other
places its selection windows (Selection.select(near:ranks:in:), from 2^15
values on two processors) and, with its prepared scratch, keeps the windows'
values for the second pass; and at n = 600,011 (above 2^19), where the first
pass also counts a sample of blocks first and keeps a band around the ranks
(WindowCounts).

Regenerate (from this folder):  nice -n 19 python3 generate_order_stat_ci_large.py   (~10 s)

The data is a formula both sides evaluate exactly, so the fixture stores no
values: x_i = v_i / 1000 for i = 0..n-1, v_i = ((i * 2654435761) mod 2^32) >> 16
(16-bit integers: 65,536 possible values, so nearly every value is tied), in this (unsorted)
order. The rule is the one of generate_order_stat_ci.py (see README.md);
lowIndex/highIndex are binom.ppf(tail) and binom.isf(tail) + 1 as scipy uses
them (the exact-rational re-derivation of the small fixture is out of reach
at this n); each is checked to hold scipy's bound value in the sorted data.
"""
import math

import numpy as np
from scipy import stats

from fixture_common import fnum, raw, versions, write_json

SIZES = {"order_stat_ci_large.json": 100_003, "order_stat_ci_band.json": 600_011}
PS = [0.5, 0.95, 0.99]
LEVELS = [0.95, 0.99]
ALTS = ["two-sided", "less", "greater"]


def data(n):
    i = np.arange(n, dtype=np.uint64)
    v = ((i * np.uint64(2654435761)) % np.uint64(2**32)) >> np.uint64(16)
    return v.astype(np.float64) / 1000.0


def main():
    for name, n in SIZES.items():
        write(name, n)


def write(name, N):
    x = data(N)
    xs = np.sort(x)
    cases = []
    for p in PS:
        for level in LEVELS:
            for alt in ALTS:
                ci = stats.quantile_test(x, q=0, p=p, alternative=alt).confidence_interval(confidence_level=level)
                lo, hi = float(ci.low), float(ci.high)
                tail = (1 - level) / 2 if alt == "two-sided" else 1 - level
                lk = int(stats.binom.ppf(tail, N, p)) if alt != "less" else None
                hk = int(stats.binom.isf(tail, N, p)) + 1 if alt != "greater" else None
                if lk is not None:
                    assert xs[lk - 1] == lo, (p, level, alt, lk, lo)
                if hk is not None:
                    assert xs[hk - 1] == hi, (p, level, alt, hk, hi)
                cases.append({"name": f"n{N}-p{p}-L{level}-{alt}", "p": p, "level": level, "alternative": alt,
                              "low": fnum(lo), "high": fnum(hi), "lowRaw": raw(lo), "highRaw": raw(hi),
                              "lowIndex": lk, "highIndex": hk})
    out = {
        "generator": "generate_order_stat_ci_large.py; " + versions(),
        "note": "synthetic data from a formula (no seed) for tests; not real measurements",
        "definition": ("x_i = v_i / 1000, v_i = ((i * 2654435761) mod 2^32) >> 16 for i = 0..n-1 (unsorted); "
                       "scipy.stats.quantile_test(x, q=0, p=p, alternative=alternative).confidence_interval(level); "
                       "lowIndex = binom.ppf(tail, n, p), highIndex = binom.isf(tail, n, p) + 1 (1-based order "
                       "statistics; null for the open side)"),
        "n": N,
        "distinctValues": int(len(np.unique(x))),
        "cases": cases,
    }
    write_json(name, out)
    print(name, "cases:", len(cases), "distinct:", out["distinctValues"])


if __name__ == "__main__":
    main()
