"""Shared helpers for the Python fixture generators in this folder.

Synthetic sample shapes (values rounded to 3 decimals, like ms timings with
microsecond resolution), JSON writing, and tool-version strings.
"""
import json
import math
import platform
import sys

import numpy as np

NOTE = ("synthetic data generated with seed {seed} for tests; "
        "not real measurements")


def versions(*extra):
    import scipy
    parts = [f"python {platform.python_version()}", f"numpy {np.__version__}",
             f"scipy {scipy.__version__}"]
    for mod in extra:
        parts.append(f"{mod.__name__} {mod.__version__}")
    return ", ".join(parts)


def make_sample(shape, n, seed):
    """Sample of size n from a named shape with numpy default_rng(seed)."""
    rng = np.random.default_rng(seed)
    if shape == "lognormal":
        v = rng.lognormal(math.log(60), 0.35, n)
    elif shape == "lognormal-wide":
        v = rng.lognormal(math.log(60), 0.8, n)
    elif shape == "bimodal":
        comp = rng.random(n) < 0.7
        a = rng.normal(60, 5, n)
        b = rng.normal(140, 15, n)
        v = np.abs(np.where(comp, a, b))
    elif shape == "heavy-tail":
        # 40 + Pareto(type I, shape 1.5, scale 10); numpy's pareto is Lomax.
        v = 40 + 10 * (rng.pareto(1.5, n) + 1)
    elif shape == "ties":
        v = np.round(rng.lognormal(math.log(60), 0.35, n))
    else:
        raise ValueError(shape)
    return [round(float(t), 3) for t in v]


def fnum(v):
    """float -> JSON-able number or None for non-finite."""
    v = float(v)
    return v if math.isfinite(v) else None


def raw(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return "finite"


def write_json(path, obj):
    text = json.dumps(obj, allow_nan=False, separators=(",", ":"))
    # one case per line keeps diffs readable without bloating the file
    text = text.replace('},{"name"', '},\n{"name"')
    with open(path, "w") as f:
        f.write(text + "\n")
    print(f"wrote {path} ({len(text)} bytes)", file=sys.stderr)
