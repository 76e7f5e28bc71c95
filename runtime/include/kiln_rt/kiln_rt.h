/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
 *
 * The Kiln runtime's C ABI: what a compiled model exports and what it calls.
 *
 * Ownership, once for the whole API:
 *  - `NAME_create` makes an instance, freed by `NAME_destroy`. The instance
 *    lives in memory the caller passes (`instance_size` bytes, aligned to
 *    `instance_alignment`) or, when the caller passes NULL, in memory the
 *    runtime allocates through `kiln_rt_options_t.allocator` (malloc by
 *    default) and frees in `NAME_destroy`.
 *  - Descriptors (`kiln_rt_model_desc_t` and everything it points to) are
 *    static read-only data of the compiled model: borrowed, never freed.
 *  - Inputs, outputs and the workspace of `NAME_run` belong to the caller for
 *    the duration of the call; `run` keeps no pointer to them.
 *
 * Threads: after `NAME_create` returns, an instance is read-only. Any number
 * of threads may call `NAME_run` on one instance at once, each with its own
 * workspace. `run` allocates nothing and writes no global state.
 *
 * Errors: every entry point returns a `kiln_rt_status_t`; the runtime never
 * aborts and never prints. Detail about a failure goes to the optional log
 * callback of the options.
 */

#ifndef KILN_RT_KILN_RT_H
#define KILN_RT_KILN_RT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this ABI. A compiled model records the version it was
 * compiled for in its descriptor; the runtime accepts models whose major
 * version equals its own and whose minor version is not newer than its own
 * (docs/Runtime.md). */
#define KILN_RT_ABI_VERSION_MAJOR 0
#define KILN_RT_ABI_VERSION_MINOR 1

/* Marks the runtime's exported functions. The runtime is built with hidden
 * visibility; only what carries this macro is part of the ABI. */
#if defined(_WIN32)
#define KILN_RT_API
#else
#define KILN_RT_API __attribute__((visibility("default")))
#endif

/*===------------------------------------------------------------------===*
 * Status
 *===------------------------------------------------------------------===*/

typedef enum kiln_rt_status_t {
  KILN_RT_OK = 0,
  KILN_RT_INVALID_ARGUMENT = 1, /* a NULL pointer, a bad size or option */
  KILN_RT_OUT_OF_MEMORY = 2,    /* the allocator returned NULL */
  KILN_RT_UNSUPPORTED = 3,      /* this build or CPU cannot run it */
  KILN_RT_INCOMPATIBLE = 4,     /* compiled for another ABI version */
  KILN_RT_LIBRARY_ERROR = 5,    /* oneDNN or CUDA reported an error */
  KILN_RT_INTERNAL = 6,         /* a bug in Kiln */
} kiln_rt_status_t;

/* Returns a static, human-readable name for `status` ("ok", "invalid
 * argument", ...); "unknown status" for a value outside the enum. */
KILN_RT_API const char *kiln_rt_status_string(kiln_rt_status_t status);

/* Evaluates `expr` (a `kiln_rt_status_t`) once and returns it from the
 * enclosing function unless it is `KILN_RT_OK`. */
#define KILN_RT_RETURN_IF_ERROR(expr)                                          \
  do {                                                                         \
    kiln_rt_status_t kiln_rt_status_ = (expr);                                 \
    if (kiln_rt_status_ != KILN_RT_OK)                                         \
      return kiln_rt_status_;                                                  \
  } while (0)

/*===------------------------------------------------------------------===*
 * Descriptors
 *===------------------------------------------------------------------===*/

/* Element types, numbered as ONNX's TensorProto.DataType. */
typedef enum kiln_rt_element_type_t {
  KILN_RT_FLOAT32 = 1,
  KILN_RT_UINT8 = 2,
  KILN_RT_INT8 = 3,
  KILN_RT_UINT16 = 4,
  KILN_RT_INT16 = 5,
  KILN_RT_INT32 = 6,
  KILN_RT_INT64 = 7,
  KILN_RT_BOOL = 9,
  KILN_RT_FLOAT16 = 10,
  KILN_RT_FLOAT64 = 11,
  KILN_RT_UINT32 = 12,
  KILN_RT_UINT64 = 13,
  KILN_RT_BFLOAT16 = 16,
} kiln_rt_element_type_t;

/* Returns the size in bytes of one element of `type`, or 0 when unknown. */
KILN_RT_API size_t kiln_rt_element_size(kiln_rt_element_type_t type);

/* Returns a static name for `type` ("float32", ...), "unknown" otherwise. */
KILN_RT_API const char *
kiln_rt_element_type_string(kiln_rt_element_type_t type);

