#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Times one ONNX model with ONNX Runtime, in a process of its own, the way
kiln-bench times a compiled one, and prints one JSON object.

Session: all graph optimizations, intra_op_num_threads = --threads,
inter_op_num_threads = 1, sequential execution, the CPU provider.

Time: ORT's own per-run time (DESIGN.md, "Measuring"): the median of the
Python-measured `run` calls minus the median per-call time of an Identity
model with the same inputs, timed with the same options. The Identity model
pays the same binding overhead (numpy to OrtValue, the call, outputs back
to numpy) plus one copy of the inputs. ORT's profiler (`model_run` events)
was not used: it times every node too, which added about 0.1 ms per run
to conv_small (8 nodes) in a trial on this machine, more than the whole run.

Memory: the baseline is taken once onnxruntime is imported (its runtime
loaded) and the input files are read, before the session is created, so the
peak above it holds what the model costs ORT: the parsed model, the weights,
the optimized graph, prepacked weights, the thread pool, the arena and the
runs. This is what kiln-bench counts for a compiled model (its instance and
weights after dlopen). The Identity model is timed after the peak is read.
"""

import argparse
import json
import sys
import time

import numpy as np
import onnx
import onnxruntime as ort
from onnx import helper, numpy_helper

from timing import PeakMemory, summarize, warm_up_and_time


def session_options(threads):
    options = ort.SessionOptions()
    options.graph_optimization_level = (
        ort.GraphOptimizationLevel.ORT_ENABLE_ALL)
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    return options


def read_tensors(paths):
    """Reads each TensorProto in `paths`: (path, name or "", array)."""
    tensors = []
    for path in paths:
        tensor = onnx.load_tensor(path)
        tensors.append((path, tensor.name, numpy_helper.to_array(tensor)))
    return tensors


def bind_feeds(names, tensors):
    """Binds `tensors` to the model inputs `names`: by the name a tensor
    carries, otherwise by position. Exits with a message when an input is
    missing, unknown or given twice."""
    feeds = {}
    for position, (path, name, array) in enumerate(tensors):
        if not name and position < len(names):
            name = names[position]
        if name not in names:
            sys.exit(f"ort_bench.py: {path}: the model has no input "
                     f"{name or position!r} (inputs: {names})")
        if name in feeds:
            sys.exit(f"ort_bench.py: input {name!r} is given twice")
        feeds[name] = array
    missing = [n for n in names if n not in feeds]
    if missing:
        sys.exit(f"ort_bench.py: missing inputs {missing} (inputs: {names})")
    return feeds


def identity_model(feeds):
    """A model that copies each input to an output: the per-call overhead
    of feeding these inputs, with nearly no work."""
    inputs, outputs, nodes = [], [], []
    for name, array in feeds.items():
        dtype = helper.np_dtype_to_tensor_dtype(array.dtype)
        inputs.append(helper.make_tensor_value_info(name, dtype, array.shape))
        outputs.append(helper.make_tensor_value_info(name + "_copy", dtype,
                                                     array.shape))
        nodes.append(helper.make_node("Identity", [name], [name + "_copy"]))
    graph = helper.make_graph(nodes, "identity", inputs, outputs)
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", 17)])
    return model.SerializeToString()


def measure_model(args, tensors):
    """Creates the session and times it; returns (the result so far, the
    feeds). The session is gone when this returns."""
    memory = PeakMemory()
    begin = time.perf_counter_ns()
    session = ort.InferenceSession(args.model, session_options(args.threads),
                                   providers=["CPUExecutionProvider"])
    create_ms = (time.perf_counter_ns() - begin) / 1e6
    feeds = bind_feeds([i.name for i in session.get_inputs()], tensors)
    warmup_runs, times = warm_up_and_time(
        lambda: session.run(None, feeds), args.warmup, args.iters,
        args.time_limit)
    result = {"engine": "onnxruntime", "version": ort.__version__,
              "threads": args.threads, "warmup": warmup_runs,
              "create_ms": create_ms}
    result.update(memory.report())
    measured = summarize(times)
    result.update({"iterations": measured["iterations"],
                   "python_median_ms": measured["median_ms"],
                   "python_min_ms": measured["min_ms"]})
    return result, feeds


def measure_overhead(feeds, threads):
    """The median time of one `run` call that does nearly nothing with
    `feeds`, in milliseconds."""
    identity = ort.InferenceSession(identity_model(feeds),
                                    session_options(threads),
                                    providers=["CPUExecutionProvider"])
    _, times = warm_up_and_time(lambda: identity.run(None, feeds), 10, 200,
                                1.0)
    return float(np.median(times))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="the .onnx file")
    parser.add_argument("--input", action="append", default=[],
                        help="an input TensorProto (.pb); repeatable")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--iters", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--time-limit", type=float, default=None,
                        help="seconds; as in kiln-bench")
    args = parser.parse_args()
    if args.threads < 1 or args.iters < 1 or args.warmup < 0:
        parser.error("--threads and --iters want >= 1, --warmup >= 0")

    # The input files are read before the baseline, as kiln-bench does.
    # Nothing else is loaded before it: memory freed there could be reused
    # by the session and hide part of its cost.
    tensors = read_tensors(args.input)
    result, feeds = measure_model(args, tensors)
    overhead = measure_overhead(feeds, args.threads)
    result.update({
        "overhead_ms": overhead,
        "median_ms": max(0.0, result["python_median_ms"] - overhead),
        "min_ms": max(0.0, result["python_min_ms"] - overhead),
    })
    print(json.dumps(result))


if __name__ == "__main__":
    main()
