/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
 *
 * What compiled models call in the runtime: instance helpers for the
 * generated `NAME_create`/`NAME_destroy`/`NAME_run`, the parallel loop, and
 * the clock for profiling. Applications never need this header.
 *
 * Instance layout. Every instance starts with the runtime's header, and the
 * model's own state follows at the fixed offset
 * `KILN_RT_INSTANCE_STATE_OFFSET`:
 *
 *   offset  0  uint32_t  magic           KILN_RT_INSTANCE_MAGIC while alive
 *   offset  4  uint32_t  flags           KILN_RT_INSTANCE_OWNS_MEMORY, ...
 *   offset  8  desc                      the model's descriptor (borrowed)
 *   offset 16  allocator                 a copy of the options' allocator,
 *                                        or the default one (24 bytes)
 *   offset 40  log, log_user_data        the options' log callback
 *   offset 56  reserved                  zero
 *   offset 64  the model's state         `instance_size - 64` bytes
 *
 * A compiler therefore sets `instance_size` to 64 plus the size of its
 * state, and `instance_alignment` to the state's alignment (the runtime
 * raises it to at least `KILN_RT_INSTANCE_MIN_ALIGNMENT`). Because the
 * header is 64 bytes, the state is aligned like the instance up to 64
 * bytes; a state that needs more must get it from
 * `kiln_rt_instance_allocate`. The runtime zeroes the whole instance before
 * the generated `create` fills its state, so a `destroy` after a failed
 * `create` sees NULL pointers and zero sizes, never garbage.
 *
 * Calling sequence of generated code:
 *
 *   NAME_create(opts, memory, out):
 *     KILN_RT_RETURN_IF_ERROR(
 *         kiln_rt_instance_create(&NAME_desc, opts, memory, out));
 *     state = kiln_rt_instance_state(*out);   // or *out + 64
 *     ...prepare (kiln_rt_instance_allocate for run-time-sized data)...
 *     on failure: NAME_destroy(*out); *out = NULL; return status;
 *   (Kiln's generated create calls the model's `NAME_init(instance, state)`
 *   for the preparation, and destroy its `NAME_deinit(instance, state)`.)
 *   NAME_run(instance, inputs, outputs, workspace, run_opts):
 *     KILN_RT_RETURN_IF_ERROR(
 *         kiln_rt_run_check(instance, inputs, outputs, workspace));
 *     kiln_rt_run_context_t ctx;
 *     kiln_rt_run_context_init(&ctx, instance, run_opts);
 *     NAME_main(inputs..., outputs..., workspace, &ctx):
 *       ...kiln_rt_parallel_for(body, captures, n, ctx.num_threads)...
 *       ...on a failed run-time check: kiln_rt_run_fail(&ctx, status, msg)...
 *     return ctx.status;
 *   NAME_destroy(instance):
 *     ...release what create prepared (kiln_rt_instance_deallocate)...
 *     kiln_rt_instance_destroy(instance);
 */

#ifndef KILN_RT_KILN_RT_COMPILED_H
#define KILN_RT_KILN_RT_COMPILED_H

#include "kiln_rt/kiln_rt.h"

