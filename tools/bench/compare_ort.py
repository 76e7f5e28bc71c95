#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Compares Kiln with ONNX Runtime on the benchmark zoo and writes a report.

In one run on one machine, for every model: compile it with kiln-compile
(timed; the artifact's size), check its output against the zoo's reference
once with kiln-run, then at each thread count time it with kiln-bench and
with ONNX Runtime (ort_bench.py), each in a process of its own, one after
the other. Also times dnnl_sgemm 512^3 (sgemm_bench.py) at each thread
count, at the start and at the end, the faster being the yardstick for
resnet18's GFLOP/s. Writes a Markdown report
(docs/performance.md) and, when asked, the raw numbers as JSON.

A benchmark, not a test: it exits 0 whatever the numbers are, and non-zero
only when it could not run (a missing tool, a bad option, an unreadable
zoo). A model that fails to compile or run is reported as such and the
others go on.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

import machine
import report

try:
    from flops import count_flops
except ImportError as error:  # onnx, for the FLOP counts
    sys.exit(f"compare_ort.py needs the onnx package ({error}); "
             "pip install -r tools/dev/requirements.txt")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# The zoo README's tolerance for a compiled model's output.
RTOL, ATOL = "1e-3", "1e-4"


def positive_ints(text):
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of integers: {text!r}")
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError(f"want integers >= 1: {text!r}")
    return values


def positive_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}")
    if not value > 0:
        raise argparse.ArgumentTypeError(f"want a positive number: {text!r}")
    return value


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Flags for kiln-compile that start with '-' need the '=' "
               "form: --compile-flag=--cpu-backend=onednn.")
    parser.add_argument("--build-dir", required=True,
                        help="Kiln build folder (kiln-compile, kiln-bench "
                             "and kiln-run in BUILD/bin)")
    parser.add_argument("--models-dir",
                        default=os.path.join(REPO, "..", "shared", "models"),
                        help="the zoo: zoo.json, NAME.onnx, NAME.input_K.pb "
                             "(default: ../shared/models beside the repo)")
    parser.add_argument("--models", default=None,
                        help="comma-separated model names (default: all of "
                             "zoo.json)")
    parser.add_argument("--threads", type=positive_ints, default=[1, 2],
                        help="comma-separated thread counts (default 1,2)")
    parser.add_argument("--iters", type=int, default=2000,
                        help="most timed runs per model, thread count and "
                             "engine (default 2000: a model of 35 us gets "
                             "70 ms of runs, so that one disturbance of the "
                             "machine does not move its median; slower "
                             "models stop at --time-limit)")
    parser.add_argument("--warmup", type=int, default=10,
                        help="most warm-up runs (default 10)")
    parser.add_argument("--time-limit", type=positive_float, default=8.0,
                        help="seconds of timed runs per model, thread count "
                             "and engine; the warm-up gets a tenth "
                             "(default 8)")
    parser.add_argument("--compile-flag", action="append", default=[],
                        help="an extra kiln-compile flag; repeatable")
    parser.add_argument("--no-check", action="store_true",
                        help="skip the one kiln-run check of each model's "
                             "output against the zoo's reference (saves a "
                             "run per model; the report says so)")
    parser.add_argument("--sgemm-size", type=int, default=512,
                        help="M = N = K of the dnnl_sgemm yardstick")
    parser.add_argument("--note", action="append", default=[],
                        help="a remark for the report's heading (machine "
                             "state, a known cause); repeatable")
    parser.add_argument("--output", required=True,
                        help="the Markdown report to write")
    parser.add_argument("--json", dest="json_path", default=None,
                        help="also write the raw numbers here")
    parser.add_argument("--work-dir", default=None,
                        help="where compiled models go (default: a "
                             "temporary folder, removed after)")
    args = parser.parse_args(argv)
    if args.iters < 1 or args.warmup < 0 or args.sgemm_size < 1:
        parser.error("--iters and --sgemm-size want >= 1, --warmup >= 0")
    return args


def tool(build_dir, name):
    path = os.path.join(build_dir, "bin", name)
    if not os.access(path, os.X_OK):
        sys.exit(f"compare_ort.py: no {name} in {build_dir}/bin; build it "
                 f"first (ninja -C {build_dir} {name})")
    return path


