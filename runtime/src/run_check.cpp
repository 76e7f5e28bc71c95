// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Checks the arguments of a compiled model's `run` against its descriptor.

#include "instance.h"

using namespace kiln_rt;

namespace {

/// Returns the name `run` errors are reported under.
const char *modelName(const kiln_rt_instance_header_t &header) {
  return header.desc->name ? header.desc->name : "model";
}

/// Checks the `count` buffers of one side (`what` is "input" or "output"):
/// the array, each entry, each entry's alignment. Logs the first problem
/// and returns KILN_RT_INVALID_ARGUMENT for it.
kiln_rt_status_t checkBuffers(const kiln_rt_instance_header_t &header,
                              const char *what, int32_t count,
                              const kiln_rt_tensor_desc_t *tensors,
                              const void *const *buffers) {
  if (count <= 0)
    return KILN_RT_OK;
  if (!buffers) {
    logFormatted(header.log, header.log_user_data, KILN_RT_LOG_ERROR,
                 "%s_run: the %ss array is NULL; the model has %d %ss",
                 modelName(header), what, count, what);
    return KILN_RT_INVALID_ARGUMENT;
  }
  for (int32_t i = 0; i < count; ++i) {
    const kiln_rt_tensor_desc_t &tensor = tensors[i];
    const char *name = tensor.name ? tensor.name : "";
    if (!buffers[i]) {
      logFormatted(header.log, header.log_user_data, KILN_RT_LOG_ERROR,
                   "%s_run: %s %d ('%s') is NULL", modelName(header), what, i,
                   name);
      return KILN_RT_INVALID_ARGUMENT;
    }
    if (!isAligned(buffers[i], tensor.alignment)) {
      logFormatted(header.log, header.log_user_data, KILN_RT_LOG_ERROR,
                   "%s_run: %s %d ('%s') at %p is not aligned to %zu bytes",
                   modelName(header), what, i, name, buffers[i],
                   tensor.alignment);
      return KILN_RT_INVALID_ARGUMENT;
    }
  }
  return KILN_RT_OK;
}

} // namespace

extern "C" kiln_rt_status_t
kiln_rt_run_check(const kiln_rt_instance_t *instance, const void *const *inputs,
                  void *const *outputs, void *workspace) {
  // Without a live instance there is no log to say more through.
  if (!isLiveInstance(instance) || !instance->header.desc)
    return KILN_RT_INVALID_ARGUMENT;
  const kiln_rt_instance_header_t &header = instance->header;
  const kiln_rt_model_desc_t &desc = *header.desc;
  KILN_RT_RETURN_IF_ERROR(
      checkBuffers(header, "input", desc.num_inputs, desc.inputs, inputs));
  KILN_RT_RETURN_IF_ERROR(
      checkBuffers(header, "output", desc.num_outputs, desc.outputs,
                   const_cast<const void *const *>(outputs)));
  if (desc.workspace_size == 0)
    return KILN_RT_OK;
  if (!workspace) {
    logFormatted(header.log, header.log_user_data, KILN_RT_LOG_ERROR,
                 "%s_run: the workspace is NULL; the model needs %zu bytes",
                 modelName(header), desc.workspace_size);
    return KILN_RT_INVALID_ARGUMENT;
  }
  if (!isAligned(workspace, desc.workspace_alignment)) {
    logFormatted(header.log, header.log_user_data, KILN_RT_LOG_ERROR,
                 "%s_run: the workspace at %p is not aligned to %zu bytes",
                 modelName(header), workspace, desc.workspace_alignment);
    return KILN_RT_INVALID_ARGUMENT;
  }
  return KILN_RT_OK;
}