#ifdef __cplusplus
extern "C" {
#endif

/*===------------------------------------------------------------------===*
 * Instances
 *===------------------------------------------------------------------===*/

/* Size of the runtime's instance header, and where the model's state
 * starts. Fixed for a major version of the ABI. */
#define KILN_RT_INSTANCE_HEADER_SIZE 64
#define KILN_RT_INSTANCE_STATE_OFFSET 64

/* The least alignment the runtime gives an instance, whatever the
 * descriptor asks for. */
#define KILN_RT_INSTANCE_MIN_ALIGNMENT 16

/* `magic` of a live instance ("KILN" read as a little-endian word). */
#define KILN_RT_INSTANCE_MAGIC 0x4E4C494Bu

/* `flags`: set when the runtime allocated the instance's memory and frees
 * it in `kiln_rt_instance_destroy`. */
#define KILN_RT_INSTANCE_OWNS_MEMORY 1u

/* The runtime-owned header at offset 0 of every instance (layout above).
 * Generated code reads none of its fields directly; they are declared so
 * that the layout is written down once and checked by the compiler. */
typedef struct kiln_rt_instance_header_t {
  uint32_t magic;
  uint32_t flags;
  const kiln_rt_model_desc_t *desc;
  kiln_rt_allocator_t allocator;
  kiln_rt_log_fn_t log;
  void *log_user_data;
  uint64_t reserved;
} kiln_rt_instance_header_t;

/* Starts an instance of the model `desc`: checks the arguments and the
 * descriptor's ABI version, takes `instance_memory` (`desc->instance_size`
 * bytes, aligned to `desc->instance_alignment` and to
 * `KILN_RT_INSTANCE_MIN_ALIGNMENT`) or, when it is NULL, allocates that
 * much through `opts->allocator` (aligned malloc when there is none),
 * zeroes it and writes the header. `opts` may be NULL.
 *
 * On success `*out` is the instance; on failure `*out` is NULL (when `out`
 * is not NULL) and nothing is allocated. Returns
 *  - KILN_RT_INVALID_ARGUMENT: `desc` or `out` NULL, misaligned
 *    `instance_memory`, an allocator with a NULL function, or a descriptor
 *    whose `instance_size` is smaller than the header or whose alignment is
 *    not a power of two;
 *  - KILN_RT_INCOMPATIBLE: `desc` was compiled for another ABI major
 *    version, or a newer minor version than this runtime's;
 *  - KILN_RT_OUT_OF_MEMORY: the allocator returned NULL. */
KILN_RT_API kiln_rt_status_t kiln_rt_instance_create(
    const kiln_rt_model_desc_t *desc, const kiln_rt_options_t *opts,
    void *instance_memory, kiln_rt_instance_t **out);

/* Ends `instance`: clears its magic and, when the runtime allocated it,
 * frees its memory through the allocator it was created with. Does nothing
 * for NULL or for memory that is not a live instance. Whatever the model
 * allocated with `kiln_rt_instance_allocate` must be freed before. */
KILN_RT_API void kiln_rt_instance_destroy(kiln_rt_instance_t *instance);

/* Returns the model's state of `instance` (`instance` +
 * `KILN_RT_INSTANCE_STATE_OFFSET`), or NULL for NULL. */
KILN_RT_API void *kiln_rt_instance_state(const kiln_rt_instance_t *instance);

/* Returns the descriptor `instance` was created with, or NULL for NULL. */
KILN_RT_API const kiln_rt_model_desc_t *
kiln_rt_instance_desc(const kiln_rt_instance_t *instance);

/* Allocates `size` bytes aligned to `alignment` (a power of two; 0 means
 * the platform's default) through the allocator of `instance`, for data a
 * generated `create` prepares at run time (packed weights, library
 * primitives). Returns NULL when the allocator fails, when `size` is 0 or
 * when `instance` is not a live instance; never call it from `run`. */
KILN_RT_API void *kiln_rt_instance_allocate(const kiln_rt_instance_t *instance,
                                            size_t size, size_t alignment);

/* Frees `pointer` (from `kiln_rt_instance_allocate` on the same instance);
 * NULL does nothing. */
KILN_RT_API void kiln_rt_instance_deallocate(const kiln_rt_instance_t *instance,
                                             void *pointer);

/* Sends `message` at `level` to the log callback `instance` was created
 * with; does nothing when there is none. */
KILN_RT_API void kiln_rt_instance_log(const kiln_rt_instance_t *instance,
                                      kiln_rt_log_level_t level,
                                      const char *message);

/* Checks the arguments of `NAME_run` against the instance's descriptor:
 * a live instance, non-NULL `inputs`/`outputs` arrays (when the model has
 * inputs/outputs) and entries, every buffer aligned to its tensor's
 * `alignment`, and a `workspace` aligned to `workspace_alignment` whenever
 * `workspace_size` is not 0. Returns KILN_RT_OK or
 * KILN_RT_INVALID_ARGUMENT, and logs which argument is wrong through the
 * instance's log callback. Reads nothing the buffers hold. */
KILN_RT_API kiln_rt_status_t
kiln_rt_run_check(const kiln_rt_instance_t *instance, const void *const *inputs,
                  void *const *outputs, void *workspace);

/*===------------------------------------------------------------------===*
 * Run context
 *===------------------------------------------------------------------===*/

/* What one call of `NAME_run` hands the model's code: filled by the
 * generated `run` on its own stack, so it belongs to that call and keeps
 * `run` reentrant. Generated code reads `state` and `num_threads` at these
 * fixed offsets (LP64) and reports failures with `kiln_rt_run_fail`; `run`
 * returns `status` when the model's code is done. */
typedef struct kiln_rt_run_context_t {
  const kiln_rt_instance_t *instance;    /* offset 0 */
  void *state;                           /* offset 8: the model's state */
  const kiln_rt_run_options_t *run_opts; /* offset 16, may be NULL */
  int32_t num_threads;                   /* offset 24, <= 0: OpenMP default */
  int32_t status;                        /* offset 28, KILN_RT_OK until a failure */
} kiln_rt_run_context_t;

/* Fills `ctx` for one call of `run` on `instance` with `run_opts` (may be
 * NULL): the model's state, the thread count (`run_opts->num_threads`, or
 * 0 for the OpenMP default) and a status of KILN_RT_OK. */
KILN_RT_API void kiln_rt_run_context_init(kiln_rt_run_context_t *ctx,
                                          const kiln_rt_instance_t *instance,
                                          const kiln_rt_run_options_t *run_opts);

/* Records a failure of the run `ctx` belongs to: the first failure's
 * `status` is what `run` returns, and `message` (a static string naming the
 * node and what was wrong) goes to the instance's log callback at
 * KILN_RT_LOG_ERROR. Safe to call from the threads of a parallel loop. Does
 * nothing for a NULL `ctx` or a `status` of KILN_RT_OK. */
KILN_RT_API void kiln_rt_run_fail(kiln_rt_run_context_t *ctx,
                                  kiln_rt_status_t status,
                                  const char *message);

/*===------------------------------------------------------------------===*
 * Parallel loops
 *===------------------------------------------------------------------===*/

/* An outlined loop body: runs iterations [begin, end) with `ctx`. */
typedef void (*kiln_rt_parallel_body_t)(void *ctx, int64_t begin, int64_t end);

/* Runs `body` over the iterations [0, n) on the OpenMP (GNU libgomp) thread
 * pool that oneDNN uses too. `num_threads` <= 0 means the OpenMP default
 * (`OMP_NUM_THREADS`); a request is capped at `n` and at 4 threads per
 * processor. The iterations are split statically into one contiguous
 * chunk per thread, each index handled exactly once, so results do not
 * depend on the thread count as long as iterations are independent. When
 * `n` <= 1, when one thread is left, or when called from inside a parallel
 * region (nested loops), it calls `body(ctx, 0, n)` on the calling thread
 * (so `n == 0` gives one empty call). Returns KILN_RT_INVALID_ARGUMENT for
 * a NULL `body` or a negative `n`, KILN_RT_OK otherwise. */
KILN_RT_API kiln_rt_status_t kiln_rt_parallel_for(kiln_rt_parallel_body_t body,
                                                  void *ctx, int64_t n,
                                                  int32_t num_threads);

/* Runs `body(ctx, thread, team)` once on each thread of a team of `team`
 * threads (`thread` in [0, team)) on the same pool, for a sequential loop
 * whose steps hold parallel loops: the team lives through the whole loop,
 * splits each parallel loop itself and meets at kiln_rt_parallel_barrier
 * between steps, where a kiln_rt_parallel_for per parallel loop would
 * start a team each time (about 1 us on two threads, a barrier 0.26 us).
 * `num_threads` is read as by kiln_rt_parallel_for (capped at 4 threads
 * per processor); with one thread left, or from inside a parallel region,
 * it calls `body(ctx, 0, 1)` on the calling thread. Returns
 * KILN_RT_INVALID_ARGUMENT for a NULL `body`, KILN_RT_OK otherwise. */
KILN_RT_API kiln_rt_status_t kiln_rt_parallel_team(kiln_rt_parallel_body_t body,
                                                   void *ctx,
                                                   int32_t num_threads);

/* Waits until every thread of the calling thread's kiln_rt_parallel_team
 * has reached it, and makes their writes before it visible to all after
 * it. Does nothing outside a team of more than one thread. */
KILN_RT_API void kiln_rt_parallel_barrier(void);

/*===------------------------------------------------------------------===*
 * Clock
 *===------------------------------------------------------------------===*/

/* Returns a monotonic time in nanoseconds, for the `begin_ns`/`end_ns` of
 * the profiling callback; 0 if the platform has no such clock. */
KILN_RT_API uint64_t kiln_rt_clock_now_ns(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KILN_RT_KILN_RT_COMPILED_H */
