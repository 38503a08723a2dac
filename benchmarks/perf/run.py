#!/usr/bin/env python3
"""Side-by-side speed harness: audit vs scipy vs R on identical data (issue "Performance").

    python3 benchmarks/perf/run.py            # full: 3 repetitions, n = 30, 1e3, 1e5, 1e6
    python3 benchmarks/perf/run.py --quick    # 1 repetition, n = 1e6 skipped

Steps: (a) generate the data files (gen_data.py, only if missing); (b) for every cell
(statistic x method x n, plus the two-sample permutation cells) run audit, scipy and R
alternately, each in its own process, measuring whole-process wall time and peak RSS
(os.wait4) and reading each tool's own compute time; (c) a per-run cap (default 300 s:
"timeout", never a number) and an address-space cap (RLIMIT_AS, default 12 GiB: failures
recorded as MemoryError), never dropping a cell; (d) write results.jsonl (one line per run)
and RESULTS.md.  See README.md in this folder for the columns and the caveats.
"""
import argparse, datetime, json, math, os, platform, re, resource, shlex, signal, statistics
import subprocess, sys, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import gen_data  # noqa: E402

STATS = ("mean", "median", "p95", "p99")
METHODS = ("percentile", "bca", "exact", "order")
SIZES = (30, 1000, 100_000, 1_000_000)
PERM_SIZES = (1000, 100_000)
PERM_B = 10_000
TOOLS = ("audit", "scipy", "R")
FAIL = ("timeout", "MemoryError", "error")
GiB = 1024 ** 3
ALPHA = 0.025  # two-sided 95 %


def B_for(n):
    return 100_000 if n == 30 else 10_000


def fmt_n(n):
    return {30: "30", 1000: "1e3", 100_000: "1e5", 1_000_000: "1e6"}.get(n, str(n))


# --------------------------------------------------------------------------- cells

def ci_cells(sizes):
    """One dict per table row. Anchor plan per method:
    percentile/bca -> scipy.stats.bootstrap and boot::boot of the same method;
    exact          -> audit only; compared with the anchors' percentile runs of the same cell
                      (scipy/R have no exact bootstrap: a percentile bootstrap is what one would run);
    order          -> scipy quantile_test(...).confidence_interval, R qbinom by hand;
    mean x exact/order: no such interval in any tool -> one 'n/a' row (kept, not dropped)."""
    cells = []
    for n in sizes:
        for s in STATS:
            for m in METHODS:
                if s == "mean" and m == "order":
                    continue
                c = {"kind": "ci", "n": n, "B": B_for(n), "stat": s, "method": m,
                     "id": f"ci:{s}:{m}:n={n}"}
                if s == "mean" and m == "exact":
                    c["method"] = "exact/order"
                    c["id"] = f"ci:{s}:exact/order:n={n}"
                    c["na"] = "no exact-bootstrap or order-statistic interval exists for the mean (audit reports none either)"
                cells.append(c)
    return cells


def perm_cells(sizes):
    cells = []
    for n in sizes:
        for m in ("permutation", "mwu"):
            cells.append({"kind": "two", "n": n, "B": PERM_B if m == "permutation" else 0, "stat": "diffmean",
                          "method": m, "id": f"two:{m}:n={n}"})
    return cells


def anchor_method(cell, tool):
    """Which method the anchor runs for this cell, or None (not run)."""
    m = cell["method"]
    if cell.get("na"):
        return None
    if cell["kind"] == "two":
        if tool == "R" and m == "permutation":
            return None  # no standard R permutation test in base/boot; not part of the anchor set
        return m
    if m == "exact":
        return None  # shares the percentile runs
    return m


# --------------------------------------------------------------------------- running

def limit_as(cap_bytes):
    def f():
        if cap_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))
    return f


def run_process(argv, cap_s, mem_cap, grace=10.0):
    """Run argv; return dict(rc, wall, maxrss_kb, stdout, stderr, killed)."""
    t0 = time.perf_counter()
    # No preexec_fn: Python then starts the child with vfork/exec instead of a full fork of this process, which
    # added milliseconds to every run (the address-space cap is set once on this process and inherited: main()).
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                         start_new_session=True)
    outs = {}

    def rd(name, stream):
        outs[name] = stream.read()
    readers = [threading.Thread(target=rd, args=(k, s), daemon=True) for k, s in (("out", p.stdout), ("err", p.stderr))]
    for t in readers:
        t.start()
    killed = threading.Event()

    def kill():
        killed.set()
        try:
            os.killpg(p.pid, signal.SIGKILL)  # our own child's process group only
        except ProcessLookupError:
            pass
    timer = threading.Timer(cap_s + grace, kill)
    timer.start()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    timer.cancel()
    for t in readers:
        t.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    return {"rc": p.returncode, "wall": wall, "maxrss_kb": ru.ru_maxrss, "cpu": ru.ru_utime + ru.ru_stime,
            "stdout": outs.get("out", b"").decode("utf-8", "replace"),
            "stderr": outs.get("err", b"").decode("utf-8", "replace"), "killed": killed.is_set()}


def last_json(text):
    """The last complete JSON object in text (audit pretty-prints; anchors print one line)."""
    text = text.strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        pass
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                continue
    return None


def file_for(n, sample="a"):
    return gen_data.path(sample, n)


def argv_for(tool, cell, seed, args):
    n, B, s = cell["n"], cell["B"], cell["stat"]
    if tool == "audit":
        if cell["kind"] == "two":
            # only the part the anchor computes (audit test --only), so the cell is like for like
            part = "permutation" if cell["method"] == "permutation" else "mwu"
            return ([args.audit, "test", file_for(n, "a"), file_for(n, "b"), "--seed", str(seed),
                     "--resamples", str(PERM_B), "--format", "json"]
                    + (["--only", part] if args.test_only else []) + (["--timing"] if args.test_timing else []))
        return [args.audit, "ci", file_for(n), "--stat", s, "--method", cell["method"], "--resamples", str(B),
                "--seed", str(seed), "--threads", str(args.threads), "--format", "json", "--timing"]
    m = anchor_method(cell, tool)
    extra = [file_for(n, "b")] if cell["kind"] == "two" else []
    if tool == "scipy":
        return [sys.executable, os.path.join(HERE, "anchor_scipy.py"), file_for(n), s, m, str(B), str(seed),
                str(args.cap)] + extra
    return ["Rscript", os.path.join(HERE, "anchor_r.R"), file_for(n), s, m, str(B), str(seed), str(args.cap)] + extra


