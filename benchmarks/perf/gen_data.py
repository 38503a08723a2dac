#!/usr/bin/env python3
"""Seeded, identical input files for the speed harness (benchmarks/perf).

Sample a: lognormal, median 60 ms, sdlog 0.35.  Sample b (second sample for the
two-sample / permutation cells): median 63 ms (5 % slower), sdlog 0.35.
Z ~ N(0,1) from numpy PCG64 seeded [SEED, n, k] (k = 0 for a, 1 for b), so every
n is its own stream and adding an n never changes another file.
Values are in ms rounded to microseconds (3 decimals), one per line; every tool
reads these text files (the files, not the generator, are the reference data).

usage: gen_data.py [--n N ...] [--force]   -> data/a_n{N}.txt, data/b_n{N}.txt
Existing files are kept unless --force (or their recorded sha256 no longer matches).
"""
import argparse, hashlib, json, os, sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
SEED = 20261129
SIZES = (30, 1000, 100_000, 1_000_000)
MEDIAN = {"a": 60.0, "b": 63.0}
SDLOG = 0.35


def path(sample, n):
    return os.path.join(DATA, f"{sample}_n{n}.txt")


def sha256(p):
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def make(sample, n):
    k = 0 if sample == "a" else 1
    z = np.random.default_rng([SEED, n, k]).standard_normal(n)
    x = np.round(MEDIAN[sample] * np.exp(SDLOG * z), 3)
    p = path(sample, n)
    tmp = p + ".tmp"
    np.savetxt(tmp, x, fmt="%.3f")
    os.replace(tmp, p)
    return p


def ensure(sizes=SIZES, force=False, quiet=False):
    """Create missing files; return the manifest {filename: {n, sha256, bytes}}."""
    os.makedirs(DATA, exist_ok=True)
    mpath = os.path.join(DATA, "MANIFEST.json")
    manifest = json.load(open(mpath)) if os.path.exists(mpath) else {}
    for n in sizes:
        for s in ("a", "b"):
            p = path(s, n)
            name = os.path.basename(p)
            ok = (not force and os.path.exists(p) and name in manifest
                  and manifest[name].get("bytes") == os.path.getsize(p))
            if not ok:
                make(s, n)
                manifest[name] = {"n": n, "sample": s, "median_ms": MEDIAN[s], "sdlog": SDLOG,
                                  "seed": [SEED, n, 0 if s == "a" else 1],
                                  "bytes": os.path.getsize(p), "sha256": sha256(p)}
                if not quiet:
                    print(f"wrote {p} ({manifest[name]['bytes']} bytes)", file=sys.stderr)
    with open(mpath, "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    return manifest


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, nargs="*", default=list(SIZES))
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args()
    for name, m in sorted(ensure(a.n, a.force).items()):
        print(f"{name}  n={m['n']}  {m['sha256'][:16]}")
