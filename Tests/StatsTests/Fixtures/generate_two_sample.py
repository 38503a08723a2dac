"""Generates two_sample.json (two-sample location/shift statistics) and
holm.json (Holm step-down adjusted p-values).

Regenerate (from this folder):  nice -n 19 python3 generate_two_sample.py
(needs scipy; Rscript for the holm.json cross-check; ~1-2 minutes)

Orientation: every statistic is computed for the ordered pair (x, y).
  shift / effect sizes are "y relative to x":  positive = y larger.
  Test alternatives follow scipy: 'greater' = x stochastically GREATER than y,
  'less' = x stochastically LESS than y.

mannWhitney  scipy.stats.mannwhitneyu(x, y, alternative=A, method=M)
  U  = U1 of x = R1 - m(m+1)/2, R1 = sum of x's midranks in the pooled sample
       (= #{x_i > y_j} + 0.5 #{x_i == y_j}); the same U1 for every alternative.
  p: greater -> P(U >= U1); less -> P(U >= U2), U2 = mn - U1;
     two-sided -> 2 P(U >= max(U1,U2)) clipped to 1.
  auto rule (scipy _mwu_choose_method): 'asymptotic' if m > 8 and n > 8;
     else 'asymptotic' if the pooled sample has any tie; else 'exact'.
  asymptotic: z = (U - mn/2 - 0.5) / s, s = sqrt(mn/12 ((N+1) - sum(t^3-t)/(N(N-1)))),
     N = m+n, t = tie-group sizes; p = f * Phi(-z) (f = 2 two-sided), clip [0,1].
     (U is U1 / U2 / max(U1,U2) per alternative as above.)
  exact: null distribution of U without ties (no tie correction); only written
     for untied pairs with m*n <= 2500 and cross-checked here against an
     independent big-integer count (Gaussian binomial coefficient).

ks   scipy.stats.ks_2samp(x, y, alternative=A, method=M)
  D+ = max(F_x - F_y), D- = max(F_y - F_x) over pooled points (ECDFs right-
  continuous); two-sided D = max(D+, D-) (sign -1 if D- > D+ strictly, else +1),
  greater -> D+ (sign +1), less -> D- (sign -1). statistic_location = pooled
  value where the extremum is first attained (argmax over the concatenation
  sorted(x) ++ sorted(y)).
  auto rule: 'exact' if max(m, n) <= 10000 (and exact succeeded), else 'asymp'.
  exact mode returns D rounded to h/lcm(m,n), h = round(D*lcm).
  asymp: two-sided kstwo.sf(D, round(mn/(m+n))); one-sided
     exp(-2z^2 - 2z(M+2N)/sqrt(MN(M+N))/3), z = sqrt(MN/(M+N)) D, M = max, N = min.

brunnerMunzel  scipy.stats.brunnermunzel(x, y, alternative=A, distribution=D)
  W = m n (Rbar_y - Rbar_x) / ((m+n) sqrt(m S_x^2 + n S_y^2)), pooled midranks R,
  S_x^2 = sum (R_xi - Rint_xi - Rbar_x + (m+1)/2)^2 / (m-1) (Rint = within-sample
  midranks), likewise S_y^2.  W > 0 means y tends to be larger.
  df = (m S_x^2 + n S_y^2)^2 / ((m S_x^2)^2/(m-1) + (n S_y^2)^2/(n-1)).
  p uses statistic -W: less -> F(-W), greater -> 1 - F(-W), two-sided
  2 min(F(-W), 1-F(-W)); F = Student t(df) or standard normal.

hodgesLehmann  D = sorted {y_j - x_i} (mn float64 differences)
  shift = median(D) (mean of the two middle values when mn is even)
  CI (Hollander & Wolfe 1999 sec. 4.3; Bauer 1972), 1-based order statistics:
     low = D_(k), high = D_(mn+1-k)
  exact k: U ~ Mann-Whitney null (untied), k = largest integer with
     P(U <= k-1) <= alpha/2 (alpha = 0.05); coverage 1 - 2 P(U <= k-1) >= 0.95.
     Equivalently k = mn + 1 - u_hi, u_hi = smallest u with P(U >= u) <= alpha/2.
  normal k: k = floor(mn/2 - z sqrt(mn(m+n+1)/12)), z = Phi^-1(0.975)
     = 1.959963984540054, no tie or continuity correction.
  ci95 uses exact iff mannwhitneyu 'auto' would pick exact (min(m,n) <= 8 and
  no ties), else normal.  ci95Normal: normal k for every case.
  ci95Exact (extra): exact k for every untied pair with m*n <= 2500.

cliffsDelta   gt = #{y_j > x_i}, lt = #{y_j < x_i}, eq = #{y_j == x_i}
  delta = (gt - lt)/mn;  probabilityOfSuperiority = (gt + eq/2)/mn = 1 - U1/mn.

permutation   scipy.stats.permutation_test((x, y), stat, permutation_type=
  'independent', n_resamples=99999, alternative='two-sided', vectorized=True,
  rng=default_rng(seed)); stat = mean(y)-mean(x) or median(y)-median(x).
  nPermutations = C(m+n, m).  scipy enumerates all partitions (exact, no +1)
  when n_resamples >= nPermutations; otherwise Monte Carlo with
  p = 2 min((#{T* <= t}+1)/(B+1), (#{T* >= t}+1)/(B+1)), clipped to 1; comparisons
  use tolerance |t| * 100 * DBL_EPSILON.  pExact: n_resamples=inf (full
  enumeration) when nPermutations <= 200000, cross-checked here by integer
  enumeration on the data in units of 0.001 (no floating tolerance needed).

holm.json: Holm (1979): sort p ascending (stable), adj_(i) = max_{j<=i}
  min(1, (M-j+1) p_(j)), returned in the input order; R p.adjust(p, "holm")
  must agree bit-for-bit (asserted).
"""
import itertools
import math
import os
import subprocess
import tempfile
import warnings