def classify(tool, proc, js, cap):
    """-> (status, message, low, high, compute, extra)."""
    err_tail = proc["stderr"].strip()[-400:]
    if proc["killed"]:
        return "timeout", f"killed after {proc['wall']:.0f} s (cap {cap:g} s)", None, None, None, {}
    if tool == "audit":
        if proc["rc"] == 64:
            return "not available", err_tail or "exit 64", None, None, None, {}
        if proc["rc"] != 0 or js is None:
            st = "MemoryError" if re.search(r"alloc|out of memory", err_tail, re.I) else "error"
            return st, f"exit {proc['rc']}: {err_tail}", None, None, None, {}
        extra = {k: js.get(k) for k in ("estimate", "notes", "method", "pvalue", "pValue", "statistic") if k in js}
        return "ok", "", js.get("low"), js.get("high"), js.get("computeSeconds"), extra
    if js is None:
        st = "MemoryError" if re.search(r"cannot allocate|MemoryError|memory", err_tail, re.I) else "error"
        return st, f"exit {proc['rc']}, no JSON: {err_tail}", None, None, None, {}
    extra = {k: js[k] for k in ("estimate", "pvalue", "batch", "standardError", "se", "orderStatistics",
                                "versions", "elapsedBeforeStop", "warnings") if k in js}
    return js.get("status", "error"), js.get("message", ""), js.get("low"), js.get("high"), js.get("computeSeconds"), extra


class Log:
    def __init__(self, path, resume, rerun_tool=None):
        self.path = path
        self.done = {}
        if resume and os.path.exists(path):
            kept = []
            for line in open(path):
                r = json.loads(line)
                if r.get("type") == "run" and r.get("tool") == rerun_tool:
                    continue  # dropped: this tool is measured again
                if rerun_tool and r.get("type") in ("floor", "page"):
                    continue  # audit's own floor and page runs are measured again with it
                kept.append(line)
                if r.get("type") == "run":
                    self.done[(r["cell"], r["tool"], r["rep"])] = r
            if rerun_tool:
                with open(path, "w") as f:
                    f.writelines(kept)
        elif os.path.exists(path):
            os.replace(path, path + ".prev")

    def add(self, rec):
        with open(self.path, "a") as f:
            f.write(json.dumps(rec) + "\n")


def run_all(args, cells, log):
    prev_fail = {}  # (tool, stat, method) -> (n, status) of the last failing n, for inference
    t_start = time.time()
    for ci, cell in enumerate(cells):
        key_base = (cell["stat"], cell["method"])
        if cell.get("na"):
            for tool in TOOLS:
                rec = {"type": "run", "cell": cell["id"], "tool": tool, "rep": 0, "status": "n/a", "message": cell["na"]}
                if (cell["id"], tool, 0) not in log.done:
                    log.add(rec)
            continue
        stopped = {}
        for rep in range(max(args.reps, args.fast_reps)):
            if rep >= args.reps and not fast_cell(cell, log, args):
                break
            seed = rep + 1
            order = TOOLS[rep % 3:] + TOOLS[:rep % 3]  # alternate who goes first
            for pos, tool in enumerate(order):
                if tool != "audit" and anchor_method(cell, tool) is None:
                    continue
                k = (cell["id"], tool, rep)
                if k in log.done:
                    r = log.done[k]
                    if r["status"] in FAIL:
                        stopped[tool] = r["status"]
                    continue
                rec = {"type": "run", "cell": cell["id"], "kind": cell["kind"], "n": cell["n"], "B": cell["B"],
                       "stat": cell["stat"], "method": cell["method"], "tool": tool, "rep": rep, "seed": seed,
                       "position": pos}
                pf = prev_fail.get((tool,) + key_base)
                first = log.done.get((cell["id"], tool, 0))
                if (rep > 0 and tool != "audit" and first and first.get("status") == "ok"
                        and (first.get("wallSeconds") or 0) > args.repeat_limit):
                    continue  # a slow anchor runs once (see --repeat-limit); no record, the median is of one run
                if tool in stopped:
                    rec.update(status=stopped[tool], skipped=True,
                               message=f"not repeated: repetition 1 ended with {stopped[tool]}")
                elif pf and not args.no_infer and cell["n"] > pf[0]:
                    rec.update(status=pf[1], inferred=True,
                               message=f"not run: {pf[1]} at n={pf[0]} with the same statistic and method; "
                                       f"n={cell['n']} needs at least {cell['n'] // pf[0]}x the work/memory "
                                       f"(run with --no-infer to measure)")
                else:
                    argv = argv_for(tool, cell, seed, args)
                    rec["argv"] = argv
                    rec["loadavg_before"] = os.getloadavg()
                    rec["started"] = datetime.datetime.now().isoformat(timespec="seconds")
                    proc = run_process(argv, args.cap, int(args.mem_cap_gib * GiB) if args.mem_cap_gib else 0)
                    js = last_json(proc["stdout"])
                    st, msg, lo, hi, comp, extra = classify(tool, proc, js, args.cap)
                    if st == "ok" and tool == "audit" and cell["kind"] == "two" and isinstance(js, dict):
                        part = js.get("permutation" if cell["method"] == "permutation" else "mannWhitney") or {}
                        extra["pvalue"] = part.get("p")
                        extra["estimate"] = part.get("statistic", part.get("u"))
                        comp = js.get("computeSeconds")
                    if st == "ok" and comp is not None and comp > args.cap:
                        st, msg = "timeout", f"compute {comp:.1f} s exceeded the cap {args.cap:g} s"
                    rec.update(status=st, message=msg, low=lo, high=hi, computeSeconds=comp,
                               wallSeconds=proc["wall"], cpuSeconds=proc["cpu"], maxrssKiB=proc["maxrss_kb"],
                               rc=proc["rc"], extra=extra, raw=js if tool == "audit" else None,
                               stderr_tail=proc["stderr"][-600:] if st != "ok" else "")
                if rec["status"] in FAIL and not rec.get("skipped"):
                    stopped[tool] = rec["status"]
                log.add(rec)
                log.done[k] = rec
                w = rec.get("wallSeconds")
                print(f"[{time.strftime('%H:%M:%S')} +{time.time() - t_start:6.0f}s] {ci + 1}/{len(cells)} "
                      f"{cell['id']:<34} rep{rep + 1} {tool:<5} {rec['status']:<13} "
                      f"wall={'%.3f' % w if w is not None else '-':>8} "
                      f"compute={'%.4f' % rec['computeSeconds'] if rec.get('computeSeconds') is not None else '-':>9} "
                      f"ci=[{rec.get('low')}, {rec.get('high')}] {' '.join((rec.get('message') or '').split())[:90]}", flush=True)
        for tool in TOOLS:
            st = log.done.get((cell["id"], tool, 0), {}).get("status")
            if st in ("timeout", "MemoryError"):
                prev_fail[(tool,) + key_base] = (cell["n"], st)


