"""Unit tests for tools/fuzz_readers.py (the mutators and the checks; no audit binary needed).
Run from the repo root:

    python3 -m unittest tools/test_fuzz_readers.py
"""

import importlib.util
import json
import random
import sys
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("fuzz_readers", REPO / "tools" / "fuzz_readers.py")
fz = importlib.util.module_from_spec(_spec)
sys.modules["fuzz_readers"] = fz  # dataclasses look their module up while the class is built
_spec.loader.exec_module(fz)

RUN = {
    "config": "jail-raw", "host": {"hostname": "h", "kernel": "FreeBSD", "release": None, "cpuModel": None,
                                   "cpuCount": 8, "memGB": 16.0},
    "metric": "cold-start-ms", "concurrency": 1, "samples": [12.0, 15.5, 11.0, 30.25, 12.0],
    "summary": {"mean": 16.15, "p50": 12.0, "p95": 30.25, "p99": 30.25, "min": 11.0, "max": 30.25, "n": 5},
    "scriptPath": "benchmarks/rigs/jail-raw.sh", "runAt": "2025-01-01T00:00:00Z",
}
SEEDS = {
    "benchmarkrun": json.dumps(RUN, indent=2).encode() + b"\n",
    "json": json.dumps({"schemaVersion": 1, "vendors": [{"id": "v", "claims": [{"id": "L1", "figure": {
        "value": 60, "unit": "ms"}, "n": None, "quote": "fast"}]}]}, indent=2).encode(),
    "text": b"# samples\n\n12\n15.5\n11\n30.25\n12\n",
    "tsv": b"0\t12\n1\t15\n2\t11\n3\t30\n4\t12\n",
}
RNG_SEEDS = range(25)


def apply(m, kind, seed):
    """Runs one mutator on the seed for `kind`; returns (original bytes, mutated bytes, detail)."""
    rng = random.Random(seed)
    data = SEEDS[kind]
    if m.level == "json":
        doc = fz.parse_json(data)
        before = fz.dump_json(fz.parse_json(data), "  ").encode()
        doc, detail, _ = m.fn(rng, doc, kind)
        return before, fz.dump_json(doc, "  ").encode(), detail
    if m.level == "text":
        lines = data.decode().split("\n")[:-1]
        lines, detail, _ = m.fn(rng, lines, kind)
        return data, ("\n".join(lines) + ("\n" if lines else "")).encode(), detail
    out, detail, _ = m.fn(rng, data, kind)
    return data, out, detail