import numpy as np
from scipy import stats
from scipy.stats import _mannwhitneyu as _mwu_mod

from fixture_common import NOTE, fnum, make_sample, versions, write_json

SEED = 20240901
ALTS = ["two-sided", "less", "greater"]
Z975 = float(stats.norm.ppf(0.975))
EXACT_MWU_MAX_MN = 2500
PERM_RESAMPLES = 99999
PERM_EXACT_MAX = 200000


# ---------------------------------------------------------------- data

def sample(shape, n, seed):
    """fixture_common shapes plus the +10% shifted lognormal variants."""
    if shape == "shifted":
        rng = np.random.default_rng(seed)
        v = rng.lognormal(math.log(60), 0.35, n) * 1.1
        return [round(float(t), 3) for t in v]
    if shape == "ties-shifted":
        rng = np.random.default_rng(seed)
        v = np.round(rng.lognormal(math.log(60), 0.35, n) * 1.1)
        return [round(float(t), 3) for t in v]
    return make_sample(shape, n, seed)


# (name, x shape, y shape, m, n, tied); tied None = take the first seed as is
# (2000 continuous values at 0.001 resolution around 60 ms practically always
# contain a few coincident values, so large pairs cannot be forced untied)
CASES = [
    ("small-5x7-lognormal-vs-shifted", "lognormal", "shifted", 5, 7, False),
    ("small-8x8-lognormal-vs-shifted", "lognormal", "shifted", 8, 8, False),
    ("small-10x12-lognormal-vs-shifted", "lognormal", "shifted", 10, 12, False),
    ("small-7x5-heavytail-vs-bimodal", "heavy-tail", "bimodal", 7, 5, False),
    ("small-tied-5x7", "ties", "ties-shifted", 5, 7, True),
    ("small-tied-8x8", "ties", "ties-shifted", 8, 8, True),
    ("small-tied-10x12", "ties", "ties-shifted", 10, 12, True),
    ("medium-30x30-lognormal-vs-shifted", "lognormal", "shifted", 30, 30, False),
    ("medium-30x30-lognormal-vs-lognormal", "lognormal", "lognormal", 30, 30, False),
    ("medium-30x50-bimodal-vs-heavytail", "bimodal", "heavy-tail", 30, 50, False),
    ("medium-tied-30x50", "ties", "ties-shifted", 30, 50, True),
    ("large-200x300-lognormal-vs-heavytail", "lognormal", "heavy-tail", 200, 300, None),
    ("large-1000x1000-lognormal-vs-shifted", "lognormal", "shifted", 1000, 1000, None),
    ("large-tied-1000x1000", "ties", "ties-shifted", 1000, 1000, True),
]