def fast_cell(cell, log, args):
    """A cell every tool finished quickly in its first repetition (ok): in under --fast-limit seconds whole
    process, or in under --fast-compute seconds of its own compute time and twice --fast-limit whole process
    (an interpreter's start-up alone took 2.0-2.6 s on one reference VM, around millisecond computations).
    Such a cell's times move most with the machine, so it gets --fast-reps repetitions."""
    for tool in TOOLS:
        if tool != "audit" and anchor_method(cell, tool) is None:
            continue
        first = log.done.get((cell["id"], tool, 0))
        if not first or first.get("status") != "ok":
            return False
        wall, compute = first.get("wallSeconds") or 0, first.get("computeSeconds")
        small_compute = isinstance(compute, (int, float)) and compute < args.fast_compute and wall < 2 * args.fast_limit
        if wall >= args.fast_limit and not small_compute:
            return False
    return True


def run_floor(args, log, sizes):
    """audit's RNG floor: drawing n*B random indices with audit's own generator, if audit has a flag for it."""
    try:
        help_text = subprocess.run([args.audit, "ci", "--help"], capture_output=True, text=True).stdout
    except OSError:
        help_text = ""
    if "--floor" not in help_text:
        for n in sizes:
            log.add({"type": "floor", "n": n, "B": B_for(n), "status": "TODO",
                     "message": "this audit binary has no --floor flag (it predates the flag): rebuild and rerun"})
        return
    for n in sizes:
        times, rss = [], []
        rec = {"type": "floor", "n": n, "B": B_for(n)}
        for rep in range(args.reps):
            argv = [args.audit, "ci", file_for(n), "--floor", "--resamples", str(B_for(n)), "--seed", str(rep + 1),
                    "--threads", str(args.threads), "--format", "json", "--timing"]
            proc = run_process(argv, args.cap, int(args.mem_cap_gib * GiB) if args.mem_cap_gib else 0)
            js = last_json(proc["stdout"])
            if proc["rc"] != 0 or js is None:
                rec.update(status="error", message=proc["stderr"][-300:], argv=argv)
                break
            times.append(js.get("computeSeconds"))
            rss.append(proc["maxrss_kb"])
            rec.update(status="ok", argv=argv, raw=js)
        rec["computeSeconds"] = times
        rec["maxrssKiB"] = rss
        log.add(rec)
        print(f"floor n={n}: {rec.get('status')} {times}", flush=True)


def run_page(args, log):
    """Scale check: `audit page` over everything shipped (benchmarks/results, data/claims.json, data/rigs.json)."""
    rec = {"type": "page", "wallSeconds": [], "maxrssKiB": []}
    out = os.path.join(args.out, "page.tmp.json")
    for rep in range(args.reps):
        argv = [args.audit, "page", "--out", out, "--results", os.path.join(ROOT, "benchmarks", "results"),
                "--claims", os.path.join(ROOT, "data", "claims.json"), "--rigs", os.path.join(ROOT, "data", "rigs.json")]
        proc = run_process(argv, args.cap, int(args.mem_cap_gib * GiB) if args.mem_cap_gib else 0)
        if proc["rc"] != 0:
            rec.update(status="error", message=proc["stderr"][-300:], argv=argv)
            break
        rec["wallSeconds"].append(proc["wall"])
        rec["maxrssKiB"].append(proc["maxrss_kb"])
        rec.update(status="ok", argv=argv)
    if os.path.exists(out):
        os.remove(out)
    rec["results"] = len([f for f in os.listdir(os.path.join(ROOT, "benchmarks", "results")) if f.endswith(".json")])
    log.add(rec)
    print(f"page: {rec.get('status')} {rec['wallSeconds']}", flush=True)


# --------------------------------------------------------------------------- machine

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception as e:  # pragma: no cover
        return f"<{e}>"


def machine(args):
    lscpu = sh("lscpu")
    field = lambda k: next((l.split(":", 1)[1].strip() for l in lscpu.splitlines() if l.startswith(k + ":")), "?")
    mem_kb = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    osr = sh(". /etc/os-release && echo $PRETTY_NAME")
    audit_path = os.path.abspath(args.audit)
    kind = "debug" if "/debug/" in audit_path else ("release" if "/release/" in audit_path else "unknown")
    py = sh(f"{shlex.quote(sys.executable)} -c 'import numpy, scipy, sys; print(numpy.__version__, scipy.__version__, sys.version.split()[0])'").split()
    rv = sh("Rscript -e 'cat(paste(R.version$major, R.version$minor, sep=\".\"), as.character(packageVersion(\"boot\")), extSoftVersion()[[\"BLAS\"]])'").split()
    git = sh(f"git -C {shlex.quote(ROOT)} rev-parse --short HEAD")
    dirty = sh(f"git -C {shlex.quote(ROOT)} status --porcelain -- Sources Package.swift")
    return {
        "cpu_model": field("Model name"), "cpus": field("CPU(s)"), "threads_per_core": field("Thread(s) per core"),
        "cpu_flags_avx512": "avx512f" in field("Flags"), "mem_total_gib": round(mem_kb / 1024 / 1024, 1),
        "os": osr, "kernel": platform.release(),
        "python": py[2] if len(py) > 2 else "?", "numpy": py[0] if py else "?", "scipy": py[1] if len(py) > 1 else "?",
        "R": rv[0] if rv else "?", "boot": rv[1] if len(rv) > 1 else "?", "R_blas": rv[2] if len(rv) > 2 else "?",
        "audit_path": os.path.relpath(audit_path, ROOT), "audit_build": kind,
        "audit_version": sh(f"{shlex.quote(audit_path)} --version"),
        "audit_mtime": datetime.datetime.fromtimestamp(os.path.getmtime(audit_path)).isoformat(timespec="seconds"),
        "git_head": git, "git_sources_dirty": bool(dirty),
        "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                               "OPENBLAS_L2_SIZE")},
    }


# --------------------------------------------------------------------------- report

def med(v):
    return statistics.median(v) if v else None


def fnum(x, unit=""):
    if x is None:
        return "—"
    if x == 0:
        return "0" + unit
    a = abs(x)
    if unit == " s" and a < 0.001:
        return f"{x * 1e6:.0f} µs"
    s = f"{x:.4f}" if a < 0.01 else f"{x:.3f}" if a < 10 else f"{x:.1f}" if a < 1000 else f"{x:.0f}"
    return s + unit


def fval(x):
    return "—" if x is None else f"{x:.3f}" if abs(x) < 1e4 else f"{x:.4g}"


