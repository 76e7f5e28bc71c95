// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Links two compiled models (objects + generated headers) and the runtime
// into one program, runs both and checks their outputs against references.
//   embed INPUT_A.bin REF_A.bin INPUT_B.bin REF_B.bin
// where A is conv_small and B is resnet18, as raw little-endian float32.

#include "conv_small.h"
#include "resnet18.h"

#include "CheckModel.h"

#include <cstdio>

int main(int argc, char **argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: embed IN_A REF_A IN_B REF_B\n");
    return 2;
  }
  bool ok = check::runModel<kiln::models::conv_small>("conv_small", argv[1], argv[2]);
  ok &= check::runModel<kiln::models::resnet18>("resnet18", argv[3], argv[4]);
  return ok ? 0 : 1;
}
