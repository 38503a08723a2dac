"""Tests for tools/import_datasets.py. Run from the repo root:

    python3 -m unittest tools/test_import_datasets.py

The real-data tests read the copies in benchmarks/sources (they skip only if that folder is absent).
"""

import contextlib
import hashlib
import importlib.util
import io
import json
import os
import shutil
import tempfile
import unittest
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO / "benchmarks" / "sources"
RESULTS = REPO / "benchmarks" / "results"

_spec = importlib.util.spec_from_file_location("import_datasets", REPO / "tools" / "import_datasets.py")
imp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(imp)

need_datasets = unittest.skipUnless(DATASETS.is_dir(), f"{DATASETS} is absent: real-data tests skipped")


def quiet(fn, *args, **kwargs):
    """Call fn with stdout and stderr captured; return (result, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        result = fn(*args, **kwargs)
    return result, out.getvalue(), err.getvalue()


def scratch_dir(test):
    """A fresh temporary folder, removed when the test ends."""
    tmp = Path(tempfile.mkdtemp())
    test.addCleanup(shutil.rmtree, tmp)
    return tmp


def dataset_folder(test, family):
    """A scratch datasets root holding an empty folder for `family`: (root, folder)."""
    root = scratch_dir(test)
    folder = root / family
    folder.mkdir()
    return root, folder


def write_manifest(root, files):
    """A datasets README listing the sha256 of each (relative path) in files."""
    lines = ["# synthetic", "## sha256"]
    for rel in files:
        digest = hashlib.sha256((root / rel).read_bytes()).hexdigest()
        lines.append(f"    {digest}  {rel}")
    (root / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


class SummaryRule(unittest.TestCase):
    def test_p99_of_30_is_the_max(self):
        s = imp.summarize([float(v) for v in range(30, 0, -1)])  # unsorted on purpose
        self.assertEqual(s["p99"], 30.0)
        self.assertEqual(s["max"], 30.0)
        self.assertEqual(s["p95"], 29.0)   # ss[int(30*0.95)] = ss[28]
        self.assertEqual(s["p50"], 16.0)   # ss[15]: the upper middle for even n
        self.assertEqual(s["min"], 1.0)
        self.assertEqual(s["mean"], 15.5)
        self.assertEqual(s["n"], 30)

    def test_index_is_floor_of_n_p_over_100(self):
        s = imp.summarize([float(v) for v in range(1, 101)])
        self.assertEqual((s["p50"], s["p95"], s["p99"]), (51.0, 96.0, 100.0))
        s = imp.summarize([float(v) for v in range(1, 201)])
        self.assertEqual(s["p99"], 199.0)  # ss[198]: with n = 200 the p99 is no longer the max

    def test_single_sample_and_key_order(self):
        s = imp.summarize([7.5])
        self.assertEqual(list(s), ["mean", "p50", "p95", "p99", "min", "max", "n"])
        self.assertEqual(s, {"mean": 7.5, "p50": 7.5, "p95": 7.5, "p99": 7.5, "min": 7.5, "max": 7.5, "n": 1})

    def test_empty_is_an_input_error(self):
        with self.assertRaises(imp.InputError):
            imp.summarize([])


class Names(unittest.TestCase):
    def test_lambda_prefix_dropped_and_underscores_become_hyphens(self):
        self.assertEqual(imp.lambda_config("lambda-perf-cpp11_on_provided_al2023-zip-512-x86_64"),
                         "lambda-cpp11-on-provided-al2023-zip-512-x86-64")
        self.assertEqual(imp.lambda_config("lambda-perf-python3.13-zip-128-arm64"),
                         "lambda-python3.13-zip-128-arm64")

    def test_other_characters_and_case(self):
        self.assertEqual(imp.sanitize_config("ComputeSDK E2B/seq"), "computesdk-e2b-seq")

    def test_rejects_what_cannot_match(self):
        with self.assertRaises(imp.InputError):
            imp.sanitize_config("_leading")
        with self.assertRaises(imp.InputError):
            imp.lambda_config("other-python312-zip-128-x86_64")

    def test_file_name(self):
        run = {"config": "nsdi2020-fc-api", "metric": "host-spawn-to-exit-ms", "concurrency": 10}
        self.assertEqual(imp.file_name(run), "nsdi2020-fc-api_host-spawn-to-exit-ms_cc10.json")


class SyntheticFirecracker(unittest.TestCase):
    def setUp(self):
        self.tmp, fc = dataset_folder(self, "firecracker-nsdi2020-boot")
        (fc / "boot-serial-fc-api.dat").write_text("161365 106\n161893 110\n100000 99\n")
        (fc / "boot-parallel-10-chv.dat").write_text("102392\n2000\n")
        write_manifest(self.tmp, ["firecracker-nsdi2020-boot/boot-serial-fc-api.dat",
                                  "firecracker-nsdi2020-boot/boot-parallel-10-chv.dat"])
        self.out = imp.build_all(self.tmp, families={"firecracker-nsdi2020-boot"})

    def load(self, name):
        return json.loads(self.out[name])

    def test_files_and_names(self):
        self.assertEqual(sorted(self.out), [
            "nsdi2020-chv_host-spawn-to-exit-ms_cc10.json",
            "nsdi2020-fc-api_host-spawn-to-exit-ms_cc1.json",
            "nsdi2020-fc-api_instancestart-to-init-ms_cc1.json",
        ])

    def test_microseconds_to_milliseconds(self):
        run = self.load("nsdi2020-fc-api_host-spawn-to-exit-ms_cc1.json")
        self.assertEqual(run["samples"], [161.365, 161.893, 100.0])
        self.assertEqual(run["provenance"]["unitConversion"], "µs / 1000")
        text = self.out["nsdi2020-fc-api_host-spawn-to-exit-ms_cc1.json"].decode()
        self.assertIn("\n    161.365,\n", text)
        self.assertIn("\n    100.0\n", text)
        chv = self.load("nsdi2020-chv_host-spawn-to-exit-ms_cc10.json")
        self.assertEqual(chv["samples"], [102.392, 2.0])
        self.assertEqual(chv["concurrency"], 10)

    def test_column_two_is_ms_written_as_float(self):
        run = self.load("nsdi2020-fc-api_instancestart-to-init-ms_cc1.json")
        self.assertEqual(run["samples"], [106.0, 110.0, 99.0])
        self.assertIn("\n    106.0,\n", self.out["nsdi2020-fc-api_instancestart-to-init-ms_cc1.json"].decode())

    def test_label_swap_noted_and_host_inference_marked(self):
        run = self.load("nsdi2020-fc-api_host-spawn-to-exit-ms_cc1.json")
        self.assertTrue(any("LABEL SWAP" in n for n in run["provenance"]["notes"]))
        self.assertTrue(any("cpuCount 48 is INFERRED" in n for n in run["provenance"]["hostNotes"]))
        self.assertEqual(run["host"]["memGB"], 377.58)
        chv = self.load("nsdi2020-chv_host-spawn-to-exit-ms_cc10.json")
        self.assertFalse(any("LABEL SWAP" in n for n in chv["provenance"]["notes"]))

    def test_key_order_and_trailing_newline(self):
        data = self.out["nsdi2020-chv_host-spawn-to-exit-ms_cc10.json"]
        self.assertTrue(data.endswith(b"}\n"))
        self.assertEqual(list(json.loads(data)), list(imp.RUN_KEYS))

    def test_hash_mismatch_is_refused(self):
        path = self.tmp / "firecracker-nsdi2020-boot" / "boot-parallel-10-chv.dat"
        path.write_text("102392\n2001\n")
        with self.assertRaises(imp.InputError) as ctx:
            imp.build_all(self.tmp, families={"firecracker-nsdi2020-boot"})
        self.assertTrue(str(ctx.exception).startswith(f"{path}: sha256 "), str(ctx.exception))

    def test_invalid_utf8_names_the_file_and_offset(self):
        path = self.tmp / "firecracker-nsdi2020-boot" / "boot-parallel-10-chv.dat"
        path.write_bytes(b"102392\n20\xff0\n")
        write_manifest(self.tmp, ["firecracker-nsdi2020-boot/boot-serial-fc-api.dat",
                                  "firecracker-nsdi2020-boot/boot-parallel-10-chv.dat"])
        with self.assertRaises(imp.InputError) as ctx:
            imp.build_all(self.tmp, families={"firecracker-nsdi2020-boot"})
        self.assertEqual(str(ctx.exception), f"{path}: not valid UTF-8 (byte 0xff at offset 9)")

    def test_unexpected_shape_is_reported_against_its_file(self):
        """A TypeError deep in a converter still names the source file it was reading."""
        def convert(folder):
            imp.read_source_text(folder / "boot-parallel-10-chv.dat")
            return 1.5 - "x"
        saved = dict(imp.FAMILIES)
        imp.FAMILIES.clear()
        imp.FAMILIES["firecracker-nsdi2020-boot"] = convert
        try:
            with self.assertRaises(imp.InputError) as ctx:
                imp.build_all(self.tmp)
        finally:
            imp.FAMILIES.clear()
            imp.FAMILIES.update(saved)
        path = self.tmp / "firecracker-nsdi2020-boot" / "boot-parallel-10-chv.dat"
        self.assertTrue(str(ctx.exception).startswith(f"{path}: a value has an unexpected type ("), str(ctx.exception))

    def test_malformed_row_is_refused(self):
        path = self.tmp / "firecracker-nsdi2020-boot" / "boot-parallel-10-chv.dat"
        path.write_text("102392 7\n")
        write_manifest(self.tmp, ["firecracker-nsdi2020-boot/boot-serial-fc-api.dat",
                                  "firecracker-nsdi2020-boot/boot-parallel-10-chv.dat"])
        with self.assertRaises(imp.InputError):
            imp.build_all(self.tmp, families={"firecracker-nsdi2020-boot"})


class SyntheticComputesdkFailures(unittest.TestCase):
    def test_failed_iterations_counted_not_sampled(self):
        tmp, folder = dataset_folder(self, "computesdk-sandbox-tti")
        doc = {"version": "1.1", "timestamp": "2026-05-05T01:17:50.095Z",
               "environment": {"node": "v24", "platform": "linux", "arch": "x64"},
               "config": {"iterations": 3, "timeoutMs": 120000},
               "results": [{"provider": "e2b",
                            "iterations": [{"ttiMs": 500.5}, {"ttiMs": 0, "error": "boom: 500"}, {"ttiMs": 400}],
                            "summary": {"ttiMs": {"median": 450.25, "p95": 500.5, "p99": 500.5}},
                            "successRate": 0.67}]}
        (folder / "staggered_tti-2026-05-05.json").write_text(json.dumps(doc))
        write_manifest(tmp, ["computesdk-sandbox-tti/staggered_tti-2026-05-05.json"])
        out = imp.build_all(tmp, families={"computesdk-sandbox-tti"})
        self.assertEqual(list(out), ["computesdk-e2b-staggered_tti-ms_cc100.json"])
        run = json.loads(out["computesdk-e2b-staggered_tti-ms_cc100.json"])
        self.assertEqual(run["samples"], [500.5, 400.0])
        self.assertEqual(run["summary"]["n"], 2)
        prov = run["provenance"]
        self.assertEqual(prov["failures"], 1)
        self.assertEqual(prov["failureDetails"], [{"iteration": 1, "ttiMs": 0, "error": "boom: 500"}])
        self.assertEqual(prov["publishedSummary"], doc["results"][0]["summary"])
        self.assertEqual(run["runAt"], "2026-05-05T01:17:50.095Z")
        self.assertTrue(any("all three match exactly" in n for n in prov["notes"]))

    def computesdk_tree(self, text):
        tmp, folder = dataset_folder(self, "computesdk-sandbox-tti")
        path = folder / "staggered_tti-2026-05-05.json"
        path.write_text(text, encoding="utf-8")
        write_manifest(tmp, ["computesdk-sandbox-tti/staggered_tti-2026-05-05.json"])
        return tmp, path

    @staticmethod
    def one_provider(provider):
        return json.dumps({"version": "1.1", "timestamp": "2026-05-05T01:17:50.095Z",
                           "environment": {"node": "v24", "platform": "linux", "arch": "x64"},
                           "config": {"iterations": 1, "timeoutMs": 120000},
                           "results": [{"provider": provider, "iterations": [{"ttiMs": 500.5}],
                                        "summary": {"ttiMs": {"median": 500.5, "p95": 500.5, "p99": 500.5}},
                                        "successRate": 1}]})

    def test_lone_surrogate_is_an_input_error_naming_the_file(self):
        # JSON text may spell a lone surrogate (\\ud800); Python reads it, but no UTF-8 file can hold it
        tmp, path = self.computesdk_tree(self.one_provider("PLACEHOLDER").replace("PLACEHOLDER", "e2b\\ud800"))
        with self.assertRaises(imp.InputError) as ctx:
            imp.build_all(tmp, families={"computesdk-sandbox-tti"})
        self.assertTrue(str(ctx.exception).startswith(f"{path}: "), str(ctx.exception))

    def test_overlong_derived_file_name_is_refused_before_writing(self):
        tmp, path = self.computesdk_tree(self.one_provider("e" * 300))
        with self.assertRaises(imp.InputError) as ctx:
            imp.build_all(tmp, families={"computesdk-sandbox-tti"})
        self.assertIn(f"{path}: the run file name derived from it is ", str(ctx.exception))

    def test_two_providers_that_sanitise_alike_name_the_file_and_field(self):
        # "fc\x7fz" and "fc\x00z" both become config computesdk-fc-z-…: one diagnostic, starting with the file
        doc = json.loads(self.one_provider("fc\u007fz"))
        second = json.loads(json.dumps(doc["results"][0]))
        second["provider"] = "fc\u0000z"
        doc["results"].append(second)
        tmp, path = self.computesdk_tree(json.dumps(doc))
        with self.assertRaises(imp.InputError) as ctx:
            imp.build_all(tmp, families={"computesdk-sandbox-tti"})
        message = str(ctx.exception)
        self.assertTrue(message.startswith(f"{path}: results[provider="), message)
        self.assertIn("maps to the run file computesdk-fc-z-staggered_tti-ms_cc100.json, as another record of the same file does", message)
        self.assertNotIn("\n", message)
        # printed as one line: the NUL and DEL from the provider names are escaped
        self.assertEqual(imp.one_line("a\x00b\x7fc\u2028d\te"), "a\\u0000b\\u007fc\\u2028d\\u0009e")

    def test_trimmed_rule_matches_the_source_on_a_known_input(self):
        # 20 values: floor(5% of 20) = 1 trimmed each end -> 2..19; median (10+11)/2; p95 ceil(17.1)-1 = 17 -> 19
        s = imp.computestats_trimmed([float(v) for v in range(1, 21)])
        self.assertEqual(s, {"median": 10.5, "p95": 19.0, "p99": 19.0})


class SyntheticLambda(unittest.TestCase):
    def test_empty_runtime_data_names_the_file_and_field(self):
        tmp, folder = dataset_folder(self, "lambda-perf-coldstart")
        path = folder / "2026-08-22.json"
        path.write_text(json.dumps({"metadata": {"generatedAt": "2026-08-22T00:00:00Z"}, "runtimeData": []}))
        write_manifest(tmp, ["lambda-perf-coldstart/2026-08-22.json"])
        with self.assertRaises(imp.InputError) as ctx:
            imp.build_all(tmp, families={"lambda-perf-coldstart"})
        self.assertEqual(str(ctx.exception), f"{path}: runtimeData: expected a non-empty list of configurations, found []")


class Diagnostics(unittest.TestCase):
    def test_long_source_values_are_shortened_and_lines_capped(self):
        self.assertEqual(imp.quote("ab"), "'ab'")
        long = "ab-" * 100_000
        q = imp.quote(long)
        self.assertTrue(q.startswith("'ab-ab-") and q.endswith("… (300000 characters)"), q)
        self.assertLess(len(q), 100)
        cut = imp.one_line("x" * 5000)
        self.assertEqual(len(cut), 2000 + len("… (diagnostic cut at 2000 of 5000 characters)"))
        with self.assertRaises(imp.InputError) as ctx:
            imp.lambda_config(long)
        self.assertLess(len(str(ctx.exception)), 200)


class AtomicWrite(unittest.TestCase):
    def setUp(self):
        self.dir = scratch_dir(self)

    def test_create_unchanged_refuse_force(self):
        outputs = {"a_m_cc1.json": b"one\n", "b_m_cc1.json": b"two\n"}
        status, refused = imp.write_outputs(outputs, self.dir)
        self.assertEqual((status, refused), ({"a_m_cc1.json": "created", "b_m_cc1.json": "created"}, []))
        status, refused = imp.write_outputs(outputs, self.dir)
        self.assertEqual(set(status.values()), {"unchanged"})

        (self.dir / "a_m_cc1.json").write_bytes(b"edited\n")
        outputs["b_m_cc1.json"] = b"two v2\n"
        status, refused = imp.write_outputs(outputs, self.dir)
        self.assertEqual(refused, ["a_m_cc1.json", "b_m_cc1.json"])
        # all or nothing: neither file was touched
        self.assertEqual((self.dir / "a_m_cc1.json").read_bytes(), b"edited\n")
        self.assertEqual((self.dir / "b_m_cc1.json").read_bytes(), b"two\n")

        status, refused = imp.write_outputs(outputs, self.dir, force=True)
        self.assertEqual(refused, [])
        self.assertEqual(status, {"a_m_cc1.json": "updated", "b_m_cc1.json": "updated"})
        self.assertEqual((self.dir / "a_m_cc1.json").read_bytes(), b"one\n")
        self.assertEqual(sorted(p.name for p in self.dir.iterdir()), ["a_m_cc1.json", "b_m_cc1.json"])

    def test_failed_write_leaves_target_and_no_temp_file(self):
        target = self.dir / "x.json"
        target.write_bytes(b"old\n")
        real_replace = os.replace

        def broken(*_):
            raise OSError("simulated")

        os.replace = broken
        try:
            with self.assertRaises(OSError):
                imp.write_atomic(target, b"new\n")
        finally:
            os.replace = real_replace
        self.assertEqual(target.read_bytes(), b"old\n")
        self.assertEqual([p.name for p in self.dir.iterdir()], ["x.json"])


@need_datasets
class RealData(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.outputs = imp.build_all(DATASETS)

    def test_check_on_committed_output(self):
        code, out, err = quiet(imp.main, ["--datasets", str(DATASETS), "--out", str(RESULTS), "--check"])
        self.assertEqual(code, 0, out + err)

    def test_check_reports_a_changed_a_missing_and_a_stale_file(self):
        tmp = scratch_dir(self)
        for name, data in self.outputs.items():
            (tmp / name).write_bytes(data)
        names = sorted(self.outputs)
        (tmp / names[0]).write_bytes(self.outputs[names[0]].replace(b'"n": ', b'"n":  '))
        (tmp / names[1]).unlink()
        stale = json.loads(self.outputs[names[2]])
        stale["config"] = "gone"
        (tmp / "gone_x_cc1.json").write_text(json.dumps(stale))
        code, out, _ = quiet(imp.main, ["--datasets", str(DATASETS), "--out", str(tmp), "--check"])
        self.assertEqual(code, 1)
        self.assertIn(f"differs: {names[0]}", out)
        self.assertIn(f"missing: {names[1]}", out)
        self.assertIn("stale: gone_x_cc1.json", out)

    def test_counts_per_family(self):
        fams = {"nsdi2020-": 33, "computesdk-": 39, "kata_": 2, "kuasar_": 2, "lambda-": 620}
        for prefix, count in fams.items():
            self.assertEqual(sum(n.startswith(prefix) for n in self.outputs), count, prefix)
        self.assertEqual(len(self.outputs), 696)

    def test_every_file_is_consistent(self):
        for name, data in self.outputs.items():
            run = json.loads(data)
            self.assertEqual(list(run), list(imp.RUN_KEYS), name)
            self.assertRegex(run["config"], imp.CONFIG_RE, name)
            self.assertEqual(imp.file_name(run), name)
            self.assertEqual(run["summary"], imp.summarize(run["samples"]), name)
            self.assertTrue(all(isinstance(v, float) for v in run["samples"]), name)
            self.assertRegex(run["provenance"]["source"]["commit"], r"^[0-9a-f]{40}$")
            self.assertTrue(run["provenance"]["hostNotes"], name)

    def test_known_figures_from_source_md(self):
        def summary(name):
            return json.loads(self.outputs[name])["summary"]
        self.assertEqual(summary("kuasar_cri-run-to-ps-listed-ms_cc1.json")["p50"], 324.0)
        self.assertEqual(summary("kata_cri-run-to-ps-listed-ms_cc1.json")["n"], 1007)
        self.assertEqual(summary("kuasar_batch50-makespan-ms_cc50.json")["n"], 998)
        self.assertEqual(summary("nsdi2020-fc-file_host-spawn-to-exit-ms_cc50.json")["n"], 999)
        self.assertEqual(round(summary("nsdi2020-fc-api_host-spawn-to-exit-ms_cc1.json")["p50"], 1), 160.9)
        total_failures = sum(json.loads(d)["provenance"]["failures"]
                             for n, d in self.outputs.items() if n.startswith("computesdk-"))
        self.assertEqual(total_failures, 3)
        lam = sum(json.loads(d)["summary"]["n"] for n, d in self.outputs.items() if n.startswith("lambda-"))
        self.assertEqual(lam, 6197)


if __name__ == "__main__":
    unittest.main()