def summarise(runs):
    """runs of one (cell, tool) -> dict(status, wall, compute, rss, first ok run, note)."""
    if not runs:
        return {"status": "—"}
    ok = [r for r in runs if r["status"] == "ok"]
    first = runs[0]
    if not ok:
        st = first["status"] + ("*" if first.get("inferred") else "")
        return {"status": st, "message": first.get("message", ""), "rss": first.get("maxrssKiB")}
    return {"status": "ok", "wall": med([r["wallSeconds"] for r in ok]),
            "compute": med([r["computeSeconds"] for r in ok if r.get("computeSeconds") is not None]),
            "rss": max(r["maxrssKiB"] for r in ok), "first": ok[0], "runs": len(ok),
            "partial": f"{len(ok)}/{len(runs)} ok" if len(ok) < len(runs) else ""}


def cell_val(s, key):
    if s["status"] != "ok":
        return s["status"]
    v = fnum(s.get(key), " s")
    if s.get("runs") == 1 and REPS_FOR_REPORT > 1 and not s.get("partial"):
        v += " ¹"
    return v + (f" ({s['partial']})" if s.get("partial") else "")


def ratio(a, b, key):
    if a["status"] != "ok" or b["status"] != "ok" or not a.get(key) or not b.get(key):
        if b["status"] in ("timeout", "timeout*") and a["status"] == "ok":
            return f"> {CAP_FOR_REPORT / a['wall']:.0f}" if key == "wall" and a.get("wall") else "—"
        return "—"
    r = b[key] / a[key]
    return f"{r:.2f}" if r < 10 else f"{r:.0f}"


def fast_note(meta):
    """The header's note on the extra repetitions of fast cells (none in runs made before --fast-reps)."""
    if (meta.get("fast_reps") or 0) > (meta.get("reps") or 0):
        compute = meta.get("fast_compute")
        also = (f" (or under {compute:g} s of compute and {2 * meta.get('fast_limit'):g} s whole)" if compute else "")
        return f"; {meta['fast_reps']} for a cell whose every tool ran in under {meta.get('fast_limit'):g} s{also}"
    return ""


CAP_FOR_REPORT = 300.0
REPS_FOR_REPORT = 3


def endpoint_se(width, B):
    """Monte-Carlo SE of a bootstrap endpoint at level ALPHA: the replicate distribution taken as normal with
    sd = width / (2 z), SE = sd * sqrt(a (1 - a) / B) / phi(z_a)."""
    z = 1.959963984540054
    phi = math.exp(-z * z / 2) / math.sqrt(2 * math.pi)
    return width / (2 * z) * math.sqrt(ALPHA * (1 - ALPHA) / B) / phi


class Spacing:
    def __init__(self):
        self.cache = {}

    def gap(self, n, v):
        """Spacing of the (unique, sorted) data at value v: the gap between the data values around v."""
        import numpy as np
        if n not in self.cache:
            self.cache[n] = np.unique(np.loadtxt(file_for(n)))
        u = self.cache[n]
        i = int(np.searchsorted(u, v))
        lo, hi = max(i - 1, 0), min(i + 1, len(u) - 1)
        return float(max(u[min(i, len(u) - 1)] - u[lo], u[hi] - u[min(i, len(u) - 1)]))


def agreement(cell, a, b, b_tool, spacing, is_mc_a, is_mc_b):
    """-> (verdict, detail).  a = audit summary, b = anchor summary (first ok runs)."""
    if a["status"] != "ok" or b["status"] != "ok":
        return "—", ""
    ra, rb = a["first"], b["first"]
    B = cell["B"]
    quantile = cell["stat"] != "mean"
    worst = 0.0
    parts = []
    for end in ("low", "high"):
        va, vb = ra.get(end), rb.get(end)
        if va is None or vb is None:
            if va is None and vb is None:
                parts.append(f"{end}: both unbounded")
                continue
            return "DIFFER", f"{end}: audit {fval(va)} vs {b_tool} {fval(vb)} (one side unbounded)"
        wa = (ra["high"] - ra["low"]) if ra.get("high") is not None and ra.get("low") is not None else 0
        wb = (rb["high"] - rb["low"]) if rb.get("high") is not None and rb.get("low") is not None else 0
        se2 = (endpoint_se(wa, B) ** 2 if is_mc_a else 0) + (endpoint_se(wb, B) ** 2 if is_mc_b else 0)
        tol = 4 * math.sqrt(se2)
        if quantile and (is_mc_a or is_mc_b):
            tol += max(spacing.gap(cell["n"], va), spacing.gap(cell["n"], vb))
        tol = max(tol, 1e-9 * max(1.0, abs(va), abs(vb)))
        d = abs(va - vb)
        worst = max(worst, d / tol)
        parts.append(f"Δ{end} {d:.3g} (tol {tol:.3g})")
    verdict = "agree" if worst <= 1 else "DIFFER"
    return f"{verdict} ({worst:.2f})", "; ".join(parts)


