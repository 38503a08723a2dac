"""Generates distributions.json: reference values for the normal, Student-t,
regularized incomplete beta and binomial functions.

Regenerate (from this folder):  nice -n 19 python3 generate_distributions.py

Primary values come from scipy.special / scipy.stats. EVERY value is then
re-computed independently with mpmath at 50 significant digits:
  * normal CDF: 0.5*erfc(-x/sqrt 2);  normal / t quantiles: root of the mpmath CDF
  * I_x(a,b): continued fraction (modified Lentz) written here, with the
    symmetry I_x(a,b) = 1 - I_{1-x}(b,a) on the slowly converging side
    (mpmath.betainc's 2F1 series does not converge for a, b ~ 1e5)
  * Student t CDF: via I_{df/(df+x^2)}(df/2, 1/2) from the same CF
  * binomial CDF / SF: direct summation of the pmf from log-gamma, outward
    from k through the smaller tail (independent of the beta function).
Where scipy and mpmath differ by more than 1e-13 relative, the mpmath value
(rounded to float64) is written and the entry is listed in "replaced".
Entries whose true value underflows float64 to 0 are skipped (exact 0/1
endpoints of I_x are kept).
"""
import math

import mpmath as mp
import numpy as np
from scipy import special, stats

from fixture_common import versions, write_json

mp.mp.dps = 50
REL_TOL = 1e-13
replaced = []
max_rel = {}


# ---------------------------------------------------------------- mpmath truth
def mp_ncdf(x):
    return mp.erfc(-mp.mpf(x) / mp.sqrt(2)) / 2


