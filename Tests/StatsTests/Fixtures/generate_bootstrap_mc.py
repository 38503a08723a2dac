"""Generates bootstrap_mc.json: Monte-Carlo bootstrap confidence-interval
references from scipy.stats.bootstrap and (via generate_boot_r.R) R boot.

Regenerate (from this folder; runs the R part too, needs Rscript + boot):
    nice -n 19 python3 generate_bootstrap_mc.py
Options: --quick (tiny run counts, for testing this script only), --no-r.

Scheme per (dataset, statistic, method, level):
  reference = endpoint averaged over RUNS_REF independent runs at B = B_REF
  mcSE      = standard deviation (ddof=1) of the endpoint over RUNS_SE
              independent runs at B = B_SE (the B the Swift test will use),
so a Swift implementation at B = B_SE should land within a few mcSE of the
reference (the reference's own MC error is ~ mcSE * sqrt(B_SE/B_REF/RUNS_REF)).
The percentile / basic / BCa intervals of one run share one bootstrap
distribution (scipy's `bootstrap_result=` with n_resamples=0).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy import stats

from fixture_common import NOTE, make_sample, versions, write_json

SEED = 20241001
B_REF, RUNS_REF = 100_000, 20
B_SE, RUNS_SE = 10_000, 30
BATCH = 10_000

STATISTICS = {
    "mean": lambda x, axis=-1: np.mean(x, axis=axis),
    "median": lambda x, axis=-1: np.median(x, axis=axis),
    "p95-hf7": lambda x, axis=-1: np.quantile(x, 0.95, axis=axis, method="linear"),
    "trim:0.1": lambda x, axis=-1: stats.trim_mean(x, 0.1, axis=axis),
}
STAT_DEF = {
    "mean": "np.mean",
    "median": "np.median",
    "p95-hf7": "np.quantile(x, 0.95, method='linear') (R type 7)",
    "trim:0.1": "scipy.stats.trim_mean(x, 0.1): cuts int(0.1*n) from each end, mean of the rest",
}
METHODS = ["percentile", "basic", "BCa"]
SCIPY_CONV = {
    "percentile": ("scipy.stats.bootstrap method='percentile': endpoints = scipy.stats.quantile(theta*, "
                   "[alpha/2, 1-alpha/2], method='linear') i.e. type-7 interpolation on the B replicates; "
                   "resamples: rng.integers(0, n, (batch, n))"),
    "basic": ("scipy.stats.bootstrap method='basic': 2*theta_hat - (type-7 quantiles of theta* at 1-alpha/2, alpha/2)"),
    "BCa": ("scipy.stats.bootstrap method='BCa': z0 = ndtri((#(theta* < theta_hat) + #(theta* <= theta_hat)) / (2B)) "
            "(replicates equal to theta_hat count half); acceleration a = sum(U^3)/(6 sum(U^2)^1.5), "
            "U_i = (n-1)(mean_j theta_(-j) - theta_(-i)) from the leave-one-out jackknife (centred on the "
            "jackknife mean); alpha_1,2 = ndtr(z0 + (z0 + z_a)/(1 - a(z0 + z_a))) for z_a = ndtri(alpha/2), "
            "ndtri(1-alpha/2); endpoints = type-7 quantiles of theta* at alpha_1, alpha_2; NaN (+ warning) if "
            "degenerate"),
}


def run_scipy(x, stat, level, B, seed):
    """{(method): (low, high)} from one bootstrap distribution."""
    f = STATISTICS[stat]
    rng = np.random.default_rng(seed)
    first = stats.bootstrap((x,), f, n_resamples=B, batch=BATCH, vectorized=True,
                            method="percentile", confidence_level=level, rng=rng)
    out = {"percentile": first.confidence_interval}
    for m in ["basic", "BCa"]:
        r = stats.bootstrap((x,), f, n_resamples=0, batch=BATCH, vectorized=True, method=m,
                            confidence_level=level, bootstrap_result=first,
                            rng=np.random.default_rng(0))
        out[m] = r.confidence_interval
    return {m: (float(ci.low), float(ci.high)) for m, ci in out.items()}


def scipy_cases(datasets, plan, runs_ref, b_ref, runs_se, b_se):
    cases = []
    for dname, stat, levels in plan:
        x = np.asarray(datasets[dname])
        for level in levels:
            t0 = time.time()
            key = f"{dname}|{stat}|{level}"
            ref = {m: [] for m in METHODS}
            se = {m: [] for m in METHODS}
            base = SEED + 100_000 * (plan.index((dname, stat, levels)) + 1) + int(round(level * 100)) * 1000
            for r in range(runs_ref):
                res = run_scipy(x, stat, level, b_ref, base + r)
                for m in METHODS:
                    ref[m].append(res[m])
            for r in range(runs_se):
                res = run_scipy(x, stat, level, b_se, base + 500 + r)
                for m in METHODS:
                    se[m].append(res[m])
            for m in METHODS:
                a = np.array(ref[m])
                s = np.array(se[m])
                assert np.all(np.isfinite(a)) and np.all(np.isfinite(s)), (dname, stat, m)
                cases.append({
                    "name": f"{dname}-{stat}-{m}-L{level}",
                    "dataset": dname,
                    "x": datasets[dname],
                    "statistic": stat,
                    "method": m,
                    "level": level,
                    "B": b_se,
                    "reference": {"low": float(a[:, 0].mean()), "high": float(a[:, 1].mean())},
                    "mcSE": {"low": float(s[:, 0].std(ddof=1)), "high": float(s[:, 1].std(ddof=1))},
                    "referenceRuns": runs_ref, "referenceB": b_ref, "mcSERuns": runs_se,
                    "seeds": {"referenceRuns": [base, base + runs_ref - 1],
                              "mcSERuns": [base + 500, base + 500 + runs_se - 1]},
                    "tool": "scipy",
                    "conventions": SCIPY_CONV[m] + "; statistic = " + STAT_DEF[stat],
                })
            print(f"{key}: {time.time() - t0:.1f}s", file=sys.stderr, flush=True)
    return cases


def r_cases(datasets, names, runs_ref, b_ref, runs_se, b_se):
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as td:
        inp = os.path.join(td, "datasets.txt")
        outp = os.path.join(td, "r.json")
        with open(inp, "w") as f:
            for nm in names:
                f.write(nm + " " + " ".join(repr(v) for v in datasets[nm]) + "\n")
        t0 = time.time()
        subprocess.run(["Rscript", os.path.join(here, "generate_boot_r.R"), inp, outp,
                        str(b_ref), str(runs_ref), str(b_se), str(runs_se)], check=True)
        print(f"R boot: {time.time() - t0:.1f}s", file=sys.stderr)
        cases = json.load(open(outp))
    for c in cases:   # same data, re-attached from Python (R printed %.17g)
        assert np.array_equal(np.array(c["x"]), np.array(datasets[c["dataset"]]))
        c["x"] = datasets[c["dataset"]]
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-r", action="store_true")
    args = ap.parse_args()
    runs_ref, b_ref, runs_se, b_se = (RUNS_REF, B_REF, RUNS_SE, B_SE)
    if args.quick:
        runs_ref, b_ref, runs_se, b_se = 2, 20_000, 3, 10_000

    datasets = {
        "lognormal-n30": sorted(make_sample("lognormal", 30, SEED + 1)),
        "lognormal-n100": sorted(make_sample("lognormal", 100, SEED + 2)),
        "bimodal-n100": sorted(make_sample("bimodal", 100, SEED + 3)),
        "heavy-tail-n1000": sorted(make_sample("heavy-tail", 1000, SEED + 4)),
    }
    plan = []
    for d in ["lognormal-n30", "lognormal-n100", "bimodal-n100"]:
        for st in STATISTICS:
            levels = [0.95, 0.9] if (d == "lognormal-n30" and st in ("mean", "median")) else [0.95]
            plan.append((d, st, levels))
    for st in ["mean", "median"]:
        plan.append(("heavy-tail-n1000", st, [0.95]))

    t0 = time.time()
    cases = scipy_cases(datasets, plan, runs_ref, b_ref, runs_se, b_se)
    if not args.no_r:
        cases += r_cases(datasets, ["lognormal-n30", "bimodal-n100"], runs_ref, b_ref, runs_se, b_se)
    print(f"total {time.time() - t0:.1f}s", file=sys.stderr)
    out = {
        "generator": ("generate_bootstrap_mc.py + generate_boot_r.R; " + versions()
                      + "; R boot (version in each R case's toolVersion)"),
        "note": NOTE.format(seed=f"{SEED} (numpy default_rng: dataset seeds {SEED}+1..4; per-case run seeds listed; R: set.seed({SEED}+run))"),
        "scheme": (f"reference = mean endpoint over {runs_ref} runs at B={b_ref}; mcSE = sd (ddof 1) of the "
                   f"endpoint over {runs_se} runs at B={b_se} (= the case's B)"),
        "quick": bool(args.quick),
        "cases": cases,
    }
    write_json("bootstrap_mc.json", out)


if __name__ == "__main__":
    main()