def report(args, meta, path_jsonl, out_md):
    runs, floors, metas, pages = [], [], [], []
    for line in open(path_jsonl):
        r = json.loads(line)
        if r.get("type") == "page":
            pages.append(r)
            continue
        (runs if r.get("type") == "run" else floors if r.get("type") == "floor" else metas).append(r)
    meta = meta or (metas[-1] if metas else {})
    by = {}
    for r in runs:
        by.setdefault((r["cell"], r["tool"]), []).append(r)
    for v in by.values():
        v.sort(key=lambda r: r["rep"])
    m = meta.get("machine", {})
    global CAP_FOR_REPORT, REPS_FOR_REPORT
    CAP_FOR_REPORT = meta.get("cap", 300.0)
    REPS_FOR_REPORT = meta.get("reps", 3)
    L = []
    L.append("# audit vs scipy vs R: bootstrap / interval speed (benchmarks/perf)")
    L.append("")
    if m.get("audit_build") == "debug":
        L.append("> **DRY RUN WITH A DEBUG BUILD** (`" + m.get("audit_path", "") + "`): audit's times here are "
                 "~10x slower than a release build and must not be quoted. Rerun after `swift build -c release`.")
        L.append("")
    L.append(f"Generated {meta.get('finished', '?')} by `{meta.get('command', 'python3 benchmarks/perf/run.py')}`; "
             f"harness wall time **{fnum(sum(x.get('harness_seconds') or 0 for x in metas) if len(metas) > 1 else meta.get('harness_seconds'), ' s')}**"
             f"{f' (sum of {len(metas)} invocations, --resume)' if len(metas) > 1 else ''} "
             f"({meta.get('reps', '?')} repetition(s){fast_note(meta)}, cap {meta.get('cap', '?')} s per run, "
             f"RLIMIT_AS {meta.get('mem_cap_gib', '?')} GiB). Raw runs: `results.jsonl`.")
    L.append("")
    if any(x.get("rerun_audit") for x in metas):
        L.append("> audit's runs, its floor and `audit page` were measured again by a later invocation "
                 "(`--rerun-audit`) with the binary named under Machine, after the anchors' runs of the first "
                 "invocation: audit's repetitions are interleaved with each other but not with the anchors'.")
        L.append("")
    L.append("## Machine")
    L.append("")
    L.append("| item | value |")
    L.append("|---|---|")
    L.append(f"| CPU | {m.get('cpu_model')} — {m.get('cpus')} logical CPUs, {m.get('threads_per_core')} thread(s)/core, AVX-512: {'yes' if m.get('cpu_flags_avx512') else 'no'} |")
    L.append(f"| RAM | {m.get('mem_total_gib')} GiB |")
    L.append(f"| OS | {m.get('os')}, kernel {m.get('kernel')} |")
    L.append(f"| audit | {m.get('audit_version')} — `{m.get('audit_path')}` (**{m.get('audit_build')}** build, binary of {m.get('audit_mtime')}; git {m.get('git_head')}{', Sources/ modified' if m.get('git_sources_dirty') else ''}), `--threads {meta.get('threads', 2)}` |")
    if meta.get("audit_binary_changed"):
        L.append(f"| **warning** | the audit binary was rebuilt during the run (mtime {m.get('audit_mtime')} → "
                 f"{meta['audit_binary_changed']}): audit's numbers mix two builds |")
    L.append(f"| scipy / numpy / Python | {m.get('scipy')} / {m.get('numpy')} / {m.get('python')} (single-threaded code paths) |")
    L.append(f"| R / boot | {m.get('R')} / {m.get('boot')} (BLAS: `{m.get('R_blas')}`) |")
    env = m.get("env", {})
    L.append("| OpenBLAS env | " + ", ".join(f"{k}={'unset' if v is None else v}" for k, v in env.items()) +
             " (the harness sets none of them) |")
    # Printed the same whether the run just measured them (tuples) or --report-only read them back (lists).
    la = [" / ".join(f"{x:.2f}" for x in v) if v else "?" for v in (meta.get("loadavg_start"), meta.get("loadavg_end"))]
    L.append(f"| load average (1/5/15 min) | start {la[0]}, end {la[1]} — other processes were "
             f"{'**busy** (load > 1.5 before runs: numbers noisy)' if meta.get('max_load_before_run', 0) > 1.5 else 'quiet'}; "
             f"max 1-min load before a run: {meta.get('max_load_before_run', '?')} |")
    L.append("")
    L.append("## Floor: drawing n·B random indices with audit's own generator")
    L.append("")
    L.append("| n | B | n·B | audit floor compute (median) | peak RSS |")
    L.append("|---|---|---|---|---|")
    floors[:] = list({f["n"]: f for f in floors}.values())  # the latest floor per n
    for f in sorted(floors, key=lambda f: f["n"]):
        if f.get("status") == "ok":
            L.append(f"| {fmt_n(f['n'])} | {f['B']:.0e} | {f['n'] * f['B']:.0e} | {fnum(med(f['computeSeconds']), ' s')} | {max(f['maxrssKiB']) / 1024:.0f} MiB |")
        else:
            L.append(f"| {fmt_n(f['n'])} | {f['B']:.0e} | {f['n'] * f['B']:.0e} | **TODO** — {f.get('message', '')} | — |")
    L.append("")
    L.append("## Timing per cell (median over repetitions; whole process and tools' own compute time)")
    L.append("")
    L.append("Whole = fork/exec to exit (interpreter start, imports, reading the file, computing, printing). "
             "Compute = the tool's own clock around the computation only (audit: `computeSeconds`, from the parsed "
             "numbers to the result, including any sorting of the sample (order intervals select their ranks instead); scipy: "
             "`perf_counter` around the scipy call; R: `Sys.time()` around `boot()`+`boot.ci()` / the qbinom CI). "
             "Ratios > 1 mean audit is faster. `timeout*`/`MemoryError*` = not run, inferred from the same "
             "statistic and method at the next smaller n (see `results.jsonl` message). "
             "`exact` rows compare audit's exact bootstrap with the anchors' **percentile** runs of the same cell.")
    L.append("")
    L.append("| n | B | stat | method | audit whole | scipy whole | R whole | audit compute | scipy compute | R compute | scipy/audit whole | scipy/audit compute | R/audit whole | R/audit compute | peak RSS MiB audit / scipy / R |")
    L.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    cells = [c for c in meta.get("cells", [])]
    spacing = Spacing()
    agree_rows, perm_rows, disagreements = [], [], []
    for c in cells:
        S = {t: summarise(by.get((c["id"], t), [])) for t in TOOLS}
        if c["method"] == "exact":
            pid = c["id"].replace(":exact:", ":percentile:")
            for t in ("scipy", "R"):
                S[t] = summarise(by.get((pid, t), []))
                if S[t]["status"] == "ok":
                    S[t] = dict(S[t], shared=True)
        rss = " / ".join(f"{s['rss'] / 1024:.0f}" if s.get("rss") else "—" for s in (S["audit"], S["scipy"], S["R"]))
        if c["kind"] == "two":
            perm_rows.append((c, S, rss))
            continue
        anchor_label = lambda t: cell_val(S[t], "wall") + (" †" if S[t].get("shared") else "")
        L.append(f"| {fmt_n(c['n'])} | {c['B']:.0e} | {c['stat']} | {c['method']} | {cell_val(S['audit'], 'wall')} | "
                 f"{anchor_label('scipy')} | {anchor_label('R')} | {cell_val(S['audit'], 'compute')} | "
                 f"{cell_val(S['scipy'], 'compute')} | {cell_val(S['R'], 'compute')} | "
                 f"{ratio(S['audit'], S['scipy'], 'wall')} | {ratio(S['audit'], S['scipy'], 'compute')} | "
                 f"{ratio(S['audit'], S['R'], 'wall')} | {ratio(S['audit'], S['R'], 'compute')} | {rss} |")
        agree_rows.append((c, S))
    L.append("")
    L.append("† the anchors' percentile runs of the same (n, stat), shown again for the exact row (not re-run).")
    L.append("")
    L.append("## Do the intervals agree? (95 % CI endpoints, seed-1 runs)")
    L.append("")
    L.append("Tolerance per endpoint = 4·√(SE_audit² + SE_anchor²) + (quantile statistics with a Monte-Carlo side: "
             "one data spacing at the endpoint), where SE is the Monte-Carlo SE of a bootstrap endpoint at level "
             "0.025, SE = (w/3.92)·√(0.025·0.975/B)/φ(1.96) ≈ 0.68·w/√B with w the tool's interval width "
             "(replicate spread taken as normal); SE = 0 for exact and order intervals (deterministic), so order "
             "vs order must match to 1e-9. The number in brackets is the worse endpoint's |Δ|/tolerance. "
             "Known, expected BCa differences for quantiles vs R: boot's z₀ counts only replicates < t₀ "
             "(scipy and audit count ties as half) and boot's jackknife influence is centred on t₀ "
             "(see shared/research/perf-anchors.md).")
    L.append("")
    L.append("| n | stat | method | audit [low, high] | scipy [low, high] | R [low, high] | audit vs scipy | audit vs R | notes |")
    L.append("|---|---|---|---|---|---|---|---|---|")
    for c, S in agree_rows:
        if c.get("na"):
            L.append(f"| {fmt_n(c['n'])} | {c['stat']} | {c['method']} | n/a | n/a | n/a | — | — | {c['na']} |")
            continue
        def ci_of(s):
            if s["status"] != "ok":
                return s["status"]
            r = s["first"]
            return f"[{fval(r.get('low'))}, {fval(r.get('high'))}]"
        mc_audit = c["method"] in ("percentile", "bca")
        mc_anchor = c["method"] in ("percentile", "bca", "exact")
        vs, ds = agreement(c, S["audit"], S["scipy"], "scipy", spacing, mc_audit, mc_anchor)
        vr, dr = agreement(c, S["audit"], S["R"], "R", spacing, mc_audit, mc_anchor)
        notes = []
        if vr.startswith("DIFFER") and c["method"] == "bca" and c["stat"] != "mean" and vs.startswith("agree"):
            vr = vr.replace("DIFFER", "differs (expected: boot's z₀/L convention)")
        a_fallback = any("a = 0 was used" in x for x in ((S["audit"].get("first") or {}).get("extra") or {}).get("notes", []) or [])
        for t, v in (("scipy", vs), ("R", vr)):
            st = S[t]
            if (v.startswith("DIFFER") and a_fallback and st["status"] == "ok"
                    and st["first"].get("low") is None and st["first"].get("high") is None):
                new_v = f"differs (expected: {t} gives no interval (NaN) when the jackknife is degenerate; audit falls back to a = 0, the BC interval)"
                if t == "scipy":
                    vs = new_v
                else:
                    vr = new_v
        for v, d, t in ((vs, ds, "scipy"), (vr, dr, "R")):
            if v.startswith("DIFFER"):
                notes.append(f"vs {t}: {d}")
                disagreements.append({"cell": c["id"], "anchor": t, "detail": d,
                                      "argv": S["audit"]["first"].get("argv")})
        a_first = S["audit"].get("first") or {}
        a_notes = (a_first.get("extra", {}) or {}).get("notes", []) or []
        if a_first.get("low") is None or a_first.get("high") is None:
            notes += [f"audit: {x}" for x in a_notes[:1]]
        if a_fallback:
            notes.append("audit: jackknife degenerate (ties at the quantile), a = 0 used (BC interval)")
        L.append(f"| {fmt_n(c['n'])} | {c['stat']} | {c['method']} | {ci_of(S['audit'])} | {ci_of(S['scipy'])} | "
                 f"{ci_of(S['R'])} | {vs} | {vr} | {'; '.join(notes)} |")
    L.append("")
    L.append("## Two-sample cells: difference of means, b − a (audit `test` vs scipy / R)")
    L.append("")
    L.append("audit side: `audit test A B --only permutation|mwu --seed S --resamples 10000 --format json --timing` "
             "(only the test the anchor runs; compute = ranking both samples — two sorts, or for values on a decimal grid one pooled sort of tagged keys — + the test). "
             "permutation = `scipy.stats.permutation_test` (independent, two-sided, B = 1e4, bounded batch); "
             "mwu = `scipy.stats.mannwhitneyu` / R `wilcox.test(exact = FALSE)`; R has no permutation anchor. "
             "p agreement: Mann–Whitney (asymptotic, deterministic) to 1e-6 relative; permutation within "
             "4·√(p(1−p)/B) + 2/(B+1).")
    L.append("")
    L.append("| n | test | audit whole | scipy whole | R whole | audit compute | scipy compute | R compute | scipy/audit whole | scipy/audit compute | R/audit whole | R/audit compute | audit p | scipy p | R p | audit vs scipy p | peak RSS MiB audit / scipy / R |")
    L.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for c, S, rss in perm_rows:
        p = lambda s: (f"{(s['first'].get('extra') or {}).get('pvalue'):.4g}"
                       if s["status"] == "ok" and (s["first"].get("extra") or {}).get("pvalue") is not None else "—")
        pv = lambda s: (s["first"].get("extra") or {}).get("pvalue") if s["status"] == "ok" else None
        pa, ps = pv(S["audit"]), pv(S["scipy"])
        if pa is None or ps is None:
            pagree = "—"
        else:
            if c["method"] == "mwu":
                tol = 1e-6 * max(abs(pa), abs(ps), 1e-300)
            else:
                tol = 4 * math.sqrt(max(ps, 1e-12) * (1 - ps) / PERM_B) + 2 / (PERM_B + 1)
            pagree = ("agree" if abs(pa - ps) <= tol else "DIFFER") + f" ({abs(pa - ps) / tol:.2f})"
            if pagree.startswith("DIFFER"):
                disagreements.append({"cell": c["id"], "anchor": "scipy", "detail": f"p audit {pa} vs scipy {ps}",
                                      "argv": S["audit"]["first"].get("argv")})
        L.append(f"| {fmt_n(c['n'])} | {c['method']} | {cell_val(S['audit'], 'wall')} | {cell_val(S['scipy'], 'wall')} | "
                 f"{cell_val(S['R'], 'wall') if anchor_method(c, 'R') else 'not run'} | "
                 f"{cell_val(S['audit'], 'compute') if S['audit'].get('compute') is not None or S['audit']['status'] != 'ok' else '— (no --timing)'} | "
                 f"{cell_val(S['scipy'], 'compute')} | {cell_val(S['R'], 'compute') if anchor_method(c, 'R') else '—'} | "
                 f"{ratio(S['audit'], S['scipy'], 'wall')} | {ratio(S['audit'], S['scipy'], 'compute')} | "
                 f"{ratio(S['audit'], S['R'], 'wall') if anchor_method(c, 'R') else '—'} | "
                 f"{ratio(S['audit'], S['R'], 'compute') if anchor_method(c, 'R') else '—'} | "
                 f"{p(S['audit'])} | {p(S['scipy'])} | {p(S['R'])} | {pagree} | {rss} |")
    L.append("")
    L += scale_and_targets(meta.get("cells", []), by, floors, pages)
    fails = [r for r in runs if r["status"] in FAIL and not r.get("inferred") and not r.get("skipped")]
    L.append("## Failures (measured, not inferred)")
    L.append("")
    if not fails:
        L.append("None.")
    for r in fails:
        L.append(f"- `{r['cell']}` {r['tool']} rep {r['rep'] + 1}: **{r['status']}** — {(r.get('message') or '')[:200]}"
                 + (f" (batch={r['extra'].get('batch')})" if (r.get('extra') or {}).get('batch') else ""))
    L.append("")
    with open(out_md, "w") as f:
        f.write("\n".join(L) + "\n")
    return disagreements