def make_pair(idx, xs, ys, m, n, tied):
    """Deterministic seeds; bump until the tie requirement holds."""
    bump = 0
    while True:
        sx = SEED + 100 * idx + 2 * bump
        sy = sx + 1
        x, y = sample(xs, m, sx), sample(ys, n, sy)
        pooled_tied = len(set(x + y)) < m + n
        cross_tied = bool(set(x) & set(y))
        if tied is None or (tied and cross_tied) or (tied is False and not pooled_tied):
            return x, y, sx, sy
        bump += 1


# ------------------------------------------------- exact U distribution

def mwu_counts(m, n):
    """c[u] = #arrangements with U = u, u = 0..mn (coefficients of the
    Gaussian binomial [m+n choose m]_q), exact Python ints."""
    poly = [1]
    for i in range(1, m + 1):
        a = n + i
        new = poly + [0] * a
        for u in range(a, len(new)):
            new[u] -= poly[u - a]
        # divide by (1 - q^i): r[u] = p[u] + r[u-i]
        for u in range(i, len(new)):
            new[u] += new[u - i]
        while len(new) > 1 and new[-1] == 0:
            new.pop()
        poly = new
    assert len(poly) == m * n + 1 and sum(poly) == math.comb(m + n, m)
    return poly


_counts_cache = {}


def counts(m, n):
    key = (min(m, n), max(m, n))
    if key not in _counts_cache:
        _counts_cache[key] = mwu_counts(*key)
    return _counts_cache[key]


def exact_sf(m, n, u):
    """P(U >= u) as float from exact integers (u integer)."""
    c = counts(m, n)
    from fractions import Fraction
    return float(Fraction(sum(c[u:]), math.comb(m + n, m)))


def exact_k(m, n, alpha_half_den=40):
    """k = largest integer with P(U <= k-1) <= 1/40 (= alpha/2, alpha = 0.05);
    returns (k, P(U <= k-1) * total, total); k = 0 means no valid interval."""
    c = counts(m, n)
    total = math.comb(m + n, m)
    acc = 0
    k, cum = 0, 0
    for j in range(len(c)):
        acc += c[j]                       # acc = P(U <= j) * total
        if acc * alpha_half_den <= total:
            k, cum = j + 1, acc
        else:
            break
    return k, cum, total


# ---------------------------------------------------------------- tests

