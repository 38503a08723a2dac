#!/usr/bin/env python3
"""Writes tools/link/hot-sections.txt: the code sections the release link places first, together.

A release `audit` is ~9 MiB of code; the functions one order-statistic interval runs (the whole
process) were spread over ~320 pages of 4 KiB, and on the reference VM a first computation paid for fetching them (instruction
cache and TLB misses: benchmarks/perf/README.md, note 29). Package.swift compiles the project's Swift
and C code with one section per function in release builds and passes this file to the linker (GNU gold,
the toolchain's default on Linux: `--section-ordering-file`), which lays those sections out first, in this
order; sections not named here (and the Swift standard library's code, which is mostly one section) keep
their usual places. Only the layout changes: a stale or missing name costs locality, never correctness.

How the list is made: each command below runs under `valgrind --tool=callgrind` (on a copy of the binary
without its DWARF 5 debug information, which valgrind 3.19 cannot read); every function that executed,
hottest first, command after command, becomes `.text.<mangled name>`. Rerun after large changes:

    swift build -c release && python3 benchmarks/perf/gen_data.py && python3 tools/hot_sections.py
"""
import os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tools", "link", "hot-sections.txt")
DATA = os.path.join(ROOT, "benchmarks", "perf", "data")


def commands(audit):
    a5 = os.path.join(DATA, "a_n100000.txt")
    common = ["--format", "json", "--timing", "--threads", "2"]
    # Only the order-statistic intervals: a computation of ~0.1 ms, where the first fetch of the code is a
    # tenth of the time. Adding the bootstrap and Mann-Whitney commands' functions (longer computations, whose
    # code is fetched once and then runs warm) spread the order path again: median at 10^5 124.8-132.3 us
    # with this list against 135.4-140.7 with that one (note 29).
    return [[audit, "ci", a5, "--stat", s, "--method", "order"] + common for s in ("median", "p95", "p99")]


def executed(audit, argv):
    """Names of the functions that ran, by instructions executed (most first)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}"] + argv,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = subprocess.run(["callgrind_annotate", "--inclusive=no", "--threshold=100", out],
                              check=True, capture_output=True, text=True).stdout
    names = []
    for line in text.splitlines():
        m = re.match(r"^\s*[\d,]+ \([^)]*\)\s+(\S+)", line)
        if not m or "PROGRAM TOTALS" in line:
            continue
        name = m.group(1).split(":", 1)[-1] if not m.group(1).startswith("$") else m.group(1)
        name = re.sub(r"'\d+$", "", name)  # callgrind marks recursion depth with 'N
        names.append(name)
    return names


def main():
    binary = os.path.join(ROOT, ".build", "release", "audit")
    if not os.path.exists(binary):
        sys.exit("build first: swift build -c release")
    if not os.path.exists(os.path.join(DATA, "a_n100000.txt")):
        sys.exit("generate the harness's data first: python3 benchmarks/perf/gen_data.py")
    ours = set(subprocess.run(["nm", binary], check=True, capture_output=True, text=True).stdout.split())
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "audit")
        subprocess.run(["objcopy", "--strip-debug", binary, copy], check=True)
        ordered = []
        for argv in commands(copy):
            for name in executed(copy, argv):
                if name in ours and name not in ordered:
                    ordered.append(name)
    tmp_out = OUT + ".tmp"
    with open(tmp_out, "w") as f:
        f.write("".join(f".text.{n}\n" for n in ordered))
    os.replace(tmp_out, OUT)
    print(f"wrote {len(ordered)} sections to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