def scale_and_targets(cells, by, floors, pages):
    """The issue's scale checks and a target-by-target verdict, computed from the same runs as the tables."""
    L = []
    S = {(c["id"], t): summarise(by.get((c["id"], t), [])) for c in cells for t in TOOLS}
    ci = [c for c in cells if c["kind"] == "ci" and not c.get("na")]
    L.append("## Scale checks")
    L.append("")
    if pages:
        pg = pages[-1]
        if pg.get("status") == "ok":
            L.append(f"`audit page` over everything shipped ({pg.get('results')} result files, data/claims.json, "
                     f"data/rigs.json): median **{fnum(med(pg['wallSeconds']), ' s')}** whole process "
                     f"({len(pg['wallSeconds'])} runs), peak RSS {max(pg['maxrssKiB']) / 1024:.0f} MiB.")
        else:
            L.append(f"`audit page`: {pg.get('status')} — {pg.get('message', '')}")
        L.append("")
    L.append("How audit's compute time grows with n at fixed B = 1e4 (n·B grows with n): the exponent k in "
             "t ∝ n^k between n = 1e3 and the largest n measured. Monte-Carlo resampling of the mean should be "
             "~1 (linear in n·B); quantile intervals draw replicates from the exact bootstrap distribution "
             "(O(n) to build it, O(log n) per replicate) and order intervals are one selection pass (no sort), so ~1 or below.")
    L.append("")
    L.append("| stat | method | t(1e3) | t(1e5) | t(1e6) | exponent k | peak RSS at largest n |")
    L.append("|---|---|---|---|---|---|---|")
    for stat in STATS:
        for method in METHODS:
            row = {c["n"]: S[(c["id"], "audit")] for c in ci if c["stat"] == stat and c["method"] == method}
            if 1000 not in row or row[1000]["status"] != "ok":
                continue
            big = max((n for n in row if row[n]["status"] == "ok" and row[n].get("compute")), default=None)
            t = lambda n: fnum(row[n].get("compute"), " s") if n in row and row[n]["status"] == "ok" else "—"
            k = "—"
            if big and big > 1000 and row[1000].get("compute"):
                k = f"{math.log(row[big]['compute'] / row[1000]['compute']) / math.log(big / 1000):.2f}"
            rss = f"{row[big]['rss'] / 1024:.0f} MiB (n = {fmt_n(big)})" if big else "—"
            L.append(f"| {stat} | {method} | {t(1000)} | {t(100_000)} | {t(1_000_000)} | {k} | {rss} |")
    L.append("")

    L.append("## Targets (issue \"Performance\"), checked against the runs above")
    L.append("")
    misses = {"whole": [], "compute": []}
    checked = 0
    for c in cells:
        if c.get("na"):
            continue
        a = S[(c["id"], "audit")]
        if a["status"] != "ok":
            continue
        for t in ("scipy", "R"):
            if anchor_method(c, t) is None and c["method"] != "exact":
                continue
            b = S[(c["id"].replace(":exact:", ":percentile:"), t)] if c["method"] == "exact" else S[(c["id"], t)]
            if b["status"] == "—":
                continue
            checked += 1
            if b["status"] != "ok":
                continue  # the anchor failed or hit the cap where audit succeeded: the target counts as met
            for key in ("whole", "compute"):
                if key == "compute" and c["n"] < 10_000:
                    continue
                k = "wall" if key == "whole" else "compute"
                if not a.get(k) or not b.get(k):
                    continue
                r = b[k] / a[k]
                if r < 20:
                    misses[key].append(f"{c['id']} vs {t}: {r:.1f}×")
    L.append(f"* **≥ 20× faster than scipy and R, whole process, every cell** ({checked} audit-vs-anchor pairs; "
             f"a failed or capped anchor counts as met): " + ("met." if not misses["whole"] else
             f"**missed in {len(misses['whole'])}**: " + "; ".join(misses["whole"]) + "."))
    L.append(f"* **≥ 20× on compute only for n ≥ 1e4**: " + ("met." if not misses["compute"] else
             f"**missed in {len(misses['compute'])}**: " + "; ".join(misses["compute"]) + "."))
    big = [S[(c["id"], "audit")] for c in ci if c["n"] == 1_000_000]
    if big:
        worst = max((x.get("rss") or 0) for x in big) / 1024
        L.append(f"* **Peak RSS ≤ 200 MiB at n = 1e6**: worst audit cell {worst:.0f} MiB — " + ("met." if worst <= 200 else "**missed**."))
        eo = [(c, S[(c["id"], "audit")]) for c in ci if c["n"] == 1_000_000 and c["method"] in ("exact", "order")]
        slow = [f"{c['id']} {x.get('compute'):.3f} s" for c, x in eo if x["status"] == "ok" and (x.get("compute") or 0) >= 1]
        L.append(f"* **Exact/order quantile CIs at n = 1e6 in under 1 s (after reading)**: max compute "
                 f"{max((x.get('compute') or 0) for _, x in eo):.3f} s — " + ("met." if not slow else "**missed**: " + "; ".join(slow)))
    else:
        L.append("* Peak RSS and exact/order at n = 1e6: not measured in this run (no n = 1e6 cells).")
    if pages and pages[-1].get("status") == "ok":
        w = med(pages[-1]["wallSeconds"])
        L.append(f"* **`audit page` over everything shipped in under 2 s**: {fnum(w, ' s')} — " + ("met." if w < 2 else "**missed**."))
    fl = {f["n"]: med(f["computeSeconds"]) for f in floors if f.get("status") == "ok"}
    rows = []
    for c in ci:
        a = S[(c["id"], "audit")]
        if c["method"] in ("percentile", "bca") and a["status"] == "ok" and fl.get(c["n"]) and a.get("compute"):
            rows.append((c, a["compute"] / fl[c["n"]]))
    if rows:
        mean_rows = [(c, r) for c, r in rows if c["stat"] == "mean"]
        over = [f"{c['id']} {r:.2f}×" for c, r in mean_rows if r > 2]
        L.append("* **Within 2× of the floor** (audit compute ÷ time to draw n·B indices at the same n, B), for the "
                 "cells that resample n·B indices (the mean): " + (", ".join(f"{c['id']} {r:.2f}×" for c, r in mean_rows) or "none measured")
                 + ". " + ("All within 2×." if not over else "**Over 2×**: " + "; ".join(over) + ".")
                 + " Quantile cells draw B replicates from the exact bootstrap distribution instead of n·B indices "
                 "(ratios to the floor: " + ", ".join(f"{c['id']} {r:.2f}×" for c, r in rows if c["stat"] != "mean") + ").")
    L.append("")
    return L


