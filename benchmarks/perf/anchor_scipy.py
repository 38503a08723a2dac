#!/usr/bin/env python3
"""scipy anchor for the speed harness: one computation -> one JSON line on stdout.

usage: anchor_scipy.py FILE STAT METHOD B SEED CAP [FILE2]
  STAT    mean | median | pNN (type-7 = numpy 'linear' quantile) | diffmean (two-sample: FILE2 - FILE)
  METHOD  percentile | bca      scipy.stats.bootstrap(..., vectorized=True, batch=<bounded>, rng=SEED)
          order                 scipy.stats.quantile_test(x, p=..).confidence_interval(0.95)
          permutation           scipy.stats.permutation_test((y, x), mean(y)-mean(x), independent,
                                two-sided, n_resamples=B, vectorized=True, batch=<bounded>, rng=SEED)
          mwu                   scipy.stats.mannwhitneyu(y, x) (default: auto method, continuity corr.)
  CAP     seconds; the computation is interrupted (SIGALRM, checked between scipy's
          batches) and reported as status "timeout".
Prints {tool, low, high, computeSeconds, status, message, ...}; status is ok | MemoryError |
timeout | error.  computeSeconds times only the scipy call (data loaded, imports done, one tiny
untimed warm-up call made first so that lazy imports are not charged to the call).
batch: rows per block = max(1, min(B, BATCH_ELEMS // n)) with BATCH_ELEMS = 1e7, so one
block of indices + resampled values is ~160 MB whatever n is (recorded as "batch").
The environment is used as given (the harness never sets OPENBLAS_CORETYPE).
"""
import json, math, os, signal, sys, time

BATCH_ELEMS = 10_000_000


class CapReached(Exception):
    pass


def emit(d):
    def clean(v):
        if isinstance(v, float) and not math.isfinite(v):
            return None
        return v
    print(json.dumps({k: clean(v) for k, v in d.items()}), flush=True)


def main():
    argv = sys.argv[1:]
    if len(argv) not in (6, 7):
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    path, stat, method, B, seed, cap = argv[0], argv[1], argv[2].lower(), int(argv[3]), int(argv[4]), float(argv[5])
    path2 = argv[6] if len(argv) == 7 else None
    out = {"tool": "scipy", "low": None, "high": None, "computeSeconds": None, "status": "error", "message": "",
           "statistic": stat, "method": method, "resamples": B, "seed": seed}
    try:
        import numpy as np
        import scipy
        from scipy import stats
        out["versions"] = {"numpy": np.__version__, "scipy": scipy.__version__, "python": sys.version.split()[0]}
        out["env"] = {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
        x = np.loadtxt(path, dtype=np.float64, ndmin=1)
        y = np.loadtxt(path2, dtype=np.float64, ndmin=1) if path2 else None
        n = x.size
        out["n"] = int(n)
        batch = max(1, min(B, BATCH_ELEMS // max(1, n if y is None else n + y.size)))

        if stat == "mean":
            f, p = np.mean, None
        elif stat == "median":
            f, p = np.median, 0.5
        elif stat.startswith("p") and stat[1:].replace(".", "", 1).isdigit():
            q = float(stat[1:])
            p = q / 100.0
            def f(a, axis=-1, q=q):
                return np.percentile(a, q, axis=axis)  # method='linear' = type 7
        elif stat == "diffmean":
            f, p = None, None
        else:
            raise ValueError(f"unknown statistic {stat!r}")

        def diff(a, b, axis=-1):
            return np.mean(a, axis=axis) - np.mean(b, axis=axis)

        def run(xx, yy, BB, bb):
            if method in ("percentile", "bca"):
                r = stats.bootstrap((xx,), f, n_resamples=BB, method="BCa" if method == "bca" else "percentile",
                                    vectorized=True, batch=bb, confidence_level=0.95, rng=seed)
                return {"low": float(r.confidence_interval.low), "high": float(r.confidence_interval.high),
                        "standardError": float(r.standard_error)}
            if method == "order":
                if p is None:
                    raise ValueError("order needs a quantile statistic")
                ci = stats.quantile_test(xx, p=p).confidence_interval(0.95)
                return {"low": float(ci.low), "high": float(ci.high)}
            if method == "permutation":
                r = stats.permutation_test((yy, xx), diff, permutation_type="independent", alternative="two-sided",
                                           n_resamples=BB, vectorized=True, batch=bb, rng=seed)
                return {"estimate": float(r.statistic), "pvalue": float(r.pvalue)}
            if method == "mwu":
                r = stats.mannwhitneyu(yy, xx)
                return {"estimate": float(r.statistic), "pvalue": float(r.pvalue)}
            raise ValueError(f"unknown method {method!r}")

        if method in ("percentile", "bca", "permutation"):
            out["batch"] = batch
        # untimed warm-up on a tiny slice (lazy imports, first-call dispatch)
        try:
            run(x[:30].copy(), None if y is None else y[:30].copy(), 50, None)
        except Exception:
            pass

        def on_alarm(signum, frame):
            raise CapReached()
        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, cap)
        import warnings
        t0 = time.perf_counter()
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                res = run(x, y, B, batch)
            if caught:
                out["warnings"] = sorted({f"{w.category.__name__}: {str(w.message)[:200]}" for w in caught})
            dt = time.perf_counter() - t0
            signal.setitimer(signal.ITIMER_REAL, 0)
            out.update(res)
            out["computeSeconds"] = dt
            out["status"] = "ok"
        except CapReached:
            out["status"] = "timeout"
            out["message"] = f"computation exceeded the cap of {cap:g} s"
            out["computeSeconds"] = None
            out["elapsedBeforeStop"] = time.perf_counter() - t0
        except MemoryError as e:
            signal.setitimer(signal.ITIMER_REAL, 0)
            out["status"] = "MemoryError"
            out["message"] = str(e)[:300]
            out["elapsedBeforeStop"] = time.perf_counter() - t0
    except MemoryError as e:
        out["status"] = "MemoryError"
        out["message"] = str(e)[:300]
    except Exception as e:
        out["status"] = "error"
        out["message"] = f"{type(e).__name__}: {str(e)[:300]}"
    emit(out)


if __name__ == "__main__":
    main()
