// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Opens a compiled model through `kiln_model`, checks its descriptor, and
// runs it on host tensors.

#include "Model.h"

#include <dlfcn.h>

#include <cstdio>
#include <cstring>

namespace kiln::tools {

//===--- Helpers ----------------------------------------------------------===//

namespace {

/// The largest rank a descriptor may claim; beyond it the descriptor is
/// taken to be garbage.
constexpr int32_t kMaxRank = 64;

bool isPowerOfTwoOrZero(size_t value) { return (value & (value - 1)) == 0; }

/// Returns the name of a descriptor tensor, or "#i" when it has none.
std::string tensorName(const kiln_rt_tensor_desc_t &tensor, int32_t index) {
  return tensor.name ? tensor.name : "#" + std::to_string(index);
}

/// Checks one side (inputs or outputs) of a descriptor; appends problems.
void checkTensors(const char *what, int32_t count,
                  const kiln_rt_tensor_desc_t *tensors,
                  std::vector<std::string> &problems) {
  if (count < 0) {
    problems.push_back(std::string("negative number of ") + what + "s");
    return;
  }
  if (count > 0 && !tensors) {
    problems.push_back(std::string("NULL ") + what + "s array");
    return;
  }
  for (int32_t i = 0; i < count; ++i) {
    const kiln_rt_tensor_desc_t &t = tensors[i];
    std::string label = std::string(what) + " " + std::to_string(i) + " ('" +
                        tensorName(t, i) + "')";
    if (!t.name)
      problems.push_back(label + " has no name");
    if (t.rank < 0 || t.rank > kMaxRank || (t.rank > 0 && !t.shape)) {
      problems.push_back(label + " has a bad rank or shape");
      continue;
    }
    size_t elementSize = kiln_rt_element_size(t.element_type);
    if (elementSize == 0) {
      problems.push_back(label + " has unknown element type " +
                         std::to_string(static_cast<int>(t.element_type)));
      continue;
    }
    int64_t count = checkedElementCount(t.shape, static_cast<size_t>(t.rank));
    if (count < 0 || static_cast<uint64_t>(count) > SIZE_MAX / elementSize) {
      problems.push_back(label + " has a bad shape");
      continue;
    }
    size_t bytes = static_cast<size_t>(count) * elementSize;
    if (t.byte_size != bytes)
      problems.push_back(label + " has byte_size " +
                         std::to_string(t.byte_size) + ", but " +
                         formatType(t.element_type, descShape(t)) + " is " +
                         std::to_string(bytes) + " bytes");
    if (!isPowerOfTwoOrZero(t.alignment))
      problems.push_back(label + " has alignment " +
                         std::to_string(t.alignment) + ", not a power of two");
  }
}

/// Returns every inconsistency of `desc`, empty when there is none.
std::vector<std::string> checkDescriptor(const kiln_rt_model_desc_t &desc) {
  std::vector<std::string> problems;
  checkTensors("input", desc.num_inputs, desc.inputs, problems);
  checkTensors("output", desc.num_outputs, desc.outputs, problems);
  if (!isPowerOfTwoOrZero(desc.workspace_alignment))
    problems.push_back("workspace_alignment " +
                       std::to_string(desc.workspace_alignment) +
                       " is not a power of two");
  return problems;
}

/// Returns `problems` as one message, one per line after the first.
std::string joinLines(const std::vector<std::string> &problems) {
  std::string text;
  for (size_t i = 0; i < problems.size(); ++i)
    text += (i ? "\n  " : "") + problems[i];
  return text;
}

} // namespace

std::vector<int64_t> descShape(const kiln_rt_tensor_desc_t &tensor) {
  if (tensor.rank <= 0 || !tensor.shape)
    return {};
  return std::vector<int64_t>(tensor.shape, tensor.shape + tensor.rank);
}

std::string listNames(const kiln_rt_tensor_desc_t *slots, int32_t numSlots) {
  std::string text;
  for (int32_t i = 0; i < numSlots; ++i)
    text += (i ? ", '" : "'") + tensorName(slots[i], i) + "'";
  return text.empty() ? "none" : text;
}

//===--- ModelLibrary -----------------------------------------------------===//

ModelLibrary::ModelLibrary(const std::string &path) : path_(path) {
  // dlopen searches the library path for a bare name; a file is meant.
  std::string openPath =
      path.find('/') == std::string::npos ? "./" + path : path;
  handle_ = dlopen(openPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) {
    const char *error = dlerror();
    throw ToolError("cannot load '" + path +
                    "': " + (error ? error : "unknown error"));
  }
  // The library stays loaded until the process ends (see ~ModelLibrary),
  // so a failed check below needs no cleanup.
  dlerror();
  void *entry = dlsym(handle_, KILN_RT_MODEL_ENTRY_SYMBOL);
  if (!entry)
    throw ToolError("'" + path +
                    "' has no `" KILN_RT_MODEL_ENTRY_SYMBOL
                    "` entry point; is it a model compiled with "
                    "`kiln-compile --emit=shared-lib`?");
  model_ = reinterpret_cast<kiln_rt_model_entry_fn_t>(entry)();
  if (!model_ || !model_->describe)
    throw ToolError("'" + path + "': `kiln_model` returned no model");
  desc_ = model_->describe();
  if (!desc_)
    throw ToolError("'" + path + "': the model returned no descriptor");
  if (desc_->abi_version_major != KILN_RT_ABI_VERSION_MAJOR ||
      desc_->abi_version_minor > KILN_RT_ABI_VERSION_MINOR)
    throw ToolError(
        "'" + path + "' was compiled for Kiln ABI " +
        std::to_string(desc_->abi_version_major) + "." +
        std::to_string(desc_->abi_version_minor) + "; this tool reads ABI " +
        std::to_string(KILN_RT_ABI_VERSION_MAJOR) + ".0 to " +
        std::to_string(KILN_RT_ABI_VERSION_MAJOR) + "." +
        std::to_string(KILN_RT_ABI_VERSION_MINOR) +
        " (docs/Runtime.md); recompile the model or use a matching tool");
  if (!model_->create || !model_->run || !model_->destroy)
    throw ToolError("'" + path +
                    "': `kiln_model` lacks create, run or destroy");
  std::vector<std::string> problems = checkDescriptor(*desc_);
  if (!problems.empty())
    throw ToolError("'" + path + "' has an inconsistent descriptor:\n  " +
                    joinLines(problems));
}

ModelLibrary::~ModelLibrary() {
  // Never dlclose: libgomp's worker threads, started from the model's code,
  // may still be parked when the tool exits.
}

std::string ModelLibrary::summary() const {
  auto text = [](const char *s) { return std::string(s ? s : "?"); };
  return "model '" + text(desc_->name) + "' (ABI " +
         std::to_string(desc_->abi_version_major) + "." +
         std::to_string(desc_->abi_version_minor) + ", Kiln " +
         text(desc_->kiln_version) + ", target " + text(desc_->target_triple) +
         "/" + text(desc_->target_cpu) + ")";
}

//===--- ModelInstance ----------------------------------------------------===//

ModelInstance::ModelInstance(const ModelLibrary &library, std::string toolName)
    : library_(library), toolName_(std::move(toolName)) {
  kiln_rt_options_t opts = {nullptr, &ModelInstance::log, this};
  kiln_rt_status_t status = library_.model().create(&opts, nullptr, &instance_);
  if (status != KILN_RT_OK) {
    instance_ = nullptr;
    throw ToolError(
        std::string(library_.desc().name ? library_.desc().name : "model") +
        "_create failed: " + kiln_rt_status_string(status));
  }
}

ModelInstance::~ModelInstance() {
  if (instance_)
    library_.model().destroy(instance_);
}

void ModelInstance::log(void *userData, kiln_rt_log_level_t level,
                        const char *message) {
  auto *self = static_cast<ModelInstance *>(userData);
  const char *kind = level == KILN_RT_LOG_ERROR     ? "error"
                     : level == KILN_RT_LOG_WARNING ? "warning"
                                                    : "note";
  std::fprintf(stderr, "%s: runtime %s: %s\n", self->toolName_.c_str(), kind,
               message ? message : "");
}

//===--- Binding ----------------------------------------------------------===//

std::vector<int> matchTensors(const kiln_rt_tensor_desc_t *slots,
                              int32_t numSlots,
                              const std::vector<HostTensor> &tensors,
                              const std::vector<std::string> &sources,
                              const std::string &what) {
  std::vector<int> bound(static_cast<size_t>(numSlots), -1);
  std::vector<std::string> problems;
  for (size_t i = 0; i < tensors.size(); ++i) {
    int slot = -1;
    if (!tensors[i].name.empty()) {
      for (int32_t j = 0; j < numSlots; ++j)
        if (slots[j].name && tensors[i].name == slots[j].name)
          slot = j;
      if (slot < 0) {
        problems.push_back(sources[i] + " holds tensor '" + tensors[i].name +
                           "', but the model has no " + what +
                           " of that name (" + what +
                           "s: " + listNames(slots, numSlots) + ")");
        continue;
      }
    } else if (i < static_cast<size_t>(numSlots)) {
      slot = static_cast<int>(i);
    } else {
      problems.push_back(sources[i] + " is " + what + " " +
                         std::to_string(i + 1) +
                         " by position, but the model "
                         "has " +
                         std::to_string(numSlots) + " " + what + "s (" +
                         listNames(slots, numSlots) + ")");
      continue;
    }
    if (bound[slot] >= 0) {
      problems.push_back(what + " '" + tensorName(slots[slot], slot) +
                         "' is given twice (" + sources[bound[slot]] + " and " +
                         sources[i] + ")");
      continue;
    }
    bound[slot] = static_cast<int>(i);
  }
  if (!problems.empty())
    throw ToolError(joinLines(problems));
  return bound;
}

RunBuffers::RunBuffers(const kiln_rt_model_desc_t &desc,
                       std::vector<HostTensor> tensors,
                       const std::vector<std::string> &sources) {
  std::vector<int> bound =
      matchTensors(desc.inputs, desc.num_inputs, tensors, sources, "input");

  // 1. Every input once, with its type and shape; all problems at once.
  std::vector<std::string> problems;
  for (int32_t i = 0; i < desc.num_inputs; ++i) {
    const kiln_rt_tensor_desc_t &slot = desc.inputs[i];
    std::string wanted = formatType(slot.element_type, descShape(slot));
    if (bound[i] < 0) {
      problems.push_back("missing input '" + tensorName(slot, i) + "' (" +
                         wanted + "); the model's inputs are " +
                         listNames(desc.inputs, desc.num_inputs) +
                         ", given by name or in this order");
      continue;
    }
    const HostTensor &tensor = tensors[bound[i]];
    std::string label =
        "input '" + tensorName(slot, i) + "' (" + sources[bound[i]] + ")";
    if (!storesElementType(tensor.type, slot.element_type))
      problems.push_back(label + ": element type " +
                         kiln_rt_element_type_string(tensor.type) +
                         ", the model wants " + wanted);
    else if (tensor.shape != descShape(slot))
      problems.push_back(label + ": shape " + formatShape(tensor.shape) +
                         ", the model wants " + wanted);
  }
  if (!problems.empty())
    throw ToolError(joinLines(problems));

  // 2. Input buffers: the file's storage when aligned enough, else a copy.
  for (int32_t i = 0; i < desc.num_inputs; ++i) {
    HostTensor &tensor = tensors[bound[i]];
    size_t alignment = desc.inputs[i].alignment;
    if (alignment > 1 &&
        reinterpret_cast<uintptr_t>(tensor.data.data()) % alignment != 0) {
      AlignedBuffer copy(tensor.data.size(), alignment);
      if (tensor.data.size())
        std::memcpy(copy.data(), tensor.data.data(), tensor.data.size());
      tensor.data = std::move(copy);
    }
    inputs_.push_back(std::move(tensor));
  }
  for (HostTensor &tensor : inputs_)
    inputPointers_.push_back(tensor.data.data());

  // 3. Outputs and the workspace.
  for (int32_t i = 0; i < desc.num_outputs; ++i) {
    const kiln_rt_tensor_desc_t &slot = desc.outputs[i];
    HostTensor output;
    output.name = tensorName(slot, i);
    output.type = slot.element_type;
    output.shape = descShape(slot);
    output.data = AlignedBuffer(slot.byte_size, slot.alignment);
    outputs_.push_back(std::move(output));
  }
  for (HostTensor &tensor : outputs_)
    outputPointers_.push_back(tensor.data.data());
  if (desc.workspace_size > 0)
    workspace_ = AlignedBuffer(desc.workspace_size, desc.workspace_alignment);
}

void RunBuffers::run(const ModelLibrary &library, const ModelInstance &instance,
                     int32_t numThreads) {
  kiln_rt_run_options_t runOpts = {numThreads, nullptr, nullptr};
  kiln_rt_status_t status =
      library.model().run(instance.get(), inputPointers_.data(),
                          outputPointers_.data(), workspace_.data(), &runOpts);
  if (status != KILN_RT_OK)
    throw ToolError(
        std::string(library.desc().name ? library.desc().name : "model") +
        "_run failed: " + kiln_rt_status_string(status));
}

} // namespace kiln::tools
