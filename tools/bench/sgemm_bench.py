#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Times oneDNN's dnnl_sgemm on an M x N x K float32 product, in a process
of its own, and prints one JSON object with its GFLOP/s (2*M*N*K / median).

The machine's reference for generated code: the issue "CPU speed" asks that
resnet18 at 1 thread reach 60% of a 512^3 dnnl_sgemm at 1 thread, measured
in the same run. oneDNN is called through ctypes: the call costs about a
microsecond, against about 1.4 ms for 512^3. OMP_NUM_THREADS is set before
libdnnl (and with it libgomp) is loaded, so the pool has --threads threads.
"""

import argparse
import ctypes
import ctypes.util
import json
import os
import sys

from timing import summarize, warm_up_and_time

LIBRARY_NAMES = ("libdnnl.so.2", "libdnnl.so")


def load_dnnl():
    """Opens libdnnl; exits with a message naming what was tried."""
    names = list(LIBRARY_NAMES)
    found = ctypes.util.find_library("dnnl")
    if found:
        names.append(found)
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    sys.exit(f"sgemm_bench.py: cannot load oneDNN (tried {names}); "
             "install libdnnl-dev")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=512,
                        help="M = N = K (default 512)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--iters", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--time-limit", type=float, default=None)
    args = parser.parse_args()
    if args.size < 1 or args.threads < 1 or args.iters < 1:
        parser.error("--size, --threads and --iters want >= 1")
    os.environ["OMP_NUM_THREADS"] = str(args.threads)

    import numpy as np  # after OMP_NUM_THREADS, in case numpy loads libgomp

    dnnl = load_dnnl()
    dim = ctypes.c_int64
    pointer = ctypes.POINTER(ctypes.c_float)
    # dnnl_status_t dnnl_sgemm(char transa, char transb, dnnl_dim_t M, N, K,
    #     float alpha, const float *A, lda, const float *B, ldb, float beta,
    #     float *C, ldc): row-major.
    dnnl.dnnl_sgemm.restype = ctypes.c_int
    dnnl.dnnl_sgemm.argtypes = [ctypes.c_char, ctypes.c_char, dim, dim, dim,
                                ctypes.c_float, pointer, dim, pointer, dim,
                                ctypes.c_float, pointer, dim]
    n = args.size
    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    c = np.zeros((n, n), dtype=np.float32)
    pa, pb, pc = (x.ctypes.data_as(pointer) for x in (a, b, c))

    def run():
        status = dnnl.dnnl_sgemm(b"N", b"N", n, n, n, 1.0, pa, n, pb, n, 0.0,
                                 pc, n)
        if status != 0:
            sys.exit(f"sgemm_bench.py: dnnl_sgemm returned status {status}")

    warmup_runs, times = warm_up_and_time(run, args.warmup, args.iters,
                                          args.time_limit)
    if not np.allclose(c, a @ b, rtol=1e-3, atol=1e-3):
        sys.exit("sgemm_bench.py: dnnl_sgemm computed a wrong product")
    result = {"engine": "dnnl_sgemm", "size": n, "threads": args.threads,
              "warmup": warmup_runs}
    result.update(summarize(times))
    result["gflops"] = 2.0 * n ** 3 / (result["median_ms"] * 1e6)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