def source_dir(build_dir):
    """The source tree `build_dir` was configured from (its CMakeCache),
    whose commit the report names; this script's own tree otherwise."""
    try:
        with open(os.path.join(build_dir, "CMakeCache.txt")) as cache:
            for line in cache:
                if line.startswith("CMAKE_HOME_DIRECTORY:"):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return REPO


def run_tool(command, env=None, timeout=1800):
    """Runs `command`; returns (exit code, stdout, stderr), the code None
    when it ran past `timeout` seconds."""
    try:
        done = subprocess.run(command, capture_output=True, text=True,
                              env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "", f"timed out after {timeout} s"
    return done.returncode, done.stdout, done.stderr


def load_zoo(models_dir, names):
    """Returns [(name, entry)] from zoo.json, in its order or `names`'."""
    path = os.path.join(models_dir, "zoo.json")
    try:
        with open(path) as f:
            zoo = json.load(f)
    except (OSError, ValueError) as error:
        sys.exit(f"compare_ort.py: cannot read the zoo: {path}: {error}")
    if names is None:
        return list(zoo.items())
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    unknown = [n for n in wanted if n not in zoo]
    if unknown:
        sys.exit(f"compare_ort.py: no model {unknown} in {path} (models: "
                 f"{', '.join(zoo)})")
    return [(n, zoo[n]) for n in wanted]


def run_json(command, env=None):
    """Runs `command`; returns its JSON stdout, or {"error": why}."""
    code, stdout, stderr = run_tool(command, env=env)
    if code is None:
        return {"error": stderr}
    if code != 0:
        return {"error": f"exit code {code}: {last_lines(stderr or stdout)}"}
    try:
        return json.loads(stdout)
    except ValueError:
        return {"error": f"not JSON: {last_lines(stdout)}"}


def last_lines(text, count=3):
    return " / ".join(text.strip().splitlines()[-count:]) or "(no output)"


def threads_env(threads):
    """Every process's OpenMP pool gets `threads` threads, whatever the code
    it runs does with the thread count it is given."""
    env = dict(os.environ)
    env["OMP_NUM_THREADS"] = str(threads)
    return env


class Bench:
    """One run of the comparison."""

    def __init__(self, args):
        self.args = args
        self.kiln_compile = tool(args.build_dir, "kiln-compile")
        self.kiln_bench = tool(args.build_dir, "kiln-bench")
        self.kiln_run = tool(args.build_dir, "kiln-run")

    def schedule(self):
        a = self.args
        return ["--iters", str(a.iters), "--warmup", str(a.warmup),
                "--time-limit", str(a.time_limit)]

    def sgemm(self, threads):
        return run_json([sys.executable, os.path.join(HERE, "sgemm_bench.py"),
                         "--size", str(self.args.sgemm_size),
                         "--threads", str(threads), "--iters", "100",
                         "--time-limit", "2"], env=threads_env(threads))

    def compile(self, model_path, library):
        command = [self.kiln_compile, model_path, "-o", library,
                   *self.args.compile_flag]
        begin = time.monotonic()
        code, _, stderr = run_tool(command)
        seconds = time.monotonic() - begin
        if code != 0:
            return {"error": f"kiln-compile exit code {code}: "
                             f"{last_lines(stderr)}"}
        # A deployed library's pages in the page cache are clean; a file
        # just written is dirty until written back, and the kernel keeps
        # dirty pages resident when Kiln's create hands the packed weights'
        # originals back (MADV_PAGEOUT), which would count them in the peak.
        descriptor = os.open(library, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        return {"seconds": seconds, "bytes": os.path.getsize(library)}

    def verify(self, library, inputs, outputs):
        """Checks the compiled model's output once against the zoo's."""
        if self.args.no_check:
            return {"checked": False, "detail": "skipped (--no-check)"}
        if not outputs:
            return {"checked": False, "detail": "the zoo has no reference"}
        command = [self.kiln_run, library, "--rtol", RTOL, "--atol", ATOL]
        command += [x for p in inputs for x in ("--input", p)]
        command += [x for p in outputs for x in ("--expect", p)]
        code, stdout, stderr = run_tool(command)
        if code == 0:
            return {"checked": True, "match": True}
        if code == 1:  # kiln-run: an output differs from its reference
            return {"checked": True, "match": False,
                    "detail": last_lines(stdout + stderr)}
        return {"checked": False, "detail": f"kiln-run exit code {code}: "
                                            f"{last_lines(stdout + stderr)}"}

    def kiln(self, library, inputs, threads):
        command = [self.kiln_bench, library, "--json", "--threads",
                   str(threads), *self.schedule()]
        command += [x for p in inputs for x in ("--input", p)]
        return run_json(command, env=threads_env(threads))

    def ort(self, model_path, inputs, threads):
        command = [sys.executable, os.path.join(HERE, "ort_bench.py"),
                   model_path, "--threads", str(threads), *self.schedule()]
        command += [x for p in inputs for x in ("--input", p)]
        return run_json(command, env=threads_env(threads))

    def model(self, name, entry, work_dir):
        models_dir = self.args.models_dir
        model_path = os.path.join(models_dir, entry["file"])
        inputs = [os.path.join(models_dir, i["file"]) for i in entry["inputs"]]
        outputs = [os.path.join(models_dir, o["file"])
                   for o in entry.get("outputs", []) if "file" in o]
        if not outputs:  # the zoo names its references NAME.output_K.pb
            outputs = [os.path.join(models_dir, f"{name}.output_{k}.pb")
                       for k in range(len(entry.get("outputs", [])))]
            outputs = [p for p in outputs if os.path.exists(p)]
        flops, problems = count_flops(model_path)
        result = {"name": name, "flops": flops, "flops_problems": problems,
                  "runs": {}}
        library = os.path.join(work_dir, name + ".so")
        result["compile"] = self.compile(model_path, library)
        compiled = "error" not in result["compile"]
        if compiled:
            result["verify"] = self.verify(library, inputs, outputs)
        for threads in self.args.threads:
            kiln = (self.kiln(library, inputs, threads) if compiled else
                    {"error": "not compiled"})
            ort = self.ort(model_path, inputs, threads)
            result["runs"][str(threads)] = {"kiln": kiln, "ort": ort}
            progress(f"{name} at {threads} thread(s): kiln "
                     f"{kiln.get('median_ms', kiln.get('error'))} ms, ort "
                     f"{ort.get('median_ms', ort.get('error'))} ms")
        return result

    def run(self):
        args = self.args
        zoo = load_zoo(args.models_dir, args.models)
        results = {"meta": machine.describe(source_dir(args.build_dir)),
                   "command": sys.argv,
                   "options": {"threads": args.threads, "iters": args.iters,
                               "warmup": args.warmup,
                               "time_limit_s": args.time_limit,
                               "compile_flags": args.compile_flag},
                   "notes": args.note,
                   "sgemm_samples": {}, "models": []}
        results["meta"]["python"] = platform.python_version()
        self.time_sgemm(results["sgemm_samples"], "start")
        with tempfile.TemporaryDirectory(prefix="kiln-bench-") as temp:
            work_dir = args.work_dir or temp
            os.makedirs(work_dir, exist_ok=True)
            for name, entry in zoo:
                results["models"].append(self.model(name, entry, work_dir))
        self.time_sgemm(results["sgemm_samples"], "end")
        # The faster sample is the yardstick: a busy moment must not make
        # the generated code look closer to oneDNN than it is.
        results["sgemm"] = {
            threads: max(samples, key=lambda s: s.get("gflops", 0))
            for threads, samples in results["sgemm_samples"].items()}
        results["meta"]["end"] = machine.snapshot()
        return results

    def time_sgemm(self, samples, when):
        """Times dnnl_sgemm at each thread count; the machine's load drifts
        during a run, so this is done at its start and at its end."""
        for threads in self.args.threads:
            sample = self.sgemm(threads)
            sample["when"] = when
            samples.setdefault(str(threads), []).append(sample)
            progress(f"dnnl_sgemm at {threads} thread(s), {when}: "
                     f"{sample.get('gflops', sample.get('error'))} GFLOP/s")


def progress(text):
    print(f"compare_ort.py: {text}", file=sys.stderr, flush=True)


def main(argv=None):
    args = parse_args(argv)
    results = Bench(args).run()
    if args.json_path:
        with open(args.json_path, "w") as f:
            json.dump(results, f, indent=1)
    text = report.render(results)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w") as f:
        f.write(text)
    progress(f"wrote {args.output}")


if __name__ == "__main__":
    main()
