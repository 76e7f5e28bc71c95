// RUN: kiln-opt %s --split-input-file --test-kiln-infer-types --verify-diagnostics

// Result types that each op infers from its operands and attributes alone,
// for the ops whose inference is more than "the input's type".

// Broadcasting aligns from the last dimension and stretches 1s.
func.func @add_broadcast(%lhs: tensor<4x1x3xf32>, %rhs: tensor<5x1xf32>) -> tensor<4x5x3xf32> {
  // expected-remark @+1 {{inferred 'tensor<4x5x3xf32>'}}
  %0 = kiln.add %lhs, %rhs : (tensor<4x1x3xf32>, tensor<5x1xf32>) -> tensor<4x5x3xf32>
  return %0 : tensor<4x5x3xf32>
}

// -----

// Comparisons keep the broadcast shape and return `i1`.
func.func @less_broadcast(%lhs: tensor<2x3xi32>, %rhs: tensor<i32>) -> tensor<2x3xi1> {
  // expected-remark @+1 {{inferred 'tensor<2x3xi1>'}}
  %0 = kiln.less %lhs, %rhs : (tensor<2x3xi32>, tensor<i32>) -> tensor<2x3xi1>
  return %0 : tensor<2x3xi1>
}

// -----

// `kiln.select` broadcasts the condition with both branches.
func.func @select_broadcast(%condition: tensor<2x1xi1>, %on_true: tensor<3xf32>, %on_false: tensor<f32>) -> tensor<2x3xf32> {
  // expected-remark @+1 {{inferred 'tensor<2x3xf32>'}}
  %0 = kiln.select %condition, %on_true, %on_false : (tensor<2x1xi1>, tensor<3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// `kiln.concat` sums the sizes on its axis.
func.func @concat_three_inputs(%a: tensor<2x1x4xf32>, %b: tensor<2x5x4xf32>, %c: tensor<2x2x4xf32>) -> tensor<2x8x4xf32> {
  // expected-remark @+1 {{inferred 'tensor<2x8x4xf32>'}}
  %0 = kiln.concat %a, %b, %c {axis = 1 : i64} : (tensor<2x1x4xf32>, tensor<2x5x4xf32>, tensor<2x2x4xf32>) -> tensor<2x8x4xf32>
  return %0 : tensor<2x8x4xf32>
}

// -----

// `kiln.gather` replaces the axis by the shape of the indices.
func.func @gather_middle_axis(%data: tensor<3x4x5xf32>, %indices: tensor<2x6xi64>) -> tensor<3x2x6x5xf32> {
  // expected-remark @+1 {{inferred 'tensor<3x2x6x5xf32>'}}
  %0 = kiln.gather %data, %indices {axis = 1 : i64} : (tensor<3x4x5xf32>, tensor<2x6xi64>) -> tensor<3x2x6x5xf32>
  return %0 : tensor<3x2x6x5xf32>
}

// -----

// `kiln.gather` with a scalar index drops the axis.
func.func @gather_scalar_index(%data: tensor<3x4xf32>, %index: tensor<i32>) -> tensor<4xf32> {
  // expected-remark @+1 {{inferred 'tensor<4xf32>'}}
  %0 = kiln.gather %data, %index {axis = 0 : i64} : (tensor<3x4xf32>, tensor<i32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// `kiln.gather_elements` has the shape of its indices, the data's element
// type; the indices may be larger than the data on the axis.
func.func @gather_elements_shape(%data: tensor<3x4xi8>, %indices: tensor<2x7xi64>) -> tensor<2x7xi8> {
  // expected-remark @+1 {{inferred 'tensor<2x7xi8>'}}
  %0 = kiln.gather_elements %data, %indices {axis = 1 : i64} : (tensor<3x4xi8>, tensor<2x7xi64>) -> tensor<2x7xi8>
  return %0 : tensor<2x7xi8>
}

// -----

// `kiln.slice` with positive strides rounds up: indices 1, 4, 7 of 8.
func.func @slice_positive_stride(%input: tensor<4x8xf32>) -> tensor<2x3xf32> {
  // expected-remark @+1 {{inferred 'tensor<2x3xf32>'}}
  %0 = kiln.slice %input {limits = array<i64: 4, 8>, starts = array<i64: 2, 1>, strides = array<i64: 1, 3>} : tensor<4x8xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// `kiln.slice` with negative strides: indices 9, 6, 3, 0 (limit -1 reads
// through index 0), then 8, 6, 4, then an empty slice.
func.func @slice_negative_stride(%input: tensor<10x10x10xf32>) -> tensor<4x3x0xf32> {
  // expected-remark @+1 {{inferred 'tensor<4x3x0xf32>'}}
  %0 = kiln.slice %input {limits = array<i64: -1, 2, 5>, starts = array<i64: 9, 8, 5>, strides = array<i64: -3, -2, -1>} : tensor<10x10x10xf32> -> tensor<4x3x0xf32>
  return %0 : tensor<4x3x0xf32>
}

// -----

// `kiln.top_k` puts `k` on the axis of both results; indices are `i64`.
func.func @top_k_middle_axis(%input: tensor<3x10x4xf16>) -> tensor<3x2x4xf16> {
  // expected-remark @+1 {{inferred 'tensor<3x2x4xf16>' 'tensor<3x2x4xi64>'}}
  %values, %indices = kiln.top_k %input {axis = 1 : i64, k = 2 : i64, largest = true, sorted = false} : tensor<3x10x4xf16> -> tensor<3x2x4xf16>, tensor<3x2x4xi64>
  return %values : tensor<3x2x4xf16>
}

// -----

// `kiln.gemm` with both operands transposed: `op(a)` is 3x4, `op(b)` 4x5.
func.func @gemm_transposed(%a: tensor<4x3xf32>, %b: tensor<5x4xf32>, %c: tensor<1x5xf32>) -> tensor<3x5xf32> {
  // expected-remark @+1 {{inferred 'tensor<3x5xf32>'}}
  %0 = kiln.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = true, trans_b = true} : (tensor<4x3xf32>, tensor<5x4xf32>, tensor<1x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// `kiln.gemm` with only `a` transposed and a scalar `c`.
func.func @gemm_transposed_a(%a: tensor<4x3xf32>, %b: tensor<4x6xf32>, %c: tensor<f32>) -> tensor<3x6xf32> {
  // expected-remark @+1 {{inferred 'tensor<3x6xf32>'}}
  %0 = kiln.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = true, trans_b = false} : (tensor<4x3xf32>, tensor<4x6xf32>, tensor<f32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

// `kiln.matmul` broadcasts the batch dimensions.
func.func @matmul_batch_broadcast(%lhs: tensor<2x1x8x16xf32>, %rhs: tensor<3x16x4xf32>) -> tensor<2x3x8x4xf32> {
  // expected-remark @+1 {{inferred 'tensor<2x3x8x4xf32>'}}
  %0 = kiln.matmul %lhs, %rhs : (tensor<2x1x8x16xf32>, tensor<3x16x4xf32>) -> tensor<2x3x8x4xf32>
  return %0 : tensor<2x3x8x4xf32>
}

// -----

// `kiln.conv` with asymmetric padding, a different stride and dilation per
// dimension, and two groups: H = (10 + 1 + 2 - 3) / 2 + 1 = 6 and
// W = (10 + 0 + 1 - 2 * 2 - 1) / 1 + 1 = 7.
func.func @conv_pads_strides_dilations_groups(%input: tensor<1x4x10x10xf32>, %weight: tensor<8x2x3x3xf32>) -> tensor<1x8x6x7xf32> {
  // expected-remark @+1 {{inferred 'tensor<1x8x6x7xf32>'}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 1, 2>, group = 2 : i64, pads = array<i64: 1, 0, 2, 1>, strides = array<i64: 2, 1>} : (tensor<1x4x10x10xf32>, tensor<8x2x3x3xf32>) -> tensor<1x8x6x7xf32>
  return %0 : tensor<1x8x6x7xf32>
}

// -----

// `kiln.conv` rounds down: (7 - 3) / 3 + 1 = 2 windows, the last input
// element unread; 3-D, with bias.
func.func @conv_3d_rounds_down(%input: tensor<2x3x7x4x4xf32>, %weight: tensor<6x3x3x1x2xf32>, %bias: tensor<6xf32>) -> tensor<2x6x2x4x3xf32> {
  // expected-remark @+1 {{inferred 'tensor<2x6x2x4x3xf32>'}}
  %0 = kiln.conv %input, %weight, %bias {dilations = array<i64: 1, 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0, 0, 0>, strides = array<i64: 3, 1, 1>} : (tensor<2x3x7x4x4xf32>, tensor<6x3x3x1x2xf32>, tensor<6xf32>) -> tensor<2x6x2x4x3xf32>
  return %0 : tensor<2x6x2x4x3xf32>
}

// -----

// `kiln.max_pool` without `ceil_mode` drops a partial window: (5 - 2) / 2 + 1 = 2.
func.func @max_pool_floor(%input: tensor<1x1x5x5xf32>) -> tensor<1x1x2x2xf32> {
  // expected-remark @+1 {{inferred 'tensor<1x1x2x2xf32>'}}
  %0 = kiln.max_pool %input {ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x1x5x5xf32> -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

// `kiln.max_pool` with `ceil_mode` keeps the partial window that starts at
// index 4: ceil((5 - 2) / 2) + 1 = 3.
func.func @max_pool_ceil(%input: tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32> {
  // expected-remark @+1 {{inferred 'tensor<1x1x3x3xf32>'}}
  %0 = kiln.max_pool %input {ceil_mode = true, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x1x5x5xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// `kiln.max_pool` with `ceil_mode` drops a last window that would start in
// the end padding: ceil((4 + 1 - 2) / 2) + 1 = 3 windows would start at 0,
// 2 and 4, but index 4 is padding, so 2 remain.
func.func @max_pool_ceil_last_window_in_padding(%input: tensor<1x1x4xf32>) -> tensor<1x1x2xf32> {
  // expected-remark @+1 {{inferred 'tensor<1x1x2xf32>'}}
  %0 = kiln.max_pool %input {ceil_mode = true, dilations = array<i64: 1>, kernel_shape = array<i64: 2>, pads = array<i64: 0, 1>, strides = array<i64: 2>} : tensor<1x1x4xf32> -> tensor<1x1x2xf32>
  return %0 : tensor<1x1x2xf32>
}

// -----

// `kiln.avg_pool` with `ceil_mode`, padding and dilation:
// ceil((6 + 1 + 1 - 2 * 2 - 1) / 2) + 1 = 3.
func.func @avg_pool_ceil_dilated(%input: tensor<1x2x6xf32>) -> tensor<1x2x3xf32> {
  // expected-remark @+1 {{inferred 'tensor<1x2x3xf32>'}}
  %0 = kiln.avg_pool %input {ceil_mode = true, count_include_pad = false, dilations = array<i64: 2>, kernel_shape = array<i64: 3>, pads = array<i64: 1, 1>, strides = array<i64: 2>} : tensor<1x2x6xf32> -> tensor<1x2x3xf32>
  return %0 : tensor<1x2x3xf32>
}

// -----

// Reductions keep reduced dimensions as 1 ...
func.func @reduce_keep_dims(%input: tensor<2x3x4xf32>) -> tensor<1x3x1xf32> {
  // expected-remark @+1 {{inferred 'tensor<1x3x1xf32>'}}
  %0 = kiln.reduce_sum %input {axes = array<i64: 0, 2>, keep_dims = true} : tensor<2x3x4xf32> -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// -----

// ... or drop them, down to a scalar.
func.func @reduce_all_axes_dropped(%input: tensor<2x3xi32>) -> tensor<i32> {
  // expected-remark @+1 {{inferred 'tensor<i32>'}}
  %0 = kiln.reduce_prod %input {axes = array<i64: 0, 1>, keep_dims = false} : tensor<2x3xi32> -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// `kiln.layer_norm` accepts a scale that broadcasts to the normalized
// dimensions.
func.func @layer_norm_broadcast_scale(%input: tensor<2x4x8xf32>, %scale: tensor<1x8xf32>, %bias: tensor<f32>) -> tensor<2x4x8xf32> {
  // expected-remark @+1 {{inferred 'tensor<2x4x8xf32>'}}
  %0 = kiln.layer_norm %input, %scale, %bias {axis = 1 : i64, epsilon = 1.0e-05 : f32} : (tensor<2x4x8xf32>, tensor<1x8xf32>, tensor<f32>) -> tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// -----

// A bidirectional `kiln.lstm`: `y` is [seq, 2, batch, H], `y_h` and `y_c`
// [2, batch, H].
func.func @lstm_bidirectional(%x: tensor<7x3x5xf32>, %w: tensor<2x24x5xf32>, %r: tensor<2x24x6xf32>, %b: tensor<2x48xf32>, %h: tensor<2x3x6xf32>) -> tensor<7x2x3x6xf32> {
  // expected-remark @+1 {{inferred 'tensor<7x2x3x6xf32>' 'tensor<2x3x6xf32>' 'tensor<2x3x6xf32>'}}
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h, %h {activations = ["Sigmoid", "Tanh", "Tanh", "Sigmoid", "Tanh", "Tanh"], direction = "bidirectional", hidden_size = 6 : i64, input_forget = false} : (tensor<7x3x5xf32>, tensor<2x24x5xf32>, tensor<2x24x6xf32>, tensor<2x48xf32>, tensor<2x3x6xf32>, tensor<2x3x6xf32>) -> (tensor<7x2x3x6xf32>, tensor<2x3x6xf32>, tensor<2x3x6xf32>)
  return %y : tensor<7x2x3x6xf32>
}

// -----

// A reverse `kiln.lstm` has one direction.
func.func @lstm_reverse(%x: tensor<7x3x5xf32>, %w: tensor<1x24x5xf32>, %r: tensor<1x24x6xf32>, %b: tensor<1x48xf32>, %h: tensor<1x3x6xf32>) -> tensor<7x1x3x6xf32> {
  // expected-remark @+1 {{inferred 'tensor<7x1x3x6xf32>' 'tensor<1x3x6xf32>' 'tensor<1x3x6xf32>'}}
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h, %h {activations = ["Sigmoid", "Tanh", "Tanh"], direction = "reverse", hidden_size = 6 : i64, input_forget = false} : (tensor<7x3x5xf32>, tensor<1x24x5xf32>, tensor<1x24x6xf32>, tensor<1x48xf32>, tensor<1x3x6xf32>, tensor<1x3x6xf32>) -> (tensor<7x1x3x6xf32>, tensor<1x3x6xf32>, tensor<1x3x6xf32>)
  return %y : tensor<7x1x3x6xf32>
}
