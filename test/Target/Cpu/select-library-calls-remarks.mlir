// RUN: kiln-opt %s --split-input-file --verify-diagnostics --kiln-cpu-select-library-calls="remarks=true"

// The remark names the choice and both estimates: 64x256x64 = 1048576
// multiply-adds are 524288 ns of generated code at 2 GMAC/s, and
// 3000 + 34952.5 ns in oneDNN at 30 GMAC/s (rounded to whole ns).
func.func @remarks(%m: tensor<64x256xf32>, %n: tensor<256x64xf32>, %a: tensor<1x2xf32>, %b: tensor<2x2xf32>) -> (tensor<64x64xf32>, tensor<1x2xf32>) {
  // expected-remark @+1 {{oneDNN (estimated oneDNN 37953 ns, codegen 524288 ns)}}
  %mm = kiln.matmul %m, %n : (tensor<64x256xf32>, tensor<256x64xf32>) -> tensor<64x64xf32>
  // expected-remark @+1 {{codegen (estimated oneDNN 3000 ns, codegen 2 ns)}}
  %g = kiln.matmul %a, %b : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %mm, %g : tensor<64x64xf32>, tensor<1x2xf32>
}