# --------------------------------------------------------------------------- main

def default_audit():
    for k in ("release", "debug"):
        p = os.path.join(ROOT, ".build", k, "audit")
        if os.path.exists(p):
            return p
    return os.path.join(ROOT, ".build", "release", "audit")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="1 repetition, skip n = 1e6")
    ap.add_argument("--reps", type=int, help="repetitions per tool and cell (default 3; 1 with --quick)")
    ap.add_argument("--fast-reps", type=int, default=9,
                    help="repetitions of a cell whose every tool finished its first run within --fast-limit (default 9)")
    ap.add_argument("--fast-limit", type=float, default=2.0,
                    help="whole-process seconds under which a cell counts as fast (default 2)")
    ap.add_argument("--fast-compute", type=float, default=0.1,
                    help="compute seconds under which a cell also counts as fast if its whole process took under "
                         "twice --fast-limit (default 0.1)")
    ap.add_argument("--cap", type=float, default=300.0, help="per-run time cap in seconds (default 300)")
    ap.add_argument("--repeat-limit", type=float, default=30.0,
                    help="an anchor whose first run took longer than this many seconds is not repeated (default 30)")
    ap.add_argument("--mem-cap-gib", type=float, default=12.0, help="RLIMIT_AS per run in GiB (default 12; 0 = none)")
    ap.add_argument("--audit", default=default_audit(), help="audit binary (default .build/release/audit, else debug)")
    ap.add_argument("--threads", type=int, default=2, help="audit --threads (default 2)")
    ap.add_argument("--n", type=float, nargs="*", help="only these n (e.g. --n 30 1e3)")
    ap.add_argument("--stat", nargs="*", help="only these statistics")
    ap.add_argument("--no-perm", action="store_true", help="skip the two-sample cells")
    ap.add_argument("--no-infer", action="store_true",
                    help="run every cell even when the same stat/method timed out at a smaller n")
    ap.add_argument("--resume", action="store_true", help="keep results.jsonl and skip runs already in it")
    ap.add_argument("--rerun-audit", action="store_true",
                    help="keep the anchors' runs in results.jsonl and measure every audit run (and the floor and "
                         "audit page) again with the current binary")
    ap.add_argument("--report-only", action="store_true", help="only rewrite RESULTS.md from results.jsonl")
    ap.add_argument("--out", default=HERE, help="where results.jsonl and RESULTS.md go (default: this folder)")
    args = ap.parse_args()
    args.reps = args.reps or (1 if args.quick else 3)
    if args.quick:
        args.fast_reps = args.reps
    jsonl = os.path.join(args.out, "results.jsonl")
    md = os.path.join(args.out, "RESULTS.md")
    if args.report_only:
        for d in report(args, None, jsonl, md):
            print("DISAGREE", d)
        print(f"wrote {md}")
        return
    if not os.path.exists(args.audit):
        sys.exit(f"run.py: no audit binary at {args.audit}; build it (swift build -c release) or pass --audit")
    if os.environ.get("OPENBLAS_CORETYPE"):
        print(f"run.py: warning: OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']} is set in your environment; "
              "the harness passes the environment through unchanged (recorded in RESULTS.md)", file=sys.stderr)
    sizes = [n for n in SIZES if not (args.quick and n == 1_000_000)]
    if args.n:
        sizes = [n for n in sizes if n in {int(x) for x in args.n}]
    t0 = time.time()
    gen_data.ensure(sizes, quiet=False)
    cells = ci_cells(sizes)
    if args.stat:
        cells = [c for c in cells if c["stat"] in args.stat]
    if not args.no_perm:
        cells += perm_cells([n for n in PERM_SIZES if n in sizes])
    cells.sort(key=lambda c: (c["n"], c["kind"] != "ci"))  # small n first
    m = machine(args)
    try:
        test_help = subprocess.run([args.audit, "test", "--help"], capture_output=True, text=True).stdout
    except OSError:
        test_help = ""
    args.test_timing = "--timing" in test_help
    args.test_only = "--only" in test_help
    if m["audit_build"] == "debug":
        print("run.py: NOTE: audit is a DEBUG build (~10x slower); this is a dry run of the harness", file=sys.stderr)
    if args.mem_cap_gib:
        cap = int(args.mem_cap_gib * GiB)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))  # inherited by every tool's process
    log = Log(jsonl, args.resume or bool(args.rerun_audit), "audit" if args.rerun_audit else None)
    meta = {"type": "meta", "command": "python3 benchmarks/perf/run.py " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
            "started": datetime.datetime.now().isoformat(timespec="seconds"), "reps": args.reps, "cap": args.cap,
            "fast_reps": args.fast_reps, "fast_limit": args.fast_limit, "fast_compute": args.fast_compute,
            "mem_cap_gib": args.mem_cap_gib, "repeat_limit": args.repeat_limit, "rerun_audit": args.rerun_audit, "threads": args.threads, "machine": m, "loadavg_start": os.getloadavg(),
            "cells": cells}
    run_floor(args, log, sizes)
    run_page(args, log)
    run_all(args, cells, log)
    meta["finished"] = datetime.datetime.now().isoformat(timespec="seconds")
    meta["harness_seconds"] = time.time() - t0
    meta["loadavg_end"] = os.getloadavg()
    mt_end = datetime.datetime.fromtimestamp(os.path.getmtime(args.audit)).isoformat(timespec="seconds")
    if mt_end != m["audit_mtime"]:
        meta["audit_binary_changed"] = mt_end
        print(f"run.py: WARNING: {args.audit} was rebuilt during the run ({m['audit_mtime']} -> {mt_end}); "
              "audit's numbers mix two binaries", file=sys.stderr)
    loads = [json.loads(l).get("loadavg_before", [0])[0] for l in open(jsonl) if '"loadavg_before"' in l]
    meta["max_load_before_run"] = round(max(loads), 2) if loads else None
    log.add(meta)
    dis = report(args, meta, jsonl, md)
    for d in dis:
        print("DISAGREE", json.dumps(d))
    print(f"wrote {jsonl} and {md} in {meta['harness_seconds']:.0f} s")


if __name__ == "__main__":
    main()
