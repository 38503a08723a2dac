#!/usr/bin/env python3
"""Mutation fuzzer for every input reader of the real `audit` binary.

Each case takes a real seed input (a BenchmarkRun from benchmarks/results/, a number list or rig
TSV derived from one, data/claims.json), applies one to three seeded mutations (byte level,
JSON-structure level, text level, or a special file such as a directory or /proc/self/mem), runs
`audit` on it and checks that it failed cleanly: no signal, no hang, a documented exit code, one
diagnostic line `audit: <file>: ...` on stderr and nothing on stdout, or a well-formed result.

Case K of target T under seed S is always the same input (its RNG is seeded with "S/T/K"), so any
finding is reproduced with `--targets T --seed S --case K`. See tools/FUZZING.md.

Standard library only. Usage:

    python3 tools/fuzz_readers.py [--audit PATH] [--cases N] [--seed S] [--jobs J]
                                  [--keep-failures DIR] [--targets a,b] [--case K] [--no-big]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
CLAIMS = REPO / "data" / "claims.json"

#: Exit codes a reader may return (DESIGN.md §3): success, findings, malformed, missing, I/O error.
READER_EXITS = frozenset({0, 1, 65, 66, 74})
#: Every BIG_PERIOD-th case (at offset BIG_OFFSET) of a target is a 10^7-sample input.
BIG_PERIOD = 5000
BIG_OFFSET = 77
BIG_COUNT = 10_000_000
DEFAULT_TIMEOUT = 10.0
BIG_TIMEOUT = 60.0
NOT_YET = "not yet implemented"
HOST_JSON = json.dumps({"hostname": "fuzz", "kernel": "FreeBSD", "release": "14.1-RELEASE",
                        "cpuModel": "fuzz", "cpuCount": 2, "memGB": 4.0})


# --------------------------------------------------------------------------------------------
# Seeds: (name, kind, bytes). kind is "benchmarkrun", "json", "text" or "tsv".

@dataclass(frozen=True)
class Seed:
    name: str
    kind: str
    load: Callable[[], bytes]


@lru_cache(maxsize=None)
def _read(path: str) -> bytes:
    return Path(path).read_bytes()


@lru_cache(maxsize=None)
def _samples_of(path: str) -> tuple:
    return tuple(json.loads(_read(path))["samples"])


def _num(v) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() and abs(v) < 1e15 else json.dumps(v)


def _text_of(path: str, with_header: bool) -> bytes:
    lines = ([f"# samples of {Path(path).name}", ""] if with_header else [])
    lines += [_num(v) for v in _samples_of(path)]
    return ("\n".join(lines) + "\n").encode()


def _tsv_of(path: str) -> bytes:
    return "".join(f"{i}\t{_num(v)}\n" for i, v in enumerate(_samples_of(path))).encode()


def _result_files() -> list:
    return sorted(str(p) for p in RESULTS.glob("*.json"))


def seeds_results_json() -> list:
    return [Seed(Path(p).name, "benchmarkrun", (lambda p=p: _read(p))) for p in _result_files()]


def seeds_results_text() -> list:
    return [Seed(Path(p).stem + ".txt", "text", (lambda p=p, i=i: _text_of(p, i % 2 == 0)))
            for i, p in enumerate(_result_files())]


def seeds_results_mixed() -> list:
    return seeds_results_json() + seeds_results_text()


def seeds_claims() -> list:
    return [Seed("claims.json", "json", lambda: _read(str(CLAIMS)))] if CLAIMS.is_file() else []


DATASETS = (REPO / "benchmarks" / "sources").resolve()


def seeds_datasets() -> list:
    """The importer's source files (named by their path under the datasets folder)."""
    if not (DATASETS / "README.md").is_file():
        return []
    files = sorted(p for p in DATASETS.rglob("*") if p.is_file() and p.suffix in (".dat", ".json"))
    return [Seed(str(p.relative_to(DATASETS)), "text" if p.suffix == ".dat" else "json", (lambda p=p: _read(str(p))))
            for p in files]


