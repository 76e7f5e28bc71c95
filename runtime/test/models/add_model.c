/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
 *
 * A hand-written compiled model, y = a + b over float[2,3], built the way
 * the compiler's generated code is: the ABI of kiln_rt.h on top of
 * kiln_rt_instance_create, kiln_rt_run_check and kiln_rt_parallel_for.
 * The sum goes through the workspace (as a planned intermediate would) and
 * is scaled by a factor `create` prepares in the instance state, so that
 * every part of the ABI is exercised. The tools' tests run it.
 */

#include "kiln_rt/kiln_rt_compiled.h"

#include <stddef.h>

/* A second build of this file says it was compiled for another ABI. */
#ifndef ADD_MODEL_ABI_MAJOR
#define ADD_MODEL_ABI_MAJOR KILN_RT_ABI_VERSION_MAJOR
#endif

#define ADD_EXPORT __attribute__((visibility("default")))
#define ADD_NUM_ELEMENTS 6
#define ADD_PREPARED 0x50524550u

static const int64_t add_shape[2] = {2, 3};

static const kiln_rt_tensor_desc_t add_inputs[2] = {
    {"a", KILN_RT_FLOAT32, 2, add_shape, ADD_NUM_ELEMENTS * sizeof(float), 64},
    {"b", KILN_RT_FLOAT32, 2, add_shape, ADD_NUM_ELEMENTS * sizeof(float), 64},
};

static const kiln_rt_tensor_desc_t add_outputs[1] = {
    {"y", KILN_RT_FLOAT32, 2, add_shape, ADD_NUM_ELEMENTS * sizeof(float), 64},
};

/* What `create` prepares; the model's part of the instance. */
typedef struct add_state_t {
  uint32_t prepared;
  float scale;
} add_state_t;

static const kiln_rt_model_desc_t add_desc = {
    ADD_MODEL_ABI_MAJOR,
    KILN_RT_ABI_VERSION_MINOR,
    "add",
    "kiln hand-written test fixture",
    13,
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0.1.0",
    "host",
    "generic",
    2,
    add_inputs,
    1,
    add_outputs,
    ADD_NUM_ELEMENTS * sizeof(float), /* workspace: the sum */
    64,
    KILN_RT_INSTANCE_STATE_OFFSET + sizeof(add_state_t),
    16,
};

/* The context of both loops, on `run`'s stack. */
typedef struct add_loop_ctx_t {
  const float *a;
  const float *b;
  float *sum; /* in the workspace */
  float *y;
  float scale;
} add_loop_ctx_t;

/* sum[i] = a[i] + b[i] for i in [begin, end). */
static void add_sum_body(void *ctx, int64_t begin, int64_t end) {
  add_loop_ctx_t *c = (add_loop_ctx_t *)ctx;
  for (int64_t i = begin; i < end; ++i)
    c->sum[i] = c->a[i] + c->b[i];
}

/* y[i] = sum[i] * scale for i in [begin, end). */
static void add_scale_body(void *ctx, int64_t begin, int64_t end) {
  add_loop_ctx_t *c = (add_loop_ctx_t *)ctx;
  for (int64_t i = begin; i < end; ++i)
    c->y[i] = c->sum[i] * c->scale;
}

ADD_EXPORT const kiln_rt_model_desc_t *add_describe(void) { return &add_desc; }

ADD_EXPORT kiln_rt_status_t add_create(const kiln_rt_options_t *opts,
                                       void *instance_memory,
                                       kiln_rt_instance_t **out) {
  KILN_RT_RETURN_IF_ERROR(
      kiln_rt_instance_create(&add_desc, opts, instance_memory, out));
  add_state_t *state = (add_state_t *)kiln_rt_instance_state(*out);
  state->scale = 1.0f;
  state->prepared = ADD_PREPARED;
  return KILN_RT_OK;
}

ADD_EXPORT kiln_rt_status_t add_run(const kiln_rt_instance_t *instance,
                                    const void *const *inputs,
                                    void *const *outputs, void *workspace,
                                    const kiln_rt_run_options_t *run_opts) {
  KILN_RT_RETURN_IF_ERROR(
      kiln_rt_run_check(instance, inputs, outputs, workspace));
  const add_state_t *state =
      (const add_state_t *)kiln_rt_instance_state(instance);
  if (state->prepared != ADD_PREPARED)
    return KILN_RT_INTERNAL;
  int32_t threads = run_opts ? run_opts->num_threads : 0;
  add_loop_ctx_t ctx = {(const float *)inputs[0], (const float *)inputs[1],
                        (float *)workspace, (float *)outputs[0], state->scale};
  uint64_t begin = 0;
  if (run_opts && run_opts->profile)
    begin = kiln_rt_clock_now_ns();
  KILN_RT_RETURN_IF_ERROR(
      kiln_rt_parallel_for(add_sum_body, &ctx, ADD_NUM_ELEMENTS, threads));
  KILN_RT_RETURN_IF_ERROR(
      kiln_rt_parallel_for(add_scale_body, &ctx, ADD_NUM_ELEMENTS, threads));
  if (run_opts && run_opts->profile)
    run_opts->profile(run_opts->profile_user_data, "add", begin,
                      kiln_rt_clock_now_ns());
  return KILN_RT_OK;
}

ADD_EXPORT void add_destroy(kiln_rt_instance_t *instance) {
  kiln_rt_instance_destroy(instance);
}

static const kiln_rt_model_t add_model = {add_describe, add_create, add_run,
                                          add_destroy};

ADD_EXPORT const kiln_rt_model_t *kiln_model(void) { return &add_model; }
