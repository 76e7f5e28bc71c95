// RUN: kiln-opt %s --load-pass-plugin=%kiln_lib_dir/KilnTestPlugin.so \
// RUN:   --pass-pipeline="builtin.module(test-kiln-plugin-count-ops)" \
// RUN:   --verify-diagnostics -o /dev/null

// The plugin's pass runs inside kiln-opt and sees kiln ops.
// expected-remark @+1 {{2 kiln ops}}
func.func @two_kiln_ops(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.relu %a : tensor<4xf32>
  %1 = kiln.add %0, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}
