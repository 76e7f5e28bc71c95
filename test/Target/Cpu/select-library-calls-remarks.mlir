// RUN: kiln-opt %s --split-input-file --verify-diagnostics --kiln-cpu-select-library-calls="remarks=true"

// The remark names the choice and both estimates: 64x256x64 = 1048576
// multiply-adds are 524288 ns of generated code at 2 GMAC/s, and
// 3000 + 34952.5 ns in oneDNN at 30 GMAC/s (rounded to whole ns).
func.func @remarks(%m: tensor<64x256xf32>, %n: tensor<256x64xf32>, %a: tensor<2x1xf32>, %b: tensor<1x2xf32>) -> (tensor<64x64xf32>, tensor<2x2xf32>) {
  // expected-remark @+1 {{oneDNN (estimated oneDNN 37953 ns, codegen 524288 ns)}}
  %mm = kiln.matmul %m, %n : (tensor<64x256xf32>, tensor<256x64xf32>) -> tensor<64x64xf32>
  // expected-remark @+1 {{codegen (estimated oneDNN 3000 ns, codegen 2 ns)}}
  %g = kiln.matmul %a, %b : (tensor<2x1xf32>, tensor<1x2xf32>) -> tensor<2x2xf32>
  return %mm, %g : tensor<64x64xf32>, tensor<2x2xf32>
}

// -----

// A matrix-vector product (a left operand of one row, whatever its batch
// dimensions) reads each weight once: 1024x1024 = 1048576 multiply-adds at
// 12 GMAC/s on either side, 87381 ns, and oneDNN pays its call on top. Two
// rows are a matrix product again.
func.func @matrix_vector(%v: tensor<1x1024xf32>, %bv: tensor<1x1x1024xf32>, %m: tensor<2x1024xf32>, %w: tensor<1024x1024xf32>) -> (tensor<1x1024xf32>, tensor<1x1x1024xf32>, tensor<2x1024xf32>) {
  %c = kiln.constant dense<0.5> : tensor<1024x1024xf32>
  // expected-remark @+1 {{codegen (estimated oneDNN 90381 ns, codegen 87381 ns)}}
  %g = kiln.gemm %v, %c {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = true} : (tensor<1x1024xf32>, tensor<1024x1024xf32>) -> tensor<1x1024xf32>
  // expected-remark @+1 {{codegen (estimated oneDNN 90381 ns, codegen 87381 ns)}}
  %b = kiln.matmul %bv, %w : (tensor<1x1x1024xf32>, tensor<1024x1024xf32>) -> tensor<1x1x1024xf32>
  // expected-remark @+1 {{oneDNN (estimated oneDNN 72905 ns, codegen 1048576 ns)}}
  %r = kiln.matmul %m, %w : (tensor<2x1024xf32>, tensor<1024x1024xf32>) -> tensor<2x1024xf32>
  return %g, %b, %r : tensor<1x1024xf32>, tensor<1x1x1024xf32>, tensor<2x1024xf32>
}

// -----

// A pooling of a oneDNN conv's result: generated code would first have to
// reorder the input out of oneDNN's layout, which costs reading and writing
// it (2 x 25088 bytes at 10 GB/s = 5018 ns) on top of its 6272 window reads
// (3136 ns at 2 GMAC/s). A pooling of anything else pays no such copy.
func.func @pool_after_onednn(%x: tensor<1x1x28x28xf32>, %y: tensor<1x8x28x28xf32>) -> (tensor<1x8x14x14xf32>, tensor<1x8x14x14xf32>) {
  %w = kiln.constant dense<0.5> : tensor<8x1x5x5xf32>
  // expected-remark @+1 {{oneDNN (estimated oneDNN 11049 ns, codegen 78400 ns)}}
  %c = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>} : (tensor<1x1x28x28xf32>, tensor<8x1x5x5xf32>) -> tensor<1x8x28x28xf32>
  // expected-remark @+1 {{oneDNN (estimated oneDNN 3209 ns, codegen 8154 ns)}}
  %p = kiln.max_pool %c {ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x8x28x28xf32> -> tensor<1x8x14x14xf32>
  // expected-remark @+1 {{codegen (estimated oneDNN 3209 ns, codegen 3136 ns)}}
  %q = kiln.max_pool %y {ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x8x28x28xf32> -> tensor<1x8x14x14xf32>
  return %p, %q : tensor<1x8x14x14xf32>, tensor<1x8x14x14xf32>
}
