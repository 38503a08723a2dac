"""scipy.stats.mannwhitneyu on samples large enough for audit's decimal-grid rank sum (GridRankSum:
pooled n >= 2,048; two threads from 2^15). Synthetic data, not measurements.

The samples are not stored: both sides rebuild them from a 64-bit LCG
    state = state * 6364136223846793005 + 1442695040888963407  (mod 2^64)
    k     = low + (state >> 40) % steps        (y: + shift)
    value = k / 10^decimals                    (Python and Swift both divide an exact integer by 10^d)
so the fixture holds only the parameters and scipy's U (of x) and p (asymptotic, continuity corrected,
tie-corrected) per alternative.

usage: python3 generate_mwu_grid.py   (writes mwu_grid.json, < 1 s)
"""
import json

import numpy as np
import scipy
from scipy import stats

MASK = (1 << 64) - 1
CASES = [
    # name, seed, m, n, low, steps, shift, decimals
    ("grid-3dec-3000x2500", 11, 3000, 2500, 40000, 50000, 2000, 3),
    ("grid-int-ties-20000x15000", 12, 20000, 15000, 40, 100, 3, 0),
    ("grid-2dec-40000x30000", 13, 40000, 30000, 4000, 9000, -150, 2),
]


def draw(state, count, low, steps, shift, decimals):
    out = []
    for _ in range(count):
        state = (state * 6364136223846793005 + 1442695040888963407) & MASK
        out.append((low + (state >> 40) % steps + shift) / 10 ** decimals)
    return state, out


cases = []
for name, seed, m, n, low, steps, shift, decimals in CASES:
    state, x = draw(seed, m, low, steps, 0, decimals)
    _, y = draw(state, n, low, steps, shift, decimals)
    results = {}
    for alt in ("two-sided", "less", "greater"):
        r = stats.mannwhitneyu(x, y, alternative=alt, method="asymptotic")
        results[alt] = {"U": float(r.statistic), "p": float(r.pvalue)}
    cases.append({"name": name, "seed": seed, "m": m, "n": n, "low": low, "steps": steps, "shift": shift,
                  "decimals": decimals, "firstX": x[:3], "mannWhitney": results})

with open("mwu_grid.json", "w") as f:
    json.dump({"generator": "generate_mwu_grid.py", "scipy": scipy.__version__, "numpy": np.__version__,
               "note": "synthetic; samples rebuilt from the LCG described in the generator", "cases": cases}, f, indent=1)
