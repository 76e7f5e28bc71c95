// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// LLVM dialect → LLVM IR → object file, static library, shared library.

#include "kiln/Target/Cpu/ObjectEmitter.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Object/ArchiveWriter.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;

std::unique_ptr<llvm::TargetMachine>
kiln::cpu::createTargetMachine(const TargetOptions &options,
                               std::string &error) {
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargets();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmPrinters();

  llvm::Triple hostTriple(llvm::sys::getDefaultTargetTriple());
  llvm::Triple triple(options.triple.empty()
                          ? hostTriple.str()
                          : llvm::Triple::normalize(options.triple));
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;

  std::string cpu = options.cpu, features;
  if (cpu == "host") {
    if (triple.getArch() == hostTriple.getArch()) {
      cpu = llvm::sys::getHostCPUName().str();
      llvm::SubtargetFeatures subtarget;
      for (const auto &feature : llvm::sys::getHostCPUFeatures())
        subtarget.AddFeature(feature.getKey(), feature.getValue());
      features = subtarget.getString();
    } else {
      cpu = "generic";
    }
  }
  llvm::TargetOptions targetOptions;
  // A multiply feeding an add becomes one fused multiply-add where the CPU
  // has one (GCC's default, -ffp-contract=fast): one rounding instead of
  // two, and half the instructions in every dot product.
  targetOptions.AllowFPOpFusion = llvm::FPOpFusion::Fast;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, targetOptions, llvm::Reloc::PIC_, std::nullopt,
      llvm::CodeGenOptLevel::Aggressive));
  if (!machine)
    error =
        "LLVM cannot generate code for " + triple.str() + " (CPU " + cpu + ")";
  return machine;
}

std::unique_ptr<llvm::Module>
kiln::cpu::translateToLLVMIR(ModuleOp module, llvm::LLVMContext &context,
                             llvm::TargetMachine &machine) {
  DialectRegistry registry;
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  module->getContext()->appendDialectRegistry(registry);

  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, context, "kiln");
  if (!llvmModule) {
    module.emitError() << "cannot translate the module to LLVM IR";
    return nullptr;
  }
  llvmModule->setTargetTriple(machine.getTargetTriple());
  llvmModule->setDataLayout(machine.createDataLayout());

  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(mam);
  builder.registerCGSCCAnalyses(cgam);
  builder.registerFunctionAnalyses(fam);
  builder.registerLoopAnalyses(lam);
  builder.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::ModulePassManager passes =
      builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
  passes.run(*llvmModule, mam);
  return llvmModule;
}

LogicalResult kiln::cpu::emitObject(llvm::Module &module,
                                    llvm::TargetMachine &machine,
                                    llvm::raw_pwrite_stream &os,
                                    std::string &error) {
  llvm::legacy::PassManager passes;
  if (machine.addPassesToEmitFile(passes, os, nullptr,
                                  llvm::CodeGenFileType::ObjectFile)) {
    error =
        "LLVM cannot emit object files for " + machine.getTargetTriple().str();
    return failure();
  }
  passes.run(module);
  return success();
}

LogicalResult kiln::cpu::writeStaticLibrary(StringRef objectBytes,
                                            StringRef memberName,
                                            StringRef path,
                                            std::string &error) {
  std::vector<llvm::NewArchiveMember> members;
  members.emplace_back(llvm::MemoryBufferRef(objectBytes, memberName));
  members.back().MemberName = memberName;
  if (llvm::Error err = llvm::writeArchive(
          path, members, llvm::SymtabWritingMode::NormalSymtab,
          llvm::object::Archive::K_GNU, /*Deterministic=*/true,
          /*Thin=*/false)) {
    error = llvm::toString(std::move(err));
    return failure();
  }
  return success();
}

LogicalResult kiln::cpu::linkSharedLibrary(StringRef objectPath,
                                           StringRef runtimeLibrary,
                                           StringRef linker, StringRef path,
                                           std::string &error,
                                           bool withOneDnn) {
  llvm::ErrorOr<std::string> program = llvm::sys::findProgramByName(linker);
  if (!program) {
    error = "cannot find the linker driver '" + linker.str() + "'";
    return failure();
  }
  // The runtime is linked in but hidden (--exclude-libs): the library
  // exports only the model's symbols and `kiln_model`. GNU libgomp (named,
  // not -fopenmp, which means LLVM's libomp to clang) serves the runtime's
  // parallel loops, one OpenMP pool shared with oneDNN; libm the math
  // functions LLVM calls.
  SmallVector<StringRef> args = {*program,
                                 "-shared",
                                 "-o",
                                 path,
                                 objectPath,
                                 runtimeLibrary,
                                 "-Wl,--exclude-libs,ALL",
                                 "-Wl,-z,noexecstack",
                                 "-lgomp",
                                 "-lm"};
  // oneDNN after the runtime archive, whose shims call it; it brings its
  // own OpenMP dependency, the same libgomp.
  if (withOneDnn)
    args.insert(args.begin() + 6, "-ldnnl");
  SmallString<128> log;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("kiln-link", "log", log)) {
    error = "cannot create a temporary file: " + ec.message();
    return failure();
  }
  std::optional<StringRef> redirects[] = {std::nullopt, StringRef(log),
                                          StringRef(log)};
  int status = llvm::sys::ExecuteAndWait(*program, args, std::nullopt,
                                         redirects, 0, 0, &error);
  auto output = llvm::MemoryBuffer::getFile(log);
  llvm::sys::fs::remove(log);
  if (status != 0) {
    error = "linking " + path.str() + " failed";
    if (output)
      error += ":\n" + (*output)->getBuffer().str();
    return failure();
  }
  return success();
}

bool kiln::cpu::callsOneDnn(Operation *module) {
  bool calls = false;
  module->walk([&](LLVM::LLVMFuncOp func) {
    if (func.getName().starts_with("kiln_rt_onednn_"))
      calls = true;
  });
  return calls;
}
