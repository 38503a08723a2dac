#!/usr/bin/env python3
"""Convert the public raw datasets into BenchmarkRun JSON files, byte for byte reproducibly.

Input: the dataset folders copied from public repositories (benchmarks/sources; see its README.md
and each folder's SOURCE.md). Output: one BenchmarkRun file per (config, metric, concurrency),
named `<config>_<metric>_cc<N>.json`, in the schema of DESIGN.md §3 plus a `provenance` object.

    python3 tools/import_datasets.py --out benchmarks/results
    python3 tools/import_datasets.py --check            (--datasets defaults to benchmarks/sources)

Rules this script keeps, so anyone can re-derive every file byte for byte:
* summary uses summarize.py's rule exactly: sorted samples ss, pct(p) = ss[min(n-1, int(n*p/100))],
  mean = statistics.mean (so p99 of 30 samples is the max);
* every sample is written as a float (Python repr), after unit conversion, in source-file order;
* every source file's sha256 must equal the one listed in the datasets README, or nothing is written;
* nothing in an output depends on the machine, the clock or the paths given on the command line;
* files are written atomically; a file whose bytes differ is not overwritten without --force.

Exit codes (as DESIGN.md §3): 0 ok; 1 --check found a file that differs, is missing or is stale;
64 usage; 65 malformed input or a hash mismatch; 66 input missing; 73 output refused or not creatable.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

CONVERTER = "tools/import_datasets.py"
CONVERTER_VERSION = 1
CONFIG_RE = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
RUN_KEYS = ("config", "host", "metric", "concurrency", "samples", "summary",
            "scriptPath", "runAt", "provenance")

EX_OK, EX_DIFFERS, EX_USAGE, EX_DATAERR, EX_NOINPUT, EX_CANTCREAT = 0, 1, 64, 65, 66, 73


# The name diagnostics start with: `audit import` sets it to "audit" so that its messages read like
# every other subcommand's ("audit: FILE: what is wrong").
PROG = os.environ.get("IMPORT_DATASETS_PROG", "import_datasets")


def quote(value, limit=60):
    """repr() of a source value for a diagnostic, shortened past `limit` characters (a mutated or hostile
    file can hold a megabyte-long name; the message must stay one readable line)."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(str(value))} characters)"


class InputError(Exception):
    """Malformed or unexpected source data (exit 65)."""


class MissingInput(Exception):
    """A dataset folder or file is absent (exit 66)."""


# ---------------------------------------------------------------- shared helpers

def summarize(samples):
    """summarize.py's summary: nearest rank at index min(n-1, floor(n*p/100)) of the sorted samples."""
    ss = sorted(samples)
    n = len(ss)
    if n == 0:
        raise InputError("no samples to summarize")

    def pct(p):
        return ss[min(n - 1, int(n * p / 100))]

    return {"mean": statistics.mean(ss), "p50": pct(50), "p95": pct(95), "p99": pct(99),
            "min": ss[0], "max": ss[-1], "n": n}


def sanitize_config(name):
    """Lower-case, underscores and any other character outside [a-z0-9.-] become hyphens."""
    out = re.sub(r"[^a-z0-9.-]", "-", name.lower())
    if not CONFIG_RE.match(out):
        raise InputError(f"config name {quote(name)} cannot be made to match {CONFIG_RE.pattern}")
    return out


def lambda_config(r_field):
    prefix = "lambda-perf-"
    if not r_field.startswith(prefix):
        raise InputError(f"lambda-perf function name {quote(r_field)} lacks the {prefix!r} prefix")
    return sanitize_config("lambda-" + r_field[len(prefix):])


def file_name(run):
    return f"{run['config']}_{run['metric']}_cc{run['concurrency']}.json"