class MutatorTests(unittest.TestCase):
    def test_registry_covers_every_level(self):
        levels = {m.level for m in fz.MUTATORS.values()}
        self.assertEqual(levels, {"bytes", "json", "text", "special"})
        for name in ("truncate", "flip_bits", "insert_bytes", "delete_bytes", "invalid_utf8", "prepend_bom", "crlf",
                     "nul_bytes", "repeat_huge", "wrong_type", "null_value", "nonfinite_literal", "overflow_literal",
                     "negative_zero", "negative_latency", "zero_latency", "empty_container", "deep_nesting",
                     "duplicate_key", "unknown_key", "missing_key", "long_string", "number_as_string",
                     "summary_mismatch", "concurrency_edge", "config_name", "non_number", "nan_inf", "hex_float",
                     "multi_field", "empty_file", "only_comments"):
            self.assertIn(name, fz.MUTATORS)

    def test_each_mutator_changes_the_input(self):
        for m in fz.MUTATORS.values():
            if m.level == "special":
                continue
            for kind in sorted(m.kinds):
                for seed in RNG_SEEDS:
                    with self.subTest(mutator=m.name, kind=kind, seed=seed):
                        before, after, detail = apply(m, kind, seed)
                        self.assertNotEqual(before, after, f"{m.name}({detail}) left the {kind} input unchanged")

    def test_each_mutator_is_deterministic_per_seed(self):
        for m in fz.MUTATORS.values():
            if m.level == "special":
                continue
            for kind in sorted(m.kinds):
                with self.subTest(mutator=m.name, kind=kind):
                    self.assertEqual(apply(m, kind, 7), apply(m, kind, 7))

    def test_json_mutators_flag_what_the_contract_rejects(self):
        rng = random.Random(3)
        doc = fz.parse_json(SEEDS["benchmarkrun"])
        doc, detail, expect = fz.MUTATORS["duplicate_key"].fn(rng, doc, "benchmarkrun")
        self.assertEqual(expect, "reject")
        text = fz.dump_json(doc, None)
        self.assertGreater(len(text), 0)
        for name in ("nonfinite_literal", "overflow_literal", "negative_latency", "bad_unicode_escape"):
            _, _, expect = fz.MUTATORS[name].fn(random.Random(1), fz.parse_json(SEEDS["benchmarkrun"]), "benchmarkrun")
            self.assertEqual(expect, "reject", name)

    def test_nonfinite_literal_is_written_raw(self):
        doc = fz.parse_json(SEEDS["benchmarkrun"])
        doc, detail, _ = fz.MUTATORS["nonfinite_literal"].fn(random.Random(0), doc, "benchmarkrun")
        literal = detail.split(" = ")[1]
        self.assertIn(literal, fz.dump_json(doc, "  "))

    def test_dump_json_round_trips_and_writes_duplicates(self):
        doc = fz.parse_json(SEEDS["benchmarkrun"])
        for indent in (None, "  ", "\t"):
            self.assertEqual(json.loads(fz.dump_json(doc, indent)), RUN)
        dup = fz.Pairs([["a", 1], ["a", 2], [fz.Raw('"\\u0061"'), 3]])
        self.assertEqual(fz.dump_json(dup, None), '{"a":1,"a":2,"\\u0061":3}')

    def test_mutations_never_share_objects_between_cases(self):
        # wrong_type used to insert its module-level constant itself: a later mutation of the document edited
        # the constant, and a second wrong_type could then put the object inside itself (the writer recursed).
        before = json.dumps(fz.WRONG_TYPE_VALUES, default=repr, sort_keys=True)
        for seed in range(300):
            rng = random.Random(seed)
            doc = fz.parse_json(SEEDS["benchmarkrun"])
            for name in ("wrong_type", "duplicate_key", "wrong_type", "duplicate_key", "wrong_type"):
                doc, _, _ = fz.MUTATORS[name].fn(rng, doc, "benchmarkrun")
            fz.dump_json(doc, None)  # neither a cycle nor a malformed object
        self.assertEqual(json.dumps(fz.WRONG_TYPE_VALUES, default=repr, sort_keys=True), before)

    def test_samples_mutators_leave_an_object_valued_samples_alone(self):
        doc = fz.Pairs([["samples", fz.Pairs([["k", 1]])]])
        self.assertIsNone(fz._samples(doc))
        for seed in range(50):
            out, _, _ = fz.MUTATORS["extreme_samples"].fn(random.Random(seed), fz.parse_json(fz.dump_json(doc, None).encode()), "benchmarkrun")
            json.loads(fz.dump_json(out, None).replace("Infinity", "1").replace("NaN", "1"))

    def test_big_samples_text_has_exact_count(self):
        old = fz.BIG_COUNT
        try:
            fz.BIG_COUNT = 1003
            text = fz.big_samples_text([1.0, 2.5, 3.0], ", ")
            self.assertEqual(len(json.loads("[" + text + "]")), 1003)
        finally:
            fz.BIG_COUNT = old


