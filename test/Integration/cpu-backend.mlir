// The README's example model with each --cpu-backend: oneDNN calls where
// asked (onednn; auto, whose cost model gives this model's conv to
// oneDNN), none with codegen, and the same output every time.
// REQUIRES: onednn
// RUN: kiln-compile %kiln_src_root/docs/examples/tiny_cnn/tiny_cnn.onnx --cpu-backend=onednn --emit=linalg -o - | FileCheck %s --check-prefix=ONEDNN
// RUN: kiln-compile %kiln_src_root/docs/examples/tiny_cnn/tiny_cnn.onnx --cpu-backend=codegen --emit=linalg -o - | FileCheck %s --check-prefix=CODEGEN
// RUN: kiln-compile %kiln_src_root/docs/examples/tiny_cnn/tiny_cnn.onnx --emit=linalg -o - | FileCheck %s --check-prefix=ONEDNN
// RUN: not kiln-compile %kiln_src_root/docs/examples/tiny_cnn/tiny_cnn.onnx --cpu-backend=fast --emit=linalg -o - 2>&1 | FileCheck %s --check-prefix=BAD
// A cross-compiled model is generated code: the shims exist for this
// machine's architecture only.
// RUN: kiln-compile %kiln_src_root/docs/examples/tiny_cnn/tiny_cnn.onnx --target=aarch64-linux-gnu --mcpu=generic --emit=linalg -o - | FileCheck %s --check-prefix=CODEGEN
// RUN: not kiln-compile %kiln_src_root/docs/examples/tiny_cnn/tiny_cnn.onnx --target=aarch64-linux-gnu --mcpu=generic --cpu-backend=onednn --emit=linalg -o - 2>&1 | FileCheck %s --check-prefix=CROSS
// RUN: kiln-compile %kiln_src_root/docs/examples/tiny_cnn/tiny_cnn.onnx --cpu-backend=onednn -o %t.onednn.so
// RUN: kiln-run %t.onednn.so --input %kiln_src_root/docs/examples/tiny_cnn/input_0.pb \
// RUN:   --expect %kiln_src_root/docs/examples/tiny_cnn/output_0.pb | FileCheck %s
// RUN: kiln-compile %kiln_src_root/docs/examples/tiny_cnn/tiny_cnn.onnx --cpu-backend=codegen -o %t.codegen.so
// RUN: kiln-run %t.codegen.so --input %kiln_src_root/docs/examples/tiny_cnn/input_0.pb \
// RUN:   --expect %kiln_src_root/docs/examples/tiny_cnn/output_0.pb | FileCheck %s

// ONEDNN: kiln_rt.onednn_conv
// CODEGEN-NOT: kiln_rt.onednn
// BAD: --cpu-backend must be auto, onednn or codegen, not 'fast'
// CROSS: --cpu-backend=onednn: oneDNN is available for this machine's architecture only, not for aarch64
// CHECK: output 'probs': match (10 elements
