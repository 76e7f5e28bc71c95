#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Tests of tools/bench/report.py on made-up results whose targets are
worked out by hand: geomeans, models over 1.1, memory over ORT's, the
resnet18 GFLOP/s line, and every way a model can fail.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import report  # noqa: E402

GEMM_FLOPS = 2 * 512 ** 3


def side(median, peak_kib=1024, **extra):
    result = {"median_ms": median, "min_ms": median * 0.9,
              "iterations": 10, "peak_above_baseline_kib": peak_kib,
              "create_ms": 1.0}
    result.update(extra)
    return result


def model(name, runs, flops=10**9, verify=None, compile_error=None):
    compiled = ({"error": compile_error} if compile_error else
                {"seconds": 2.0, "bytes": 4 * 2**20})
    return {"name": name, "flops": flops, "flops_problems": [], "runs": runs,
            "compile": compiled,
            "verify": verify or {"checked": True, "match": True}}


def results(models, sgemm_ms=1.5):
    sgemm = {"size": 512, "median_ms": sgemm_ms, "min_ms": sgemm_ms,
             "gflops": GEMM_FLOPS / (sgemm_ms * 1e6), "when": "start"}
    state = {"time_utc": "2026-01-01 00:00:00", "loadavg": [1.0, 1.0, 1.0],
             "busy_processes": [[150, "clang++-22", 3]]}
    return {"meta": {"commit": "0123456789abcdef", "commit_subject": "test",
                     "tree_modified": False, "cpu": "CPU", "cpus": 2,
                     "memory_gib": 24, "kernel": "6", "python": "3",
                     "start": state, "end": state},
            "options": {"threads": [1, 2], "iters": 10, "warmup": 1,
                        "time_limit_s": 8.0, "compile_flags": []},
            "sgemm_samples": {"1": [sgemm]}, "sgemm": {"1": sgemm},
            "models": models}


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def row(text, start):
    """The first line of `text` that starts with `start`."""
    return next((line for line in text.splitlines()
                 if line.startswith(start)), "")


def test_targets_met():
    # Ratios 0.5 and 0.8 at 1 thread: geomean sqrt(0.4) = 0.632; memory
    # under ORT's; resnet18 at 10 ms for 3.63 GFLOPs is 363 GFLOP/s against
    # 179 for the GEMM: 203%.
    models = [
        model("resnet18", {"1": {"kiln": side(10.0, 512),
                                 "ort": side(20.0, 2048)}},
              flops=3_630_000_000),
        model("mlp", {"1": {"kiln": side(0.8, 512), "ort": side(1.0, 2048)}}),
    ]
    text = report.render(results(models))
    check("| geomean Kiln/ORT at 1 thread(s) <= 0.8 | 0.632 over 2 models "
          "| met |" in text, "geomean line")
    check("| no model above 1.1 at 1 thread(s) | 0 above (worst mlp: "
          "0.800) | met |" in text, "worst model line")
    check(row(text, "| peak memory above baseline").endswith(
        "| none over | met |"), "memory line")
    gemm = row(text, "| resnet18 at 1 thread >= 60%")
    check("medians: 363.0 vs 179.0 GFLOP/s, 202.8%" in gemm, gemm)
    check(gemm.endswith("| met |"), gemm)
    check("Left out of the numbers" not in text, "nothing failed")


def test_targets_not_met():
    # 2.0 and 0.5 at 1 thread: geomean 1.0; mlp over 1.1; Kiln's memory
    # over ORT's for mlp.
    models = [
        model("mlp", {"1": {"kiln": side(2.0, 4096), "ort": side(1.0, 2048)}}),
        model("conv", {"1": {"kiln": side(0.5), "ort": side(1.0)}}),
    ]
    text = report.render(results(models))
    check("| geomean Kiln/ORT at 1 thread(s) <= 0.8 | 1.00 over 2 models | "
          "**not met** |" in text, "geomean line")
    check("| no model above 1.1 at 1 thread(s) | 1 above (worst mlp: "
          "2.00) | **not met** |" in text, "worst model line")
    check("| 1 over: mlp@1 | **not met** |" in text, "memory line")
    check("not measured: no Kiln result for resnet18" in text, "gemm line")


def test_failures_are_reported_and_left_out():
    models = [
        model("good", {"1": {"kiln": side(1.0), "ort": side(2.0)}}),
        model("wrong", {"1": {"kiln": side(0.001), "ort": side(1.0)}},
              verify={"checked": True, "match": False,
                      "detail": "output 'y': MISMATCH in 3 of 10"}),
        model("broken", {"1": {"kiln": {"error": "not compiled"},
                               "ort": side(1.0)}},
              compile_error="kiln-compile exit code 1: unsupported op"),
        model("crashed", {"1": {"kiln": {"error": "exit code 2: boom"},
                                "ort": side(1.0)}},
              verify={"checked": False, "detail": "kiln-run exit code 2"}),
    ]
    text = report.render(results(models))
    # Only `good` counts: a fast wrong answer must not lower the geomean.
    check("| geomean Kiln/ORT at 1 thread(s) <= 0.8 | 0.500 over 1 models"
          in text, "geomean counts only the good model")
    check("0.00100 (wrong output)" in row(text, "| wrong |"), "wrong row")
    check("- wrong: Kiln's output does not match" in text, "wrong note")
    check("- broken: kiln-compile failed: kiln-compile exit code 1: "
          "unsupported op" in text, "compile note")
    check("- crashed at 1 thread(s), kiln: exit code 2: boom" in text,
          "crash note")
    check("- crashed: Kiln's output was not checked: kiln-run exit code 2"
          in text, "check note")
    check(row(text, "| broken |").startswith("| broken | failed |"),
          "broken latency row")


def test_sig3():
    for value, text in ((0.000113, "0.000113"), (0.034, "0.0340"),
                        (2.3, "2.30"), (123.4, "123"), (2000.0, "2000"),
                        (0.0, "0")):
        check(report.sig3(value) == text, f"sig3({value}) = "
              f"{report.sig3(value)}, not {text}")


def main():
    test_targets_met()
    test_targets_not_met()
    test_failures_are_reported_and_left_out()
    test_sig3()
    print("report_test.py: passed")


if __name__ == "__main__":
    main()
