#!/usr/bin/env python3
"""Validate a JSON document against one of the schemas in schemas/ (draft 2020-12, with local $refs).

Usage: python3 tools/validate_json.py SCHEMA DOCUMENT   (DOCUMENT may be - for stdin)
Exit 0 when valid; 1 with one line per error (json.path: message) otherwise.
"""
import json, os, sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource


def main():
    schema_path, doc_path = sys.argv[1], sys.argv[2]
    schema_dir = os.path.dirname(os.path.abspath(schema_path))
    resources = []
    for name in os.listdir(schema_dir):
        if name.endswith(".schema.json"):
            with open(os.path.join(schema_dir, name)) as f:
                s = json.load(f)
            resources.append((name, Resource.from_contents(s)))
            resources.append((s.get("$id", name), Resource.from_contents(s)))
    registry = Registry().with_resources(resources)
    with open(schema_path) as f:
        schema = json.load(f)
    doc = json.load(sys.stdin if doc_path == "-" else open(doc_path))
    errors = sorted(Draft202012Validator(schema, registry=registry).iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors[:50]:
        print("$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.absolute_path) + ": " + e.message[:300])
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
