// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// One group in 2-D: zero padding, the bias broadcast as the accumulator,
// then `linalg.conv_2d_nchw_fchw`.
// CHECK-LABEL: func.func @conv_2d_pads_bias
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x3x5x5xf32>, %[[WEIGHT:[a-zA-Z0-9_]+]]: tensor<8x3x3x3xf32>, %[[BIAS:[a-zA-Z0-9_]+]]: tensor<8xf32>
//       CHECK:   %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
//       CHECK:   %[[PADDED:.+]] = tensor.pad %[[INPUT]] low[0, 0, 1, 2] high[0, 0, 1, 0]
//       CHECK:     tensor.yield %[[ZERO]] : f32
//       CHECK:   } : tensor<1x3x5x5xf32> to tensor<1x3x7x7xf32>
//       CHECK:   %[[EMPTY:.+]] = tensor.empty() : tensor<1x8x3x3xf32>
//       CHECK:   %[[ACC:.+]] = linalg.broadcast ins(%[[BIAS]] : tensor<8xf32>) outs(%[[EMPTY]] : tensor<1x8x3x3xf32>) dimensions = [0, 2, 3]
//       CHECK:   %[[CONV:.+]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
//  CHECK-SAME:       ins(%[[PADDED]], %[[WEIGHT]] : tensor<1x3x7x7xf32>, tensor<8x3x3x3xf32>) outs(%[[ACC]] : tensor<1x8x3x3xf32>)
//   CHECK-NOT:   kiln.
//       CHECK:   return %[[CONV]]
func.func @conv_2d_pads_bias(%input: tensor<1x3x5x5xf32>, %weight: tensor<8x3x3x3xf32>, %bias: tensor<8xf32>) -> tensor<1x8x3x3xf32> {
  %y = kiln.conv %input, %weight, %bias {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 2, 1, 0>, group = 1 : i64} : (tensor<1x3x5x5xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>) -> tensor<1x8x3x3xf32>
  return %y : tensor<1x8x3x3xf32>
}

// -----

