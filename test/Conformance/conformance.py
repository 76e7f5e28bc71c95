#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# The ONNX backend conformance suite: compiles every test model of
# libonnx-testdata with kiln-compile, runs it on the test's inputs with
# kiln-run (inputs are fed at run time, never baked into the compile), and
# compares with the expected outputs at ONNX's default tolerance (rtol 1e-3,
# atol 1e-7).
#
# Each test ends in one of:
#   passed         outputs match
#   wrong result   kiln-run found a mismatch (a bug: listed in the report)
#   unsupported    kiln-compile rejected the model with a diagnostic (exit 1),
#                  or a run-time check of the compiled model refused the
#                  test's values with its diagnostic (kiln_rt.assert)
#   crashed        a tool died, timed out, or failed with an internal error
#
# It writes a Markdown report (--report) and checks the tracked list of tests
# expected to pass (--expected): the run fails when one of them does not
# pass or when the number of passing tests drops below the floor recorded in
# that file. --update rewrites the list from this run.
#
# The report also says how many node tests reach `kiln` IR, from
# tools/dev/conversion-census.sh run on the build that holds --tools-dir.
# When the census cannot run (no kiln-translate or kiln-opt there, or
# --no-census), the section of the previous report is kept, marked as such,
# so that regenerating the report never loses it.

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

SUITES = ["node", "simple", "pytorch-converted", "pytorch-operator"]
DEFAULT_DATA = "/usr/share/libonnx-testdata/data"

# Tests whose expected outputs need a looser tolerance than ONNX's default,
# each with the reason. Format: name -> (rtol, atol, reason).
_BF16_ROUNDING = (
    8e-3, 1e-7,
    "ONNX 1.12's reference truncates float32 to bfloat16; Kiln rounds to "
    "nearest even, as ONNX Runtime does: one bfloat16 ulp (2^-7 relative) "
    "apart")
TOLERANCE_OVERRIDES = {
    "node/test_cast_FLOAT_to_BFLOAT16": _BF16_ROUNDING,
}


# Wrong results whose cause has been traced, with what was found. They stay
# wrong results (the test does not pass); the report says why beside them.
WRONG_RESULT_ANALYSES = {
    "node/test_adam_multiple":
        "the expected outputs were computed with epsilon = 1e-2 but the "
        "model's Adam node has no epsilon attribute, so the ONNX default "
        "1e-6 applies; NumPy with 1e-6 gives 0.75595933, Kiln's value "
        "(checked 2026-11-23). A test-data error in ONNX 1.12, not a Kiln "
        "bug; test_adam (one tensor) passes.",
}


@dataclass
class Result:
    name: str
    status: str  # passed | wrong result | unsupported | crashed
    detail: str = ""
    seconds: float = 0.0


def first_lines(text: str, count: int = 3) -> str:
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
    return " / ".join(lines[:count])[:400]


