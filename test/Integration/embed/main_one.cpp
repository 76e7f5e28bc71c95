// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Runs conv_small, compiled for another target, on raw float32 files:
//   main_one INPUT.bin REF.bin

#include "conv_small.h"

#include "CheckModel.h"

#include <cstdio>

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: main_one INPUT REF\n");
    return 2;
  }
  return check::runModel<kiln::models::conv_small>("conv_small", argv[1],
                                                   argv[2])
             ? 0
             : 1;
}
