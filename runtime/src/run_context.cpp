// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The context of one `run` call: how compiled code finds the instance's
// state and thread count, and reports failures.

#include "instance.h"

#include <cstddef>

extern "C" void kiln_rt_run_context_init(kiln_rt_run_context_t *ctx,
                                         const kiln_rt_instance_t *instance,
                                         const kiln_rt_run_options_t *runOpts) {
  ctx->instance = instance;
  ctx->state = kiln_rt_instance_state(instance);
  ctx->run_opts = runOpts;
  ctx->num_threads = runOpts ? runOpts->num_threads : 0;
  ctx->status = KILN_RT_OK;
}

extern "C" void kiln_rt_run_fail(kiln_rt_run_context_t *ctx,
                                 kiln_rt_status_t status, const char *message) {
  if (!ctx || status == KILN_RT_OK)
    return;
  // The threads of a parallel loop may fail at once: the first status
  // stays, and every message is logged.
  int32_t expected = KILN_RT_OK;
  __atomic_compare_exchange_n(&ctx->status, &expected,
                              static_cast<int32_t>(status), /*weak=*/false,
                              __ATOMIC_RELAXED, __ATOMIC_RELAXED);
  if (message)
    kiln_rt_instance_log(ctx->instance, KILN_RT_LOG_ERROR, message);
}

static_assert(sizeof(void *) != 8 ||
                  (offsetof(kiln_rt_run_context_t, state) == 8 &&
                   offsetof(kiln_rt_run_context_t, num_threads) == 24 &&
                   offsetof(kiln_rt_run_context_t, status) == 28 &&
                   sizeof(kiln_rt_run_context_t) == 32),
              "generated code reads the run context at these offsets "
              "(include/kiln/Target/Cpu/RunContext.h)");
