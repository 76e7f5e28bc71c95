#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Test cases for kiln-run and kiln-bench on the runtime's hand-written
# add_model.so (y = a + b over float32[2, 3]). Each case writes its input
# files (.pb through the `onnx` package, .npy through NumPy) into its own
# folder, runs a tool, and checks the exit code and the messages. One ctest
# per case: tool_cases.py [paths] TOOL CASE; exits non-zero on failure.

import argparse
import json
import os
import shutil
import subprocess
import sys

try:
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
except ImportError as error:  # fail loudly, never skip
    print(f"tool_cases.py needs numpy and onnx: {error}")
    sys.exit(1)

A = np.array([[1, 2, 3], [4, 5, 6]], dtype=np.float32)
B = np.array([[0.5, -2, 10], [0, -5, 1e6]], dtype=np.float32)
Y = A + B


class Case:
    """What a case has to work with: paths, a folder, a way to run tools."""

    def __init__(self, args):
        self.args = args
        self.dir = args.workdir
        self.model = args.model

    def path(self, name):
        return os.path.join(self.dir, name)

    def pb(self, name, array, tensor_name=None):
        """Writes `array` as a TensorProto (raw_data) and returns its path."""
        tensor = numpy_helper.from_array(array, tensor_name)
        return self.write(name, tensor.SerializeToString())

    def npy(self, name, array):
        path = self.path(name)
        np.save(path, array)
        return path

    def write(self, name, data):
        path = self.path(name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def run(self, tool, *arguments):
        binary = self.args.kiln_run if tool == "run" else self.args.kiln_bench
        command = [binary] + [str(a) for a in arguments]
        result = subprocess.run(command, capture_output=True, text=True,
                                timeout=120)
        print("$", " ".join(command))
        print(f"exit code {result.returncode}")
        print("--- stdout\n" + result.stdout + "--- stderr\n" + result.stderr)
        return result

    def inputs(self, *paths):
        return [x for p in paths for x in ("--input", p)]


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def expect(result, code, stdout=(), stderr=()):
    """Checks the exit code and that each string appears in its stream."""
    check(result.returncode == code,
          f"exit code {result.returncode}, expected {code}")
    for text in stdout:
        check(text in result.stdout, f"stdout lacks {text!r}")
    for text in stderr:
        check(text in result.stderr, f"stderr lacks {text!r}")
    if code == 2:
        check("error:" in result.stderr, "no 'error:' on stderr")
    check(result.returncode >= 0, "killed by a signal")


def named_inputs(c):
    return c.inputs(c.pb("a.pb", A, "a"), c.pb("b.pb", B, "b"))


# --- kiln-run: matches --------------------------------------------------------

def run_match_pb(c):
    r = c.run("run", c.model, *named_inputs(c), "--expect",
              c.pb("y.pb", Y, "y"))
    expect(r, 0, stdout=["output 'y': match (6 elements", "model 'add'"])


def run_match_typed_pb(c):
    # Typed fields (float_data) instead of raw_data.
    def typed(name, array):
        tensor = helper.make_tensor(name, TensorProto.FLOAT, array.shape,
                                    array.flatten().tolist(), raw=False)
        check(not tensor.HasField("raw_data"), "helper wrote raw_data")
        return c.write(name + ".pb", tensor.SerializeToString())
    r = c.run("run", c.model, *c.inputs(typed("a", A), typed("b", B)),
              "--expect", typed("y", Y))
    expect(r, 0, stdout=["output 'y': match"])


def run_match_npy(c):
    r = c.run("run", c.model, *c.inputs(c.npy("a.npy", A), c.npy("b.npy", B)),
              "--expect", c.npy("y.npy", Y))
    expect(r, 0, stdout=["output 'y': match"])


def run_match_positional_pb(c):
    # TensorProtos without names bind by position.
    r = c.run("run", c.model, *c.inputs(c.pb("a.pb", A), c.pb("b.pb", B)),
              "--expect", c.pb("y.pb", Y))
    expect(r, 0, stdout=["output 'y': match"])


def run_match_by_name_reordered(c):
    r = c.run("run", c.model,
              *c.inputs(c.pb("b.pb", B, "b"), c.pb("a.pb", A, "a")),
              "--expect", c.pb("y.pb", Y, "y"))
    expect(r, 0, stdout=["output 'y': match"])


def run_print(c):
    r = c.run("run", c.model, *named_inputs(c))
    expect(r, 0, stdout=["output 0 'y': float32[2, 3]",
                         "values: 1.5 0 13 4 0 1000006",
                         "min 0, max 1000006, mean 166670.75"])


def run_threads_2(c):
    r = c.run("run", c.model, *named_inputs(c), "--threads", "2",
              "--expect", c.pb("y.pb", Y, "y"))
    expect(r, 0, stdout=["output 'y': match"])


def run_nan_equals_nan(c):
    a = A.copy()
    a[0, 2] = np.nan
    a[1, 0] = np.inf
    r = c.run("run", c.model, *c.inputs(c.npy("a.npy", a), c.npy("b.npy", B)),
              "--expect", c.npy("y.npy", a + B))
    expect(r, 0, stdout=["output 'y': match"])


def run_tolerance(c):
    y = Y.copy()
    y[0, 0] += 0.01  # 1.5 -> 1.51: outside 1e-3 relative, inside atol 0.02
    ref = c.npy("y.npy", y)
    inputs = c.inputs(c.npy("a.npy", A), c.npy("b.npy", B))
    expect(c.run("run", c.model, *inputs, "--expect", ref), 1,
           stdout=["MISMATCH in 1 of 6"])
    expect(c.run("run", c.model, *inputs, "--expect", ref, "--atol", "0.02"),
           0, stdout=["match"])
    expect(c.run("run", c.model, *inputs, "--expect", ref, "--rtol=0.01"),
           0, stdout=["match"])


# --- kiln-run: mismatches -----------------------------------------------------

def run_mismatch(c):
    y = Y.copy()
    y[1, 1] += 1.0   # 0 -> 1: the worst
    y[0, 1] += 1e-2  # 0 -> 0.01: also wrong, less so
    r = c.run("run", c.model, *named_inputs(c), "--expect",
              c.pb("y.pb", y, "y"))
    expect(r, 1, stdout=["output 'y': MISMATCH in 2 of 6 elements",
                         "worst element: index 4 [1, 1]: got 0, expected 1",
                         "1 of 1 outputs differ"])


def run_expect_wrong_shape(c):
    r = c.run("run", c.model, *named_inputs(c), "--expect",
              c.pb("y.pb", Y.reshape(3, 2), "y"))
    expect(r, 1, stdout=["MISMATCH: shape differs: the model gives "
                         "float32[2, 3], the reference is float32[3, 2]"])


# --- kiln-run: errors ---------------------------------------------------------

def run_wrong_shape(c):
    r = c.run("run", c.model, *c.inputs(c.pb("a.pb", A.reshape(3, 2), "a"),
                                        c.pb("b.pb", B, "b")))
    expect(r, 2, stderr=["input 'a' (", "shape [3, 2], the model wants "
                         "float32[2, 3]"])


def run_wrong_type(c):
    r = c.run("run", c.model, *c.inputs(c.npy("a.npy", A.astype(np.float64)),
                                        c.npy("b.npy", B)))
    expect(r, 2, stderr=["element type float64, the model wants "
                         "float32[2, 3]"])


def run_missing_input(c):
    r = c.run("run", c.model, *c.inputs(c.pb("a.pb", A, "a")))
    expect(r, 2, stderr=["missing input 'b' (float32[2, 3])"])


def run_unknown_name(c):
    r = c.run("run", c.model, *c.inputs(c.pb("a.pb", A, "a"),
                                        c.pb("c.pb", B, "c")))
    expect(r, 2, stderr=["holds tensor 'c', but the model has no input of "
                         "that name (inputs: 'a', 'b')"])


def run_duplicate_input(c):
    r = c.run("run", c.model, *c.inputs(c.pb("a.pb", A, "a"),
                                        c.pb("a2.pb", B, "a")))
    expect(r, 2, stderr=["input 'a' is given twice"])


def run_too_many_inputs(c):
    r = c.run("run", c.model, *c.inputs(c.npy("a.npy", A), c.npy("b.npy", B),
                                        c.npy("c.npy", B)))
    expect(r, 2, stderr=["is input 3 by position, but the model has 2 "
                         "inputs"])


def run_truncated_pb(c):
    data = numpy_helper.from_array(A, "a").SerializeToString()
    r = c.run("run", c.model, *c.inputs(c.write("a.pb", data[:-5]),
                                        c.pb("b.pb", B, "b")))
    expect(r, 2, stderr=["a.pb: cannot parse as an ONNX TensorProto"])


def run_pb_size_mismatch(c):
    tensor = numpy_helper.from_array(A, "a")
    tensor.raw_data = tensor.raw_data[:20]  # 5 floats for [2, 3]
    r = c.run("run", c.model, *c.inputs(c.write("a.pb",
                                                tensor.SerializeToString()),
                                        c.pb("b.pb", B, "b")))
    expect(r, 2, stderr=["raw_data holds 20 bytes, but float32[2, 3] needs "
                         "24"])


def run_bad_npy_header(c):
    path = c.npy("a.npy", A)
    with open(path, "rb") as f:
        data = bytearray(f.read())
    start = data.index(b"'shape'")
    data[start:start + 7] = b"'shope'"
    r = c.run("run", c.model, *c.inputs(c.write("a.npy", bytes(data)),
                                        c.npy("b.npy", B)))
    expect(r, 2, stderr=["a.npy: bad .npy header: unknown key 'shope'"])


def run_npy_size_mismatch(c):
    path = c.npy("a.npy", A)
    with open(path, "rb") as f:
        data = f.read()
    r = c.run("run", c.model, *c.inputs(c.write("a.npy", data[:-4]),
                                        c.npy("b.npy", B)))
    expect(r, 2, stderr=[".npy data holds 20 bytes, but float32[2, 3] "
                         "needs 24"])


def run_not_npy(c):
    r = c.run("run", c.model, *c.inputs(c.write("a.npy", b"hello, world"),
                                        c.npy("b.npy", B)))
    expect(r, 2, stderr=["a.npy: not a .npy file"])


def run_missing_library(c):
    r = c.run("run", c.path("nowhere.so"), *named_inputs(c))
    expect(r, 2, stderr=["cannot load", "nowhere.so"])


def run_not_a_library(c):
    r = c.run("run", c.write("model.so", b"not an ELF file"),
              *named_inputs(c))
    expect(r, 2, stderr=["cannot load", "model.so"])


def run_abi_mismatch(c):
    r = c.run("run", c.args.model_abi99, *named_inputs(c))
    expect(r, 2, stderr=["was compiled for Kiln ABI 99.", "recompile"])


def run_missing_expect_file(c):
    r = c.run("run", c.model, *named_inputs(c), "--expect",
              c.path("nowhere.pb"))
    expect(r, 2, stderr=["nowhere.pb: cannot open"])


def run_missing_expectation(c):
    # An --expect for a name the model does not produce.
    r = c.run("run", c.model, *named_inputs(c), "--expect",
              c.pb("z.pb", Y, "z"))
    expect(r, 2, stderr=["holds tensor 'z', but the model has no output"])


def run_usage(c):
    expect(c.run("run", c.model, "--frobnicate"), 2,
           stderr=["unknown option '--frobnicate'"])
    expect(c.run("run"), 2, stderr=["no model library given"])
    expect(c.run("run", c.model, "--rtol", "-1"), 2,
           stderr=["--rtol wants a non-negative number"])
    expect(c.run("run", c.model, "--input"), 2,
           stderr=["--input needs a value"])
    expect(c.run("run", "--help"), 0, stdout=["usage: kiln-run"])


# --- kiln-bench ---------------------------------------------------------------

def bench_text(c):
    r = c.run("bench", c.model, *named_inputs(c), "--iters", "5",
              "--warmup", "1")
    expect(r, 0, stdout=["model 'add'", "5 timed runs after 1 warm-up",
                         "latency: median ", "peak memory above baseline: "])


def bench_json(c):
    r = c.run("bench", c.model, *named_inputs(c), "--iters", "7", "--json")
    expect(r, 0)
    report = json.loads(r.stdout)
    for key in ("median_ms", "min_ms", "mean_ms", "max_ms",
                "baseline_rss_kib", "peak_rss_kib",
                "peak_above_baseline_kib"):
        check(isinstance(report.get(key), (int, float)), f"no {key}")
    check(report["model"] == "add", "model name")
    for key in ("kiln_version", "target_triple", "target_cpu"):
        check(isinstance(report.get(key), str), f"no {key}")
    check(report["iterations"] == 7, "iterations")
    check(report["memory_method"] in ("clear_refs", "hwm_since_start"),
          "memory_method")
    check(0 <= report["min_ms"] <= report["median_ms"] <= report["max_ms"],
          "min <= median <= max")
    check(report["peak_rss_kib"] >= report["baseline_rss_kib"] or
          report["memory_method"] != "clear_refs", "peak >= baseline")


def bench_threads(c, threads):
    # add_model splits its 6 elements over run_opts->num_threads with
    # kiln_rt_parallel_for, so the OpenMP pool, and with it the process,
    # has exactly that many threads when --threads reaches the model.
    r = c.run("bench", c.model, *named_inputs(c), "--iters", "3",
              "--threads", str(threads), "--json")
    expect(r, 0)
    report = json.loads(r.stdout)
    check(report["threads"] == threads, "threads")
    check(report["process_threads"] == threads,
          f"{report['process_threads']} threads ran, not {threads}")


def bench_threads_1(c):
    bench_threads(c, 1)


def bench_threads_2(c):
    bench_threads(c, 2)


def bench_time_limit(c):
    # Without the limit, 10^8 warm-up and 10^8 timed runs take minutes.
    r = c.run("bench", c.model, *named_inputs(c), "--iters", "100000000",
              "--warmup", "100000000", "--time-limit", "0.2", "--json")
    expect(r, 0)
    report = json.loads(r.stdout)
    check(1 <= report["iterations"] < 100000000, "timed runs not limited")
    check(1 <= report["warmup"] < 100000000, "warm-up not limited")


def bench_bad_time_limit(c):
    for value in ("0", "-1", "soon"):
        r = c.run("bench", c.model, *named_inputs(c), "--time-limit", value)
        expect(r, 2, stderr=["--time-limit wants a"])


def bench_missing_input(c):
    r = c.run("bench", c.model, *c.inputs(c.pb("a.pb", A, "a")))
    expect(r, 2, stderr=["missing input 'b'"])


def bench_bad_iters(c):
    r = c.run("bench", c.model, *named_inputs(c), "--iters", "0")
    expect(r, 2, stderr=["--iters wants an integer in [1, "])


CASES = {
    ("run", "abi-mismatch"): run_abi_mismatch,
    ("run", "bad-npy-header"): run_bad_npy_header,
    ("run", "duplicate-input"): run_duplicate_input,
    ("run", "expect-wrong-shape"): run_expect_wrong_shape,
    ("run", "match-by-name-reordered"): run_match_by_name_reordered,
    ("run", "match-npy"): run_match_npy,
    ("run", "match-pb"): run_match_pb,
    ("run", "match-positional-pb"): run_match_positional_pb,
    ("run", "match-typed-pb"): run_match_typed_pb,
    ("run", "mismatch"): run_mismatch,
    ("run", "missing-expect-file"): run_missing_expect_file,
    ("run", "missing-expectation"): run_missing_expectation,
    ("run", "missing-input"): run_missing_input,
    ("run", "missing-library"): run_missing_library,
    ("run", "nan-equals-nan"): run_nan_equals_nan,
    ("run", "not-a-library"): run_not_a_library,
    ("run", "not-npy"): run_not_npy,
    ("run", "npy-size-mismatch"): run_npy_size_mismatch,
    ("run", "pb-size-mismatch"): run_pb_size_mismatch,
    ("run", "print"): run_print,
    ("run", "threads-2"): run_threads_2,
    ("run", "tolerance"): run_tolerance,
    ("run", "too-many-inputs"): run_too_many_inputs,
    ("run", "truncated-pb"): run_truncated_pb,
    ("run", "unknown-name"): run_unknown_name,
    ("run", "usage"): run_usage,
    ("run", "wrong-shape"): run_wrong_shape,
    ("run", "wrong-type"): run_wrong_type,
    ("bench", "bad-iters"): bench_bad_iters,
    ("bench", "bad-time-limit"): bench_bad_time_limit,
    ("bench", "json"): bench_json,
    ("bench", "missing-input"): bench_missing_input,
    ("bench", "text"): bench_text,
    ("bench", "threads-1"): bench_threads_1,
    ("bench", "threads-2"): bench_threads_2,
    ("bench", "time-limit"): bench_time_limit,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kiln-run", required=True)
    parser.add_argument("--kiln-bench", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--model-abi99", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("tool", choices=["run", "bench"])
    parser.add_argument("case")
    args = parser.parse_args()
    case = CASES.get((args.tool, args.case))
    if case is None:
        print(f"unknown case {args.tool} {args.case}")
        return 1
    shutil.rmtree(args.workdir, ignore_errors=True)
    os.makedirs(args.workdir)
    try:
        case(Case(args))
    except AssertionError as failure:
        print(f"FAILED: {failure}")
        return 1
    print("PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