def _betacf(a, b, x):
    """Continued fraction for I_x(a,b) (Numerical Recipes betacf), mp types."""
    tiny = mp.mpf(10) ** (-mp.mp.dps * 4)
    eps = mp.mpf(10) ** (-(mp.mp.dps + 5))
    qab, qap, qam = a + b, a + 1, a - 1
    c = mp.mpf(1)
    d = 1 - qab * x / qap
    if abs(d) < tiny:
        d = tiny
    d = 1 / d
    h = d
    for m in range(1, 2_000_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        if abs(d) < tiny:
            d = tiny
        c = 1 + aa / c
        if abs(c) < tiny:
            c = tiny
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        if abs(d) < tiny:
            d = tiny
        c = 1 + aa / c
        if abs(c) < tiny:
            c = tiny
        d = 1 / d
        de = d * c
        h *= de
        if abs(de - 1) < eps:
            return h
    raise RuntimeError("betacf did not converge")


def mp_betainc(a, b, x):
    a, b, x = mp.mpf(a), mp.mpf(b), mp.mpf(x)
    if x == 0:
        return mp.mpf(0)
    if x == 1:
        return mp.mpf(1)
    with mp.workdps(mp.mp.dps + 20):
        lbt = (mp.loggamma(a + b) - mp.loggamma(a) - mp.loggamma(b)
               + a * mp.log(x) + b * mp.log1p(-x))
        bt = mp.exp(lbt)
        if x < (a + 1) / (a + b + 2):
            return +(bt * _betacf(a, b, x) / a)
        return +(1 - bt * _betacf(b, a, 1 - x) / b)


def mp_tcdf(x, df):
    x, df = mp.mpf(x), mp.mpf(df)
    if x == 0:
        return mp.mpf(0.5)
    tail = mp_betainc(df / 2, mp.mpf(0.5), df / (df + x * x)) / 2
    return tail if x < 0 else 1 - tail


def mp_binom_tail_sum(k_from, n, p, direction):
    """sum_{j=k_from, k_from+direction, ...} pmf(j), until negligible."""
    n, p = int(n), mp.mpf(p)
    q = 1 - p
    j = int(k_from)
    logpmf = (mp.loggamma(n + 1) - mp.loggamma(j + 1) - mp.loggamma(n - j + 1)
              + j * mp.log(p) + (n - j) * mp.log(q))
    term = mp.exp(logpmf)
    total = mp.mpf(0)
    ratio_up = p / q
    cutoff = mp.mpf(10) ** (-(mp.mp.dps + 10))
    while True:
        total += term
        if direction > 0:
            if j == n:
                break
            term = term * (n - j) / (j + 1) * ratio_up
            j += 1
        else:
            if j == 0:
                break
            term = term * j / (n - j + 1) / ratio_up
            j -= 1
        # stop once past the mode and the terms are negligible
        mode_side = (direction > 0 and j > n * p) or (direction < 0 and j < n * p)
        if mode_side and term < total * cutoff:
            break
    return total


def mp_binom_cdf_sf(k, n, p):
    """(P(X<=k), P(X>k)), each summed through its own tail when it is the
    smaller one, so both are accurate to full relative precision."""
    if k >= n:
        return mp.mpf(1), mp.mpf(0)
    if k < 0:
        return mp.mpf(0), mp.mpf(1)
    with mp.workdps(mp.mp.dps + 20):
        if k < n * p:
            cdf = mp_binom_tail_sum(k, n, p, -1)
            sf = 1 - cdf
            if sf < mp.mpf("1e-10"):   # not expected on this side; be safe
                sf = mp_binom_tail_sum(k + 1, n, p, +1)
        else:
            sf = mp_binom_tail_sum(k + 1, n, p, +1)
            cdf = 1 - sf
            if cdf < mp.mpf("1e-10"):
                cdf = mp_binom_tail_sum(k, n, p, -1)
        return +cdf, +sf


# ---------------------------------------------------------------- helpers
def reconcile(table, key, scipy_val, truth, args):
    """Return the float64 value to store (None => skip)."""
    t64 = float(truth)
    if t64 == 0.0 and truth != 0:
        return None  # true value underflows float64
    s = float(scipy_val)
    if t64 == 0.0:
        rel = abs(s)
    else:
        rel = abs(s - t64) / abs(t64)
    max_rel[table] = max(max_rel.get(table, 0.0), rel if math.isfinite(rel) else math.inf)
    if not math.isfinite(s) or rel > REL_TOL:
        replaced.append({"table": table, "args": list(args), "scipy": s if math.isfinite(s) else repr(s),
                         "mpmath": t64, "relDiff": rel if math.isfinite(rel) else None})
        return t64
    return s


def main():
    out = {
        "generator": "generate_distributions.py; " + versions(mp),
        "note": "no random data; every value checked against mpmath at 50 digits (see README) for tests; not real measurements",
    }

    # normal CDF
    xs = [-38, -37.5, -30, -20, -10, -8, -5, -3, -1.96, -1, -0.5, -1e-8, 0,
          1e-8, 0.5, 1, 1.96, 3, 5, 8]
    rows = []
    for x in xs:
        v = reconcile("normalCDF", x, special.ndtr(x), mp_ncdf(x), [x])
        if v is not None:
            rows.append([x, v])
    out["normalCDF"] = rows

    # normal quantile
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.3, 0.5, 0.7,
          0.975, 0.999, 1 - 1e-10, 1 - 1e-16]
    rows = []
    for p in ps:
        s = special.ndtri(p)
        if p == 0.5:
            truth = mp.mpf(0)
        else:
            truth = mp.findroot(lambda z: mp_ncdf(z) - mp.mpf(p), mp.mpf(float(s)))
        rows.append([p, reconcile("normalQuantile", p, s, truth, [p])])
    out["normalQuantile"] = rows
    out["normalQuantileNote"] = ("p values are the float64 values of the Python expressions 1-1e-10 "
                                 "(prints as 0.9999999999) and 1-1e-16 (= 1-2^-53, prints as "
                                 "0.9999999999999999); the quantile is that of the exact double")

    dfs = [1, 2, 3, 5, 9, 29, 30.5, 100, 1e6]
    # Student t CDF
    rows = []
    for df in dfs:
        for x in [-50, -5, -2, -0.5, 0, 0.3, 1.5, 3, 10]:
            v = reconcile("studentTCDF", "", special.stdtr(df, x), mp_tcdf(x, df), [x, df])
            if v is not None:
                rows.append([x, df, v])
    out["studentTCDF"] = rows

    # Student t quantile
    rows = []
    for df in dfs:
        for p in [0.0005, 0.025, 0.05, 0.5, 0.9, 0.975, 0.995]:
            s = special.stdtrit(df, p)
            if p == 0.5:
                truth = mp.mpf(0)
            else:
                truth = mp.findroot(lambda t: mp_tcdf(t, df) - mp.mpf(p), mp.mpf(float(s)))
            rows.append([p, df, reconcile("studentTQuantile", "", s, truth, [p, df])])
    out["studentTQuantile"] = rows

    # regularized incomplete beta
    ab = [0.5, 1, 2.5, 10, 100, 1e4, 5e5]
    rows = []
    skipped_beta = 0
    for a in ab:
        for b in ab:
            for x in [0, 1e-6, 0.01, 0.3, 0.5, 0.9, 0.999999, 1]:
                s = special.betainc(a, b, x)
                truth = mp_betainc(a, b, x)
                v = reconcile("betaRegularized", "", s, truth, [x, a, b])
                if v is None:
                    skipped_beta += 1
                    continue
                rows.append([x, a, b, v])
    out["betaRegularized"] = rows
    out["betaRegularizedNote"] = (f"[x, a, b, I_x(a,b)] = scipy.special.betainc(a, b, x); "
                                  f"{skipped_beta} (x,a,b) combos skipped because the true value underflows float64")

    # binomial
    cdf_rows, sf_rows = [], []
    for n in [1, 10, 30, 368, 1000, 100000, 10**7]:
        for p in [1e-7, 0.01, 0.05, 0.5, 0.95, 0.99]:
            mean = n * p
            sd = math.sqrt(n * p * (1 - p))
            ks = {0, 1, 2, n - 2, n - 1, n, int(math.floor(mean)), int(math.ceil(mean))}
            for m in [1, 2, 3, 4, 5, 10, 20, 40]:
                ks.add(int(math.floor(mean - m * sd)))
                ks.add(int(math.ceil(mean + m * sd)))
            ks.update({int(mean * 0.5), int(mean * 0.1), int(mean + (n - mean) * 0.5)})
            ks = sorted(k for k in ks if 0 <= k <= n)
            for k in ks:
                tc, ts = mp_binom_cdf_sf(k, n, p)
                c = reconcile("binomialCDF", "", stats.binom.cdf(k, n, p), tc, [k, n, p])
                if c is not None and c != 0.0:
                    cdf_rows.append([k, n, p, c])
                s = reconcile("binomialSF", "", stats.binom.sf(k, n, p), ts, [k, n, p])
                if s is not None and s != 0.0:
                    sf_rows.append([k, n, p, s])
    out["binomialCDF"] = cdf_rows
    out["binomialSF"] = sf_rows
    out["binomialNote"] = ("[k, n, p, P(X<=k)] = scipy.stats.binom.cdf(k, n, p); [k, n, p, P(X>k)] = "
                           "scipy.stats.binom.sf; entries whose value is 0 in float64 are omitted")
    out["replaced"] = replaced
    out["maxRelDiffScipyVsMpmath"] = max_rel
    write_json("distributions.json", out)
    print("replaced:", replaced)
    print("max rel diff:", max_rel)
    print({k: len(v) for k, v in out.items() if isinstance(v, list)})


if __name__ == "__main__":
    main()
