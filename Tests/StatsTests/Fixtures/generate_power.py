"""Generates power.json: Monte-Carlo power of the two-sided Mann-Whitney U test
under a multiplicative (scale) shift of a lognormal timing model.

Regenerate (from this folder):  nice -n 19 python3 generate_power.py   (~10 s)

Model (continuous, NOT rounded to 3 decimals):
  x ~ exp(N(mu = ln 60, sigma = 0.35))          (numpy rng.lognormal(ln 60, 0.35))
  y ~ (1 + delta) * exp(N(ln 60, 0.35))          i.e. lognormal(ln 60 + ln(1+delta), 0.35)
  sizes (n, n) for n in {10, 30, 50, 100}; delta in {0.05, 0.10, 0.20}.
Test: scipy.stats.mannwhitneyu(x, y, alternative='two-sided') with default
  method 'auto' -> 'asymptotic' here (n > 8 for both samples; continuous data
  has no ties), use_continuity=True.  A resample rejects when p < 0.05 (strict).
Power: scipy.stats.power(test, rvs=(rvs_x, rvs_y), n_observations=(ns, ns),
  significance=0.05, n_resamples=10000). scipy.stats.power has no rng argument
  in scipy 1.17: the rvs callables draw from numpy default_rng(SEED + i) for
  the i-th delta (x and y share that generator; per n and batch scipy draws an
  x block (batch, n) then a y block (batch, n)).  Only the model is reproducible
  in Swift, not the stream: compare with a tolerance of a few Monte-Carlo SE,
  se = sqrt(p (1 - p) / 10000) (for a Swift run with R resamples the combined
  SE of the difference is sqrt(p(1-p)(1/10000 + 1/R))).
A delta = 0 row (nullCheck) gives the empirical size of the test (~0.05).
"""
import math

import numpy as np
from scipy import stats

from fixture_common import NOTE, versions, write_json

SEED = 20241001
NS = [10, 30, 50, 100]
DELTAS = [0.05, 0.10, 0.20]
ALPHA = 0.05
R = 10000
MEANLOG = math.log(60)
SDLOG = 0.35


def test(x, y, axis=-1):
    return stats.mannwhitneyu(x, y, alternative="two-sided", axis=axis).pvalue


def run(delta, seed):
    rng = np.random.default_rng(seed)

    def rvs_x(size):
        return rng.lognormal(MEANLOG, SDLOG, size=size)

    def rvs_y(size):
        return rng.lognormal(MEANLOG, SDLOG, size=size) * (1 + delta)

    ns = np.array(NS)
    res = stats.power(test, (rvs_x, rvs_y), (ns, ns), significance=ALPHA,
                      n_resamples=R, batch=2000)
    rows = []
    for n, p in zip(NS, np.asarray(res.power)):
        p = float(p)
        rows.append({"n": n, "delta": delta, "power": p,
                     "mcSE": math.sqrt(p * (1 - p) / R), "seed": seed})
    return rows


def main():
    grid = []
    for i, d in enumerate(DELTAS, start=1):
        grid.extend(run(d, SEED + i))
        print("delta", d, "done", flush=True)
    null = run(0.0, SEED)
    out = {
        "generator": "generate_power.py; " + versions(),
        "note": NOTE.format(seed=f"{SEED} (+delta index 1..3; 0 for nullCheck; numpy default_rng)"),
        "definitions": {
            "model": ("x ~ lognormal(meanlog = ln 60, sdlog = 0.35); y ~ (1 + delta) * lognormal(ln 60, 0.35) "
                      "= lognormal(ln 60 + ln(1 + delta), 0.35); n_x = n_y = n; continuous (not rounded)"),
            "test": ("scipy.stats.mannwhitneyu(x, y, alternative='two-sided'), method auto -> asymptotic "
                     "(both n > 8), use_continuity=True; reject iff p < 0.05"),
            "power": "scipy.stats.power(..., significance=0.05, n_resamples=10000, batch=2000): fraction of rejections",
            "mcSE": "sqrt(power (1 - power) / 10000)",
            "nullCheck": "delta = 0: empirical size of the same test",
        },
        "significance": ALPHA,
        "nResamples": R,
        "meanlog": MEANLOG,
        "sdlog": SDLOG,
        "grid": grid,
        "nullCheck": null,
    }
    write_json("power.json", out)


if __name__ == "__main__":
    main()