/* One input or output of a model: a dense, row-major tensor. */
typedef struct kiln_rt_tensor_desc_t {
  const char *name; /* the ONNX value name */
  kiln_rt_element_type_t element_type;
  int32_t rank;
  const int64_t *shape; /* `rank` dimensions */
  size_t byte_size;     /* product(shape) * element size */
  size_t alignment;     /* required alignment of the buffer:
                           a power of two; 0 or 1: none */
} kiln_rt_tensor_desc_t;

/* `abi_version_major` and `abi_version_minor` stay the first two fields in
 * every version of the ABI, so a loader can check them before it reads
 * anything else. */
typedef struct kiln_rt_model_desc_t {
  uint32_t abi_version_major;
  uint32_t abi_version_minor;
  const char *name;       /* --name: the symbol prefix */
  const char *producer;   /* the ONNX producer_name and version */
  int64_t opset;          /* the model's default-domain opset */
  const char *model_hash; /* hex SHA-256 of the model file */
  const char *kiln_version;
  const char *target_triple;
  const char *target_cpu;
  int32_t num_inputs;
  const kiln_rt_tensor_desc_t *inputs;
  int32_t num_outputs;
  const kiln_rt_tensor_desc_t *outputs;
  size_t workspace_size;      /* bytes `run` needs (may be 0) */
  size_t workspace_alignment; /* a power of two; 0 or 1: none */
  size_t instance_size;       /* bytes `create` needs, the runtime's
                                 instance header included */
  size_t instance_alignment;  /* a power of two; 0 or 1: none */
} kiln_rt_model_desc_t;

/*===------------------------------------------------------------------===*
 * Options
 *===------------------------------------------------------------------===*/

typedef enum kiln_rt_log_level_t {
  KILN_RT_LOG_ERROR = 0,
  KILN_RT_LOG_WARNING = 1,
  KILN_RT_LOG_INFO = 2,
} kiln_rt_log_level_t;

/* Receives detail about failures; `message` is valid during the call only. */
typedef void (*kiln_rt_log_fn_t)(void *user_data, kiln_rt_log_level_t level,
                                 const char *message);

/* The memory the runtime allocates (only in `create`, never in `run`). */
typedef struct kiln_rt_allocator_t {
  void *(*allocate)(void *user_data, size_t size, size_t alignment);
  void (*deallocate)(void *user_data, void *pointer);
  void *user_data;
} kiln_rt_allocator_t;

typedef struct kiln_rt_options_t {
  const kiln_rt_allocator_t *allocator; /* NULL: aligned malloc/free */
  kiln_rt_log_fn_t log;                 /* NULL: no log */
  void *log_user_data;
} kiln_rt_options_t;

/* Receives one event per layer when profiling (`run` options). */
typedef void (*kiln_rt_profile_fn_t)(void *user_data, const char *layer,
                                     uint64_t begin_ns, uint64_t end_ns);

typedef struct kiln_rt_run_options_t {
  int32_t num_threads;          /* <= 0: the OpenMP default */
  kiln_rt_profile_fn_t profile; /* NULL: no profiling */
  void *profile_user_data;
} kiln_rt_run_options_t;

/*===------------------------------------------------------------------===*
 * A compiled model
 *===------------------------------------------------------------------===*/

typedef struct kiln_rt_instance_t kiln_rt_instance_t;

typedef const kiln_rt_model_desc_t *(*kiln_rt_describe_fn_t)(void);
typedef kiln_rt_status_t (*kiln_rt_create_fn_t)(const kiln_rt_options_t *opts,
                                                void *instance_memory,
                                                kiln_rt_instance_t **out);
typedef kiln_rt_status_t (*kiln_rt_run_fn_t)(
    const kiln_rt_instance_t *instance, const void *const *inputs,
    void *const *outputs, void *workspace,
    const kiln_rt_run_options_t *run_opts);
typedef void (*kiln_rt_destroy_fn_t)(kiln_rt_instance_t *instance);

/* What the fixed `kiln_model` symbol of a shared library returns.
 * `describe` stays the first field in every version of the ABI: a loader
 * calls it and checks the descriptor's version before it uses the rest. */
typedef struct kiln_rt_model_t {
  kiln_rt_describe_fn_t describe;
  kiln_rt_create_fn_t create;
  kiln_rt_run_fn_t run;
  kiln_rt_destroy_fn_t destroy;
} kiln_rt_model_t;

/* The entry point of a `--emit=shared-lib` artifact. */
typedef const kiln_rt_model_t *(*kiln_rt_model_entry_fn_t)(void);
#define KILN_RT_MODEL_ENTRY_SYMBOL "kiln_model"

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KILN_RT_KILN_RT_H */
