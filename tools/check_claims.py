#!/usr/bin/env python3
"""Check data/claims.json and data/rigs.json.

For each file this validates the JSON against its JSON Schema (draft 2020-12, with the
installed `jsonschema` package), recomputes every citation's quoteSha256 (sha256 of the
UTF-8 quote), and checks the references a schema cannot express: phase and percentile
citation indices point into the record's own citations array, claim ids are unique per
vendor, vendor and rig ids are unique, and every relation names claims of its own vendor.

Usage:  python3 tools/check_claims.py [--root DIR]
        (DIR defaults to the repository root, the parent of tools/)

Prints one line per problem, `<file>: <json.path>: <what is wrong>`, and exits 1 if there
is any; prints nothing and exits 0 when both files are valid.
"""
import argparse
import hashlib
import json
import sys
from pathlib import Path

try:
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover
    print("check_claims: the `jsonschema` package is required (pip install jsonschema)", file=sys.stderr)
    sys.exit(1)

PAIRS = [("data/claims.json", "schemas/claims.schema.json"),
         ("data/rigs.json", "schemas/rigs.schema.json")]


def jpath(parts):
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load(path, problems, label):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        problems.append(f"{label}: $: file not found")
    except json.JSONDecodeError as e:
        problems.append(f"{label}: $: invalid JSON: {e.msg} at line {e.lineno} column {e.colno}")
    return None


def check_citations(label, base, cits, problems):
    for i, c in enumerate(cits):
        if not isinstance(c, dict):
            continue
        q, h = c.get("quote"), c.get("quoteSha256")
        where = jpath(base + ["citations", i, "quoteSha256"])
        if isinstance(q, str):
            want = sha256(q)
            if h != want:
                problems.append(f"{label}: {where}: is {h!r}, sha256 of the quote is {want}")
        elif q is None and h is not None:
            problems.append(f"{label}: {where}: must be null when quote is null")


def check_boundary_refs(label, base, record, problems):
    cits = record.get("citations")
    ncit = len(cits) if isinstance(cits, list) else 0
    phases = ((record.get("boundary") or {}).get("phases") or {})
    if isinstance(phases, dict):
        for name, entry in phases.items():
            if isinstance(entry, dict):
                ci = entry.get("citation")
                if isinstance(ci, int) and not 0 <= ci < ncit:
                    problems.append(f"{label}: {jpath(base + ['boundary', 'phases', name, 'citation'])}: "
                                    f"index {ci} outside citations (length {ncit})")
    pd = record.get("percentileDefinition")
    if isinstance(pd, dict) and isinstance(pd.get("citation"), int) and not 0 <= pd["citation"] < ncit:
        problems.append(f"{label}: {jpath(base + ['percentileDefinition', 'citation'])}: "
                        f"index {pd['citation']} outside citations (length {ncit})")


def check_claims(label, doc, problems):
    seen_vendors = set()
    for vi, v in enumerate(doc.get("vendors") or []):
        if not isinstance(v, dict):
            continue
        vbase = ["vendors", vi]
        if v.get("id") in seen_vendors:
            problems.append(f"{label}: {jpath(vbase + ['id'])}: duplicate vendor id {v.get('id')!r}")
        seen_vendors.add(v.get("id"))
        ids = set()
        for ci, c in enumerate(v.get("claims") or []):
            if not isinstance(c, dict):
                continue
            cbase = vbase + ["claims", ci]
            if c.get("id") in ids:
                problems.append(f"{label}: {jpath(cbase + ['id'])}: duplicate claim id {c.get('id')!r}")
            ids.add(c.get("id"))
            if isinstance(c.get("citations"), list):
                check_citations(label, cbase, c["citations"], problems)
            check_boundary_refs(label, cbase, c, problems)
        for ri, r in enumerate(v.get("relations") or []):
            if not isinstance(r, dict):
                continue
            for k, cid in enumerate(r.get("claims") or []):
                if cid not in ids:
                    problems.append(f"{label}: {jpath(vbase + ['relations', ri, 'claims', k])}: "
                                    f"no claim {cid!r} in vendor {v.get('id')!r}")


def check_rigs(label, doc, problems):
    seen = set()
    for ri, r in enumerate(doc.get("rigs") or []):
        if not isinstance(r, dict):
            continue
        base = ["rigs", ri]
        if r.get("id") in seen:
            problems.append(f"{label}: {jpath(base + ['id'])}: duplicate rig id {r.get('id')!r}")
        seen.add(r.get("id"))
        if isinstance(r.get("citations"), list):
            check_citations(label, base, r["citations"], problems)
        check_boundary_refs(label, base, r, problems)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=str(Path(__file__).resolve().parent.parent),
                    help="repository root holding data/ and schemas/")
    args = ap.parse_args(argv)
    root = Path(args.root)
    problems = []
    for data_rel, schema_rel in PAIRS:
        doc = load(root / data_rel, problems, data_rel)
        schema = load(root / schema_rel, problems, schema_rel)
        if doc is None or schema is None:
            continue
        try:
            Draft202012Validator.check_schema(schema)
        except Exception as e:  # jsonschema.SchemaError
            problems.append(f"{schema_rel}: $: not a valid draft 2020-12 schema: {getattr(e, 'message', e)}")
            continue
        validator = Draft202012Validator(schema)
        for err in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
            problems.append(f"{data_rel}: {jpath(list(err.absolute_path))}: {err.message}")
        if not isinstance(doc, dict):
            continue
        if data_rel.endswith("claims.json"):
            check_claims(data_rel, doc, problems)
        else:
            check_rigs(data_rel, doc, problems)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
