#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Smoke test of compare_ort.py: on a one-model zoo it makes itself (a small
MLP), with one thread and a few runs, the script runs end to end and writes
a well-formed report and JSON; a model the zoo lacks is an error naming it.
Checks the shape of the output, never the timings.

    smoke_test.py --build-dir BUILD --workdir DIR
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(os.path.dirname(HERE), "compare_ort.py")
MODEL = "tiny_mlp"


def make_zoo(folder):
    """Writes MODEL.onnx (x @ w + b, Relu), one input, ONNX's output for it
    computed with NumPy, and zoo.json as the real zoo spells it."""
    rng = np.random.default_rng(0)
    w = rng.standard_normal((16, 8)).astype(np.float32)
    b = rng.standard_normal(8).astype(np.float32)
    x = rng.standard_normal((1, 16)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["xw"]),
         helper.make_node("Add", ["xw", "b"], ["xwb"]),
         helper.make_node("Relu", ["xwb"], ["y"])],
        MODEL,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 16])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 8])],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
    # IR version 8 is the newest Kiln reads; the zoo's models use it too.
    model = helper.make_model(graph, ir_version=8,
                              opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(folder, MODEL + ".onnx"))
    y = np.maximum(x @ w + b, 0)
    for name, array in ((f"{MODEL}.input_0.pb", x),
                        (f"{MODEL}.output_0.pb", y)):
        tensor_name = "x" if "input" in name else "y"
        tensor = numpy_helper.from_array(array, tensor_name)
        with open(os.path.join(folder, name), "wb") as f:
            f.write(tensor.SerializeToString())
    zoo = {MODEL: {"file": MODEL + ".onnx",
                   "inputs": [{"name": "x", "shape": [1, 16],
                               "dtype": "float32",
                               "file": f"{MODEL}.input_0.pb"}],
                   "outputs": [{"name": "y", "shape": [1, 8],
                                "dtype": "float32"}]}}
    with open(os.path.join(folder, "zoo.json"), "w") as f:
        json.dump(zoo, f)


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def run_script(build_dir, zoo, output, *extra):
    command = [sys.executable, SCRIPT, "--build-dir", build_dir,
               "--models-dir", zoo, "--threads", "1", "--iters", "3",
               "--warmup", "1", "--time-limit", "0.5", "--sgemm-size", "64",
               "--output", output, *extra]
    print("$", " ".join(command), flush=True)
    done = subprocess.run(command, capture_output=True, text=True,
                          timeout=600)
    print(f"exit code {done.returncode}\n--- stdout\n{done.stdout}"
          f"--- stderr\n{done.stderr}")
    return done


def check_tables(text):
    """Every Markdown table row has as many cells as its header."""
    columns = None
    for line in text.splitlines():
        if not line.startswith("|"):
            columns = None
            continue
        cells = line.count("|")
        if columns is None:
            columns = cells
        check(cells == columns, f"ragged table row: {line}")


def check_report(text):
    for heading in ("# Performance: Kiln and ONNX Runtime on the CPU",
                    "## Targets", "## Latency", "### 1 thread(s)",
                    "## Memory", "## Compile time and size",
                    "## How it is measured"):
        check(heading in text, f"report lacks {heading!r}")
    check_tables(text)
    check("- Note: a smoke test" in text, "the note is missing")
    number = r"[0-9.]+"
    row = re.search(rf"^\| {MODEL} \| ({number}) \(({number})\) \| "
                    rf"({number}) \(({number})\) \| ({number}) \|",
                    text, re.MULTILINE)
    check(row, f"no latency row with numbers for {MODEL}")
    check(re.search(rf"^\| \*\*geomean\*\* \|\s+\|\s+\| \*\*{number}\*\*",
                    text, re.MULTILINE), "no geomean row")
    check(re.search(r"geomean Kiln/ORT at 1 thread\(s\) <= 0.8 \| "
                    rf"{number} over 1 models \| (met|\*\*not met\*\*) \|",
                    text), "no geomean target line")
    check("resnet18 at 1 thread >= 60% of dnnl_sgemm's GFLOP/s | not "
          "measured: no Kiln result for resnet18" in text,
          "the resnet18 target is not reported as unmeasured")
    check("dnnl_sgemm 64x64x64 float32" in text, "no dnnl_sgemm table")
    check("Left out of the numbers" not in text,
          "the report says something failed")


def check_json(results):
    model = results["models"][0]
    check(model["name"] == MODEL, "model name")
    check(model["flops"] == 2 * 16 * 8, f"flops {model['flops']}")
    check(model["verify"] == {"checked": True, "match": True},
          f"verify {model['verify']}")
    check(model["compile"]["bytes"] > 0, "artifact size")
    kiln = model["runs"]["1"]["kiln"]
    ort = model["runs"]["1"]["ort"]
    for side in (kiln, ort):
        check(1 <= side["iterations"] <= 3, f"iterations {side}")
        check(0 <= side["min_ms"] <= side["median_ms"], f"times {side}")
        check(side["peak_above_baseline_kib"] >= 0, f"memory {side}")
    check(kiln["threads"] == 1 and kiln["process_threads"] >= 1,
          f"kiln threads {kiln}")
    check(ort["overhead_ms"] > 0, "no ORT overhead measured")
    samples = results["sgemm_samples"]["1"]
    check([s["when"] for s in samples] == ["start", "end"], "sgemm samples")
    for sgemm in samples:
        check(sgemm.get("gflops", 0) > 0 or
              "cannot load oneDNN" in sgemm.get("error", ""),
              f"sgemm {sgemm}")
    check(results["sgemm"]["1"] in samples, "sgemm yardstick")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    shutil.rmtree(args.workdir, ignore_errors=True)
    zoo = os.path.join(args.workdir, "zoo")
    os.makedirs(zoo)
    make_zoo(zoo)

    output = os.path.join(args.workdir, "performance.md")
    raw = os.path.join(args.workdir, "performance.json")
    done = run_script(args.build_dir, zoo, output, "--json", raw,
                      "--note", "a smoke test")
    check(done.returncode == 0, f"exit code {done.returncode}")
    with open(output) as f:
        check_report(f.read())
    with open(raw) as f:
        check_json(json.load(f))

    done = run_script(args.build_dir, zoo, output, "--models", "nosuch")
    check(done.returncode != 0, "an unknown model did not fail")
    check("no model ['nosuch']" in done.stderr, "the error names no model")
    print("compare_ort.py smoke test: passed")


if __name__ == "__main__":
    main()