def stage_datasets(case, workdir: Path) -> str:
    """Copies the datasets into the case's directory, writes the mutated file over its original and (in
    nine cases out of ten) puts its new sha256 into the README, so the parsers behind the hash gate are
    reached; returns the mutated file's path."""
    tree = workdir / "datasets"
    shutil.copytree(DATASETS, tree)
    path = tree / case.seed_name
    path.write_bytes(case.data)
    if case.number % 10:
        readme = tree / "README.md"
        old = hashlib.sha256(_read(str(DATASETS / case.seed_name))).hexdigest()
        new = hashlib.sha256(case.data).hexdigest()
        readme.write_text(readme.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return str(path)


def seeds_rig_tsv() -> list:
    return [Seed(Path(p).stem + ".tsv", "tsv", (lambda p=p: _tsv_of(p))) for p in _result_files()]


# --------------------------------------------------------------------------------------------
# Targets: one line each. Placeholders: {input} (the mutated file), {workdir} (a fresh directory
# for this case), {repo}. `variants` are alternative command lines; the case RNG picks one.
# `planned` names a subcommand that is only fuzzed once it is implemented (checked at startup).

@dataclass(frozen=True)
class Target:
    name: str
    seeds: Callable[[], list]
    variants: tuple
    stdin: bool = False
    planned: Optional[str] = None
    output_file: Optional[str] = None
    exits: frozenset = READER_EXITS
    big: bool = True    # include the 10^7-sample cases
    # "accept" oracle: a single mutation that keeps the input valid must not give 65/66/74. Off for
    # commands that may refuse a valid but degenerate sample (n = 1, all values equal).
    accept_oracle: bool = True
    # stderr must be empty on success ("success is silent"); set False for a command that is allowed
    # to report progress or notes on stderr.
    quiet_success: bool = True
    # the case input is a file inside a copied tree (see stage_datasets): no special files, and the
    # BenchmarkRun-level accept/reject oracles do not apply to raw dataset files
    staged: Optional[Callable] = None


TARGETS = [
    Target("describe-json", seeds_results_json,
           (("describe", "{input}"), ("describe", "{input}", "--format", "json"))),
    Target("describe-text", seeds_results_text,
           (("describe", "{input}"), ("describe", "{input}", "--format", "json"))),
    Target("describe-stdin", seeds_results_mixed,
           (("describe", "-"), ("describe", "-", "--format", "json")), stdin=True),
    # `ci` reads the same inputs as describe, then resamples: small B keeps a case under a second in a
    # debug build, and no 10^7-sample cases (a bootstrap of 10^7 values is a benchmark, not a fuzz case).
    Target("ci", seeds_results_mixed,
           (("ci", "{input}", "--stat", "p95"), ("ci", "{input}", "--stat", "mean", "--resamples", "200", "--format", "json"),
            ("ci", "{input}", "--stat", "median", "--method", "exact", "--format", "json"),
            ("ci", "{input}", "--stat", "hd:p99", "--method", "percentile", "--resamples", "100")),
           planned="ci", big=False, accept_oracle=False),
    # Auto-skipped until `audit verify --help` / `audit ingest --help` stop saying "not yet
    # implemented", list every option used here, and an unmutated seed runs with exit 0 or 1.
    Target("verify-claims", seeds_claims,
           (("verify", "--claims", "{input}", "--results", "{repo}/benchmarks/results", "--quiet"),), planned="verify", big=False),
    Target("ingest-tsv", seeds_rig_tsv,
           (("ingest", "--config", "fuzz", "--metric", "cold-start-ms", "--concurrency", "1",
             "--script", "{workdir}/rig.sh", "--input", "{input}",
             "--output", "{workdir}/fuzz_cold-start-ms_cc1.json", "--host-info-json", HOST_JSON),),
           planned="ingest", output_file="{workdir}/fuzz_cold-start-ms_cc1.json"),
    # the dataset importer (`audit import` runs tools/import_datasets.py): one source file mutated
    Target("import", seeds_datasets,
           (("import", "--datasets", "{workdir}/datasets", "--out", "{workdir}/out"),
            ("import", "--datasets", "{workdir}/datasets", "--out", "{repo}/benchmarks/results", "--check")),
           big=False, accept_oracle=False, staged=stage_datasets),
]


# --------------------------------------------------------------------------------------------
# JSON model that can hold what Python's json cannot write: duplicate keys (objects are Pairs,
# lists of [key, value]) and raw literal text (Raw: NaN, 1e999, -0, deep nesting, 10^7 arrays).

class Pairs(list):
    """A JSON object as an ordered list of [key, value]; keys may repeat."""

    def get(self, key, default=None):
        for k, v in self:
            if k == key:
                return v
        return default


@dataclass
class Raw:
    text: str


def parse_json(data: bytes):
    return json.loads(data.decode("utf-8-sig"), object_pairs_hook=lambda ps: Pairs([list(p) for p in ps]))


def dump_json(value, indent: Optional[str]) -> str:
    out: list = []

    def w(v, level):
        if isinstance(v, Raw):
            out.append(v.text)
        elif isinstance(v, Pairs):
            if not v:
                out.append("{}")
                return
            out.append("{")
            for i, (k, x) in enumerate(v):
                if i:
                    out.append(",")
                if indent is not None:
                    out.append("\n" + indent * (level + 1))
                out.append(k.text if isinstance(k, Raw) else json.dumps(k, ensure_ascii=False))
                out.append(": " if indent is not None else ":")
                w(x, level + 1)
            if indent is not None:
                out.append("\n" + indent * level)
            out.append("}")
        elif isinstance(v, list):
            out.append("[")
            for i, x in enumerate(v):
                if i:
                    out.append(", " if indent is not None else ",")
                w(x, level + 1)
            out.append("]")
        elif isinstance(v, float) and not math.isfinite(v):
            out.append("NaN" if v != v else ("Infinity" if v > 0 else "-Infinity"))
        else:
            out.append(json.dumps(v, ensure_ascii=False))

    w(value, 0)
    return "".join(out)


def json_paths(doc, prefix=()):
    """Every (path, value) in doc; long arrays contribute only elements 0, 1, middle and last, and a
    repeated key only its first occurrence (the one get_path/set_path address)."""
    yield prefix, doc
    if isinstance(doc, Pairs):
        seen = set()
        for k, v in doc:
            if not isinstance(k, Raw) and k not in seen:
                seen.add(k)
                yield from json_paths(v, prefix + (k,))
    elif isinstance(doc, list):
        n = len(doc)
        for i in sorted({0, 1, n // 2, n - 1} & set(range(n))):
            yield from json_paths(doc[i], prefix + (i,))


def get_path(doc, path):
    for p in path:
        doc = doc.get(p) if isinstance(doc, Pairs) else doc[p]
    return doc


def set_path(doc, path, value):
    if not path:
        return value
    parent = get_path(doc, path[:-1])
    if isinstance(parent, Pairs):
        for pair in parent:
            if pair[0] == path[-1]:
                pair[1] = value
                break
    else:
        parent[path[-1]] = value
    return doc


def fmt_path(path) -> str:
    s = ""
    for p in path:
        s += f"[{p}]" if isinstance(p, int) else (f".{p}" if s else str(p))
    return s or "$"


def json_type(v) -> str:
    if isinstance(v, Raw):
        return "raw"
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "int" if v.is_integer() else "number"
    if isinstance(v, str):
        return "string"
    return "object" if isinstance(v, Pairs) else "array"


# The BenchmarkRun schema as `audit` reads it (DESIGN.md §3): path -> accepted JSON types.
_STR, _INT, _NUM = {"string"}, {"int"}, {"int", "number"}
BR_SCHEMA = {
    ("config",): _STR, ("metric",): _STR, ("concurrency",): _INT, ("scriptPath",): _STR, ("runAt",): _STR,
    ("host",): {"object"}, ("samples",): {"array"}, ("summary",): {"object"}, ("provenance",): {"object"},
    **{("host", k): _STR | {"null"} for k in ("hostname", "kernel", "release", "cpuModel")},
    ("host", "cpuCount"): _INT | {"null"}, ("host", "memGB"): _NUM | {"null"},
    **{("summary", k): _NUM for k in ("mean", "p50", "p95", "p99", "min", "max")},
    ("summary", "n"): _INT,
}
BR_REQUIRED = {("config",), ("metric",), ("concurrency",), ("scriptPath",), ("runAt",), ("host",),
               ("samples",), ("summary",)} | {("summary", k) for k in ("mean", "p50", "p95", "p99", "min", "max", "n")}


def br_accepts(path, type_name: str):
    """True/False when the BenchmarkRun schema decides whether `type_name` is allowed at path, else None."""
    if len(path) == 2 and path[0] == "samples" and isinstance(path[1], int):
        return type_name in _NUM
    allowed = BR_SCHEMA.get(tuple(path))
    return None if allowed is None else type_name in allowed


# --------------------------------------------------------------------------------------------
# Mutators. Each returns (mutated, detail, expect) where expect is "reject" (the contract says the
# input is malformed: exit 0 is a violation), "accept" (the input is valid: 65/66/74 is a
# violation), a frozenset of exit codes, or None (either is fine). Only single-mutation cases use
# `expect`; stacked mutations can undo each other.

@dataclass(frozen=True)
class Mutator:
    name: str
    level: str          # "bytes", "json", "text", "special", "big"
    kinds: frozenset
    weight: float
    fn: Callable


MUTATORS: dict = {}
ALL_KINDS = frozenset({"benchmarkrun", "json", "text", "tsv"})
JSON_KINDS = frozenset({"benchmarkrun", "json"})
TEXT_KINDS = frozenset({"text", "tsv"})


def mutator(name, level, kinds=ALL_KINDS, weight=1.0):
    def deco(fn):
        MUTATORS[name] = Mutator(name, level, frozenset(kinds), weight, fn)
        return fn
    return deco


# ---- byte level ------------------------------------------------------------------------------

@mutator("truncate", "bytes", weight=2)
def m_truncate(rng, data, kind):
    if not data:
        return b"{" if kind in JSON_KINDS else b"1e", "empty -> stub", None
    at = rng.randrange(len(data))
    exp = "reject" if kind in JSON_KINDS and data[at:].strip() else None
    return data[:at], f"at {at} of {len(data)}", exp


@mutator("flip_bits", "bytes", weight=2)
def m_flip(rng, data, kind):
    if not data:
        return b"\x01", "empty -> 0x01", None
    b = bytearray(data)
    offs = sorted(rng.randrange(len(b)) for _ in range(rng.randint(1, 8)))
    for o in offs:
        b[o] ^= 1 << rng.randrange(8)
    if bytes(b) == data:
        b[offs[0]] ^= 0x01
    return bytes(b), f"{len(offs)} bit(s) at {offs[:4]}", None


@mutator("insert_bytes", "bytes", weight=2)
def m_insert(rng, data, kind):
    at = rng.randint(0, len(data))
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return data[:at] + junk + data[at:], f"{len(junk)} byte(s) at {at}", None


@mutator("delete_bytes", "bytes", weight=2)
def m_delete(rng, data, kind):
    if not data:
        return b" ", "empty -> space", None
    at = rng.randrange(len(data))
    n = min(len(data) - at, rng.choice([1, 1, 2, 5, 50, 1000]))
    return data[:at] + data[at + n:], f"{n} byte(s) at {at}", None


INVALID_UTF8 = [b"\xff", b"\xfe", b"\xc0\x80", b"\x80", b"\xe2\x82", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80",
                b"\xf4\x90\x80\x80", b"\xc3", b"\xe0\x80\xaf"]


@mutator("invalid_utf8", "bytes", weight=2)
def m_invalid_utf8(rng, data, kind):
    seq = rng.choice(INVALID_UTF8)
    if kind in JSON_KINDS and rng.random() < 0.6:
        # inside a string value, where a lenient reader would pass it through
        quotes = [m.start() for m in re.finditer(rb'"[A-Za-z]', data)]
        if quotes:
            at = rng.choice(quotes) + 1
            return data[:at] + seq + data[at:], f"{seq.hex()} inside a string at {at}", "reject"
    at = rng.randint(0, len(data))
    return data[:at] + seq + data[at:], f"{seq.hex()} at {at}", ("reject" if kind in JSON_KINDS else None)


@mutator("prepend_bom", "bytes")
def m_bom(rng, data, kind):
    n = rng.choice([1, 1, 1, 2])
    return b"\xef\xbb\xbf" * n + data, f"{n} BOM(s)", ("accept" if n == 1 and kind != "tsv" else None)


@mutator("crlf", "bytes")
def m_crlf(rng, data, kind):
    out = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if out == data:
        out = data + b"\r\n"
    return out, "LF -> CRLF", ("accept" if kind != "tsv" else None)


@mutator("cr_only", "bytes")
def m_cr(rng, data, kind):
    out = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    if out == data:
        out = data + b"\r"
    return out, "LF -> CR", ("accept" if kind in JSON_KINDS else None)


@mutator("nul_bytes", "bytes")
def m_nul(rng, data, kind):
    b = bytearray(data)
    n = rng.randint(1, 4)
    for _ in range(n):
        b.insert(rng.randint(0, len(b)), 0)
    return bytes(b), f"{n} NUL(s)", ("reject" if kind in JSON_KINDS else None)


@mutator("repeat_huge", "bytes", weight=0.5)
def m_repeat(rng, data, kind):
    size = rng.choice([256 << 10, 1 << 20, 4 << 20])
    unit = data or b"1\n"
    reps = max(2, -(-size // len(unit)))
    return unit * reps, f"x{reps} ({len(unit) * reps} bytes)", ("reject" if kind in JSON_KINDS else None)


@mutator("utf16", "bytes", weight=0.5)
def m_utf16(rng, data, kind):
    enc = rng.choice(["utf-16", "utf-16-le", "utf-16-be"])
    return data.decode("utf-8", "replace").encode(enc) or b"\xff\xfe", enc, ("reject" if enc == "utf-16" else None)


# ---- JSON structure level (any JSON) ----------------------------------------------------------

def _pick_path(rng, doc, pred=lambda p, v: True, root=False):
    paths = [(p, v) for p, v in json_paths(doc) if (root or p) and pred(p, v)]
    return rng.choice(paths) if paths else (None, None)


def _expect_type(kind, path, type_name):
    if kind != "benchmarkrun":
        return None
    ok = br_accepts(path, type_name)
    return None if ok is None else ("accept" if ok else "reject")


WRONG_TYPE_VALUES = {"string": "fuzz", "int": 7, "number": 2.5, "bool": True, "null": None,
                     "array": [1, 2], "object": Pairs([["k", 1]])}


@mutator("wrong_type", "json", JSON_KINDS, weight=3)
def m_wrong_type(rng, doc, kind):
    path, v = _pick_path(rng, doc)
    if path is None:
        return [doc], "root wrapped in an array", None
    cur = json_type(v)
    new = rng.choice([t for t in WRONG_TYPE_VALUES if t != cur and not (cur in _NUM and t in _NUM)])
    value = copy.deepcopy(WRONG_TYPE_VALUES[new])  # a fresh object: a later mutation must not edit the constant
    return set_path(doc, path, value), f"{fmt_path(path)}: {cur} -> {new}", _expect_type(kind, path, new)


@mutator("null_value", "json", JSON_KINDS, weight=2)
def m_null(rng, doc, kind):
    path, v = _pick_path(rng, doc, lambda p, v: v is not None)
    if path is None:
        return None, "root -> null", ("reject" if kind == "benchmarkrun" else None)
    return set_path(doc, path, None), fmt_path(path), _expect_type(kind, path, "null")


def _numeric(p, v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _set_numeric_raw(rng, doc, kind, literals):
    path, v = _pick_path(rng, doc, _numeric)
    lit = rng.choice(literals)
    if path is None:
        path, v = _pick_path(rng, doc)
        if path is None:
            return Raw(lit), f"root = {lit}", None
    return set_path(doc, path, Raw(lit)), f"{fmt_path(path)} = {lit}", "reject"


@mutator("nonfinite_literal", "json", JSON_KINDS, weight=2)
def m_nonfinite(rng, doc, kind):
    return _set_numeric_raw(rng, doc, kind, ["NaN", "Infinity", "-Infinity", "nan", "inf", "-inf", "-NaN"])


@mutator("overflow_literal", "json", JSON_KINDS)
def m_overflow(rng, doc, kind):
    return _set_numeric_raw(rng, doc, kind, ["1e999", "-1e999", "1e309", "2e308", "1" + "0" * 400 + ".0"])


@mutator("bad_number_syntax", "json", JSON_KINDS)
def m_bad_number(rng, doc, kind):
    return _set_numeric_raw(rng, doc, kind, ["+1", "01", ".5", "1.", "1e", "1e+", "0x1F", "1_000", "--1", "1.2.3",
                                             "- 1", "1e5.5", "0.e1", "١٢"])


@mutator("negative_zero", "json", JSON_KINDS)
def m_neg_zero(rng, doc, kind):
    path, v = _pick_path(rng, doc, _numeric)
    lit = rng.choice(["-0", "-0.0", "-0e0", "-0E-5"])
    if path is None:
        return Pairs([["x", Raw(lit)]]) if doc is None else [doc, Raw(lit)], f"append {lit}", None
    exp = None
    if kind == "benchmarkrun":
        exp = "reject" if path == ("concurrency",) else ("accept" if br_accepts(path, "int") else None)
    return set_path(doc, path, Raw(lit)), f"{fmt_path(path)} = {lit}", exp


@mutator("empty_container", "json", JSON_KINDS, weight=2)
def m_empty(rng, doc, kind):
    path, v = _pick_path(rng, doc, lambda p, v: isinstance(v, (list, Pairs)) and len(v) > 0, root=True)
    if path is None:
        return Pairs(), "root -> {}", None
    new = Pairs() if isinstance(v, Pairs) else []
    exp = None
    if kind == "benchmarkrun":
        exp = "reject" if path in {(), ("samples",), ("summary",)} else None
    return set_path(doc, path, new), f"{fmt_path(path)} -> {'{}' if isinstance(v, Pairs) else '[]'}", exp


@mutator("deep_nesting", "json", JSON_KINDS)
def m_deep(rng, doc, kind):
    depth = rng.choice([255, 256, 257, 300, 1000, 100_000])
    shape = rng.choice(["array", "object", "mixed"])
    if shape == "array":
        text = "[" * depth + "1" + "]" * depth
    elif shape == "object":
        text = '{"a":' * depth + "1" + "}" * depth
    else:
        text = '[{"a":' * (depth // 2) + "1" + "}]" * (depth // 2)
    path, _ = _pick_path(rng, doc)
    exp = "reject" if depth >= 300 else None
    if path is None:
        return Raw(text), f"root = {shape} depth {depth}", exp
    return set_path(doc, path, Raw(text)), f"{fmt_path(path)} = {shape} depth {depth}", exp


def _escape_variant(rng, key: str) -> Raw:
    """The same key spelled with a \\u escape, so only a decoder that compares decoded keys sees the duplicate."""
    if not key:
        return Raw('""')
    i = rng.randrange(len(key))
    return Raw('"' + json.dumps(key[:i])[1:-1] + "\\u%04x" % ord(key[i]) + json.dumps(key[i + 1:])[1:-1] + '"')


@mutator("duplicate_key", "json", JSON_KINDS, weight=2)
def m_duplicate(rng, doc, kind):
    path, obj = _pick_path(rng, doc, lambda p, v: isinstance(v, Pairs) and len(v) > 0, root=True)
    if path is None:
        return Pairs([["a", 1], ["a", 1]]), "root -> {a:1,a:1}", "reject"
    plain = [p for p in obj if not isinstance(p[0], Raw)]
    if not plain:
        obj.append(["a", 1])
        obj.append(["a", 2])
        return doc, f"{fmt_path(path)}.a twice", "reject"
    k, v = rng.choice(plain)
    # A copy, not the same object: a later mutation of one key's value must not reach into the other's
    # (an aliased value let "wrong_type" make the document contain itself; the writer then recursed forever).
    v = copy.deepcopy(v)
    how = rng.choice(["same value", "other value", "escaped key", "first"])
    if how == "escaped key":
        obj.append([_escape_variant(rng, k), v])
    elif how == "first":
        obj.insert(0, [k, "dup"])
    else:
        obj.append([k, v if how == "same value" else "dup"])
    return doc, f"{fmt_path(path + (k,))} ({how})", "reject"


UNKNOWN_KEYS = ["x-fuzz", "", "zz", "Samples", "samples ", "ключ", "🦀", "a" * 5000, "__proto__", "config\u0000"]


@mutator("unknown_key", "json", JSON_KINDS, weight=2)
def m_unknown(rng, doc, kind):
    path, obj = _pick_path(rng, doc, lambda p, v: isinstance(v, Pairs), root=True)
    if path is None:
        return [doc, 1], "root wrapped", None
    key = rng.choice(UNKNOWN_KEYS)
    if any(k == key for k, _ in obj):
        key += "-fuzz"
    value = rng.choice([1, "x", None, [1, "a", None], Pairs([["n", Pairs()]]), True])
    obj.insert(rng.randint(0, len(obj)), [key, value])
    exp = "accept" if kind == "benchmarkrun" and path in {(), ("host",), ("summary",)} else None
    return doc, f"{fmt_path(path)} += {key[:20]!r}", exp


@mutator("missing_key", "json", JSON_KINDS, weight=2)
def m_missing(rng, doc, kind):
    path, obj = _pick_path(rng, doc, lambda p, v: isinstance(v, Pairs) and len(v) > 0, root=True)
    if path is None:
        return Pairs(), "root -> {}", None
    i = rng.randrange(len(obj))
    key = obj[i][0]
    del obj[i]
    full = path + (key,)
    if isinstance(key, Raw):
        return doc, f"-{fmt_path(path)}.{key.text}", None
    exp = ("reject" if full in BR_REQUIRED else None) if kind == "benchmarkrun" else None
    return doc, f"-{fmt_path(full)}", exp


@mutator("long_string", "json", JSON_KINDS)
def m_long_string(rng, doc, kind):
    n = rng.choice([10_000, 100_000, 1_000_000])
    unit = rng.choice(["a", "é", "🦀", "\\u00e9", "\\\\", "ab-"])
    raw = Raw('"' + unit * n + '"')
    path, v = _pick_path(rng, doc, lambda p, v: isinstance(v, str))
    if path is None:
        path, v = _pick_path(rng, doc)
        if path is None:
            return raw, f"root = {n} x {unit!r}", None
    exp = None
    if kind == "benchmarkrun" and (path in {("scriptPath",), ("runAt",)} or
                                   (len(path) == 2 and path[0] == "host" and br_accepts(path, "string"))):
        exp = "accept"
    if kind == "benchmarkrun" and path in {("config",), ("metric",)}:
        exp = "accept" if unit in ("a", "ab-") else "reject"
    return set_path(doc, path, raw), f"{fmt_path(path)} = {n} x {unit!r}", exp


@mutator("number_as_string", "json", JSON_KINDS, weight=2)
def m_number_string(rng, doc, kind):
    path, v = _pick_path(rng, doc, _numeric)
    if path is None:
        return [doc, "1"], "append '1'", None
    return set_path(doc, path, _num(v) if rng.random() < 0.8 else f" {v} "), fmt_path(path), _expect_type(kind, path, "string")


CONTROL_ESCAPES = ["\\n", "\\r", "\\r\\n", "\\u0000", "\\u001b[31m", "\\u2028", "\\u2029", "\\u0085", "\\t", "\\b",
                   "\\u000b", "\\u007f"]


@mutator("control_chars", "json", JSON_KINDS, weight=2)
def m_control(rng, doc, kind):
    esc = rng.choice(CONTROL_ESCAPES)
    base = "fc" if rng.random() < 0.5 else "x_y"
    text = Raw('"' + base + esc + 'z"')
    if rng.random() < 0.3:
        # a key that contains the control character, duplicated so it appears in a diagnostic
        path, obj = _pick_path(rng, doc, lambda p, v: isinstance(v, Pairs), root=True)
        if path is not None:
            obj.append([text, 1])
            obj.append([text, 2])
            return doc, f"duplicate key {text.text} in {fmt_path(path)}", "reject"
    path, v = _pick_path(rng, doc, lambda p, v: isinstance(v, str))
    if path is None:
        return text, f"root = {text.text}", None
    exp = "reject" if kind == "benchmarkrun" and path in {("config",), ("metric",)} else None
    return set_path(doc, path, text), f"{fmt_path(path)} = {text.text}", exp


@mutator("bad_unicode_escape", "json", JSON_KINDS)
def m_bad_escape(rng, doc, kind):
    esc = rng.choice(["\\ud800", "\\udc00", "\\ud800\\u0041", "\\ud800\\ud800", "\\u12", "\\uZZZZ", "\\x41", "\\'",
                      "\\a", "\\", "\\U0001F600", "\\u"])
    path, v = _pick_path(rng, doc, lambda p, v: isinstance(v, str))
    text = Raw('"a' + esc + 'z"')  # 'z': a lone backslash before 'b' would be the valid escape \b
    if path is None:
        return text, f"root = {text.text}", "reject"
    return set_path(doc, path, text), f"{fmt_path(path)} = {text.text}", "reject"


@mutator("root_type", "json", JSON_KINDS, weight=0.5)
def m_root(rng, doc, kind):
    choice = rng.choice(["[]", "[doc]", '"str"', "1", "null", "true", "{}", "[{}]"])
    value = {"[]": [], "[doc]": [doc], '"str"': "str", "1": 1, "null": None, "true": True, "{}": Pairs(),
             "[{}]": [Pairs()]}[choice]
    # a bare number is a valid one-number list: the reader sniffs content, not the file name
    return value, choice, ("reject" if kind == "benchmarkrun" and choice != "1" else None)


# ---- BenchmarkRun semantics ------------------------------------------------------------------

def _samples(doc):
    s = doc.get("samples") if isinstance(doc, Pairs) else None
    # An array only: a JSON object (Pairs) is a list of [key, value] pairs too, and writing a number into
    # it made a document the JSON writer could not print.
    return s if isinstance(s, list) and not isinstance(s, Pairs) and s else None


@mutator("negative_latency", "json", {"benchmarkrun"}, weight=2)
def m_negative(rng, doc, kind):
    s = _samples(doc)
    if s is None:
        return m_unknown(rng, doc, kind)
    i = rng.randrange(len(s))
    own = -abs(s[i]) if _numeric(None, s[i]) and s[i] else -1.0
    s[i] = rng.choice([own, -0.001, -1e308, -5e-324, -1])
    return doc, f"samples[{i}] = {s[i]}", "reject"


@mutator("zero_latency", "json", {"benchmarkrun"})
def m_zero(rng, doc, kind):
    s = _samples(doc)
    if s is None:
        return m_unknown(rng, doc, kind)
    if rng.random() < 0.5:
        i = rng.randrange(len(s))
        s[i] = 0
        return doc, f"samples[{i}] = 0", "accept"
    s[:] = [0] * len(s)
    return doc, "all samples 0", "accept"


EXTREME_SETS = [
    [1.7e308, 1.7e308], [1e308, 1.7e308], [1.7976931348623157e308] * 3, [5e-324, 1.7e308], [5e-324] * 4,
    [9.3e18, 1e19], [1e19] * 5, [9.223372036854776e18, 1.0], [1e15, 1e16, 1e17], [1e-300, 2e-300],
    [0.1] * 7, [123456789.123456789, 1e-9], [1e300, 1e300, 1e300], [4.9e-324, 0, 1],
]


@mutator("extreme_samples", "json", {"benchmarkrun"}, weight=2)
def m_extreme(rng, doc, kind):
    s = _samples(doc)
    values = list(rng.choice(EXTREME_SETS))
    if s is not None and rng.random() < 0.3:
        i = rng.randrange(len(s))
        s[i] = values[0]
        return doc, f"samples[{i}] = {values[0]!r}", "accept"
    return set_path(doc, ("samples",), values) if isinstance(doc, Pairs) else [values], f"samples = {values}", "accept"


@mutator("single_sample", "json", {"benchmarkrun"})
def m_single(rng, doc, kind):
    s = _samples(doc)
    if s is None:
        return m_unknown(rng, doc, kind)
    v = s[rng.randrange(len(s))]
    s[:] = [v]
    summ = doc.get("summary")
    if isinstance(summ, Pairs) and rng.random() < 0.5:
        for k in ("mean", "p50", "p95", "p99", "min", "max"):
            set_path(summ, (k,), v)
        set_path(summ, ("n",), 1)
    return doc, f"samples = [{v}]", "accept"


@mutator("summary_mismatch", "json", {"benchmarkrun"}, weight=2)
def m_summary(rng, doc, kind):
    summ = doc.get("summary") if isinstance(doc, Pairs) else None
    if not isinstance(summ, Pairs):
        return m_unknown(rng, doc, kind)
    k = rng.choice(["mean", "p50", "p95", "p99", "min", "max", "n"])
    old = summ.get(k)
    if not _numeric(None, old):
        old = 0
    if k == "n":
        new = rng.choice([old + 1, old - 1, 0, 10 ** 9, -1])
    else:
        new = rng.choice([old * 1.000001 + 1e-9, old + 1, old - 1, -1.0, 1e300, 0.0])
    if new == old:
        new = old + 1
    set_path(summ, (k,), new)
    # a stored summary that disagrees with the samples is a finding (exit 0 or 1), not malformed input
    return doc, f"summary.{k}: {old} -> {new}", ("accept" if k != "n" or new >= 0 else None)


@mutator("concurrency_edge", "json", {"benchmarkrun"}, weight=2)
def m_concurrency(rng, doc, kind):
    lit, exp = rng.choice([("0", "reject"), ("1.5", "reject"), ("-3", "reject"), ('"1"', "reject"), ("null", "reject"),
                           ("1e0", "accept"), ("1.0", "accept"), ("100", "accept"), ("9223372036854775808", "reject"),
                           ("1e20", "reject"), ("9e15", None), ("-0", "reject"), ("true", "reject")])
    if not isinstance(doc, Pairs):
        return Pairs([["concurrency", Raw(lit)]]), f"root = {{concurrency: {lit}}}", "reject"
    if doc.get("concurrency") is None and not any(k == "concurrency" for k, _ in doc):
        doc.append(["concurrency", Raw(lit)])
    else:
        set_path(doc, ("concurrency",), Raw(lit))
    return doc, f"concurrency = {lit}", exp


CONFIG_NAMES = [("a_b", "reject"), ("a/b", "reject"), ("", "reject"), ("_", "reject"), ("/", "reject"),
                ("..", None), (".", None), ("-a", "reject"), ("a b", "reject"), ("ä", "reject"), ("a\\u0000b", "reject"),
                ("a.b", "accept"), ("A-1.2", "accept"), ("x" * 300, "accept"), ("../../etc/passwd", "reject"),
                ("a\\\\b", "reject"), ("jail_raw/cc1", "reject"), ("1", "accept"), ("Ω", None), ("a\\nb", "reject")]


@mutator("config_name", "json", {"benchmarkrun"}, weight=2)
def m_config_name(rng, doc, kind):
    name, exp = rng.choice(CONFIG_NAMES)
    field_name = rng.choice(["config", "config", "metric"])
    if not isinstance(doc, Pairs):
        return Pairs([[field_name, Raw('"' + name + '"')]]), f"root = {{{field_name}: {name!r}}}", "reject"
    set_path(doc, (field_name,), Raw('"' + name + '"'))
    return doc, f"{field_name} = {name[:40]!r}", exp


NUMERIC_EDGES = [("0", None), ("-1", None), ("-3", None), ("1.5", None), ("0.1", None), ("1e300", None),
                 ("1.7976931348623157e308", None), ("5e-324", None), ("1e-400", None), ("9007199254740993", None),
                 ("9223372036854775808", None), ("-9223372036854775808", None), ("18446744073709551616", None),
                 ("1e16", None), ("123456789012345678901234567890", None), ("1E2", None), ("1e+2", None)]


@mutator("numeric_edge", "json", JSON_KINDS, weight=2)
def m_numeric_edge(rng, doc, kind):
    lit, exp = rng.choice(NUMERIC_EDGES)
    path, v = _pick_path(rng, doc, _numeric)
    if path is None:
        return [doc, Raw(lit)], f"append {lit}", None
    return set_path(doc, path, Raw(lit)), f"{fmt_path(path)} = {lit}", exp


# ---- text level (number lists and rig TSV) -----------------------------------------------------

def _put(rng, lines, kind, token):
    """Places `token` as a sample on a random line (as the value column for TSV), replacing a sample
    or inserting a line; returns (lines, 1-based line number)."""
    data_lines = [i for i, l in enumerate(lines) if l.strip() and not l.lstrip().startswith("#")]
    text = f"{len(lines)}\t{token}" if kind == "tsv" else token
    if data_lines and rng.random() < 0.5:
        i = rng.choice(data_lines)
        lines[i] = text
    else:
        i = rng.randint(0, len(lines))
        lines.insert(i, text)
    return lines, i + 1


NON_NUMBERS = ["two", "abc", "1.2.3", "--1", "+-1", "1e", "e5", ".", ".e1", "-", "+", "1e+", "1..2", "١٢٣", "１２３",
               "½", "12ms", "0b101", "1_000", "∞", "true", "null", '"12"', "1e5.5", "\u200b5", "5\u200b", "٫5"]


@mutator("non_number", "text", TEXT_KINDS, weight=3)
def m_non_number(rng, lines, kind):
    tok = rng.choice(NON_NUMBERS)
    lines, n = _put(rng, lines, kind, tok)
    return lines, f"line {n} = {tok!r}", "reject"


NAN_INF = ["nan", "NaN", "-nan", "+nan", "inf", "-inf", "+inf", "Infinity", "-Infinity", "INF", "infinity",
           "nan(0x1)", "1e999", "-1e999", "1e309", "snan"]


@mutator("nan_inf", "text", TEXT_KINDS, weight=2)
def m_nan_inf(rng, lines, kind):
    tok = rng.choice(NAN_INF)
    lines, n = _put(rng, lines, kind, tok)
    return lines, f"line {n} = {tok!r}", "reject"


HEX_FLOATS = ["0x1p3", "0x1.8p1", "0X10", "-0x1p-2", "0x1P+4", "0xp1", "0x", "0x1.fffffffffffffp1023", "0x10"]


@mutator("hex_float", "text", TEXT_KINDS)
def m_hex(rng, lines, kind):
    tok = rng.choice(HEX_FLOATS)
    lines, n = _put(rng, lines, kind, tok)
    return lines, f"line {n} = {tok!r}", "reject"


MULTI_FIELDS = ["1 2", "1\t2", "1,2", "1, 2", " 1  2 ", "1,,2", "1 # note", "3\t4\t5"]


@mutator("multi_field", "text", TEXT_KINDS, weight=2)
def m_multi(rng, lines, kind):
    tok = rng.choice(MULTI_FIELDS)
    lines, n = _put(rng, lines, kind, tok)
    return lines, f"line {n} = {tok!r}", ("reject" if kind == "text" else None)


@mutator("empty_file", "text", TEXT_KINDS)
def m_empty_file(rng, lines, kind):
    body = rng.choice([[], [""], ["", "", ""], ["   ", "\t"], ["\u00a0"]])
    return body, f"{len(body)} blank line(s)", "reject"


@mutator("only_comments", "text", TEXT_KINDS)
def m_only_comments(rng, lines, kind):
    body = rng.choice([["# nothing"], ["#", "# a", "", "  # indented"], ["# " + "x" * 10_000]])
    return body, f"{len(body)} comment line(s)", "reject"


@mutator("comment_variants", "text", TEXT_KINDS)
def m_comments(rng, lines, kind):
    tok, exp = rng.choice([("12#c", "reject"), ("  # indented comment", "accept"), ("#", "accept"),
                           ("# 1\t2\t3", "accept"), ("// 12", "reject"), ("; 12", "reject")])
    lines.insert(rng.randint(0, len(lines)), tok)
    return lines, f"insert {tok!r}", (exp if kind == "text" else None)


EXTREME_TEXT = [("1.7976931348623157e308", "accept"), ("1.7e308", "accept"), ("-1.7e308", "accept"),
                ("1e308", "accept"), ("5e-324", "accept"), ("1e-400", None), ("9.3e18", "accept"),
                ("-9.3e18", "accept"), ("1e19", "accept"), ("-0", "accept"), ("-0.0", "accept"), ("0", "accept"),
                ("1e15", "accept"), ("9007199254740993", "accept"), ("+5", "accept"), ("-5", "accept"),
                ("1E3", "accept"), ("1e+3", "accept"), ("00012", None), (".5", None), ("5.", None)]


@mutator("extreme_text_values", "text", TEXT_KINDS, weight=3)
def m_extreme_text(rng, lines, kind):
    picks = [rng.choice(EXTREME_TEXT) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.5:
        lines = []
    for tok, _ in picks:
        lines.insert(rng.randint(0, len(lines)), f"{len(lines)}\t{tok}" if kind == "tsv" else tok)
    exp = "accept" if kind == "text" and all(e == "accept" for _, e in picks) else None
    return lines, "values " + ", ".join(t for t, _ in picks), exp


@mutator("long_number", "text", TEXT_KINDS)
def m_long_number(rng, lines, kind):
    n = rng.choice([300, 308, 309, 400, 10_000, 1_000_000])
    tok, exp = rng.choice([("1" * n, "accept" if n <= 309 else "reject"), ("0." + "0" * n + "1", None),
                           ("1e" + "9" * min(n, 5000), "reject"), ("1." + "5" * n, "accept")])
    lines, ln = _put(rng, lines, kind, tok)
    return lines, f"line {ln} = {len(tok)}-char number", (exp if kind == "text" else None)


UNICODE_SPACES = [("\u00a0", None), ("\u2003", None), ("\u3000", None), ("\u0085", None), ("\u2028", None),
                  ("\u000b", None), ("\u000c", None), ("\u200b", "reject"), ("\ufeff", None), ("\r", None)]


@mutator("unicode_whitespace", "text", TEXT_KINDS)
def m_unicode_ws(rng, lines, kind):
    ws, exp = rng.choice(UNICODE_SPACES)
    where = rng.choice(["before", "after", "inside"])
    tok = {"before": ws + "12", "after": "12" + ws, "inside": "1" + ws + "2"}[where]
    lines, n = _put(rng, lines, kind, tok)
    return lines, f"line {n}: U+{ord(ws):04X} {where}", (exp if kind == "text" and where != "inside" else None)


@mutator("tsv_columns", "text", {"tsv"})
def m_tsv_columns(rng, lines, kind):
    tok = rng.choice(["5", "1\t2\t3", "i\tms", "\t5", "5\t", "x\t5", "5\tx"])
    lines.insert(rng.randint(0, len(lines)), tok)
    return lines, f"insert {tok!r}", None


# ---- special files -----------------------------------------------------------------------------

SPECIAL_PATHS = [("missing", frozenset({66})), ("directory", frozenset({66})), ("dangling_symlink", frozenset({66})),
                 ("symlink_loop", frozenset({66})), ("/dev/null", frozenset({65})), ("/proc/self/mem", frozenset({74})),
                 ("/dev/zero", frozenset({65}))]
SPECIAL_STDIN = [("closed", frozenset({66, 74})), ("directory", frozenset({66})), ("/dev/null", frozenset({65})),
                 ("/proc/self/mem", frozenset({74})), ("/dev/zero", frozenset({65}))]


@mutator("special_file", "special", weight=0.3)
def m_special(rng, stdin: bool):
    what, exits = rng.choice(SPECIAL_STDIN if stdin else SPECIAL_PATHS)
    return what, what, exits


# ---- 10^7 samples --------------------------------------------------------------------------------

def big_samples_text(seed_values, sep: str) -> str:
    base = [_num(v) for v in (seed_values or [1.0])]
    q, r = divmod(BIG_COUNT, len(base))
    chunk = sep.join(base)
    return sep.join([chunk] * q + ([sep.join(base[:r])] if r else []))


def big_input(seed: Seed, data: bytes):
    """A 10^7-sample version of the seed: a JSON samples array or 10^7 lines."""
    if seed.kind == "benchmarkrun":
        doc = parse_json(data)
        values = list(doc.get("samples") or [1.0])
        doc = set_path(doc, ("samples",), Raw("[" + big_samples_text(values, ", ") + "]"))
        return dump_json(doc, "  ").encode(), f"samples_1e7({len(values)}-value seed repeated)", "accept"
    values = [float(l.split("\t")[-1]) for l in data.decode().splitlines() if l.strip() and not l.startswith("#")]
    if seed.kind == "tsv":
        body = "".join(f"{i}\t{_num(values[i % len(values)])}\n" for i in range(BIG_COUNT))
    else:
        body = big_samples_text(values, "\n") + "\n"
    return body.encode(), f"lines_1e7({len(values)}-value seed repeated)", "accept"


# --------------------------------------------------------------------------------------------
# Cases

@dataclass
class Case:
    target: str
    number: int
    seed_name: str
    kind: str
    mutations: list
    data: Optional[bytes] = None
    special: Optional[str] = None
    expect: object = None
    big: bool = False
    variant: tuple = ()
    stdin_mode: str = "pipe"


def is_big(number: int) -> bool:
    return number % BIG_PERIOD == BIG_OFFSET


def case_rng(seed: int, target: str, number: int) -> random.Random:
    return random.Random(f"{seed}/{target}/{number}")


def apply_level(rng, level, kind, mutators, data: bytes, applied: list):
    """Applies the mutators of one level in order; returns (bytes, last expect)."""
    exp = None
    if level == "json":
        doc = parse_json(data)
        for m in mutators:
            doc, detail, exp = m.fn(rng, doc, kind)
            applied.append(f"{m.name}({detail})")
        data = dump_json(doc, rng.choice(["  ", "  ", None, "\t", " "])).encode()
    elif level == "text":
        text = data.decode("utf-8")
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for m in mutators:
            lines, detail, exp = m.fn(rng, lines, kind)
            applied.append(f"{m.name}({detail})")
        data = ("\n".join(lines) + ("\n" if lines else "")).encode()
    else:
        for m in mutators:
            data, detail, exp = m.fn(rng, data, kind)
            applied.append(f"{m.name}({detail})")
    return data, exp


def make_case(target: Target, seeds: list, seed: int, number: int, allow_big: bool = True) -> Case:
    rng = case_rng(seed, target.name, number)
    s = seeds[rng.randrange(len(seeds))]
    variant = target.variants[rng.randrange(len(target.variants))]
    case = Case(target.name, number, s.name, s.kind, [], variant=variant,
                stdin_mode=rng.choice(["pipe", "pipe", "file"]) if target.stdin else "file")
    data = s.load()
    if allow_big and target.big and s.kind != "json" and is_big(number):
        case.data, detail, case.expect = big_input(s, data)
        case.mutations, case.big = [detail], True
        return case
    eligible = [m for m in MUTATORS.values() if s.kind in m.kinds and not (target.staged and m.level == "special")]
    k = rng.choices([1, 2, 3], weights=[65, 25, 10])[0]
    chosen = rng.choices(eligible, weights=[m.weight for m in eligible], k=k)
    special = [m for m in chosen if m.level == "special"]
    if special:
        case.special, detail, case.expect = special[0].fn(rng, target.stdin)
        case.mutations = [f"special_file({detail})"]
        return case
    exp = None
    for level in ("json", "text", "bytes"):
        ms = [m for m in chosen if m.level == level]
        if ms:
            data, exp = apply_level(rng, level, s.kind, ms, data, case.mutations)
    case.data = data
    case.expect = exp if len(chosen) == 1 and not target.staged else None
    return case


# --------------------------------------------------------------------------------------------
# Running and checking

@dataclass
class Outcome:
    case: Case
    argv: list
    returncode: Optional[int]
    stdout: bytes
    stderr: bytes
    seconds: float
    timed_out: bool
    label: str
    input_path: Optional[str]
    problems: list = field(default_factory=list)
    category: str = "ok"      # ok, crash, hang, violation


def prepare_input(case: Case, workdir: Path):
    """Writes the case input; returns (path given to audit, stdin spec)."""
    p = workdir / case.seed_name
    sp = case.special
    if sp is None:
        p.write_bytes(case.data)
        return str(p)
    if sp == "missing":
        return str(workdir / ("missing-" + case.seed_name))
    if sp == "directory":
        p.mkdir()
        return str(p)
    if sp == "dangling_symlink":
        os.symlink(workdir / "nowhere", p)
        return str(p)
    if sp == "symlink_loop":
        os.symlink(workdir / "loop-b", p)
        os.symlink(p, workdir / "loop-b")
        return str(p)
    return sp  # /dev/null, /proc/self/mem, /dev/zero, closed (stdin only)


def render_argv(template, input_arg: str, workdir: Path) -> list:
    return [a.replace("{input}", input_arg).replace("{workdir}", str(workdir)).replace("{repo}", str(REPO))
            for a in template]


def run_case(case: Case, target: Target, audit: str, workdir: Path, timeout: float) -> Outcome:
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "rig.sh").write_text("#!/bin/sh\necho fuzz\n")
    path = target.staged(case, workdir) if target.staged else prepare_input(case, workdir)
    argv = [audit] + render_argv(case.variant, path, workdir)
    label = "<stdin>" if target.stdin else path
    stdin_obj, feed, pre = subprocess.DEVNULL, None, argv
    opened = None
    if target.stdin:
        if case.special == "closed":
            pre = ["/bin/sh", "-c", 'exec "$0" "$@" <&-'] + argv
        elif case.special == "directory":
            opened = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
            stdin_obj = opened
        elif case.special is not None:
            opened = os.open(path, os.O_RDONLY)
            stdin_obj = opened
        elif case.stdin_mode == "file":
            opened = os.open(path, os.O_RDONLY)
            stdin_obj = opened
        else:
            stdin_obj, feed = subprocess.PIPE, case.data
    start = time.monotonic()
    timed_out = False
    try:
        proc = subprocess.Popen(pre, stdin=stdin_obj, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=str(REPO), start_new_session=True)
    finally:
        if opened is not None:
            os.close(opened)
    try:
        out, err = proc.communicate(input=feed, timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
    except BrokenPipeError:
        out, err = proc.communicate()
    seconds = time.monotonic() - start
    o = Outcome(case, argv, None if timed_out else proc.returncode, out, err, seconds, timed_out, label,
                None if case.special in ("/dev/null", "/proc/self/mem", "/dev/zero", "closed") else path)
    check(o, target, audit, workdir)
    return o


_help_cache: dict = {}
_help_lock = threading.Lock()


def help_text(audit: str, sub: str) -> str:
    with _help_lock:
        if sub not in _help_cache:
            r = subprocess.run([audit, sub, "--help"], capture_output=True, timeout=30)
            _help_cache[sub] = (r.stdout + r.stderr).decode("utf-8", "replace")
        return _help_cache[sub]


def listed_options(help: str) -> set:
    """The --options of the OPTIONS: section of a subcommand's --help (not ones in its examples)."""
    section = help.split("OPTIONS:", 1)[1] if "OPTIONS:" in help else ""
    return set(re.findall(r"^\s+(?:-\w, )?(--[a-z][a-z0-9-]*)", section, re.M))


BAD_CHARS = re.compile("[\x00-\x09\x0b-\x1f\x7f\u0085\u2028\u2029]")
NONFINITE_TOKEN = re.compile(r"^[-+]?(nan|inf|infinity)$", re.I)


def _reject_constant(name):
    raise ValueError(f"non-standard JSON constant {name}")


def check_diagnostic(o: Outcome, audit: str) -> list:
    problems = []
    if o.stdout:
        problems.append(f"stdout not empty on exit {o.returncode} ({len(o.stdout)} bytes)")
    err = o.stderr
    try:
        text = err.decode("utf-8")
    except UnicodeDecodeError:
        return problems + ["stderr is not valid UTF-8"]
    if not text:
        return problems + ["stderr empty (no diagnostic)"]
    if not text.endswith("\n") or text.count("\n") != 1:
        problems.append(f"stderr is {text.count(chr(10))} newline-separated lines, expected exactly one")
    line = text[:-1] if text.endswith("\n") else text
    bad = sorted({f"U+{ord(c):04X}" for c in BAD_CHARS.findall(line)})
    if bad:
        problems.append(f"diagnostic contains unescaped control/line-break characters {', '.join(bad)}")
    if not line.startswith("audit: "):
        problems.append("diagnostic does not start with 'audit: '")
    elif not line.startswith(f"audit: {o.label}: "):
        problems.append(f"diagnostic does not start with 'audit: {o.label}: '")
    if o.label not in line:
        problems.append(f"diagnostic does not name the input {o.label}")
    outside_quotes = re.sub(r'"[^"]*"', '""', line)
    sub = o.case.variant[0]
    for opt in sorted(set(re.findall(r"--[a-z][a-z0-9-]+", outside_quotes))):
        if opt not in listed_options(help_text(audit, sub)):
            problems.append(f"diagnostic suggests {opt}, which `audit {sub} --help` does not list")
    return problems


def check(o: Outcome, target: Target, audit: str, workdir: Path):
    c = o.case
    if o.timed_out:
        o.category = "hang"
        o.problems.append(f"no exit within {BIG_TIMEOUT if c.big else DEFAULT_TIMEOUT:g} s (killed)")
        return
    rc = o.returncode
    if rc < 0:
        o.category = "crash"
        try:
            name = signal.Signals(-rc).name
        except ValueError:
            name = f"signal {-rc}"
        o.problems.append(f"killed by {name}")
        o.problems.extend(crash_details(o.stderr))
        return
    p = o.problems
    if rc not in target.exits:
        p.append(f"exit {rc} is not one of {sorted(target.exits)}")
    json_out = "--format" in c.variant and "json" in c.variant
    if rc == 0:
        if o.stderr and target.quiet_success:
            p.append(f"stderr not empty on success: {o.stderr[:200]!r}")
        if target.output_file:
            out_path = Path(render_argv([target.output_file], "", workdir)[0])
            if not out_path.is_file():
                p.append(f"exit 0 but {out_path.name} was not written")
            else:
                try:
                    json.loads(out_path.read_bytes(), parse_constant=_reject_constant)
                except (ValueError, UnicodeDecodeError) as e:
                    p.append(f"output file is not strict JSON: {e}")
                # what audit writes, audit must read back
                r = subprocess.run([audit, "describe", str(out_path), "--format", "json"], capture_output=True,
                                   timeout=BIG_TIMEOUT)
                if r.returncode not in (0, 1):
                    p.append(f"`audit describe` rejects the written file (exit {r.returncode}): "
                             f"{r.stderr.decode('utf-8', 'replace').strip()[:200]}")
        elif not o.stdout.strip() and "--quiet" not in c.variant:
            p.append("exit 0 with empty stdout")
        elif json_out:
            try:
                json.loads(o.stdout.decode("utf-8"), parse_constant=_reject_constant)
            except (ValueError, UnicodeDecodeError) as e:
                p.append(f"--format json output is not strict JSON: {str(e)[:120]}")
        else:
            try:
                lines = o.stdout.decode("utf-8").splitlines()
                toks = [t for line in lines[1:] for t in line.split()]
                bad = sorted({t for t in toks if NONFINITE_TOKEN.match(t)})
                if bad:
                    p.append(f"non-finite number(s) {', '.join(bad)} in the table output")
            except UnicodeDecodeError:
                p.append("stdout is not valid UTF-8")
        if c.expect == "reject":
            p.append("exit 0 on an input the contract says is malformed (expected 65)")
        elif isinstance(c.expect, frozenset) and 0 not in c.expect:
            p.append(f"exit 0, expected one of {sorted(c.expect)}")
    elif rc == 1:
        if not o.stdout.strip() and not o.stderr:
            p.append("exit 1 with no findings on stdout and no diagnostic")
        if c.expect == "reject":
            p.append("exit 1 on an input the contract says is malformed (expected 65)")
    else:
        p.extend(check_diagnostic(o, audit))
        if c.expect == "accept" and target.accept_oracle:
            p.append(f"exit {rc} on an input the contract says is valid (expected 0)")
        elif isinstance(c.expect, frozenset) and rc not in c.expect:
            p.append(f"exit {rc}, expected one of {sorted(c.expect)}")
    if p:
        o.category = "violation"


# --------------------------------------------------------------------------------------------
# Findings: grouped by a signature so one bug hit 400 times is reported once.

def crash_details(stderr: bytes) -> list:
    """The runtime's fatal-error message and the first frame in the audit binary, from a Swift backtrace."""
    err = stderr.decode("utf-8", "replace")
    out = []
    fatal = re.search(r"Fatal error: ([^\n]*)", err)
    if fatal:
        out.append(fatal.group(1).strip())
    frame = re.search(r"0x[0-9a-f]+ (\S.*?) \+ \d+ in audit at (\S+?):(\d+)", err)
    if frame:
        out.append(f"at {frame.group(1)} ({os.path.relpath(frame.group(2), REPO)}:{frame.group(3)})")
    return out


def signature(o: Outcome) -> str:
    if o.category == "crash":
        return re.sub(r"\d+", "N", " | ".join(o.problems))
    if o.category == "hang":
        return f"hang | {o.case.mutations[0].split('(')[0]}"
    sig = []
    for prob in o.problems:
        prob = prob.replace(o.label, "<file>")
        prob = re.sub(r"'.*'|\".*\"", "…", prob)
        prob = re.sub(r"U\+[0-9A-F]{4}(, U\+[0-9A-F]{4})*", "U+…", prob)
        sig.append(re.sub(r"\d+", "N", prob))
    first = o.stderr.decode("utf-8", "replace").split("\n")[0].replace(o.label, "<file>")
    first = re.sub(r'"[^"]*("|$)', '"…"', first)  # an unclosed quote: the line was cut by a raw newline
    first = re.sub(r"'[^']*'", "'…'", first)
    first = re.sub(r"\d+", "N", first)[:90]
    return f"exit {o.returncode} | " + "; ".join(sig) + (f" | {first}" if o.stderr else "")


def visible(text: str) -> str:
    """Text with control and line-break characters shown as escapes, for the summary."""
    return BAD_CHARS.sub(lambda m: "\\x%02x" % ord(m.group()) if ord(m.group()) < 0x100 else "\\u%04x" % ord(m.group()), text)


def shell_quote(a: str) -> str:
    return a if re.fullmatch(r"[A-Za-z0-9_./=:,+-]+", a) else "'" + a.replace("'", "'\\''") + "'"


def repro_command(o: Outcome, workdir: str, kept_dir: Optional[str], audit: str) -> str:
    """A shell command that reruns the failing case, with the case's directory replaced by `kept_dir`."""
    c = o.case
    exe = os.path.relpath(audit, REPO) if audit.startswith(str(REPO) + os.sep) else audit
    args = [exe] + [a.replace(workdir, kept_dir) if kept_dir else a for a in o.argv[1:]]
    input_path = o.input_path.replace(workdir, kept_dir) if (kept_dir and o.input_path) else o.input_path
    cmd = " ".join(shell_quote(a) for a in args)
    if o.label == "<stdin>":
        if c.special == "closed":
            cmd += " <&-"
        elif c.special == "directory":
            cmd += " < /tmp"
        elif c.special is not None:
            cmd += f" < {c.special}"
        elif c.stdin_mode == "pipe":
            cmd = f"cat {shell_quote(str(input_path))} | {cmd}"
        else:
            cmd += f" < {shell_quote(str(input_path))}"
    return f"cd {REPO} && {cmd}"


def regen_command(o: Outcome, seed: int) -> str:
    return (f"python3 tools/fuzz_readers.py --targets {o.case.target} --seed {seed} --case {o.case.number}"
            f" --keep-failures /tmp/fuzz-repro")


# --------------------------------------------------------------------------------------------
# Target activation

def activate(target: Target, audit: str, seeds: list, tmp: Path):
    """(True, "") when the target can be fuzzed, else (False, why)."""
    if not seeds:
        return False, "no seed files"
    if target.planned is None:
        return True, ""
    sub = target.planned
    h = help_text(audit, sub)
    if NOT_YET in h:
        return False, f"`audit {sub} --help` says \"{NOT_YET}\""
    opts = listed_options(h)
    missing = [a for v in target.variants for a in v if a.startswith("--") and a not in opts]
    if missing:
        return False, f"`audit {sub} --help` OPTIONS do not list {', '.join(sorted(set(missing)))}"
    wd = tmp / f"probe-{target.name}"
    wd.mkdir(parents=True, exist_ok=True)
    (wd / "rig.sh").write_text("#!/bin/sh\necho fuzz\n")
    inp = wd / seeds[0].name
    inp.write_bytes(seeds[0].load())
    r = subprocess.run([audit] + render_argv(target.variants[0], str(inp), wd), capture_output=True,
                       cwd=str(REPO), timeout=120)
    err = r.stderr.decode("utf-8", "replace").strip()
    if NOT_YET in err:
        return False, f"`audit {sub}` says \"{NOT_YET}\""
    if r.returncode not in (0, 1):
        return False, f"probe on unmutated {seeds[0].name} exited {r.returncode}: {err[:160]}"
    return True, ""


# --------------------------------------------------------------------------------------------
# Main

def snapshot_binary(audit: str, tmp: Path) -> str:
    """Copies the binary once it has been stable for 2 s and answers --version, so a rebuild during
    the run (ETXTBSY, a half-linked file, a different build) cannot leak into the findings."""
    dest = tmp / "audit-snapshot" / "audit"
    dest.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + 600
    while True:
        try:
            before = os.stat(audit)
            if time.time() - before.st_mtime >= 2:
                shutil.copy2(audit, dest)
                after = os.stat(audit)
                if (before.st_mtime_ns, before.st_size) == (after.st_mtime_ns, after.st_size) and \
                        subprocess.run([str(dest), "--version"], capture_output=True, timeout=30).returncode == 0:
                    return str(dest)
        except (OSError, subprocess.SubprocessError):
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"fuzz_readers: {audit} did not settle (being rebuilt?) within 10 minutes")
        time.sleep(2)


def default_audit() -> str:
    rel = REPO / ".build" / "release" / "audit"
    return str(rel if rel.exists() else REPO / ".build" / "debug" / "audit")


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="targets: " + ", ".join(t.name for t in TARGETS))
    ap.add_argument("--audit", default=default_audit(), help="audit binary (default: .build/release/audit if present, "
                                                             "else .build/debug/audit)")
    ap.add_argument("--cases", type=int, default=300, help="cases per target (default 300)")
    ap.add_argument("--seed", type=int, default=1, help="master seed (default 1)")
    ap.add_argument("--jobs", type=int, default=1, help="parallel audit processes (default 1)")
    ap.add_argument("--keep-failures", metavar="DIR", help="save every failing input (up to --keep-per-finding per "
                                                           "distinct finding) and failures.jsonl here")
    ap.add_argument("--keep-per-finding", type=int, default=5, metavar="N")
    ap.add_argument("--targets", help="comma-separated subset of targets")
    ap.add_argument("--case", type=int, action="append", metavar="K", help="run only case K (repeatable)")
    ap.add_argument("--no-big", action="store_true", help=f"skip the 10^7-sample cases (case ≡ {BIG_OFFSET} mod {BIG_PERIOD})")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per case (default 10; 60 for 10^7 cases)")
    ap.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    ap.add_argument("--no-snapshot", action="store_true",
                    help="run the binary in place instead of a private copy (a rebuild mid-run then shows up)")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    audit = os.path.abspath(args.audit)
    if not os.access(audit, os.X_OK):
        print(f"fuzz_readers: {audit}: not an executable (build audit first or pass --audit)", file=sys.stderr)
        return 2
    by_name = {t.name: t for t in TARGETS}
    wanted = args.targets.split(",") if args.targets else [t.name for t in TARGETS]
    unknown = [w for w in wanted if w not in by_name]
    if unknown:
        print(f"fuzz_readers: unknown target(s) {', '.join(unknown)}; known: {', '.join(by_name)}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="fuzz-readers-"))
    shown_audit = audit
    if not args.no_snapshot:
        audit = snapshot_binary(audit, tmp)
    build_id = hashlib.sha256(Path(audit).read_bytes()).hexdigest()[:12]
    keep = Path(args.keep_failures).resolve() if args.keep_failures else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    active, skipped, seed_lists = [], {}, {}
    for name in wanted:
        t = by_name[name]
        seeds = t.seeds()
        ok, why = activate(t, audit, seeds, tmp)
        if ok:
            active.append(t)
            seed_lists[name] = seeds
        else:
            skipped[name] = why
    numbers = args.case if args.case else list(range(args.cases))
    work = [(t, n) for n in numbers for t in active]
    total = len(work)
    print(f"fuzz_readers: audit={os.path.relpath(shown_audit, REPO)} (build {build_id}) seed={args.seed} cases/target={len(numbers)} "
          f"targets={','.join(t.name for t in active) or '-'} jobs={args.jobs}", file=sys.stderr)
    stats = {t.name: {"cases": 0, "ok": 0, "crash": 0, "hang": 0, "violation": 0, "seconds": 0.0} for t in active}
    findings: dict = {}
    harness_errors: list = []
    kept_per_sig: dict = {}
    lock = threading.Lock()
    it = iter(work)
    done = [0]
    progress_every = max(1, total // 20)
    jsonl = open(keep / "failures.jsonl", "w") if keep else None
    t0 = time.monotonic()
    audit_stat = os.stat(shown_audit)

    def worker():
        while True:
            with lock:
                item = next(it, None)
            if item is None:
                return
            t, n = item
            case = None
            wd = tmp / t.name / f"case-{n:06d}"
            try:
                if case is None:
                    case = make_case(t, seed_lists[t.name], args.seed, n, allow_big=not args.no_big)
                o = run_case(case, t, audit, wd, BIG_TIMEOUT if case.big else args.timeout)
            except Exception:  # a harness bug must not pass as a clean case, nor stop the run
                with lock:
                    harness_errors.append(f"{t.name} case {n}: {traceback.format_exc().strip().splitlines()[-1]}")
                    print(f"fuzz_readers: harness error on {t.name} case {n}:\n{traceback.format_exc()}", file=sys.stderr)
                shutil.rmtree(wd, ignore_errors=True)
                continue
            record(o, wd)
            shutil.rmtree(wd, ignore_errors=True)

    def record(o: Outcome, wd: Path):
        with lock:
            st = stats[o.case.target]
            st["cases"] += 1
            st[o.category] += 1
            st["seconds"] += o.seconds
            done[0] += 1
            if not args.quiet and done[0] % progress_every == 0:
                print(f"  {done[0]}/{total} cases, {sum(s['crash'] + s['hang'] + s['violation'] for s in stats.values())}"
                      f" failing, {time.monotonic() - t0:.0f} s", file=sys.stderr)
            if o.category == "ok":
                return
            sig = signature(o)
            kept_path = None
            dest = None
            if keep and kept_per_sig.get(sig, 0) < args.keep_per_finding:
                kept_per_sig[sig] = kept_per_sig.get(sig, 0) + 1
                dest = keep / o.case.target / f"case-{o.case.number:06d}"
                dest.mkdir(parents=True, exist_ok=True)
                # the input and helper files (rig.sh), not what the command wrote
                outputs = {Path(render_argv([by_name[o.case.target].output_file], "", wd)[0]).name} \
                    if by_name[o.case.target].output_file else set()
                for f in wd.iterdir():
                    if f.is_file() and not f.is_symlink() and f.name not in outputs:
                        shutil.copyfile(f, dest / f.name)
                if o.case.data is not None:
                    kept_path = str(dest / o.case.seed_name)
                    Path(kept_path).parent.mkdir(parents=True, exist_ok=True)
                    if not Path(kept_path).is_file():
                        Path(kept_path).write_bytes(o.case.data)
            repro = repro_command(o, str(wd), str(dest) if kept_path else None, shown_audit)
            rec = {"target": o.case.target, "case": o.case.number, "seed": args.seed, "seedFile": o.case.seed_name,
                   "mutations": o.case.mutations, "category": o.category, "problems": o.problems,
                   "exit": o.returncode, "stderr": o.stderr[:2000].decode("utf-8", "replace"),
                   "stdoutHead": o.stdout[:300].decode("utf-8", "replace"), "seconds": round(o.seconds, 3),
                   "repro": repro if (kept_path or o.case.data is None) else None,
                   "regenerate": regen_command(o, args.seed), "signature": sig, "keptInput": kept_path,
                   "build": build_id}
            if kept_path:
                (Path(kept_path).parent / "finding.json").write_text(json.dumps(rec, indent=2, ensure_ascii=False))
            if jsonl:
                jsonl.write(json.dumps(rec, ensure_ascii=False) + "\n")
                jsonl.flush()
            f = findings.setdefault(sig, {"count": 0, "first": rec, "targets": set()})
            f["count"] += 1
            f["targets"].add(o.case.target)

    threads = [threading.Thread(target=worker) for _ in range(max(1, args.jobs))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.monotonic() - t0
    if jsonl:
        jsonl.close()
    if keep and findings and not args.no_snapshot:
        shutil.copy2(audit, keep / f"audit-{build_id}")
    shutil.rmtree(tmp, ignore_errors=True)

    # Summary
    print(f"\n{'target':<16} {'cases':>7} {'ok':>7} {'crash':>6} {'hang':>5} {'violation':>9} {'s/case':>8}")
    for t in active:
        s = stats[t.name]
        per = s["seconds"] / s["cases"] if s["cases"] else 0.0
        print(f"{t.name:<16} {s['cases']:>7} {s['ok']:>7} {s['crash']:>6} {s['hang']:>5} {s['violation']:>9} {per:>8.3f}")
    for name, why in skipped.items():
        print(f"{name:<16} skipped: {why}")
    ran = sum(s["cases"] for s in stats.values())
    crashes = sum(s["crash"] for s in stats.values())
    hangs = sum(s["hang"] for s in stats.values())
    viol = sum(s["violation"] for s in stats.values())
    print(f"\n{ran} cases in {wall:.1f} s wall ({1000 * wall / max(ran, 1):.1f} ms/case); "
          f"crashes {crashes}, hangs {hangs}, contract violations {viol}; {len(findings)} distinct finding(s)")
    for i, (sig, f) in enumerate(sorted(findings.items(), key=lambda kv: (-kv[1]["count"], kv[0])), 1):
        r = f["first"]
        print(f"\n[{i}] {r['category']} x{f['count']} ({', '.join(sorted(f['targets']))}): {'; '.join(r['problems'])}")
        print(f"    first: {r['target']} case {r['case']} from {r['seedFile']}: {' + '.join(r['mutations'])}")
        shown = visible(r["stderr"].split("\n")[0][:300]) if r["stderr"] else "(empty)"
        print(f"    observed: exit {r['exit']}; stderr: {shown}")
        if r["repro"]:
            print(f"    repro: {r['repro']}")
        print(f"    regenerate: {r['regenerate']}")
    if keep:
        print(f"\nfailing inputs and failures.jsonl under {keep}"
              + (f"; the binary that produced them: {keep / ('audit-' + build_id)}" if findings and not args.no_snapshot else ""))
    now = os.stat(shown_audit) if os.path.exists(shown_audit) else None
    if now is None or (now.st_mtime_ns, now.st_size) != (audit_stat.st_mtime_ns, audit_stat.st_size):
        print(f"NOTE: {os.path.relpath(shown_audit, REPO)} was rebuilt during the run; "
              f"{'the findings are from build ' + build_id if not args.no_snapshot else 'findings may come from either build'}")
    for e in harness_errors:
        print(f"HARNESS ERROR (a bug in fuzz_readers.py, not in audit): {e}")
    return 1 if (crashes or hangs or viol or harness_errors) else 0


if __name__ == "__main__":
    sys.exit(main())