def render(run):
    """The exact output bytes of one BenchmarkRun."""
    ordered = {key: run[key] for key in RUN_KEYS}
    return (json.dumps(ordered, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


def sha256_of(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def host_record(hostname=None, kernel=None, release=None, cpu_model=None, cpu_count=None, mem_gb=None):
    return {"hostname": hostname, "kernel": kernel, "release": release,
            "cpuModel": cpu_model, "cpuCount": cpu_count, "memGB": mem_gb}


def make_run(*, config, host, metric, concurrency, samples, script_path, run_at, source,
             source_key, source_value, unit_conversion, notes, host_notes, extra=None):
    """Assemble one BenchmarkRun; `extra` holds optional provenance keys, inserted in a fixed order."""
    samples = [float(v) for v in samples]
    if not samples:
        raise InputError(f"{config} {metric}: no samples")
    if any(v != v or v in (float("inf"), float("-inf")) for v in samples):
        raise InputError(f"{config} {metric}: non-finite sample")
    provenance = {"source": source, "converter": CONVERTER, "converterVersion": CONVERTER_VERSION,
                  source_key: source_value, "unitConversion": unit_conversion, "notes": list(notes)}
    for key in ("publishedSummary", "failures", "failureDetails", "sourceRecord"):
        if extra and key in extra:
            provenance[key] = extra[key]
    provenance["hostNotes"] = list(host_notes)
    return {"config": config, "host": host, "metric": metric, "concurrency": concurrency,
            "samples": samples, "summary": summarize(samples), "scriptPath": script_path,
            "runAt": run_at, "provenance": provenance}


def source_block(repo, commit, path, license_id, local_file, **more):
    block = {"repo": repo, "commit": commit, "path": path, "license": license_id,
             "sha256": sha256_of(local_file)}
    block.update(more)
    return block


def require_dir(path):
    if not path.is_dir():
        raise MissingInput(f"{path}: dataset folder missing")
    return path


# Longest run file name written (bytes); file systems refuse names over 255.
MAX_FILE_NAME = 200

# The source file being converted, so that an unexpected shape deep in a converter is still reported
# against the file it came from.
_reading = [None]


def read_source_text(path):
    """A source file's text; invalid UTF-8 is an InputError naming the file and the offset."""
    _reading[0] = path
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})") from None


def describe_exception(exc):
    if isinstance(exc, KeyError):
        return f"missing key {quote(exc.args[0])}" if exc.args else "missing key"
    if isinstance(exc, (TypeError, AttributeError)):
        return f"a value has an unexpected type ({exc})"
    return f"unexpected value ({exc})"


def check_family_hashes(datasets, family, manifest):
    """Every listed source file of a family must match its sha256 before anything is parsed."""
    for local, expected in sorted(manifest.items()):
        path = datasets / local
        if local.startswith(family + "/") and path.is_file():
            actual = sha256_of(path)
            if actual != expected:
                raise InputError(f"{path}: sha256 {actual} differs from the README's {expected}")


def read_numeric_lines(path, columns):
    """Whitespace-separated numbers, one row a line, exactly `columns` per non-empty line."""
    rows = []
    for lineno, line in enumerate(read_source_text(path).splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != columns:
            raise InputError(f"{path}: line {lineno}: expected {columns} column(s), got {len(parts)}")
        try:
            rows.append([int(p) for p in parts])
        except ValueError:
            raise InputError(f"{path}: line {lineno}: not an integer row: {quote(line)}") from None
    if not rows:
        raise InputError(f"{path}: no data lines")
    return rows


# ---------------------------------------------------------------- Firecracker NSDI'20

FC_REPO = "https://github.com/firecracker-microvm/nsdi2020-data"
FC_COMMIT = "cf1b30f674523ee44363f74e16bcb301ffb10598"
FC_LAST_CHANGE = "b35147fbc1e51754757c6aaad04dcd219b1f45df"
FC_RUN_AT = "2020-02-09T00:00:00Z"
FC_HOST = host_record("ip-10-0-0-82", "Linux", "4.15.0-1044-aws",
                      "Intel(R) Xeon(R) Platinum 8175M CPU @ 2.50GHz", 48,
                      round(395917312 / 1024 ** 2, 2))
FC_HOST_NOTES = [
    "hostname, kernel and release from data/m5d.metal/sys/sys_uname.txt in the same repository "
    "('Linux ip-10-0-0-82 4.15.0-1044-aws ... Ubuntu'); cpuModel from sys_cpuinfo.txt (SOURCE.md, Corrections).",
    "cpuCount 48 is INFERRED, not stated: sys_cpuinfo.txt shows 2 sockets x 24 cores with siblings = cores "
    "(hyperthreading off); SOURCE.md derives the count from the file's length and marks it as inferred. "
    "sys_numactl.txt (version at 0eee6a5) lists CPUs 0-47 on 2 NUMA nodes, which agrees.",
    "memGB = MemTotal 395917312 kB (sys_meminfo.txt) / 1024^2, rounded to 2 places (GiB, as summarize.py).",
    "The instance type AWS m5d.metal is named only by the data directory; guest: 1 vCPU, 256 MiB, minimal "
    "LinuxKit kernel and rootfs, init prep/pkg/init-exit/init.c. Firecracker 0.20.0, QEMU 4.2.0 (sys/ files).",
]
FC_LABELS = {
    # label: (what the scripts at the pinned commit actually ran, driver script for serial files)
    "fc-api": ("Firecracker started with --no-api --config-file (util_start_fc.sh WITHOUT -s), guest kernel "
               "img/boot-time-pci-vmlinux", "scripts/run-boot-serial.sh"),
    "fc-file": ("Firecracker driven over the API socket (util_start_fc.sh WITH -s), guest kernel "
                "img/boot-time-pci-vmlinux", "scripts/run-boot-serial.sh"),
    "fc-net-api": ("Firecracker over the API socket (-s) with a network device (-i 0 -n), guest kernel "
                   "img/boot-time-vmlinux", "scripts/run-boot-net.sh"),
    "fc-nopci-api": ("Firecracker over the API socket (-s), non-PCI guest kernel img/boot-time-vmlinux",
                     "scripts/run-boot-kernel.sh"),
    "chv": ("Cloud Hypervisor, guest kernel img/boot-time-pci-vmlinux", "scripts/run-boot-serial.sh"),
    "chv-bz": ("Cloud Hypervisor booting the bzImage img/boot-time-pci-vmlinuz", "scripts/run-boot-kernel.sh"),
    "chv-net": ("Cloud Hypervisor with a network device (-i 0 -n), guest kernel img/boot-time-pci-vmlinux",
                "scripts/run-boot-net.sh"),
    "qemu": ("QEMU with its default firmware, guest kernel img/boot-time-pci-vmlinuz", "scripts/run-boot-serial.sh"),
    "qemu-uvm": ("QEMU started by util_start_qemu_uvm.sh (the microVM variant), img/boot-time-pci-vmlinuz",
                 "scripts/run-boot-serial.sh"),
    "qboot": ("QEMU with the qboot firmware (-w qboot.bin), img/boot-time-pci-vmlinuz", "scripts/run-boot-serial.sh"),
    "qboot-net": ("QEMU with qboot and a network device (-i 0 -n), img/boot-time-pci-vmlinuz",
                  "scripts/run-boot-net.sh"),
}
FC_FILE_RE = re.compile(r"^boot-(?:serial|parallel-(\d+))-([a-z0-9-]+)\.dat$")


def convert_firecracker(folder):
    runs = []
    for path in sorted(require_dir(folder).glob("boot-*.dat")):
        m = FC_FILE_RE.match(path.name)
        if not m:
            raise InputError(f"{path}: unexpected file name")
        parallel, label = m.group(1), m.group(2)
        if label not in FC_LABELS:
            raise InputError(f"{path}: unknown configuration label {quote(label)}")
        concurrency = int(parallel) if parallel else 1
        is_fc = label.startswith("fc-")
        rows = read_numeric_lines(path, 2 if is_fc else 1)
        what, serial_script = FC_LABELS[label]
        script = "scripts/run-boot-parallel.sh" if parallel else serial_script
        if parallel and label == "qemu":
            what = ("QEMU WITH the qboot firmware (run_qemu in run-boot-parallel.sh passes -w qboot.bin), "
                    "img/boot-time-pci-vmlinuz; the parallel 'qemu' files are QEMU+qboot, unlike "
                    "boot-serial-qemu.dat, so compare them with the serial 'qboot' file")
        notes = [f"Configuration as run by {script} at the pinned commit: {what}."]
        if label in ("fc-api", "fc-file"):
            notes.append(
                "LABEL SWAP: in scripts/run-boot-serial.sh and run-boot-parallel.sh, run_firecracker with no "
                "argument writes *-fc-api.dat but calls util_start_fc.sh without -s (the --no-api --config-file "
                "path), and `run_firecracker sock` writes *-fc-file.dat with -s (the API socket). So 'fc-api' "
                "measured config-file mode and 'fc-file' the API socket. The config name keeps the file's label; "
                "do not read it as the boot mode. (In run-boot-net.sh and run-boot-kernel.sh '-api' does mean "
                "socket mode.)")
        if parallel:
            notes.append(f"Concurrency: 1,000 starts through `seq 1 1000 | xargs -P {concurrency}`, so "
                         f"{concurrency} VMs are in flight at any moment; each line is one VM, written in "
                         "completion order.")
        else:
            notes.append("Concurrency: one VM at a time, `sleep 1` and `killall -9` between boots.")
        if parallel and len(rows) != 1000:
            notes.append(f"The file has {len(rows)} lines, not the 1,000 starts the script issues; the source "
                         "does not record why the missing start(s) left no line.")
        notes.append(f"runAt is the commit date of snapshot HEAD {FC_COMMIT[:7]} (2020-02-09, SOURCE.md); only "
                     f"the date is known, the time is set to 00:00Z. The raw files were last changed in "
                     f"{FC_LAST_CHANGE[:7]}, on or before that date. The boots themselves are undated.")
        source = source_block(FC_REPO, FC_COMMIT, f"data/m5d.metal/raw/{path.name}", "Apache-2.0", path,
                              fileLastChangedIn=FC_LAST_CHANGE,
                              localCopy=f"firecracker-nsdi2020-boot/{path.name}")
        common = dict(config=f"nsdi2020-{label}", host=FC_HOST, concurrency=concurrency,
                      script_path=f"firecracker-microvm/nsdi2020-data@{FC_COMMIT[:7]}:{script}",
                      run_at=FC_RUN_AT, source=source, source_key="sourceColumn", host_notes=FC_HOST_NOTES)
        runs.append(make_run(
            metric="host-spawn-to-exit-ms", samples=[r[0] / 1000 for r in rows],
            source_value="column 1 (microseconds)", unit_conversion="µs / 1000",
            notes=["Boundary: host wall clock (`date +%s%N`/1000) just before the VMM process is spawned to "
                   "right after it exits; the guest's mock init writes an I/O port that makes the VMM exit "
                   "(0xf4 isa-debug-exit for QEMU, patched in for Firecracker and Cloud Hypervisor). It covers "
                   "VMM start, guest kernel boot, first userspace instruction (PID 1) and VMM exit, plus shell "
                   "and `date` fork overhead (scripts/util_start_{fc,cloudhv,qemu}.sh)."] + notes,
            **common))
        if is_fc:
            runs.append(make_run(
                metric="instancestart-to-init-ms", samples=[r[1] for r in rows],
                source_value="column 2 (milliseconds, Firecracker's Guest-boot-time log line)",
                unit_conversion="none (integer ms written as float)",
                notes=["Boundary: Firecracker's own Guest-boot-time log line, from the InstanceStart API call to "
                       "the guest writing the debug port (patch prep/firecracker/patches/0002-*); this is the "
                       "boundary of Firecracker SPECIFICATION.md's '<= 125 ms' (SOURCE.md, Corrections). "
                       "Integer milliseconds, so resolution is 1 ms. About 50 ms below column 1 of the same "
                       "boot. For config-file runs no InstanceStart request is sent over an API; that the timer "
                       "starts at the equivalent internal start action is assumed, not verified here."] + notes,
                **common))
    if not runs:
        raise MissingInput(f"{folder}: no boot-*.dat files")
    return runs


# ---------------------------------------------------------------- computesdk

CS_REPO = "https://github.com/computesdk/benchmarks"
CS_COMMIT = "0a010e00a96d2a6fbbaa148648313258064f7bdc"
CS_MODES = {
    # mode: (default concurrency, driver script, mode note)
    "sequential": (1, "src/sandbox/benchmark.ts",
                   "Mode sequential: one sandbox at a time, 100 in a row; the file has no mode or concurrency "
                   "field (concurrency 1 by mode); iteration order is time order."),
    "staggered": (100, "src/sandbox/staggered.ts",
                  "Mode staggered: 100 launches 200 ms apart (staggerDelayMs), overlapping; samples are in "
                  "launch order. rampProfile[].readyAt and wallClockMs (sourceRecord) are taken after destroy() "
                  "finishes, so they include teardown; timeToFirstReadyMs is min(ttiMs)."),
    "burst": (100, "src/sandbox/concurrent.ts",
              "Mode burst (file mode 'concurrent'): all 100 sandboxes started at once; samples are in launch "
              "order. wallClockMs (sourceRecord) includes teardown; timeToFirstReadyMs is min(ttiMs), not a "
              "wall-clock 'first ready' instant."),
}
CS_FILE_RE = re.compile(r"^(sequential|staggered|burst)_tti-(\d{4}-\d{2}-\d{2})\.json$")
CS_RECORD_KEYS = ("provider", "mode", "concurrency", "staggerDelayMs", "wallClockMs",
                  "timeToFirstReadyMs", "compositeScore", "successRate")
CS_HOST_NOTES = [
    "The host is the benchmark CLIENT, a GitHub Actions runner on Namespace (namespace-profile-default, "
    "METHODOLOGY.md), not the provider's sandbox host. kernel 'Linux' is derived from the file's "
    "environment.platform = 'linux' (Node's process.platform); hostname, release, cpuModel, cpuCount and "
    "memGB of the runner are not disclosed.",
    "Provider-side hardware, region and template are not disclosed; the network path from the runner to each "
    "provider's API is part of every sample.",
]


def computestats_trimmed(values, trim=0.05):
    """computesdk src/util/stats.ts::computeStats: trim floor(5% n) each end, nearest rank ceil(p/100*n)-1."""
    s = sorted(values)
    k = int(len(s) * trim)
    t = s[k:len(s) - k] if k > 0 and len(s) - 2 * k > 0 else s
    mid = len(t) // 2
    median = (t[mid - 1] + t[mid]) / 2 if len(t) % 2 == 0 else t[mid]

    def pct(p):
        idx = max(0, math.ceil((p / 100) * len(t)) - 1)  # the same float arithmetic as the JS
        return t[min(idx, len(t) - 1)]

    return {"median": median, "p95": pct(95), "p99": pct(99)}


def published_check_note(successes, published):
    """Say how the file's own (trimmed) summary relates to a recomputation from its samples."""
    mine = computestats_trimmed(successes)
    off = {k: abs(mine[k] - published[k]) for k in ("median", "p95", "p99") if k in published}
    if all(v < 1e-9 for v in off.values()):
        verdict = "all three match exactly"
    elif all(v <= 0.005 + 1e-9 for v in off.values()):
        verdict = ("they match to within 0.005 ms (" +
                   ", ".join(f"{k} recomputed {mine[k]!r} vs published {published[k]!r}"
                             for k, v in off.items() if v >= 1e-9) +
                   "; the source rounds its summary to 0.01 ms, and a median of two stored 0.01 ms samples "
                   "can fall on a half-hundredth)")
    else:
        verdict = "THEY DIFFER: " + ", ".join(f"{k} recomputed {mine[k]!r} vs published {published[k]!r}"
                                             for k in off)
    return ("publishedSummary is the file's own summary.ttiMs, from src/util/stats.ts::computeStats: it drops "
            "the lowest and highest floor(5% n) successful samples, then takes nearest-rank ceil(p/100*n)-1 "
            "percentiles (median = mean of the middle two) of the trimmed set, so its 'p99' is about the 94.5th "
            "percentile of the raw data. This file's summary is untrimmed (summarize.py's rule). Recomputing "
            "the trimmed rule from these samples: " + verdict + ".")


def convert_computesdk(folder):
    runs = []
    paths = sorted(require_dir(folder).glob("*_tti-*.json"))
    for path in paths:
        m = CS_FILE_RE.match(path.name)
        if not m:
            raise InputError(f"{path}: unexpected file name")
        mode, day = m.group(1), m.group(2)
        default_cc, script, mode_note = CS_MODES[mode]
        try:
            doc = json.loads(read_source_text(path))
            run_at = doc["timestamp"]
            platform = doc["environment"]["platform"]
            results = doc["results"]
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}: not the computesdk v1.1 schema: {exc}") from None
        host = host_record(kernel="Linux" if platform == "linux" else None)
        for res in results:
            provider = res["provider"]
            successes, failures = [], []
            for idx, it in enumerate(res["iterations"]):
                if "error" in it:
                    failures.append({"iteration": idx, "ttiMs": it.get("ttiMs"), "error": it["error"]})
                elif isinstance(it.get("ttiMs"), (int, float)) and it["ttiMs"] > 0:
                    successes.append(it["ttiMs"])
                else:
                    raise InputError(f"{path}: {provider} iteration {idx}: no error and no positive ttiMs")
            published = res["summary"]["ttiMs"]
            notes = [
                "Boundary: client-side performance.now() just before compute.sandbox.create() to after an "
                "identity-probe shell command AND `node -v` both return exit code 0 (runIteration in "
                "src/sandbox/benchmark.ts): API create + provider readiness + two command round trips; "
                "METHODOLOGY.md describes only `node -v`. Teardown (destroy()) is not timed.",
                mode_note,
                published_check_note(successes, published),
                (f"{len(failures)} failed iteration(s) are recorded in the file as ttiMs 0 with an error string; "
                 "they are excluded from samples and listed in failureDetails (iteration = 0-based index)."
                 if failures else "No failed iterations are recorded for this provider in this mode."),
                "runAt is the file's own 'timestamp' field (when the results file was written).",
            ]
            extra = {"publishedSummary": res["summary"], "failures": len(failures)}
            if failures:
                extra["failureDetails"] = failures
            extra["sourceRecord"] = {k: res[k] for k in CS_RECORD_KEYS if k in res}
            extra["sourceRecord"]["environment"] = doc["environment"]
            runs.append(make_run(
                config=sanitize_config(f"computesdk-{provider}-{mode}"), host=host, metric="tti-ms",
                concurrency=int(res.get("concurrency", default_cc)), samples=successes,
                script_path=f"computesdk/benchmarks@{CS_COMMIT[:7]}:{script}", run_at=run_at,
                source=source_block(CS_REPO, CS_COMMIT, f"results/{mode}_tti/{day}.json", "MIT", path,
                                    localCopy=f"computesdk-sandbox-tti/{path.name}"),
                source_key="sourceField",
                source_value=f"results[provider={provider}].iterations[].ttiMs (iterations without 'error')",
                unit_conversion="none (ms)", notes=notes, host_notes=CS_HOST_NOTES, extra=extra))
    if not runs:
        raise MissingInput(f"{folder}: no *_tti-*.json files")
    return runs


# ---------------------------------------------------------------- kuasar / kata

KU_REPO = "https://github.com/kuasar-io/kuasar"
KU_COMMIT = "c2f581fbef971a9fddfe496d67e0cc9b53d8b859"
KU_SNAPSHOT = "6a74f374f30780a2814f5ac9b84ac742c882d9ab"
KU_FILE_RE = re.compile(r"^boot-(serial-1000|parallel-50)-(kuasar|kata)-time\.dat$")
KU_HOST_NOTES = [
    "CPU model, CPU count, RAM, hostname and kernel release of the host are not disclosed. kernel 'Linux' is "
    "inferred from the disclosed OS 'CentOS 8' (tests/benchmark/Benchmark.md).",
    "Disclosed software: containerd v1.7.0, Kata v2.5.2, Cloud Hypervisor v28.2 (the VMM for both runtimes), "
    "guest kernel 6.1.6; pod 1 vCPU / 2 GiB, image ubuntu:latest with --no-pull, hostNetwork (no CNI).",
]


def convert_kuasar(folder):
    runs = []
    for path in sorted(require_dir(folder).glob("boot-*.dat")):
        m = KU_FILE_RE.match(path.name)
        if not m:
            raise InputError(f"{path}: unexpected file name")
        kind, runtime = m.group(1), m.group(2)
        rows = read_numeric_lines(path, 1)
        serial = kind.startswith("serial")
        script = f"tests/benchmark/scripts/boot-{'serial' if serial else 'parallel'}-{runtime}-time.sh"
        if serial:
            metric, cc = "cri-run-to-ps-listed-ms", 1
            notes = [
                "Boundary: `date +%s.%N`, then a blocking `crictl run -r <runtime> --no-pull container.json "
                "pod.json`, then `crictl ps | grep testcontainer | wc -l` polled until the new container is "
                "listed. Each sample is one pod+container.",
                "NOT INDEPENDENT: the script runs batches of num=50 and does not delete pods between "
                "iterations, so sample k of a batch runs while the k-1 earlier pods are still up; the number "
                "of batches is not recorded. (For kuasar, position 0 of each 50-batch averages 361 ms against "
                "about 327 ms for the others, research/real-data.md §2.8.)",
                f"The file has {len(rows)} lines" + ("" if len(rows) % 50 == 0 else ", not a multiple of 50") +
                ("" if len(rows) == 1000 else " (the file name says 1000)") + ".",
                "README claim to check: serial 'Kata ~850-950 ms, Kuasar 300-360 ms' (a range, no statistic "
                "named).",
            ]
        else:
            metric, cc = "batch50-makespan-ms", 50
            notes = [
                "BATCH MAKESPAN, not per-pod latency: all pods are cleared, 50 `crictl run &` are launched in "
                "the background and `crictl ps` is polled until it lists 50 containers. Each sample is the time "
                "for the whole batch of 50 pods; do not compare it with per-sandbox percentiles.",
                "RIGHT-CENSORED BY OMISSION: the script drops any batch taking >= 20,000 ms without a trace "
                "(`if [ ${boot_time} -lt 20000 ]`); how many were dropped is not recorded.",
                f"The file has {len(rows)} lines" +
                ("; the script's loop only stops once the file has MORE than 1,000 lines, so the published "
                 "file does not match the published script." if len(rows) <= 1000 else "."),
                "README claim to check: parallel-50 'Kata 1600-1800 ms, Kuasar 930-1050 ms'.",
            ]
        notes.append("Units: integer ms; getTiming truncates each timestamp's nanoseconds to ms separately, so "
                     "resolution is about 1 ms.")
        notes.append(f"runAt is the date of commit {KU_COMMIT[:7]} that added the raw files (2023-04-17, "
                     "SOURCE.md); only the date is known, the time is set to 00:00Z. The runs themselves are "
                     "undated.")
        runs.append(make_run(
            config=runtime, host=host_record(kernel="Linux"), metric=metric, concurrency=cc,
            samples=[r[0] for r in rows], script_path=f"kuasar-io/kuasar@{KU_COMMIT[:7]}:{script}",
            run_at="2023-04-17T00:00:00Z",
            source=source_block(KU_REPO, KU_COMMIT, f"tests/benchmark/data/raw/{path.name}", "Apache-2.0", path,
                                snapshotHead=KU_SNAPSHOT, localCopy=f"kuasar-kata-pod-start/{path.name}"),
            source_key="sourceColumn", source_value="the single column (integer milliseconds)",
            unit_conversion="none (integer ms written as float)", notes=notes, host_notes=KU_HOST_NOTES))
    if not runs:
        raise MissingInput(f"{folder}: no boot-*.dat files")
    return runs


# ---------------------------------------------------------------- lambda-perf

LP_REPO = "https://github.com/maxday/lambda-perf"
LP_COMMIT = "47a13aa1b04dc38d7ee41329768d30c336c63723"
LP_SNAPSHOT = "6070b7947b5ddf788cb69f2ffe6bbde3e22033fb"
LP_HOST_NOTES = [
    "AWS Lambda, managed: hostname, kernel, release, CPU model, CPU count and host memory are not disclosed. "
    "The region is a GitHub secret (AWS_PROD_REGION) and is not disclosed either.",
    "memGB is null on purpose: the function's configured memory (sourceRecord.m, MB) is not host RAM; the "
    "architecture is sourceRecord.a.",
]


def convert_lambda(folder):
    runs = []
    paths = sorted(require_dir(folder).glob("*.json"))
    for path in paths:
        try:
            doc = json.loads(read_source_text(path))
            run_at = doc["metadata"]["generatedAt"]
            entries = doc["runtimeData"]
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}: not the lambda-perf schema: {exc}") from None
        if not isinstance(entries, list) or not entries:
            raise InputError(f"{path}: runtimeData: expected a non-empty list of configurations, "
                             f"found {json.dumps(entries)[:40]}")
        for e in entries:
            samples = e["i"]
            acd_ok = round(statistics.mean(samples), 3) == e["acd"]
            notes = [
                "Boundary: the platform-reported Init Duration from each cold invocation's CloudWatch REPORT "
                "line (common_lib/src/report_log.rs): runtime bootstrap plus static init of a hello-world "
                "handler. Not client-observed; excludes invoke, network and the handler's Duration.",
                "Concurrency is not recorded by the source: each function is deployed fresh and invoked 10 "
                "times as cold starts per day (README, per SOURCE.md 'Concurrency'); the cold invokes are "
                "sequential per config, so concurrency is set to 1.",
                "`i` is truncated to the first 10 DynamoDB scan results (initDurations.slice(0, 10); scan order "
                "unspecified), while publishedSummary mu (mean max memory used, MB) and ad (mean handler "
                "Duration, ms) are over ALL stored invocations; acd = mean(i) rounded to 3 places. "
                + ("Here acd matches round(mean(samples), 3)." if acd_ok
                   else "HERE acd DOES NOT match round(mean(samples), 3)."),
                "runAt is the file's metadata.generatedAt (when result-builder wrote the day's file), not the "
                "invocation times.",
            ]
            if len(samples) < 10:
                notes.insert(3, f"Only {len(samples)} cold starts are recorded for this config on this day.")
            runs.append(make_run(
                config=lambda_config(e["r"]), host=host_record(), metric="lambda-init-duration-ms",
                concurrency=1, samples=samples,
                script_path=f"maxday/lambda-perf@{LP_COMMIT[:7]}:result-builder/app.mjs", run_at=run_at,
                source=source_block(LP_REPO, LP_COMMIT, f"data/{path.name}", "Apache-2.0", path,
                                    snapshotHead=LP_SNAPSHOT, localCopy=f"lambda-perf-coldstart/{path.name}"),
                source_key="sourceField", source_value=f"runtimeData[r={e['r']}].i[]",
                unit_conversion="none (ms)", notes=notes, host_notes=LP_HOST_NOTES,
                extra={"publishedSummary": {k: e[k] for k in ("mu", "ad", "acd")},
                       "sourceRecord": {k: e[k] for k in ("r", "p", "d", "m", "a")}}))
    if not runs:
        raise MissingInput(f"{folder}: no *.json files")
    return runs