def mann_whitney(x, y, tied):
    m, n = len(x), len(y)
    auto_method = _mwu_mod._mwu_choose_method(m, n, tied)
    out = {}
    for alt in ALTS:
        r_auto = stats.mannwhitneyu(x, y, alternative=alt)
        r_as = stats.mannwhitneyu(x, y, alternative=alt, method="asymptotic",
                                  use_continuity=True)
        ent = {"auto": {"U": float(r_auto.statistic), "p": float(r_auto.pvalue),
                        "method": auto_method},
               "asymptotic": {"U": float(r_as.statistic), "p": float(r_as.pvalue)}}
        if not tied and m * n <= EXACT_MWU_MAX_MN:
            r_ex = stats.mannwhitneyu(x, y, alternative=alt, method="exact")
            U1 = int(round(float(r_ex.statistic)))
            U2 = m * n - U1
            uu = {"greater": U1, "less": U2, "two-sided": max(U1, U2)}[alt]
            ref = exact_sf(m, n, uu) * (2 if alt == "two-sided" else 1)
            ref = min(ref, 1.0)
            assert abs(ref - float(r_ex.pvalue)) <= 1e-12 * ref, (alt, ref, r_ex.pvalue)
            ent["exact"] = {"U": float(r_ex.statistic), "p": float(r_ex.pvalue)}
        else:
            ent["exact"] = None
            ent["exactNull"] = ("pooled sample has ties: the exact null distribution "
                                "assumes no ties" if tied else
                                f"not generated: m*n = {m * n} > {EXACT_MWU_MAX_MN}")
        chosen = ent["exact"] if auto_method == "exact" else ent["asymptotic"]
        assert chosen["p"] == ent["auto"]["p"] and chosen["U"] == ent["auto"]["U"]
        out[alt] = ent
    return out


def ks_call(x, y, alt, method):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = stats.ks_2samp(x, y, alternative=alt, method=method)
    switched = any("Switching" in str(wi.message) for wi in w)
    return r, switched


def ks(x, y):
    m, n = len(x), len(y)
    out = {}
    for alt in ALTS:
        ent = {}
        r, sw = ks_call(x, y, alt, "auto")
        used = "asymp" if (max(m, n) > 10000 or sw) else "exact"
        ent["auto"] = {"D": float(r.statistic), "p": float(r.pvalue), "method": used,
                       "statisticLocation": float(r.statistic_location),
                       "statisticSign": int(r.statistic_sign)}
        r, sw = ks_call(x, y, alt, "exact")
        if sw:
            ent["exact"] = None
            ent["exactNull"] = "scipy exact computation failed (overflow) and fell back to asymp"
        else:
            ent["exact"] = {"D": float(r.statistic), "p": float(r.pvalue),
                            "statisticLocation": float(r.statistic_location),
                            "statisticSign": int(r.statistic_sign)}
        r, _ = ks_call(x, y, alt, "asymp")
        ent["asymp"] = {"D": float(r.statistic), "p": float(r.pvalue),
                        "statisticLocation": float(r.statistic_location),
                        "statisticSign": int(r.statistic_sign)}
        assert ent["auto"]["p"] == ent[used]["p"]
        out[alt] = ent
    return out


def brunner_munzel(x, y):
    xa, ya = np.asarray(x), np.asarray(y)
    m, n = len(x), len(y)
    rc = stats.rankdata(np.concatenate([xa, ya]))
    rx, ry = rc[:m], rc[m:]
    ix, iy = stats.rankdata(xa), stats.rankdata(ya)
    sx = np.sum((rx - ix - rx.mean() + ix.mean()) ** 2) / (m - 1)
    sy = np.sum((ry - iy - ry.mean() + iy.mean()) ** 2) / (n - 1)
    W = m * n * (ry.mean() - rx.mean()) / ((m + n) * math.sqrt(m * sx + n * sy))
    df = (m * sx + n * sy) ** 2 / ((m * sx) ** 2 / (m - 1) + (n * sy) ** 2 / (n - 1))
    out = {}
    for alt in ALTS:
        r = stats.brunnermunzel(x, y, alternative=alt, distribution="t")
        assert abs(float(r.statistic) - W) <= 1e-12 * abs(W)
        t = stats.t(df)
        ref = {"less": t.cdf(-W), "greater": t.sf(-W),
               "two-sided": 2 * min(t.cdf(-W), t.sf(-W))}[alt]
        assert abs(ref - float(r.pvalue)) <= 1e-9 * ref + 1e-300, (alt, ref, r.pvalue)
        out[alt] = {"W": float(r.statistic), "p": float(r.pvalue)}
    r = stats.brunnermunzel(x, y, alternative="two-sided", distribution="normal")
    out["normal"] = {"W": float(r.statistic), "p": float(r.pvalue)}
    out["df"] = float(df)
    return out