def run_one(test_dir: str, name: str, tools: dict, work: str,
            timeout: float) -> Result:
    start = time.monotonic()
    lib = os.path.join(work, name.replace("/", "__") + ".so")
    compile_cmd = [tools["compile"], os.path.join(test_dir, "model.onnx"),
                   "--emit=shared-lib", "-o", lib, "--name=model"]
    try:
        proc = subprocess.run(compile_cmd, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return Result(name, "crashed", "kiln-compile timed out",
                      time.monotonic() - start)
    if proc.returncode == 1:
        return Result(name, "unsupported", first_lines(proc.stderr),
                      time.monotonic() - start)
    if proc.returncode != 0:
        why = (f"kiln-compile exit {proc.returncode}"
               if proc.returncode > 0 else
               f"kiln-compile killed by signal {-proc.returncode}")
        return Result(name, "crashed", why + ": " + first_lines(proc.stderr),
                      time.monotonic() - start)

    data_sets = sorted(d for d in os.listdir(test_dir)
                       if d.startswith("test_data_set_"))
    try:
        for data_set in data_sets:
            data_dir = os.path.join(test_dir, data_set)
            inputs = sorted((f for f in os.listdir(data_dir)
                             if re.match(r"input_\d+\.pb$", f)),
                            key=lambda f: int(f[6:-3]))
            outputs = sorted((f for f in os.listdir(data_dir)
                              if re.match(r"output_\d+\.pb$", f)),
                             key=lambda f: int(f[7:-3]))
            run_cmd = [tools["run"], lib]
            for f in inputs:
                run_cmd += ["--input", os.path.join(data_dir, f)]
            for f in outputs:
                run_cmd += ["--expect", os.path.join(data_dir, f)]
            rtol, atol, _ = TOLERANCE_OVERRIDES.get(name, (1e-3, 1e-7, ""))
            run_cmd += ["--rtol", str(rtol), "--atol", str(atol)]
            try:
                proc = subprocess.run(run_cmd, capture_output=True, text=True,
                                      timeout=timeout)
            except subprocess.TimeoutExpired:
                return Result(name, "crashed", "kiln-run timed out",
                              time.monotonic() - start)
            if proc.returncode == 1:
                return Result(name, "wrong result",
                              first_lines(proc.stdout + proc.stderr),
                              time.monotonic() - start)
            if proc.returncode == 2 and "the model wants" in proc.stderr:
                # The test feeds a shape other than the one its model
                # declares; Kiln compiles the declared (static) shapes.
                return Result(name, "unsupported",
                              "test data does not fit the model's declared "
                              "input: " + first_lines(proc.stderr),
                              time.monotonic() - start)
            if (proc.returncode == 2 and
                    "_run failed: invalid argument" in proc.stderr and
                    re.search(r"runtime error: node '", proc.stderr)):
                # A run-time check of the compiled model (kiln_rt.assert)
                # refused the test's values with its diagnostic: a feature
                # Kiln rejects, found at run time because the values are
                # graph inputs (e.g. Dropout in training with a ratio).
                return Result(name, "unsupported",
                              "run-time check: " + first_lines(proc.stderr),
                              time.monotonic() - start)
            if proc.returncode != 0:
                why = (f"kiln-run exit {proc.returncode}"
                       if proc.returncode > 0 else
                       f"kiln-run killed by signal {-proc.returncode}")
                return Result(name, "crashed",
                              why + ": " + first_lines(proc.stderr +
                                                       proc.stdout),
                              time.monotonic() - start)
    finally:
        if os.path.exists(lib):
            os.remove(lib)
    return Result(name, "passed", "", time.monotonic() - start)


def read_expected(path: str):
    expected, floor = set(), 0
    if not os.path.exists(path):
        return expected, floor
    with open(path) as f:
        for line in f:
            line = line.strip()
            m = re.match(r"#\s*floor:\s*(\d+)", line)
            if m:
                floor = int(m.group(1))
            elif line and not line.startswith("#"):
                expected.add(line)
    return expected, floor


def write_expected(path: str, results):
    passed = sorted(r.name for r in results if r.status == "passed")
    with open(path, "w") as f:
        f.write("# Tests of the ONNX backend conformance suite that pass; CI "
                "fails when one of\n# them does not, or when fewer than the "
                "floor pass. Regenerate with\n# test/Conformance/"
                "conformance.py --update (see docs/Testing.md).\n")
        f.write(f"# floor: {len(passed)}\n")
        for name in passed:
            f.write(name + "\n")


def escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


CENSUS_HEADING = "## Reaching kiln IR"
CENSUS_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                             "..", "..", "tools", "dev",
                             "conversion-census.sh")


