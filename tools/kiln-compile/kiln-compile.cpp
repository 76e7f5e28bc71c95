// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// kiln-compile: the end-to-end driver. Imports an ONNX model, runs Kiln's
// pipelines up to the stage asked for (`--emit`) and writes it. Everything it
// does, kiln-translate and kiln-opt can do step by step.
//
// Exit codes: 0 success, 1 a problem in the model (diagnosed), 2 a usage or
// environment error.

#include "kiln/Dialect/Kiln/Transforms/Passes.h"
#include "kiln/Import/Onnx/OnnxImporter.h"
#include "kiln/InitAll.h"
#include "kiln/Pipelines/Pipelines.h"
#include "kiln/Target/Cpu/HeaderEmitter.h"
#include "kiln/Target/Cpu/ObjectEmitter.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;
namespace cl = llvm::cl;
namespace sys = llvm::sys;

namespace {

enum ExitCode { kSuccess = 0, kInputError = 1, kUsageError = 2 };

/// The stages of DESIGN.md's table, in pipeline order.
enum class Stage {
  KilnOnnx,
  Kiln,
  Header,
  Linalg,
  LLVMMlir,
  LLVMIR,
  Object,
  StaticLibrary,
  SharedLibrary,
  Ptx
};

struct StageInfo {
  Stage stage;
  llvm::StringLiteral name;
  llvm::StringLiteral extension; // implies the stage for `-o`; "" for none
};

constexpr StageInfo kStages[] = {
    {Stage::KilnOnnx, "kiln-onnx", ""},
    {Stage::Kiln, "kiln", ""},
    {Stage::Linalg, "linalg", ""},
    {Stage::LLVMMlir, "llvm-mlir", ""},
    {Stage::LLVMIR, "llvm-ir", ".ll"},
    {Stage::Object, "obj", ".o"},
    {Stage::StaticLibrary, "lib", ".a"},
    {Stage::SharedLibrary, "shared-lib", ".so"},
    {Stage::Header, "header", ".h"},
    {Stage::Ptx, "ptx", ".ptx"},
};

cl::OptionCategory kilnCategory("kiln-compile options");

cl::opt<std::string> inputFile(cl::Positional, cl::Required,
                               cl::desc("<model.onnx | model.onnxtxt>"),
                               cl::cat(kilnCategory));
cl::opt<std::string> outputFile("o", cl::desc("Output file ('-': stdout, for "
                                              "text stages)"),
                                cl::value_desc("file"), cl::Required,
                                cl::cat(kilnCategory));
cl::opt<std::string> emit(
    "emit",
    cl::desc("Stage to write: kiln-onnx, kiln, linalg, llvm-mlir, llvm-ir, "
             "obj, lib, shared-lib, header, ptx (default: from the extension "
             "of -o: .ll .o .a .so .h .ptx)"),
    cl::value_desc("stage"), cl::cat(kilnCategory));
cl::opt<std::string> modelName(
    "name",
    cl::desc("Symbol prefix of the compiled model (default: the model file's "
             "stem made a C identifier)"),
    cl::value_desc("NAME"), cl::cat(kilnCategory));
cl::list<std::string> inputShapes(
    "input-shape",
    cl::desc("Fix a graph input's shape, e.g. input=1x3x224x224 "
             "(repeatable; needed for symbolic dimensions)"),
    cl::value_desc("NAME=D0xD1x..."), cl::cat(kilnCategory));
cl::opt<std::string> targetTriple(
    "target", cl::desc("LLVM target triple (default: this machine's)"),
    cl::value_desc("triple"), cl::cat(kilnCategory));
cl::opt<std::string> targetCpu(
    "mcpu",
    cl::desc("Target CPU; 'host' is this machine's (default), or 'generic' "
             "for another architecture"),
    cl::value_desc("cpu"), cl::init("host"), cl::cat(kilnCategory));
cl::opt<std::string> cpuBackend(
    "cpu-backend",
    cl::desc("How heavy CPU ops (conv, matmul, gemm, pooling) are "
             "computed: auto (a cost model picks oneDNN or generated code "
             "per op; generated code only in a Kiln built without oneDNN), "
             "onednn (every op oneDNN can run) or codegen (generated code "
             "only)"),
    cl::value_desc("auto|onednn|codegen"), cl::init("auto"),
    cl::cat(kilnCategory));
cl::opt<std::string> dumpStages(
    "dump-stages",
    cl::desc("Also write every stage up to --emit into this folder"),
    cl::value_desc("dir"), cl::cat(kilnCategory));
cl::opt<std::string> runtimeLibrary(
    "runtime-library",
    cl::desc("The Kiln runtime archive linked into shared libraries "
             "(default: the one installed beside kiln-compile, else the one "
             "of the build that made it)"),
    cl::value_desc("libkiln_rt.a"), cl::cat(kilnCategory));
cl::opt<std::string> linkerDriver(
    "linker", cl::desc("C compiler driver that links shared libraries"),
    cl::value_desc("program"), cl::init("cc"), cl::cat(kilnCategory));

void error(const Twine &message) {
  llvm::WithColor::error(llvm::errs(), "kiln-compile") << message << "\n";
}

/// Returns the runtime archive shared libraries link by default. An
/// installed kiln-compile uses the archive installed with it (bin/../lib),
/// so that the prefix can move and the build tree can go; a kiln-compile in
/// its build tree has none there and uses its build's.
std::string defaultRuntimeLibrary() {
  static int anchor;
  std::string executable = sys::fs::getMainExecutable(nullptr, &anchor);
  if (!executable.empty()) {
    SmallString<256> installed(sys::path::parent_path(executable));
    sys::path::append(installed, KILN_RUNTIME_LIBRARY_FROM_BINDIR);
    if (sys::fs::exists(installed))
      return std::string(installed);
  }
  return KILN_RUNTIME_LIBRARY;
}

/// Returns the stage `--emit` names, or the one implied by the extension of
/// `-o`; reports a usage error and returns nothing otherwise.
std::optional<Stage> selectStage() {
  std::string names;
  for (const StageInfo &info : kStages)
    names += (names.empty() ? "" : ", ") + info.name.str();
  if (emit.empty()) {
    StringRef ext = sys::path::extension(outputFile);
    for (const StageInfo &info : kStages)
      if (!info.extension.empty() && ext == info.extension)
        return info.stage;
    error("cannot tell the stage from '-o " + outputFile +
          "'; pass --emit=<stage> (" + names + ")");
    return std::nullopt;
  }
  for (const StageInfo &info : kStages)
    if (emit == info.name)
      return info.stage;
  error("unknown stage --emit=" + emit + "; stages: " + names);
  return std::nullopt;
}

/// Returns `path`'s stem made into a C identifier.
std::string defaultModelName(StringRef path) {
  std::string name;
  for (char c : sys::path::stem(path))
    name.push_back(llvm::isAlnum(c) ? c : '_');
  if (name.empty() || llvm::isDigit(name[0]))
    name.insert(name.begin(), '_');
  return name;
}

/// Opens `path` for writing ("-" is stdout); reports and returns null on
/// failure.
std::unique_ptr<llvm::ToolOutputFile> openOutput(StringRef path) {
  std::string message;
  std::unique_ptr<llvm::ToolOutputFile> out = openOutputFile(path, &message);
  if (!out)
    error(message);
  return out;
}

bool writeText(StringRef path, function_ref<void(raw_ostream &)> write) {
  std::unique_ptr<llvm::ToolOutputFile> out = openOutput(path);
  if (!out)
    return false;
  write(out->os());
  out->keep();
  return true;
}

bool writeModule(ModuleOp module, StringRef path) {
  return writeText(path, [&](raw_ostream &os) {
    module.print(os);
    os << "\n";
  });
}

/// Writes stage `index` into the --dump-stages folder, if one was given.
bool dumpText(unsigned index, StringRef name, StringRef extension,
              function_ref<void(raw_ostream &)> write) {
  if (dumpStages.empty())
    return true;
  SmallString<256> path(dumpStages);
  sys::path::append(path, Twine(index) + "-" + name + extension);
  return writeText(path, write);
}

bool dumpModule(ModuleOp module, unsigned index, StringRef name) {
  return dumpText(index, name, ".mlir", [&](raw_ostream &os) {
    module.print(os);
    os << "\n";
  });
}

/// Returns the hex SHA-256 of the file at `path`.
std::string hashFile(StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return "";
  return llvm::toHex(llvm::SHA256::hash(llvm::arrayRefFromStringRef((*buffer)->getBuffer())),
               /*LowerCase=*/true);
}

/// Runs `build`'s passes on `module`; false (diagnosed) on failure.
bool runPipeline(ModuleOp module, TimingScope &timing,
                 function_ref<void(PassManager &)> build) {
  PassManager pm(module.getContext());
  if (failed(applyPassManagerCLOptions(pm)))
    return false;
  pm.enableTiming(timing);
  build(pm);
  return succeeded(pm.run(module));
}

int compile(MLIRContext &context) {
  std::optional<Stage> stage = selectStage();
  if (!stage)
    return kUsageError;
  if (*stage == Stage::Ptx) {
    error("--emit=ptx: the CUDA back end is not implemented yet");
    return kUsageError;
  }
  if (cpuBackend != "auto" && cpuBackend != "codegen" &&
      cpuBackend != "onednn") {
    error("--cpu-backend must be auto, onednn or codegen, not '" +
          cpuBackend + "'");
    return kUsageError;
  }
#ifndef KILN_ENABLE_ONEDNN
  if (cpuBackend == "onednn") {
    error("--cpu-backend=onednn: this Kiln was built without oneDNN "
          "(KILN_ENABLE_ONEDNN); use auto or codegen");
    return kUsageError;
  }
  // Without oneDNN in the runtime, every op is generated code.
  cpuBackend = "codegen";
#endif
  if (!sys::fs::exists(inputFile)) {
    error("no such file: " + inputFile);
    return kUsageError;
  }
  bool binaryOutput = *stage == Stage::Object ||
                      *stage == Stage::StaticLibrary ||
                      *stage == Stage::SharedLibrary;
  if (binaryOutput && outputFile == "-") {
    error("--emit=" + emit + " needs a file for -o, not stdout");
    return kUsageError;
  }
  if (!dumpStages.empty())
    if (std::error_code ec = sys::fs::create_directories(dumpStages)) {
      error("cannot create " + dumpStages + ": " + ec.message());
      return kUsageError;
    }
  std::string name =
      modelName.empty() ? defaultModelName(inputFile) : modelName.getValue();

  // The target first: its resolved triple and CPU go into the descriptor.
  kiln::cpu::TargetOptions targetOptions;
  targetOptions.triple = targetTriple;
  targetOptions.cpu = targetCpu;
  std::string message;
  std::unique_ptr<llvm::TargetMachine> machine =
      kiln::cpu::createTargetMachine(targetOptions, message);
  if (!machine) {
    error(message);
    return kUsageError;
  }
  // The runtime's oneDNN shims exist for the architecture Kiln was built
  // on only: a cross-compiled model (aarch64, ...) is generated code.
  if (machine->getTargetTriple().getArch() !=
      llvm::Triple(llvm::sys::getDefaultTargetTriple()).getArch()) {
    if (cpuBackend == "onednn") {
      error("--cpu-backend=onednn: oneDNN is available for this machine's "
            "architecture only, not for " +
            machine->getTargetTriple().str() + "; use auto or codegen");
      return kUsageError;
    }
    cpuBackend = "codegen";
  }

  // Diagnostics print with their locations (ONNX node names) to stderr.
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  DefaultTimingManager timingManager;
  applyDefaultTimingManagerCLOptions(timingManager);
  TimingScope timing = timingManager.getRootScope();

  // 0. kiln-onnx
  OwningOpRef<ModuleOp> module;
  {
    TimingScope importTiming = timing.nest("Import ONNX");
    module = kiln::importOnnxFile(inputFile, &context);
  }
  if (!module)
    return kInputError;
  if (!dumpModule(*module, 0, "kiln-onnx"))
    return kUsageError;
  if (*stage == Stage::KilnOnnx)
    return writeModule(*module, outputFile) ? kSuccess : kUsageError;

  // 1. kiln
  kiln::GraphPipelineOptions graphOptions;
  graphOptions.inputShapes =
      std::vector<std::string>(inputShapes.begin(), inputShapes.end());
  if (!runPipeline(*module, timing, [&](PassManager &pm) {
        kiln::buildGraphPipeline(pm, graphOptions);
      }))
    return kInputError;
  if (!dumpModule(*module, 1, "kiln"))
    return kUsageError;
  if (*stage == Stage::Kiln)
    return writeModule(*module, outputFile) ? kSuccess : kUsageError;

  kiln::CpuPipelineOptions cpuOptions;
  cpuOptions.name = name;
  cpuOptions.targetTriple = machine->getTargetTriple().str();
  cpuOptions.targetCpu = machine->getTargetCPU().str();
  cpuOptions.modelHash = hashFile(inputFile);
  cpuOptions.sharedLibEntry = *stage == Stage::SharedLibrary;
  cpuOptions.cpuBackend = cpuBackend;

  // The header needs only the model's interface.
  if (*stage == Stage::Header) {
    kiln::RecordInterfacePassOptions interface;
    interface.modelName = name;
    if (!runPipeline(*module, timing, [&](PassManager &pm) {
          pm.addPass(kiln::createRecordInterfacePass(interface));
        }))
      return kInputError;
    std::unique_ptr<llvm::ToolOutputFile> out = openOutput(outputFile);
    if (!out)
      return kUsageError;
    if (failed(kiln::cpu::emitHeader(*module, out->os())))
      return kInputError;
    out->keep();
    return kSuccess;
  }

  // 2. linalg
  if (!runPipeline(*module, timing, [&](PassManager &pm) {
        kiln::buildLinalgPipeline(pm, cpuOptions);
      }))
    return kInputError;
  if (!dumpModule(*module, 2, "linalg"))
    return kUsageError;
  if (*stage == Stage::Linalg)
    return writeModule(*module, outputFile) ? kSuccess : kUsageError;

  // 3. llvm-mlir
  if (!runPipeline(*module, timing, [&](PassManager &pm) {
        kiln::buildCpuCodegenPipeline(pm, cpuOptions);
      }))
    return kInputError;
  if (!dumpModule(*module, 3, "llvm-mlir"))
    return kUsageError;
  if (*stage == Stage::LLVMMlir)
    return writeModule(*module, outputFile) ? kSuccess : kUsageError;

  // 4. llvm-ir
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule;
  {
    TimingScope translateTiming = timing.nest("Translate and optimize LLVM IR");
    llvmModule = kiln::cpu::translateToLLVMIR(*module, llvmContext, *machine);
  }
  if (!llvmModule)
    return kInputError;
  auto printIR = [&](raw_ostream &os) { llvmModule->print(os, nullptr); };
  if (!dumpText(4, "llvm-ir", ".ll", printIR))
    return kUsageError;
  if (*stage == Stage::LLVMIR)
    return writeText(outputFile, printIR) ? kSuccess : kUsageError;

  // 5. obj, lib, shared-lib
  SmallString<0> object;
  {
    TimingScope objectTiming = timing.nest("Emit object");
    llvm::raw_svector_ostream os(object);
    if (failed(kiln::cpu::emitObject(*llvmModule, *machine, os, message))) {
      error(message);
      return kUsageError;
    }
  }
  if (*stage == Stage::Object) {
    std::unique_ptr<llvm::ToolOutputFile> out = openOutput(outputFile);
    if (!out)
      return kUsageError;
    out->os() << object;
    out->keep();
    return kSuccess;
  }
  if (*stage == Stage::StaticLibrary) {
    if (failed(kiln::cpu::writeStaticLibrary(object, name + ".o", outputFile,
                                             message))) {
      error(message);
      return kUsageError;
    }
    return kSuccess;
  }
  // Shared library: the object goes through a temporary file to the linker.
  SmallString<128> objectPath;
  if (std::error_code ec =
          sys::fs::createTemporaryFile("kiln-" + name, "o", objectPath)) {
    error("cannot create a temporary file: " + ec.message());
    return kUsageError;
  }
  llvm::FileRemover removeObject(objectPath);
  {
    std::unique_ptr<llvm::ToolOutputFile> out = openOutput(objectPath);
    if (!out)
      return kUsageError;
    out->os() << object;
    out->keep();
  }
  std::string runtime =
      runtimeLibrary.empty() ? defaultRuntimeLibrary() : runtimeLibrary;
  if (failed(kiln::cpu::linkSharedLibrary(objectPath, runtime, linkerDriver,
                                          outputFile, message,
                                          kiln::cpu::callsOneDnn(*module)))) {
    error(message);
    return kUsageError;
  }
  return kSuccess;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerAsmPrinterCLOptions();
  registerDefaultTimingManagerCLOptions();
  // --help lists Kiln's options; --help-hidden also MLIR's and LLVM's
  // (which all still work: --mlir-print-ir-after-all, --mlir-timing, ...).
  cl::HideUnrelatedOptions(kilnCategory);
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "Kiln ahead-of-time compiler for ONNX models\n\n"
          "  kiln-compile MODEL.onnx -o OUT [--emit=STAGE]\n"))
    return kUsageError;

  DialectRegistry registry;
  kiln::registerAllDialects(registry);
  MLIRContext context(registry);
  // Diagnostics name the ONNX node; a dump of the op (often the whole
  // graph) would bury that.
  context.printOpOnDiagnostic(false);
  return compile(context);
}