class CaseTests(unittest.TestCase):
    def setUp(self):
        self.seeds = {k: [fz.Seed(f"s.{k}", k, (lambda v=v: v))] for k, v in SEEDS.items()}
        self.target = fz.Target("t", lambda: [], (("describe", "{input}"), ("describe", "{input}", "--format", "json")))

    def test_case_is_deterministic_per_number(self):
        for kind in ("benchmarkrun", "text"):
            for n in range(40):
                a = fz.make_case(self.target, self.seeds[kind], 1, n, allow_big=False)
                b = fz.make_case(self.target, self.seeds[kind], 1, n, allow_big=False)
                self.assertEqual((a.data, a.special, a.mutations, a.variant), (b.data, b.special, b.mutations, b.variant))

    def test_seed_changes_the_cases(self):
        a = [fz.make_case(self.target, self.seeds["benchmarkrun"], 1, n, allow_big=False).mutations for n in range(30)]
        b = [fz.make_case(self.target, self.seeds["benchmarkrun"], 2, n, allow_big=False).mutations for n in range(30)]
        self.assertNotEqual(a, b)

    def test_big_cases_are_scheduled(self):
        self.assertTrue(fz.is_big(fz.BIG_OFFSET))
        self.assertTrue(fz.is_big(fz.BIG_OFFSET + fz.BIG_PERIOD))
        self.assertEqual(sum(fz.is_big(n) for n in range(300)), 1)

    def test_generation_never_fails_on_real_seeds(self):
        for t in fz.TARGETS[:3]:
            seeds = t.seeds()
            if not seeds:
                self.skipTest("benchmarks/results is absent")
            for n in range(400):
                c = fz.make_case(t, seeds, 5, n, allow_big=False)
                self.assertTrue(c.mutations)
                self.assertTrue(c.data is not None or c.special is not None)


class CheckTests(unittest.TestCase):
    def outcome(self, rc, stdout=b"", stderr=b"", variant=("describe", "{input}"), expect=None):
        case = fz.Case("t", 0, "x.json", "benchmarkrun", ["m"], data=b"{}", variant=variant, expect=expect)
        o = fz.Outcome(case, ["audit", "describe", "/w/x.json"], rc, stdout, stderr, 0.01, False, "/w/x.json", "/w/x.json")
        target = fz.Target("t", lambda: [], (variant,))
        fz._help_cache["describe"] = "OPTIONS:\n  --format <format>  x\n  -h, --help  y\n"
        fz.check(o, target, "audit", Path("/w"))
        return o

    def test_clean_diagnostic_passes(self):
        o = self.outcome(65, stderr=b"audit: /w/x.json: samples[3]: expected a number, found a string\n")
        self.assertEqual(o.category, "ok", o.problems)

    def test_two_line_diagnostic_fails(self):
        o = self.outcome(65, stderr=b'audit: /w/x.json: config: "a\nb" is not valid\n')
        self.assertEqual(o.category, "violation")
        self.assertTrue(any("exactly one" in p for p in o.problems))

    def test_control_character_and_stdout_on_error_fail(self):
        o = self.outcome(65, stdout=b"n 1\n", stderr=b'audit: /w/x.json: line 1: not a number: "1\r2"\n')
        self.assertEqual(len(o.problems), 2, o.problems)

    def test_unlisted_option_in_diagnostic_fails(self):
        o = self.outcome(65, stderr=b"audit: /w/x.json: too large (raise it with --max-input-mb)\n")
        self.assertTrue(any("--max-input-mb" in p for p in o.problems))

    def test_non_strict_json_output_fails(self):
        o = self.outcome(0, stdout=b'{"mean": -nan}\n', variant=("describe", "{input}", "--format", "json"))
        self.assertEqual(o.category, "violation")
        o = self.outcome(0, stdout=b'{"mean": NaN}\n', variant=("describe", "{input}", "--format", "json"))
        self.assertEqual(o.category, "violation")

    def test_unexpected_exit_and_oracles(self):
        self.assertEqual(self.outcome(2, stderr=b"audit: /w/x.json: x\n").category, "violation")
        self.assertEqual(self.outcome(0, stdout=b"n 1\n", expect="reject").category, "violation")
        self.assertEqual(self.outcome(65, stderr=b"audit: /w/x.json: 1:1: x\n", expect="accept").category, "violation")
        self.assertEqual(self.outcome(-4).category, "crash")


if __name__ == "__main__":
    unittest.main()