# ---------------------------------------------------------------- whole conversion

FAMILIES = {
    "firecracker-nsdi2020-boot": convert_firecracker,
    "computesdk-sandbox-tti": convert_computesdk,
    "kuasar-kata-pod-start": convert_kuasar,
    "lambda-perf-coldstart": convert_lambda,
}


def read_manifest(datasets):
    """sha256 per relative path, from the '<hex>  <folder>/<file>' lines of the datasets README."""
    readme = datasets / "README.md"
    if not readme.is_file():
        raise MissingInput(f"{readme}: missing (it lists the sha256 of every source file)")
    hashes = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*([0-9a-f]{64})\s+(\S+)\s*$", line)
        if m:
            hashes[m.group(2)] = m.group(1)
    return hashes


def build_all(datasets, families=None):
    """Convert every family; returns {file name: bytes}. Checks hashes, names and collisions first."""
    manifest = read_manifest(datasets)
    outputs, family_of = {}, {}
    for family, convert in FAMILIES.items():
        if families is not None and family not in families:
            continue
        check_family_hashes(datasets, family, manifest)
        _reading[0] = None
        try:
            runs = list(convert(datasets / family))
        except InputError as exc:
            where = _reading[0]
            if where is not None and not str(exc).startswith(str(where)):
                raise InputError(f"{where}: {exc}") from None
            raise
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise InputError(f"{_reading[0] or datasets / family}: {describe_exception(exc)}") from None
        for run in runs:
            local = run["provenance"]["source"]["localCopy"]
            # listed files were hash-checked before parsing (check_family_hashes)
            if local not in manifest:
                raise InputError(f"{datasets / local}: not listed in {datasets / 'README.md'}")
            if not CONFIG_RE.match(run["config"]):
                raise InputError(f"{datasets / local}: config {quote(run['config'])} does not match {CONFIG_RE.pattern}")
            name = file_name(run)
            if len(name.encode("utf-8")) > MAX_FILE_NAME:
                raise InputError(f"{datasets / local}: the run file name derived from it is "
                                 f"{len(name.encode('utf-8'))} bytes long (limit {MAX_FILE_NAME})")
            if name in outputs:
                field = next((run["provenance"][k] for k in ("sourceField", "sourceColumn") if k in run["provenance"]), "")
                where = "the same file" if family_of[name] == local else family_of[name]
                raise InputError(f"{datasets / local}: {field}: maps to the run file {name}, as another record "
                                 f"of {where} does (config {quote(run['config'])} after sanitising names)")
            try:
                outputs[name] = render(run)
            except UnicodeEncodeError as exc:
                bad = exc.object[exc.start]
                raise InputError(f"{datasets / local}: a string holds the lone surrogate \\u{ord(bad):04x}, "
                                 "which is not valid Unicode") from None
            family_of[name] = local
    return outputs