def run_census(tools_dir: str, top: int = 15):
    """Runs the conversion census on the node tests with the kiln-translate
    and kiln-opt beside kiln-compile; returns the report section, or None
    when the tools are missing or the census fails."""
    bin_dir = os.path.abspath(tools_dir)
    for tool in ("kiln-translate", "kiln-opt"):
        if not os.access(os.path.join(bin_dir, tool), os.X_OK):
            return None
    with tempfile.TemporaryDirectory(prefix="kiln-census-") as logdir:
        try:
            subprocess.run(["bash", CENSUS_SCRIPT, "-b",
                            os.path.dirname(bin_dir), "-o", logdir],
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=3600,
                           check=True)
            with open(os.path.join(logdir, "counts.txt")) as f:
                counts = dict(line.strip().split("=", 1) for line in f
                              if "=" in line)
            with open(os.path.join(logdir, "reasons.txt")) as f:
                reasons = [line.strip() for line in f if line.strip()]
        except (OSError, subprocess.SubprocessError, ValueError):
            return None
    models = int(counts.get("models", 0))
    if not models:
        return None
    converted = int(counts.get("converted", 0))
    tally = {}
    for reason in reasons:
        tally[reason] = tally.get(reason, 0) + 1
    lines = [
        CENSUS_HEADING, "",
        "From `tools/dev/conversion-census.sh`, run by this script: each "
        "node test model imported and converted with `kiln-opt "
        "--kiln-set-input-shapes --convert-kiln-onnx-to-kiln "
        "--canonicalize`. A model reaches `kiln` IR when no `kiln_onnx` op "
        "is left, every tensor type is static and the verifier is clean; it "
        "may still fail later (lowering, run time).", "",
        "| models | reach kiln IR | import failed | conversion failed | "
        "timed out | kiln_onnx left |",
        "|---|---|---|---|---|---|",
        f"| {models} | {converted} ({100.0 * converted / models:.1f}%) | "
        f"{counts.get('import_failed', '?')} | "
        f"{counts.get('conversion_failed', '?')} | "
        f"{counts.get('timed_out', '?')} | "
        f"{counts.get('kiln_onnx_left', '?')} |", "",
        f"Most frequent reasons a model does not reach it (models per "
        f"reason, top {top}):", "",
        "| models | reason |", "|---|---|"]
    for reason, count in sorted(tally.items(),
                                key=lambda item: (-item[1], item[0]))[:top]:
        lines.append(f"| {count} | {escape(reason)} |")
    return "\n".join(lines) + "\n"