def hodges_lehmann(x, y, tied):
    m, n = len(x), len(y)
    mn = m * n
    d = np.sort((np.asarray(y)[None, :] - np.asarray(x)[:, None]).ravel())
    shift = float(np.median(d))
    out = {"shift": shift}

    def ci(k, method, extra=None):
        if k < 1:
            return None
        e = {"low": float(d[k - 1]), "high": float(d[mn - k]), "k": k, "method": method}
        if extra:
            e.update(extra)
        return e

    kn = math.floor(mn / 2 - Z975 * math.sqrt(mn * (m + n + 1) / 12))
    normal = ci(kn, "normal")
    exact = None
    if not tied and mn <= EXACT_MWU_MAX_MN:
        ke, cum, total = exact_k(m, n)
        # cross-check the index against scipy's own exact null distribution
        st = _mwu_mod._MWU(m, n)
        assert ke >= 1
        assert st.cdf(np.asarray(ke - 1)) <= 0.025 + 1e-15 and st.cdf(np.asarray(ke)) > 0.025 - 1e-15
        assert abs(st.cdf(np.asarray(ke - 1)) - cum / total) <= 1e-14
        exact = ci(ke, "exact", {"coverage": 1 - 2 * cum / total})
    use_exact = (not tied) and min(m, n) <= 8
    out["ci95"] = exact if use_exact else normal
    if out["ci95"] is None:
        out["ci95Null"] = f"normal-approximation k = {kn} < 1: interval undefined"
    out["ci95Normal"] = normal
    if normal is None:
        out["ci95NormalNull"] = f"k = {kn} < 1: interval undefined"
    if exact is not None:
        out["ci95Exact"] = exact
    return out


def cliffs(x, y, U1):
    xa = np.sort(np.asarray(x))
    ya = np.asarray(y)
    m, n = len(x), len(y)
    lt_x = np.searchsorted(xa, ya, side="left")   # #{x < y_j}
    le_x = np.searchsorted(xa, ya, side="right")  # #{x <= y_j}
    gt = int(lt_x.sum())
    eq = int((le_x - lt_x).sum())
    lt = m * n - gt - eq
    ps = (gt + 0.5 * eq) / (m * n)
    assert abs(ps - (1 - U1 / (m * n))) <= 1e-15
    return {"delta": (gt - lt) / (m * n), "probabilityOfSuperiority": ps,
            "countGreater": gt, "countLess": lt, "countEqual": eq}


def mean_diff(x, y, axis=-1):
    return np.mean(y, axis=axis) - np.mean(x, axis=axis)


def median_diff(x, y, axis=-1):
    return np.median(y, axis=axis) - np.median(x, axis=axis)