def write_atomic(path, data):
    """Write bytes to a temp file in the same directory, fsync, then os.replace onto path."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def compare(outputs, out_dir):
    """{name: 'created' | 'differs' | 'unchanged'} for every generated file against what is on disk."""
    status = {}
    for name, data in sorted(outputs.items()):
        path = out_dir / name
        if not path.exists():
            status[name] = "created"
        elif path.read_bytes() == data:
            status[name] = "unchanged"
        else:
            status[name] = "differs"
    return status


def stale_files(outputs, out_dir):
    """JSON files in out_dir written by this converter that the current datasets no longer produce."""
    stale = []
    for path in sorted(out_dir.glob("*.json")):
        if path.name in outputs:
            continue
        try:
            prov = json.loads(path.read_text(encoding="utf-8")).get("provenance") or {}
        except (ValueError, AttributeError):
            continue
        if isinstance(prov, dict) and prov.get("converter") == CONVERTER:
            stale.append(path.name)
    return stale


def write_outputs(outputs, out_dir, force=False):
    """All or nothing: if any existing file differs and not force, write nothing and say which."""
    status = compare(outputs, out_dir)
    refused = [n for n, s in status.items() if s == "differs"]
    if refused and not force:
        return status, refused
    for name, s in status.items():
        if s != "unchanged":
            write_atomic(out_dir / name, outputs[name])
            if s == "differs":
                status[name] = "updated"
    return status, []


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text, limit=2000):
    """A diagnostic as one printable line: control and line-break characters (from source strings quoted
    in the message) are written as \\uXXXX escapes, and a message longer than `limit` is cut."""
    line = _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))
    return line if len(line) <= limit else line[:limit] + f"… (diagnostic cut at {limit} of {len(line)} characters)"


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Convert benchmarks/sources into BenchmarkRun JSON files (byte for byte reproducible).",
        epilog="example (from the repository's root): python3 tools/import_datasets.py --check")
    ap.add_argument("--datasets", type=Path, default=Path("benchmarks/sources"),
                    help="folder holding README.md and the four dataset folders (default benchmarks/sources)")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/results"),
                    help="results folder (default benchmarks/results)")
    ap.add_argument("--force", action="store_true", help="overwrite files whose bytes differ")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 listing every file that is missing, differs or is stale")
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:
        return EX_USAGE if exc.code else EX_OK
    if args.check and args.force:
        print(f"{PROG}: --check and --force exclude each other", file=sys.stderr)
        return EX_USAGE

    try:
        if not args.datasets.is_dir():
            raise MissingInput(f"{args.datasets}: datasets folder missing")
        outputs = build_all(args.datasets)
    except MissingInput as exc:
        print(f"{PROG}: {one_line(exc)}", file=sys.stderr)
        return EX_NOINPUT
    except (InputError, KeyError, TypeError, ValueError) as exc:
        print(f"{PROG}: {one_line(exc)}", file=sys.stderr)
        return EX_DATAERR

    if args.check:
        if not args.out.is_dir():
            print(f"{PROG}: {args.out}: results folder missing", file=sys.stderr)
            return EX_DIFFERS
        status = compare(outputs, args.out)
        bad = [f"{'missing' if s == 'created' else 'differs'}: {n}" for n, s in status.items() if s != "unchanged"]
        bad += [f"stale: {n}" for n in stale_files(outputs, args.out)]
        for line in bad:
            print(line)
        print(f"checked {len(outputs)} files: {len(bad)} problem(s)", file=sys.stderr)
        return EX_DIFFERS if bad else EX_OK

    try:
        args.out.mkdir(parents=True, exist_ok=True)
        status, refused = write_outputs(outputs, args.out, force=args.force)
    except OSError as exc:
        print(f"{PROG}: {one_line(exc)}", file=sys.stderr)
        return EX_CANTCREAT
    if refused:
        for name in refused:
            print(f"refused (bytes differ; use --force): {name}", file=sys.stderr)
        print(f"{PROG}: wrote nothing: {len(refused)} existing file(s) differ", file=sys.stderr)
        return EX_CANTCREAT
    counts = {}
    for s in status.values():
        counts[s] = counts.get(s, 0) + 1
    for name in stale_files(outputs, args.out):
        print(f"stale (not produced by the current datasets; not deleted): {name}", file=sys.stderr)
    print(", ".join(f"{k} {counts[k]}" for k in ("created", "updated", "unchanged") if k in counts) +
          f" ({len(outputs)} files in {args.out})")
    return EX_OK


if __name__ == "__main__":
    sys.exit(main())