def previous_census(path: str):
    """The census section of the report at `path`, marked as kept, or
    None."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return None
    start = text.find(CENSUS_HEADING + "\n")
    if start < 0:
        return None
    end = text.find("\n## ", start + len(CENSUS_HEADING))
    section = text[start:end + 1 if end >= 0 else len(text)].rstrip("\n")
    note = ("_Kept from the previous report: the census did not run this "
            "time._")
    if note not in section:
        section = section.replace(CENSUS_HEADING + "\n",
                                  CENSUS_HEADING + "\n\n" + note + "\n", 1)
    return section + "\n"


def write_report(path: str, results, suites, census=None):
    by_suite = {}
    for r in results:
        by_suite.setdefault(r.name.split("/")[0], []).append(r)
    statuses = ["passed", "wrong result", "unsupported", "crashed"]
    with open(path, "w") as f:
        f.write("# ONNX backend conformance\n\n")
        f.write("Generated by `test/Conformance/conformance.py` (the "
                "`kiln-conformance` CTest test): every model of the ONNX "
                "1.12 backend test data (`libonnx-testdata`) compiled with "
                "`kiln-compile --emit=shared-lib` and run with `kiln-run` on "
                "the test's inputs, compared with its outputs at ONNX's "
                "default tolerance (rtol 1e-3, atol 1e-7).\n\n")
        f.write("| suite | tests | " + " | ".join(statuses) + " |\n")
        f.write("|---|---|" + "---|" * len(statuses) + "\n")
        totals = {s: 0 for s in statuses}
        for suite in suites:
            rs = by_suite.get(suite, [])
            counts = {s: sum(1 for r in rs if r.status == s)
                      for s in statuses}
            for s in statuses:
                totals[s] += counts[s]
            f.write(f"| {suite} | {len(rs)} | " +
                    " | ".join(str(counts[s]) for s in statuses) + " |\n")
        f.write(f"| **all** | {len(results)} | " +
                " | ".join(str(totals[s]) for s in statuses) + " |\n\n")
        node = by_suite.get("node", [])
        if node:
            share = 100.0 * sum(r.status == "passed" for r in node) / len(node)
            f.write(f"Node tests passing: {share:.1f}%.\n\n")
        if census:
            f.write(census + "\n")
        wrong = [r for r in results if r.status == "wrong result"]
        f.write("## Bugs: wrong results\n\n")
        if wrong:
            f.write("Each of these is a bug to fix, not an accepted state, "
                    "unless its analysis shows the test data is wrong.\n\n")
            for r in wrong:
                f.write(f"- `{r.name}`: {escape(r.detail)}\n")
                if r.name in WRONG_RESULT_ANALYSES:
                    f.write(f"  - Analysis: {WRONG_RESULT_ANALYSES[r.name]}\n")
        else:
            f.write("None.\n")
        f.write("\n## Every test\n\n| test | result | detail |\n|---|---|---|\n")
        for r in sorted(results, key=lambda r: r.name):
            f.write(f"| `{r.name}` | {r.status} | {escape(r.detail)} |\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tools-dir", required=True,
                        help="folder with kiln-compile and kiln-run")
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--suites", default=",".join(SUITES))
    parser.add_argument("--filter", default="",
                        help="only tests whose name contains this")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--report", help="Markdown report to write")
    parser.add_argument("--expected", help="tracked list of passing tests")
    parser.add_argument("--update", action="store_true",
                        help="rewrite --expected from this run")
    parser.add_argument("--no-census", action="store_true",
                        help="keep the report's previous 'Reaching kiln IR' "
                        "section instead of running the conversion census")
    args = parser.parse_args()

    tools = {"compile": os.path.join(args.tools_dir, "kiln-compile"),
             "run": os.path.join(args.tools_dir, "kiln-run")}
    for tool in tools.values():
        if not os.access(tool, os.X_OK):
            print(f"conformance: missing tool {tool}", file=sys.stderr)
            return 2
    suites = args.suites.split(",")
    tests = []
    for suite in suites:
        root = os.path.join(args.data, suite)
        if not os.path.isdir(root):
            print(f"conformance: no test data in {root} (install "
                  "libonnx-testdata)", file=sys.stderr)
            return 2
        for entry in sorted(os.listdir(root)):
            test_dir = os.path.join(root, entry)
            name = f"{suite}/{entry}"
            if (os.path.isfile(os.path.join(test_dir, "model.onnx")) and
                    args.filter in name):
                tests.append((test_dir, name))

    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kiln-conformance-") as work:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            futures = [pool.submit(run_one, d, n, tools, work, args.timeout)
                       for d, n in tests]
            results = [f.result() for f in futures]
    elapsed = time.monotonic() - start

    counts = {s: sum(r.status == s for r in results)
              for s in ["passed", "wrong result", "unsupported", "crashed"]}
    print(f"conformance: {len(results)} tests in {elapsed:.0f} s: " +
          ", ".join(f"{v} {k}" for k, v in counts.items()))
    if args.report:
        census = None
        if not args.no_census and "node" in suites and not args.filter:
            census = run_census(args.tools_dir)
        if census is None:
            census = previous_census(args.report)
        write_report(args.report, results, suites, census)
    if args.expected and args.update:
        write_expected(args.expected, results)
        return 0

    failures = []
    if args.expected:
        expected, floor = read_expected(args.expected)
        status = {r.name: r for r in results}
        for name in sorted(expected):
            r = status.get(name)
            if r is None:
                if not args.filter:
                    failures.append(f"{name}: expected to pass, not found")
            elif r.status != "passed":
                failures.append(f"{name}: expected to pass, {r.status}: "
                                f"{r.detail}")
        if not args.filter and counts["passed"] < floor:
            failures.append(f"{counts['passed']} tests passed, below the "
                            f"floor of {floor}")
    for r in results:
        if r.status == "crashed":
            print(f"conformance: crashed: {r.name}: {r.detail}")
    for failure in failures:
        print(f"conformance: FAIL: {failure}")
    print(f"{counts['passed']} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