def integer_exact_p(x, y, kind):
    """Exact two-sided permutation p by enumeration on integer data (0.001 units)."""
    xi = [int(round(v * 1000)) for v in x]
    yi = [int(round(v * 1000)) for v in y]
    m, n = len(xi), len(yi)
    pooled = xi + yi
    S = sum(pooled)

    def stat(ys_idx):
        ysel = [pooled[i] for i in ys_idx]
        if kind == "mean":   # m n (mean y - mean x) scaled: m*sum_y - n*(S - sum_y)
            sy = sum(ysel)
            return m * sy - n * (S - sy)
        ysel.sort()
        xsel = sorted(pooled[i] for i in range(m + n) if i not in set(ys_idx))

        def med2(v):
            k = len(v)
            return 2 * v[k // 2] if k % 2 else v[k // 2 - 1] + v[k // 2]
        return med2(ysel) - med2(xsel)

    obs = stat(list(range(m, m + n)))
    le = ge = tot = 0
    for comb in itertools.combinations(range(m + n), n):
        t = stat(list(comb))
        le += t <= obs
        ge += t >= obs
        tot += 1
    return min(1.0, 2 * min(le, ge) / tot)


def permutation(x, y, seed):
    m, n = len(x), len(y)
    nperm = math.comb(m + n, m)
    xa, ya = np.asarray(x), np.asarray(y)
    batch = max(1, min(PERM_RESAMPLES, 4_000_000 // (m + n)))
    out = {}
    for key, fn, kind in [("meanDiff", mean_diff, "mean"), ("medianDiff", median_diff, "median")]:
        r = stats.permutation_test((xa, ya), fn, permutation_type="independent",
                                   vectorized=True, n_resamples=PERM_RESAMPLES,
                                   alternative="two-sided", batch=batch,
                                   rng=np.random.default_rng(seed))
        is_exact = PERM_RESAMPLES >= nperm
        ent = {"statistic": float(r.statistic), "p": float(r.pvalue),
               "pMethod": ("exact: n_resamples 99999 >= nPermutations, scipy enumerated all partitions"
                           if is_exact else "monte-carlo (99999 resamples, +1 correction)"),
               "nPermutations": nperm if nperm <= 2 ** 53 else None,
               "log10NPermutations": math.lgamma(m + n + 1) / math.log(10)
               - (math.lgamma(m + 1) + math.lgamma(n + 1)) / math.log(10)}
        if nperm > 2 ** 53:
            ent["nPermutationsNull"] = "C(m+n,m) > 2^53: not exactly representable as a double"
        assert float(r.statistic) == float(fn(xa, ya))
        if nperm <= PERM_EXACT_MAX:
            re_ = stats.permutation_test((xa, ya), fn, permutation_type="independent",
                                         vectorized=True, n_resamples=np.inf,
                                         alternative="two-sided")
            pint = integer_exact_p(x, y, kind)
            assert abs(float(re_.pvalue) - pint) <= 1e-12, (key, re_.pvalue, pint)
            ent["pExact"] = float(re_.pvalue)
            ent["pExactMethod"] = ("scipy, same call (automatic exact)" if is_exact
                                   else "scipy with n_resamples=inf (explicit exact)")
            if is_exact:
                assert ent["pExact"] == ent["p"]
        else:
            ent["pExact"] = None
            ent["pExactNull"] = f"nPermutations = C({m + n},{m}) = {nperm} > {PERM_EXACT_MAX}"
        out[key] = ent
    return out


# ---------------------------------------------------------------- holm

def holm_py(p):
    p = np.asarray(p, dtype=float)
    M = len(p)
    o = np.argsort(p, kind="stable")
    adj_sorted = np.empty(M)
    running = 0.0
    for j, idx in enumerate(o, start=1):
        running = max(running, min(1.0, (M - j + 1) * p[idx]))
        adj_sorted[j - 1] = running
    out = np.empty(M)
    out[o] = adj_sorted
    return [float(v) for v in out]


def holm_r(vectors):
    with tempfile.TemporaryDirectory() as td:
        inp = os.path.join(td, "in.txt")
        with open(inp, "w") as f:
            for v in vectors:
                f.write(" ".join(repr(float(t)) for t in v) + "\n")
        script = ('L <- readLines(commandArgs(TRUE)[1]); for (s in L) { '
                  'p <- as.numeric(strsplit(s, " ")[[1]]); '
                  'cat(sprintf("%.17g", p.adjust(p, "holm")), "\\n") }')
        res = subprocess.run(["Rscript", "-e", script, inp], capture_output=True,
                             text=True, check=True)
        rver = subprocess.run(["Rscript", "-e", "cat(R.version.string)"],
                              capture_output=True, text=True, check=True).stdout.strip()
    rows = [[float(t) for t in line.split()] for line in res.stdout.strip().split("\n")]
    return rows, rver


def make_holm(mwu_ps):
    rng = np.random.default_rng(SEED + 7)
    vecs = [
        ("classic", [0.01, 0.04, 0.03, 0.005]),
        ("ties", [0.02, 0.02, 0.5, 0.001, 0.04]),
        ("monotonicity-enforced", [0.001, 0.0105, 0.011, 0.2]),
        ("all-clipped-to-1", [0.3, 0.6, 0.9, 0.45]),
        ("single", [0.04]),
        ("zero-and-one", [0.0, 1.0, 0.5]),
        ("tiny-values", [1e-300, 3e-17, 2.5e-8, 0.049]),
        ("uniform-20-seeded", [float(v) for v in rng.random(20)]),
        ("two_sample-mwu-asymptotic-two-sided", mwu_ps),
    ]
    rrows, rver = holm_r([v for _, v in vecs])
    cases = []
    for (name, p), rrow in zip(vecs, rrows):
        py = holm_py(p)
        diff = max(abs(a - b) for a, b in zip(py, rrow))
        assert py == rrow, (name, py, rrow)
        cases.append({"name": name, "p": p, "holm": py, "holmR": rrow, "maxAbsDiff": diff})
    return {
        "generator": "generate_two_sample.py; " + versions() + "; " + rver,
        "note": NOTE.format(seed=f"{SEED + 7} (numpy default_rng, uniform-20 vector only)"),
        "definitions": {
            "holm": ("Holm (1979), implemented from the definition (statsmodels not installed): "
                     "sort p ascending (stable), adj_(i) = max_{j<=i} min(1, (M-j+1) p_(j)), "
                     "M = len(p), returned in input order"),
            "holmR": "R p.adjust(p, \"holm\") printed with %.17g; asserted bit-identical to holm",
            "note": ("scipy.stats.false_discovery_control is Benjamini-Hochberg/Yekutieli, "
                     "not Holm, and is not used"),
        },
        "cases": cases,
    }


# ---------------------------------------------------------------- main

def main():
    cases = []
    mwu_ps = []
    for idx, (name, xs, ys, m, n, tied) in enumerate(CASES, start=1):
        x, y, sx, sy = make_pair(idx, xs, ys, m, n, tied)
        has_ties = len(set(x + y)) < m + n
        assert tied is None or has_ties == tied
        tied = has_ties
        mw = mann_whitney(x, y, tied)
        U1 = mw["two-sided"]["auto"]["U"]
        case = {"name": name, "seedX": sx, "seedY": sy, "shapeX": xs, "shapeY": ys,
                "m": m, "n": n, "x": x, "y": y, "ties": has_ties,
                "mannWhitney": mw,
                "ks": ks(x, y),
                "brunnerMunzel": brunner_munzel(x, y),
                "hodgesLehmann": hodges_lehmann(x, y, tied),
                "cliffsDelta": cliffs(x, y, U1),
                "permutation": permutation(x, y, SEED + 50 + idx)}
        mwu_ps.append(mw["two-sided"]["asymptotic"]["p"])
        cases.append(case)
        print(name, "done", flush=True)

    out = {
        "generator": "generate_two_sample.py; " + versions(),
        "note": NOTE.format(seed=f"{SEED} (per case: seedX = {SEED}+100*caseIndex(+2*bump), "
                                 f"seedY = seedX+1; permutation rng {SEED}+50+caseIndex; numpy default_rng)"),
        "definitions": {
            "orientation": ("all statistics for the ordered pair (x, y); shift/effect sizes are y relative "
                            "to x (positive = y larger); test alternative 'greater' = x stochastically "
                            "greater than y, 'less' = x stochastically less (scipy convention)"),
            "shapes": ("lognormal = lognormal(log 60, 0.35); shifted = 1.1 * lognormal(log 60, 0.35); "
                       "bimodal = |70% N(60,5), 30% N(140,15)|; heavy-tail = 40 + 10*(Lomax(1.5)+1) "
                       "(Pareto I, alpha 1.5, scale 10); ties = round(lognormal); ties-shifted = "
                       "round(1.1*lognormal); then rounded to 3 decimals"),
            "mannWhitney.U": "U1 of x = R1 - m(m+1)/2 = #{x_i > y_j} + 0.5 #{x_i == y_j} (scipy statistic), same for every alternative",
            "mannWhitney.p": "greater: P(U >= U1); less: P(U >= mn-U1); two-sided: 2 P(U >= max(U1, mn-U1)) clipped to 1",
            "mannWhitney.autoRule": "scipy _mwu_choose_method: 'asymptotic' if m > 8 and n > 8; else 'asymptotic' if any tie in the pooled sample; else 'exact'",
            "mannWhitney.asymptotic": "z = (U - mn/2 - 0.5)/sqrt(mn/12 ((N+1) - sum(t^3-t)/(N(N-1)))), p = Phi(-z) (x2 two-sided), U per alternative as in mannWhitney.p",
            "mannWhitney.exact": "untied null distribution of U; only for untied cases with m*n <= 2500 (cross-checked with big-integer counts)",
            "ks.autoRule": "scipy ks_2samp: 'exact' if max(m,n) <= 10000 (falls back to 'asymp' with a warning if exact overflows), else 'asymp'",
            "ks.D": "D+ = max(Fx - Fy), D- = max(Fy - Fx); greater: D+ (sign +1); less: D- (sign -1); two-sided: max, sign -1 only if D- > D+; exact mode rounds D to h/lcm(m,n)",
            "ks.statisticLocation": "pooled value at the first argmax/argmin over sorted(x) ++ sorted(y)",
            "brunnerMunzel": "W = mn(meanRank_y - meanRank_x)/((m+n) sqrt(m Sx2 + n Sy2)) (W > 0: y larger); df = (m Sx2 + n Sy2)^2/((m Sx2)^2/(m-1) + (n Sy2)^2/(n-1)); p from -W: less F(-W), greater 1-F(-W), two-sided 2 min; F = t(df) or N(0,1) for 'normal' (two-sided)",
            "hodgesLehmann.shift": "median of the mn differences y_j - x_i (float64), mean of the two middle values when mn is even; shift = location(y) - location(x)",
            "hodgesLehmann.ci": ("D sorted ascending, 1-based: low = D_(k), high = D_(mn+1-k) (Hollander & Wolfe; Bauer 1972). "
                                 "exact: k = largest integer with P(U <= k-1) <= 0.025 under the untied Mann-Whitney null, coverage = 1 - 2P(U <= k-1); "
                                 "normal: k = floor(mn/2 - z sqrt(mn(m+n+1)/12)), z = 1.959963984540054, no tie/continuity correction. "
                                 "ci95 uses exact iff mannWhitney auto picks exact (min(m,n) <= 8 and no ties), else normal; "
                                 "ci95Normal = normal k always; ci95Exact = exact k for untied cases with m*n <= 2500"),
            "cliffsDelta": "delta = (#{y>x} - #{y<x})/mn; probabilityOfSuperiority = (#{y>x} + 0.5 #{y=x})/mn = 1 - U1/mn",
            "permutation": ("scipy.stats.permutation_test, permutation_type='independent', n_resamples=99999, two-sided, "
                            "statistic mean(y)-mean(x) or median(y)-median(x). If C(m+n,m) <= 99999 scipy enumerates all partitions "
                            "and p is exact: p = min(1, 2 min(#{T<=t}, #{T>=t})/C); otherwise Monte Carlo "
                            "p = min(1, 2 min(#{T*<=t}+1, #{T*>=t}+1)/(B+1)) (only reproducible statistically). "
                            "pExact: full enumeration when C(m+n,m) <= 200000, verified by integer enumeration in 0.001 units. nPermutations = C(m+n,m) (null above 2^53; log10NPermutations always)"),
        },
        "cases": cases,
    }
    write_json("two_sample.json", out)
    write_json("holm.json", make_holm(mwu_ps))


if __name__ == "__main__":
    main()
