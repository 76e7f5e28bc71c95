// The README's example model, compiled to a shared library and run on its
// reference input; the output must match ONNX Runtime's.
// RUN: kiln-compile %kiln_src_root/docs/examples/tiny_cnn/tiny_cnn.onnx -o %t.so
// RUN: kiln-run %t.so --input %kiln_src_root/docs/examples/tiny_cnn/input_0.pb \
// RUN:   --expect %kiln_src_root/docs/examples/tiny_cnn/output_0.pb | FileCheck %s
// CHECK: output 'probs': match (10 elements