// Without pads and bias: no `tensor.pad`, zeros as the accumulator; the
// dilations go to the named op.
// CHECK-LABEL: func.func @conv_2d_dilated
//   CHECK-NOT:   tensor.pad
//       CHECK:   linalg.fill
//       CHECK:   linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
func.func @conv_2d_dilated(%input: tensor<1x3x7x7xf32>, %weight: tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %y = kiln.conv %input, %weight {strides = array<i64: 1, 1>, dilations = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, group = 1 : i64} : (tensor<1x3x7x7xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// 1-D and 3-D convolutions with one group use the named ops of their rank.
// CHECK-LABEL: func.func @conv_1d_and_3d
//       CHECK:   linalg.conv_1d_ncw_fcw
//       CHECK:   linalg.conv_3d_ncdhw_fcdhw
func.func @conv_1d_and_3d(%x1: tensor<1x2x8xf32>, %w1: tensor<3x2x3xf32>, %x3: tensor<1x2x4x4x4xf32>, %w3: tensor<3x2x2x2x2xf32>) -> (tensor<1x3x6xf32>, tensor<1x3x3x3x3xf32>) {
  %0 = kiln.conv %x1, %w1 {strides = array<i64: 1>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, group = 1 : i64} : (tensor<1x2x8xf32>, tensor<3x2x3xf32>) -> tensor<1x3x6xf32>
  %1 = kiln.conv %x3, %w3 {strides = array<i64: 1, 1, 1>, dilations = array<i64: 1, 1, 1>, pads = array<i64: 0, 0, 0, 0, 0, 0>, group = 1 : i64} : (tensor<1x2x4x4x4xf32>, tensor<3x2x2x2x2xf32>) -> tensor<1x3x3x3x3xf32>
  return %0, %1 : tensor<1x3x6xf32>, tensor<1x3x3x3x3xf32>
}

// -----

// Depthwise (group == C == M): the weight's unit dimension is collapsed away.
// CHECK-LABEL: func.func @conv_depthwise
//  CHECK-SAME:   %{{.+}}: tensor<1x4x5x5xf32>, %[[WEIGHT:[a-zA-Z0-9_]+]]: tensor<4x1x3x3xf32>
//       CHECK:   %[[FILTER:.+]] = tensor.collapse_shape %[[WEIGHT]] {{\[}}[0], [1, 2], [3]] : tensor<4x1x3x3xf32> into tensor<4x3x3xf32>
//       CHECK:   linalg.depthwise_conv_2d_nchw_chw {{.*}} ins(%{{.+}}, %[[FILTER]] : tensor<1x4x7x7xf32>, tensor<4x3x3xf32>)
func.func @conv_depthwise(%input: tensor<1x4x5x5xf32>, %weight: tensor<4x1x3x3xf32>) -> tensor<1x4x5x5xf32> {
  %y = kiln.conv %input, %weight {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, group = 4 : i64} : (tensor<1x4x5x5xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x5x5xf32>
  return %y : tensor<1x4x5x5xf32>
}

// -----

// Other groups in 2-D: the channels split into [group, channels / group]
// around `linalg.conv_2d_ngchw_gfchw`.
// CHECK-LABEL: func.func @conv_2d_groups
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x4x5x5xf32>, %[[WEIGHT:[a-zA-Z0-9_]+]]: tensor<6x2x3x3xf32>
//       CHECK:   %[[ACC:.+]] = linalg.fill
//       CHECK:   %[[GROUPED_INPUT:.+]] = tensor.expand_shape %[[INPUT]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 2, 5, 5]
//       CHECK:   %[[GROUPED_WEIGHT:.+]] = tensor.expand_shape %[[WEIGHT]] {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3]
//       CHECK:   %[[GROUPED_ACC:.+]] = tensor.expand_shape %[[ACC]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 2, 3, 3, 3]
//       CHECK:   %[[CONV:.+]] = linalg.conv_2d_ngchw_gfchw {{.*}} ins(%[[GROUPED_INPUT]], %[[GROUPED_WEIGHT]] : tensor<1x2x2x5x5xf32>, tensor<2x3x2x3x3xf32>) outs(%[[GROUPED_ACC]] : tensor<1x2x3x3x3xf32>)
//       CHECK:   %[[RESULT:.+]] = tensor.collapse_shape %[[CONV]] {{\[}}[0], [1, 2], [3], [4]] : tensor<1x2x3x3x3xf32> into tensor<1x6x3x3xf32>
//       CHECK:   return %[[RESULT]]
func.func @conv_2d_groups(%input: tensor<1x4x5x5xf32>, %weight: tensor<6x2x3x3xf32>) -> tensor<1x6x3x3xf32> {
  %y = kiln.conv %input, %weight {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 2 : i64} : (tensor<1x4x5x5xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x3x3xf32>
  return %y : tensor<1x6x3x3xf32>
}

// -----

// Grouped 1-D convolutions are a generic over [n, g, m, o, c, k] with the
// window `o * stride + k * dilation`.
// CHECK-DAG: #[[$INPUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d3 * 2 + d5 * 3)>
// CHECK-DAG: #[[$WEIGHT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d1, d2, d4, d5)>
// CHECK-DAG: #[[$OUTPUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_1d_groups
//       CHECK:   linalg.generic {indexing_maps = [#[[$INPUT]], #[[$WEIGHT]], #[[$OUTPUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
//  CHECK-SAME:       ins(%{{.+}}, %{{.+}} : tensor<2x2x2x10xf32>, tensor<2x3x2x2xf32>) outs(%{{.+}} : tensor<2x2x3x4xf32>)
//       CHECK:     arith.mulf
//       CHECK:     arith.addf
func.func @conv_1d_groups(%input: tensor<2x4x10xf32>, %weight: tensor<6x2x2xf32>) -> tensor<2x6x4xf32> {
  %y = kiln.conv %input, %weight {strides = array<i64: 2>, dilations = array<i64: 3>, pads = array<i64: 0, 0>, group = 2 : i64} : (tensor<2x4x10xf32>, tensor<6x2x2xf32>) -> tensor<2x6x4xf32>
  return %y : tensor<2x6x4xf32>
}

// -----

// f16 convolutions accumulate in f32.
// CHECK-LABEL: func.func @conv_f16
//       CHECK:   linalg.conv_2d_nchw_fchw {{.*}} ins(%{{.+}}, %{{.+}} : tensor<1x2x3x3xf16>, tensor<2x2x2x2xf16>) outs(%{{.+}} : tensor<1x2x2x2xf32>)
//       CHECK:     arith.truncf %{{.+}} : f32 to f16
func.func @conv_f16(%input: tensor<1x2x3x3xf16>, %weight: tensor<2x2x2x2xf16>) -> tensor<1x2x2x2xf16> {
  %y = kiln.conv %input, %weight {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1 : i64} : (tensor<1x2x3x3xf16>, tensor<2x2x2x2xf16>) -> tensor<1x2x2x2xf16>
  return %y : tensor<1x2x2x2xf16>
}

// -----

// Max pool pads with -inf (padding never wins), including the extra end
// padding a ceil_mode window reads, and starts from -inf.
// CHECK-LABEL: func.func @max_pool_ceil_mode
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<1x2x5x5xf32>
//       CHECK:   %[[LOWEST:.+]] = arith.constant 0xFF800000 : f32
//       CHECK:   %[[PADDED:.+]] = tensor.pad %[[INPUT]] low[0, 0, 0, 0] high[0, 0, 1, 1]
//       CHECK:     tensor.yield %[[LOWEST]] : f32
//       CHECK:   %[[ACC:.+]] = linalg.fill ins(%[[LOWEST]] : f32)
//       CHECK:   %[[WINDOW:.+]] = tensor.empty() : tensor<2x2xf32>
//       CHECK:   linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[PADDED]], %[[WINDOW]] : tensor<1x2x6x6xf32>, tensor<2x2xf32>) outs(%[[ACC]] : tensor<1x2x3x3xf32>)
func.func @max_pool_ceil_mode(%input: tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32> {
  %y = kiln.max_pool %input {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = true} : tensor<1x2x5x5xf32> -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// Signed integers pad with the type's minimum.
// CHECK-LABEL: func.func @max_pool_i8
//       CHECK:   %[[LOWEST:.+]] = arith.constant -128 : i8
//       CHECK:   tensor.yield %[[LOWEST]] : i8
//       CHECK:   linalg.pooling_nchw_max
func.func @max_pool_i8(%input: tensor<1x1x4x4xi8>) -> tensor<1x1x2x2xi8> {
  %y = kiln.max_pool %input {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 0, 0>, ceil_mode = false} : tensor<1x1x4x4xi8> -> tensor<1x1x2x2xi8>
  return %y : tensor<1x1x2x2xi8>
}

// -----

// Unsigned integers need `maxui`, which no NCHW named op has: a pooling
// generic, padded with 0.
// CHECK-DAG: #[[$WINDOW_INPUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 * 2 + d4, d3 * 2 + d5)>
// CHECK-DAG: #[[$WINDOW:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-LABEL: func.func @max_pool_ui8
//       CHECK:   arith.constant 0 : i8
//       CHECK:   linalg.generic {indexing_maps = [#[[$WINDOW_INPUT]], #[[$WINDOW]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
//       CHECK:     arith.maxui
func.func @max_pool_ui8(%input: tensor<1x2x5x5xui8>) -> tensor<1x2x2x2xui8> {
  %y = kiln.max_pool %input {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = false} : tensor<1x2x5x5xui8> -> tensor<1x2x2x2xui8>
  return %y : tensor<1x2x2x2xui8>
}

// -----

// 3-D pools have no NCDHW named op: a pooling generic.
// CHECK-LABEL: func.func @max_pool_3d
//       CHECK:   linalg.generic
//  CHECK-SAME:       iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]
//       CHECK:     arith.maximumf
func.func @max_pool_3d(%input: tensor<1x1x4x4x4xf32>) -> tensor<1x1x2x2x2xf32> {
  %y = kiln.max_pool %input {kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>, dilations = array<i64: 1, 1, 1>, pads = array<i64: 0, 0, 0, 0, 0, 0>, ceil_mode = false} : tensor<1x1x4x4x4xf32> -> tensor<1x1x2x2x2xf32>
  return %y : tensor<1x1x2x2x2xf32>
}

// -----

// Average pool without the pads in the divisor: a sum pool divided by a
// constant tensor of per-position counts, broadcast over N and C.
// CHECK-DAG: #[[$SPATIAL:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-LABEL: func.func @avg_pool_exclude_pad
//       CHECK:   %[[PADDED:.+]] = tensor.pad
//       CHECK:   %[[SUM:.+]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[PADDED]], %{{.+}} : tensor<1x2x7x7xf32>, tensor<3x3xf32>)
//       CHECK:   %[[COUNTS:.+]] = arith.constant dense<{{\[}}[4.000000e+00, 6.000000e+00, 4.000000e+00], [6.000000e+00, 9.000000e+00, 6.000000e+00], [4.000000e+00, 6.000000e+00, 4.000000e+00]]> : tensor<3x3xf32>
//       CHECK:   linalg.generic {indexing_maps = [#{{.+}}, #[[$SPATIAL]], #{{.+}}]
//  CHECK-SAME:       ins(%[[SUM]], %[[COUNTS]] : tensor<1x2x3x3xf32>, tensor<3x3xf32>)
//       CHECK:     arith.divf
func.func @avg_pool_exclude_pad(%input: tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32> {
  %y = kiln.avg_pool %input {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = false, count_include_pad = false} : tensor<1x2x5x5xf32> -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// With the pads in the divisor every window counts the kernel size: one
// scalar divisor.
// CHECK-LABEL: func.func @avg_pool_include_pad
//       CHECK:   linalg.pooling_nchw_sum
//       CHECK:   linalg.generic
//       CHECK:     %[[COUNT:.+]] = arith.constant 9.000000e+00 : f32
//       CHECK:     arith.divf %{{.+}}, %[[COUNT]] : f32
func.func @avg_pool_include_pad(%input: tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32> {
  %y = kiln.avg_pool %input {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = false, count_include_pad = true} : tensor<1x2x5x5xf32> -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

// A ceil_mode window's taps past the end padding never count, even with
// count_include_pad: the last column counts 2 (one input, one pad), not 3.
// CHECK-LABEL: func.func @avg_pool_ceil_include_pad
//       CHECK:   tensor.pad %{{.+}} low[0, 0, 1, 1] high[0, 0, 2, 2]
//       CHECK:   arith.constant dense<{{\[}}[9.000000e+00, 9.000000e+00, 9.000000e+00, 6.000000e+00], {{.*}}, [6.000000e+00, 6.000000e+00, 6.000000e+00, 4.000000e+00]]> : tensor<4x4xf32>
func.func @avg_pool_ceil_include_pad(%input: tensor<1x1x6x6xf32>) -> tensor<1x1x4x4xf32> {
  %y = kiln.avg_pool %input {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = true, count_include_pad = true} : tensor<1x1x6x6xf32> -> tensor<1x1x4x4xf32>
  return %y : tensor<1x1x4x4xf32>
}

// -----

// 1-D pools use the NCW named ops.
// CHECK-LABEL: func.func @pool_1d
//       CHECK:   linalg.pooling_ncw_max
//       CHECK:   linalg.pooling_ncw_sum
func.func @pool_1d(%input: tensor<1x2x8xf32>) -> (tensor<1x2x4xf32>, tensor<1x2x4xf32>) {
  %0 = kiln.max_pool %input {kernel_shape = array<i64: 2>, strides = array<i64: 2>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, ceil_mode = false} : tensor<1x2x8xf32> -> tensor<1x2x4xf32>
  %1 = kiln.avg_pool %input {kernel_shape = array<i64: 2>, strides = array<i64: 2>, dilations = array<i64: 1>, pads = array<i64: 0, 0>, ceil_mode = false, count_include_pad = false} : tensor<1x2x8xf32> -> tensor<1x2x4xf32>
  return %0, %1 : tensor<1x2x4xf32>, tensor<1x2x4xf32>
}

// -----

// A pointwise (1x1, unit strides, unpadded) convolution is the matrix
// product per image that it is: a contraction over the flattened positions
// that the CPU back end vectorizes like a matmul.
// CHECK-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK-DAG: #[[$X:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG: #[[$Y:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @conv_2d_pointwise
//  CHECK-SAME:   %[[INPUT:[a-zA-Z0-9_]+]]: tensor<2x4x3x5xf32>, %[[WEIGHT:[a-zA-Z0-9_]+]]: tensor<8x4x1x1xf32>
//   CHECK-NOT:   linalg.conv
//       CHECK:   %[[X:.+]] = tensor.collapse_shape %[[INPUT]] {{\[}}[0], [1], [2, 3]] : tensor<2x4x3x5xf32> into tensor<2x4x15xf32>
//       CHECK:   %[[W:.+]] = tensor.collapse_shape %[[WEIGHT]] {{\[}}[0], [1, 2, 3]] : tensor<8x4x1x1xf32> into tensor<8x4xf32>
//       CHECK:   %[[PRODUCT:.+]] = linalg.generic {indexing_maps = [#[[$W]], #[[$X]], #[[$Y]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
//  CHECK-SAME:       ins(%[[W]], %[[X]] : tensor<8x4xf32>, tensor<2x4x15xf32>)
//       CHECK:     arith.mulf
//       CHECK:     arith.addf
//       CHECK:   tensor.expand_shape %[[PRODUCT]] {{\[}}[0], [1], [2, 3]] output_shape [2, 8, 3, 5]
func.func @conv_2d_pointwise(%input: tensor<2x4x3x5xf32>, %weight: tensor<8x4x1x1xf32>) -> tensor<2x8x3x5xf32> {
  %y = kiln.conv %input, %weight {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1 : i64} : (tensor<2x4x3x5xf32>, tensor<8x4x1x1xf32>) -> tensor<2x8x3x5xf32>
  return %y : tensor<2x8x3x5xf32>
}

// -----

// A strided 1x1 convolution keeps the named op (its positions are not
// contiguous).
// CHECK-LABEL: func.func @negative_conv_2d_pointwise_strided
//       CHECK:   linalg.conv_2d_nchw_fchw
func.func @negative_conv_2d_pointwise_strided(%input: tensor<1x4x4x4xf32>, %weight: tensor<8x4x1x1xf32>) -> tensor<1x8x2x2xf32> {
  %y = kiln.conv %input, %weight {strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1 : i64} : (tensor<1x4x4x4xf32>, tensor<8x4x1x1xf32>) -> tensor<1x8x2x2xf32>
  return %y : tensor<1x8x2x2xf32>
}
