"""Generates harrell_davis.json: Harrell-Davis quantiles and Maritz-Jarrett
standard errors.

Regenerate (from this folder):  nice -n 19 python3 generate_harrell_davis.py

Per case (x sorted ascending):
  hd      = scipy.stats.mstats.hdquantiles(x, probs)
            HD weights W_i = I_{i/n}(a,b) - I_{(i-1)/n}(a,b), a = p(n+1),
            b = (1-p)(n+1); hd = sum W_i x_(i).  Cross-checked here against
            an mpmath (30 digit) evaluation of the same formula.
  hdMJse  = sqrt(sum W_i x_(i)^2 - (sum W_i x_(i))^2) with the SAME HD weights,
            computed independently with mpmath.betainc at 30 digits
            (equals sqrt of hdquantiles(..., var=True)[1], also cross-checked).
  mjci_se = scipy.stats.mstats.mjci(x, probs): Maritz-Jarrett SE of the
            order statistic x_(m), m = int(p*n + 0.5) (1-based), weights
            W_i = I_{i/n}(m-1, n-m) - I_{(i-1)/n}(m-1, n-m)  [Wilcox's mjse
            convention: Beta(m-1, n-m), not Beta(m, n-m+1)].  When m-1 <= 0
            or n-m <= 0 the beta parameters are invalid and scipy returns NaN:
            written as null with an explanation in mjciNull.
"""
import math

import mpmath as mp
import numpy as np
from scipy.stats import mstats

from fixture_common import NOTE, fnum, make_sample, versions, write_json

SEED = 20240701
PROBS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]
mp.mp.dps = 30


def hd_mp(xs, p):
    n = len(xs)
    a = mp.mpf(p) * (n + 1)
    b = (1 - mp.mpf(p)) * (n + 1)
    s1 = mp.mpf(0)
    s2 = mp.mpf(0)
    for i, v in enumerate(xs, start=1):
        w = mp.betainc(a, b, mp.mpf(i - 1) / n, mp.mpf(i) / n, regularized=True)
        v = mp.mpf(v)
        s1 += w * v
        s2 += w * v * v
    return s1, mp.sqrt(s2 - s1 * s1)


def main():
    cases = []
    k = 0
    for shape in ["lognormal", "bimodal", "ties"]:
        for n in [10, 30, 100, 1000]:
            k += 1
            seed = SEED + k
            xs = sorted(make_sample(shape, n, seed))
            x = np.array(xs)
            hd = np.asarray(mstats.hdquantiles(x, prob=PROBS))
            hdvar = np.asarray(mstats.hdquantiles(x, prob=PROBS, var=True))[1]
            mj = np.asarray(mstats.mjci(x, prob=PROBS))
            hd_mj = []
            for j, p in enumerate(PROBS):
                m1, se = hd_mp(xs, p)
                assert abs(float(m1) - hd[j]) <= 1e-12 * abs(float(m1)), (shape, n, p)
                assert abs(float(se) ** 2 - hdvar[j]) <= 1e-8 * float(se) ** 2 + 1e-12, (shape, n, p)
                hd_mj.append(float(se))
            mjnull = {}
            for j, p in enumerate(PROBS):
                m = int(p * n + 0.5)
                if not math.isfinite(mj[j]):
                    mjnull[str(p)] = (f"scipy returns NaN: m = int({p}*{n}+0.5) = {m}, "
                                      f"beta parameters (m-1, n-m) = ({m - 1}, {n - m}) are not both > 0")
                else:
                    assert m - 1 > 0 and n - m > 0
            case = {"name": f"{shape}-n{n}", "seed": seed, "n": n, "x": xs, "probs": PROBS,
                    "hd": [fnum(v) for v in hd], "hdMJse": hd_mj,
                    "mjciM": [int(p * n + 0.5) for p in PROBS],
                    "mjci_se": [fnum(v) for v in mj]}
            if mjnull:
                case["mjciNull"] = mjnull
            cases.append(case)
            print(case["name"], "done", flush=True)
    out = {
        "generator": "generate_harrell_davis.py; " + versions(mp),
        "note": NOTE.format(seed=f"{SEED} (+case index, numpy default_rng)"),
        "definitions": {
            "hd": "scipy.stats.mstats.hdquantiles: sum_i W_i x_(i), W_i = I_{i/n}(a,b) - I_{(i-1)/n}(a,b), a=p(n+1), b=(1-p)(n+1)",
            "hdMJse": "sqrt(sum W_i x_(i)^2 - (sum W_i x_(i))^2), same HD weights; mpmath.betainc at 30 digits",
            "mjci_se": "scipy.stats.mstats.mjci: m = int(p*n+0.5) (1-based order statistic, listed as mjciM); W_i = I_{i/n}(m-1,n-m) - I_{(i-1)/n}(m-1,n-m); sqrt(sum W x^2 - (sum W x)^2); NaN (null here) when m-1<=0 or n-m<=0",
        },
        "cases": cases,
    }
    write_json("harrell_davis.json", out)


if __name__ == "__main__":
    main()
