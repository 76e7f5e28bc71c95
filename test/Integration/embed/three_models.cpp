// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Links three compiled models (kiln_add_model libraries: objects, generated
// headers and the runtime they pull in) into one program, runs each and
// checks its output against a reference:
//   embed_three_models IN_A REF_A IN_B REF_B IN_C REF_C
// where A is conv_small, B mlp and C resnet18, as raw little-endian float32.

#include "conv_small.h"
#include "mlp.h"
#include "resnet18.h"

#include "CheckModel.h"

#include <cstdio>

int main(int argc, char **argv) {
  if (argc != 7) {
    std::fprintf(
        stderr, "usage: embed_three_models IN_A REF_A IN_B REF_B IN_C REF_C\n");
    return 2;
  }
  bool ok =
      check::runModel<kiln::models::conv_small>("conv_small", argv[1], argv[2]);
  ok &= check::runModel<kiln::models::mlp>("mlp", argv[3], argv[4]);
  ok &= check::runModel<kiln::models::resnet18>("resnet18", argv[5], argv[6]);
  return ok ? 0 : 1;
}
