#!/usr/bin/env python3
"""SYNTHETIC BenchmarkRun files for tests — not measurements.

Makes jail-zfs-clone_cold-start-ms_cc{1,10,50}.json shaped like the notebook's rig output:
integer milliseconds (the rig's python3 clock), 30/30/50 iterations (the rigs' shallow defaults),
cc1 centred near the notebook's published 121.5 ms mean, higher and wider under concurrency.
The summary uses summarize.py's rule. Run: python3 generate_synthetic_results.py
"""
import json, math, os, random, statistics

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "synthetic-results")
HOST = {"hostname": "synthetic-host", "kernel": "FreeBSD", "release": "15.0-RELEASE-p4",
        "cpuModel": "synthetic (test fixture)", "cpuCount": 16, "memGB": 31.2}
SHAPES = {1: (30, 118.0, 0.10), 10: (30, 310.0, 0.18), 50: (50, 1400.0, 0.25)}


def summarize(samples):
    ss = sorted(samples)
    def pct(p):
        return ss[min(len(ss) - 1, int(len(ss) * p / 100))]
    return {"mean": statistics.mean(ss), "p50": pct(50), "p95": pct(95), "p99": pct(99),
            "min": min(ss), "max": max(ss), "n": len(ss)}


def main():
    os.makedirs(OUT, exist_ok=True)
    for cc, (n, median, sigma) in SHAPES.items():
        rng = random.Random(20261129 + cc)
        samples = [float(round(median * math.exp(sigma * rng.gauss(0, 1)))) for _ in range(n)]
        run = {"config": "jail-zfs-clone", "host": HOST, "metric": "cold-start-ms", "concurrency": cc,
               "samples": samples, "summary": summarize(samples),
               "scriptPath": "benchmarks/rigs/jail-zfs-clone.sh", "runAt": "2026-11-29T00:00:00Z",
               "provenance": {"synthetic": "SYNTHETIC test fixture made by Tests/CLITests/Fixtures/generate_synthetic_results.py; not a measurement"}}
        with open(os.path.join(OUT, f"jail-zfs-clone_cold-start-ms_cc{cc}.json"), "w") as f:
            json.dump(run, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
