# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Renders compare_ort.py's results as Markdown (docs/performance.md).

The report states the targets of the issue "CPU speed" and whether this run
met them, whatever the answer: geomean of Kiln/ORT <= 0.8 at every thread
count with no model above 1.1, peak memory above baseline <= ORT's for
every model, and resnet18 at 1 thread >= 60% of dnnl_sgemm 512^3's GFLOP/s
at 1 thread.
"""

import math

GEOMEAN_TARGET = 0.8
MODEL_TARGET = 1.1
GEMM_MODEL = "resnet18"
GEMM_FRACTION_TARGET = 0.6


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values))


def sig3(value):
    """`value` with 3 significant digits in plain notation (0.000113,
    0.0340, 2.30, 123, 2000)."""
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    digits = max(0, 2 - math.floor(math.log10(abs(value))))
    return f"{value:.{digits}f}"


def mib(kib):
    return sig3(kib / 1024)


def ok(met):
    return "met" if met else "**not met**"


def ratio(run):
    """Kiln's median over ORT's for one thread count, or None."""
    kiln, ort = run["kiln"], run["ort"]
    if "median_ms" not in kiln or "median_ms" not in ort:
        return None
    if ort["median_ms"] <= 0:
        return None
    return kiln["median_ms"] / ort["median_ms"]


def wrong_output(model):
    verify = model.get("verify", {})
    return verify.get("checked", False) and not verify.get("match", False)


def gemm_flops(sgemm):
    return 2.0 * sgemm["size"] ** 3


def failure(side):
    """Why `side` has no result, on one line that fits in a table."""
    text = side.get("error") or side.get("detail") or "no result"
    return text.replace("|", "/")


class Report:
    def __init__(self, results):
        self.results = results
        self.threads = [str(t) for t in results["options"]["threads"]]
        self.lines = []

    def add(self, *lines):
        self.lines.extend(lines)

    def table(self, header, rows):
        self.add("| " + " | ".join(header) + " |",
                 "|" + "|".join("---" for _ in header) + "|")
        for row in rows:
            self.add("| " + " | ".join(str(c) for c in row) + " |")
        self.add("")

    # --- Sections ---------------------------------------------------------

    def heading(self):
        meta = self.results["meta"]
        options = self.results["options"]
        flags = " ".join(options["compile_flags"]) or "none"
        commit = meta.get("commit") or "unknown"
        self.add(
            "# Performance: Kiln and ONNX Runtime on the CPU", "",
            "Written by `tools/bench/compare_ort.py` (docs/Testing.md, "
            "\"Benchmarks\"); rerun it rather than editing the numbers.", "",
            f"- Code: commit `{commit[:12]}` "
            f"({meta.get('commit_subject') or '?'})"
            + (", with uncommitted changes in the working tree"
               if meta.get("tree_modified") else "") + ".",
            f"- Machine: {meta['cpu']}, {meta['cpus']} CPUs, "
            f"{meta['memory_gib']:.0f} GiB, Linux {meta['kernel']}; "
            f"Python {meta.get('python', '?')}, ONNX Runtime "
            f"{self.ort_version()}; Kiln's code compiled for "
            f"{self.kiln_target()}.",
            f"- Options: threads {', '.join(self.threads)}; at most "
            f"{options['iters']} timed runs after at most "
            f"{options['warmup']} warm-up runs, timed runs stopped after "
            f"{options['time_limit_s']:g} s per model, thread count and "
            f"engine; extra kiln-compile flags: {flags}.")
        for when in ("start", "end"):
            state = meta.get(when)
            if not state:
                continue
            load = ", ".join(f"{v:.1f}" for v in state["loadavg"])
            busy = ", ".join(f"{c} x{n} {p}%" for p, c, n in
                             state["busy_processes"]) or "none"
            self.add(f"- Machine state at the {when} ({state['time_utc']} "
                     f"UTC): load average {load}; CPU use over 1 s (percent "
                     f"of one core): {busy}.")
        for note in self.results.get("notes", []):
            self.add(f"- Note: {note}")
        self.add("")

    def kiln_target(self):
        targets = sorted({f"{run['kiln']['target_triple']}/"
                          f"{run['kiln']['target_cpu']}"
                          for model in self.results["models"]
                          for run in model["runs"].values()
                          if "target_cpu" in run["kiln"]})
        return ", ".join(targets) or "?"

    def ort_version(self):
        for model in self.results["models"]:
            for run in model["runs"].values():
                if "version" in run["ort"]:
                    return run["ort"]["version"]
        return "?"

    def targets(self):
        self.add("## Targets (issue \"CPU speed\")", "")
        rows = []
        for threads in self.threads:
            ratios = self.ratios(threads)
            if not ratios:
                rows.append((f"geomean Kiln/ORT at {threads} thread(s) <= "
                             f"{GEOMEAN_TARGET}", "no model measured", "-"))
                continue
            mean = geomean(list(ratios.values()))
            worst = max(ratios, key=ratios.get)
            over = [n for n, r in ratios.items() if r > MODEL_TARGET]
            rows.append((f"geomean Kiln/ORT at {threads} thread(s) <= "
                         f"{GEOMEAN_TARGET}",
                         f"{sig3(mean)} over {len(ratios)} models",
                         ok(mean <= GEOMEAN_TARGET)))
            rows.append((f"no model above {MODEL_TARGET} at {threads} "
                         f"thread(s)",
                         f"{len(over)} above (worst {worst}: "
                         f"{sig3(ratios[worst])})", ok(not over)))
        heavier = self.heavier_than_ort()
        rows.append(("peak memory above baseline <= ORT's, every model and "
                     "thread count",
                     f"{len(heavier)} over: {', '.join(heavier)}" if heavier
                     else "none over", ok(not heavier)))
        rows.append(self.gemm_target())
        self.table(("target", "this run", "status"), rows)
        self.missing()

    def ratios(self, threads):
        """Kiln/ORT per model at `threads`, for the models whose Kiln output
        matched the reference: a fast wrong answer must not count."""
        ratios = {}
        for model in self.results["models"]:
            run = model["runs"].get(threads)
            value = ratio(run) if run else None
            if value is not None and not wrong_output(model):
                ratios[model["name"]] = value
        return ratios

    def heavier_than_ort(self):
        heavier = []
        for model in self.results["models"]:
            for threads, run in model["runs"].items():
                kiln = run["kiln"].get("peak_above_baseline_kib")
                ort = run["ort"].get("peak_above_baseline_kib")
                if kiln is not None and ort is not None and kiln > ort:
                    heavier.append(f"{model['name']}@{threads}")
        return heavier

    def gemm_target(self):
        label = (f"{GEMM_MODEL} at 1 thread >= "
                 f"{GEMM_FRACTION_TARGET:.0%} of dnnl_sgemm's GFLOP/s")
        sgemm = self.results["sgemm"].get("1", {})
        model = next((m for m in self.results["models"]
                      if m["name"] == GEMM_MODEL), None)
        kiln = model["runs"].get("1", {}).get("kiln", {}) if model else {}
        if model and wrong_output(model):
            return (label, f"not counted: {GEMM_MODEL}'s output is wrong",
                    "-")
        if "gflops" not in sgemm or "median_ms" not in kiln:
            why = ("not measured: " +
                   ("no dnnl_sgemm result at 1 thread" if "gflops" not in sgemm
                    else f"no Kiln result for {GEMM_MODEL} at 1 thread"))
            return (label, why, "-")
        gflops = model["flops"] / (kiln["median_ms"] * 1e6)
        fraction = gflops / sgemm["gflops"]
        # From the fastest runs too: on a busy machine the medians of a
        # 2 ms GEMM and a long model run suffer differently.
        best = model["flops"] / (kiln["min_ms"] * 1e6)
        best_sgemm = gemm_flops(sgemm) / (sgemm["min_ms"] * 1e6)
        return (label, f"medians: {gflops:.1f} vs {sgemm['gflops']:.1f} "
                       f"GFLOP/s, {fraction:.1%} (fastest runs: {best:.1f} "
                       f"vs {best_sgemm:.1f}, {best / best_sgemm:.1%})",
                ok(fraction >= GEMM_FRACTION_TARGET))

    def missing(self):
        """Says which models the geomeans leave out, and why."""
        notes = []
        for model in self.results["models"]:
            if "error" in model["compile"]:
                notes.append(f"- {model['name']}: kiln-compile failed: "
                             f"{failure(model['compile'])}")
                continue
            verify = model.get("verify", {})
            if not verify.get("checked", False):
                notes.append(f"- {model['name']}: Kiln's output was not "
                             f"checked: {failure(verify)}")
            if wrong_output(model):
                notes.append(f"- {model['name']}: Kiln's output does not "
                             f"match the zoo's reference, so its times "
                             f"measure wrong code and no target counts them: "
                             f"{failure(model['verify'])}")
            for threads, run in model["runs"].items():
                for engine in ("kiln", "ort"):
                    if "error" in run[engine]:
                        notes.append(f"- {model['name']} at {threads} "
                                     f"thread(s), {engine}: "
                                     f"{failure(run[engine])}")
                ran = run["kiln"].get("process_threads", 0)
                if ran > int(threads):
                    notes.append(f"- {model['name']} at {threads} "
                                 f"thread(s): kiln-bench's process had {ran} "
                                 f"threads after the runs")
        if notes:
            self.add("Left out of the numbers above, or to be read with "
                     "care:", "", *notes, "")

    def latency(self):
        self.add("## Latency", "",
                 "Median (min) of the timed runs in milliseconds, batch 1. "
                 "Kiln/ORT is the ratio of medians: below 1 Kiln is faster. "
                 "GFLOP/s is the model's Conv/Gemm/MatMul/recurrent FLOPs "
                 "over Kiln's median: those of a direct computation, so a "
                 "model whose 3x3 convs Kiln computes by Winograd (fewer "
                 "multiply-adds; docs/OneDNN.md) can show more than the "
                 "machine's peak. Runs: timed runs made (Kiln, ORT).", "")
        for threads in self.threads:
            self.add(f"### {threads} thread(s)", "")
            rows = []
            for model in self.results["models"]:
                run = model["runs"].get(threads)
                if not run:
                    continue
                kiln, ort = run["kiln"], run["ort"]
                value = ratio(run)
                gflops = (f"{model['flops'] / (kiln['median_ms'] * 1e6):.1f}"
                          if "median_ms" in kiln and kiln["median_ms"] > 0
                          else "-")
                rows.append((
                    model["name"], self.time(kiln), self.time(ort),
                    (sig3(value) if value is not None else "-") +
                    (" (wrong output)" if wrong_output(model) else ""),
                    gflops,
                    f"{kiln.get('iterations', '-')}, "
                    f"{ort.get('iterations', '-')}"))
            ratios = self.ratios(threads)
            if ratios:
                rows.append(("**geomean**", "", "",
                             f"**{sig3(geomean(list(ratios.values())))}**", "",
                             ""))
            self.table(("model", "Kiln ms", "ORT ms", "Kiln/ORT",
                        "Kiln GFLOP/s", "runs"), rows)
        samples = self.results.get("sgemm_samples", {})
        rows = [(threads, sample.get("when", "?"), self.time(sample),
                 self.sgemm_rate(sample))
                for threads in self.threads
                for sample in samples.get(threads, [])]
        if rows:
            size = next((s["size"] for group in samples.values()
                         for s in group if "size" in s), "?")
            self.add(f"dnnl_sgemm {size}x{size}x{size} float32, the "
                     f"yardstick for generated code, timed at the start and "
                     f"at the end of the run; the resnet18 target uses the "
                     f"faster:", "")
            self.table(("threads", "when", "ms", "GFLOP/s (from min)"), rows)

    @staticmethod
    def sgemm_rate(sgemm):
        if "gflops" not in sgemm:
            return failure(sgemm)
        best = gemm_flops(sgemm) / (sgemm["min_ms"] * 1e6)
        return f"{sgemm['gflops']:.1f} ({best:.1f})"

    @staticmethod
    def time(side):
        if "median_ms" not in side:
            return "failed"
        return f"{sig3(side['median_ms'])} ({sig3(side['min_ms'])})"

    def memory(self):
        self.add("## Memory", "",
                 "Peak resident set above each process's baseline, in MiB "
                 "(method in \"How it is measured\").", "")
        header = ["model"]
        for threads in self.threads:
            header += [f"Kiln @{threads}", f"ORT @{threads}"]
        rows = []
        for model in self.results["models"]:
            row = [model["name"]]
            for threads in self.threads:
                run = model["runs"].get(threads, {"kiln": {}, "ort": {}})
                for engine in ("kiln", "ort"):
                    kib = run[engine].get("peak_above_baseline_kib")
                    row.append(mib(kib) if kib is not None else "-")
            rows.append(row)
        self.table(header, rows)

    def build(self):
        self.add("## Compile time and size", "",
                 "kiln-compile to a shared library (wall time, one run); the "
                 "artifact holds the weights. Create: the model's `create` "
                 "in kiln-bench and ORT's session creation, at the first "
                 "thread count, in milliseconds.", "")
        first = self.threads[0]
        rows = []
        for model in self.results["models"]:
            compiled = model["compile"]
            run = model["runs"].get(first, {"kiln": {}, "ort": {}})
            create = [sig3(run[e]["create_ms"]) if "create_ms" in run[e]
                      else "-" for e in ("kiln", "ort")]
            if "error" in compiled:
                rows.append((model["name"], "failed", "-", *create,
                             sig3(model["flops"] / 1e9)))
                continue
            rows.append((model["name"], f"{compiled['seconds']:.1f}",
                         mib(compiled["bytes"] / 1024), *create,
                         sig3(model["flops"] / 1e9)))
        self.table(("model", "compile s", "artifact MiB", "Kiln create ms",
                    "ORT session ms", "GFLOPs"), rows)

    def method(self):
        self.add(
            "## How it is measured", "",
            "- One process per measurement, one after the other: "
            "`kiln-bench LIB.so --json --threads T` for Kiln, "
            "`tools/bench/ort_bench.py` for ONNX Runtime, "
            "`tools/bench/sgemm_bench.py` for dnnl_sgemm; each with "
            "OMP_NUM_THREADS=T, so an OpenMP pool never has more threads "
            "than asked whatever the code does with the count it is given.",
            "- ONNX Runtime: CPU provider, all graph optimizations, "
            "intra_op_num_threads=T, inter_op_num_threads=1, sequential "
            "execution, other options at their defaults (its pool threads "
            "spin between runs, as they do in a default deployment).",
            "- Schedule, the same on both sides: up to the given number of "
            "warm-up runs, stopped once they take a tenth of the time "
            "limit, then up to the given number of timed runs, stopped "
            "once they take the time limit; at least one of each. A slow "
            "model therefore has few timed runs: its median is coarser.",
            "- ORT's time is its own per-run time: the median of the "
            "Python-measured `run` calls minus the median call time of an "
            "Identity model with the same inputs and the same options (the "
            "binding overhead plus one copy of the inputs; column "
            "`overhead_ms` of the JSON). ORT's profiler was not used: it "
            "times every node, which added about 0.1 ms per run to "
            "conv_small in a trial, more than the run itself.",
            "- Peak memory: VmHWM after the runs minus VmRSS at the "
            "baseline, the high-water mark reset at the baseline through "
            "/proc/self/clear_refs. Kiln's baseline is taken once the input "
            "files are read and the library is loaded (dlopen: the runtime "
            "and the code), before `create`; ORT's once `onnxruntime` is "
            "imported and the input files are read, before the session is "
            "created. Each peak so holds what the model costs its runtime: "
            "weights (Kiln's paged in from the library, ORT's parsed from "
            "the file), prepared state (oneDNN primitives and packed "
            "weights; ORT's optimized graph and prepacked weights), the "
            "workspace or arena, outputs and thread stacks. ORT's peak also "
            "holds the protobuf it parses the model from, which it frees "
            "after session creation: a cost its users pay too. Each Kiln "
            "library is flushed to disk (fsync) after compiling, so that its "
            "page-cache pages are clean as a deployed library's are: the "
            "kernel cannot release the dirty pages of a file just written "
            "when `create` hands back the originals of the weights it "
            "packed.",
            "- Kiln's output is checked once per model against the zoo's "
            "reference with kiln-run (rtol 1e-3, atol 1e-4) before it is "
            "timed; a mismatch is reported above.",
            "- A benchmark, not a test: nothing fails on these numbers. On "
            "a shared machine they vary from run to run; compare ratios "
            "taken in one run, not absolute times across runs.", "")

    def render(self):
        self.heading()
        self.targets()
        self.latency()
        self.memory()
        self.build()
        self.method()
        return "\n".join(self.lines).rstrip() + "\n"


def render(results):
    """The Markdown report for compare_ort.py's `results`."""
    return Report(results).render()
