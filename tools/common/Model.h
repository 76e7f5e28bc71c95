// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Opens a compiled model (`--emit=shared-lib`) through its `kiln_model`
// entry point, checks its descriptor, and runs it on host tensors.

#ifndef KILN_TOOLS_COMMON_MODEL_H
#define KILN_TOOLS_COMMON_MODEL_H

#include "Tensor.h"

#include "kiln_rt/kiln_rt.h"

#include <string>
#include <vector>

namespace kiln::tools {

/// A shared library holding a compiled model, open for the object's
/// lifetime.
class ModelLibrary {
public:
  /// Opens `path`, finds `kiln_model`, checks the ABI version and that the
  /// descriptor is consistent (names, shapes, byte sizes, alignments).
  /// Throws ToolError saying what is wrong.
  explicit ModelLibrary(const std::string &path);
  ~ModelLibrary();
  ModelLibrary(const ModelLibrary &) = delete;
  ModelLibrary &operator=(const ModelLibrary &) = delete;

  const kiln_rt_model_t &model() const { return *model_; }
  const kiln_rt_model_desc_t &desc() const { return *desc_; }
  const std::string &path() const { return path_; }
  /// Returns one line: name, ABI and Kiln versions, target.
  std::string summary() const;

private:
  std::string path_;
  void *handle_ = nullptr;
  const kiln_rt_model_t *model_ = nullptr;
  const kiln_rt_model_desc_t *desc_ = nullptr;
};

/// An instance of a model, created in runtime-allocated memory with a log
/// callback that prints to stderr under `toolName`; destroyed with the
/// object.
class ModelInstance {
public:
  /// Throws ToolError when `create` fails.
  ModelInstance(const ModelLibrary &library, std::string toolName);
  ~ModelInstance();
  ModelInstance(const ModelInstance &) = delete;
  ModelInstance &operator=(const ModelInstance &) = delete;

  const kiln_rt_instance_t *get() const { return instance_; }

private:
  static void log(void *userData, kiln_rt_log_level_t level,
                  const char *message);

  const ModelLibrary &library_;
  std::string toolName_;
  kiln_rt_instance_t *instance_ = nullptr;
};

/// The buffers of one `run`: the inputs bound from files, the outputs and
/// the workspace, each aligned as the descriptor asks.
class RunBuffers {
public:
  /// Binds `tensors` to the model's inputs: by name when a tensor has one,
  /// otherwise by its position in `tensors`. Checks that every input is
  /// given exactly once, with the right element type and shape, and
  /// allocates the outputs and the workspace. Throws ToolError otherwise.
  RunBuffers(const kiln_rt_model_desc_t &desc, std::vector<HostTensor> tensors,
             const std::vector<std::string> &sources);

  /// Runs the model once with `numThreads` (<= 0: the OpenMP default).
  /// Throws ToolError naming the status when `run` fails.
  void run(const ModelLibrary &library, const ModelInstance &instance,
           int32_t numThreads);

  /// Returns the model's outputs (valid after `run`).
  std::vector<HostTensor> &outputs() { return outputs_; }

private:
  std::vector<HostTensor> inputs_;
  std::vector<HostTensor> outputs_;
  AlignedBuffer workspace_;
  std::vector<const void *> inputPointers_;
  std::vector<void *> outputPointers_;
};

/// Matches `tensors` (read from `sources`) to the model tensors `slots`:
/// a tensor with a name goes to the slot of that name, one without to the
/// slot at its own position. Returns, per slot, the index into `tensors`,
/// or -1 for a slot nobody filled. Throws ToolError for an unknown name,
/// a slot filled twice, or more tensors than slots. `what` ("input",
/// "expected output") is for messages.
std::vector<int> matchTensors(const kiln_rt_tensor_desc_t *slots,
                              int32_t numSlots,
                              const std::vector<HostTensor> &tensors,
                              const std::vector<std::string> &sources,
                              const std::string &what);

/// Returns the shape of a descriptor tensor.
std::vector<int64_t> descShape(const kiln_rt_tensor_desc_t &tensor);

/// Returns the names of `slots` as "'a', 'b'".
std::string listNames(const kiln_rt_tensor_desc_t *slots, int32_t numSlots);

} // namespace kiln::tools

#endif // KILN_TOOLS_COMMON_MODEL_H
