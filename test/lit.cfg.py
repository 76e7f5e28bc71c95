# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# lit configuration of the Kiln test suite.

import os

import lit.formats
from lit.llvm import llvm_config

config.name = "KILN"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".onnxtxt"]
config.excludes = ["lib", "Unit", "Inputs", "CMakeLists.txt", "lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.kiln_obj_root, "test")

config.environment["FILECHECK_OPTS"] = "-enable-var-scope"
config.substitutions.append(("%kiln_lib_dir", config.kiln_lib_dir))
config.substitutions.append(("%kiln_src_root", config.kiln_src_root))

if config.kiln_enable_onednn:
    config.available_features.add("onednn")
if config.kiln_enable_cuda:
    config.available_features.add("cuda")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.kiln_tools_dir, config.llvm_tools_dir]
tools = ["kiln-opt", "kiln-translate", "kiln-compile", "kiln-run"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
