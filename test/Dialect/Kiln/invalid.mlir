// RUN: kiln-opt %s --split-input-file --verify-diagnostics

// One case per diagnostic of the `kiln` verifiers and type inference.

//===----------------------------------------------------------------------===//
// Common to all ops
//===----------------------------------------------------------------------===//

// `kiln` has static shapes only; ODS rejects a dynamic dimension.
func.func @dynamic_dimension(%input: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{must be statically shaped tensor}}
  %0 = kiln.relu %input : tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// A declared result type that differs from the inferred one is reported by
// the type-inference interface.
func.func @result_type_differs_from_inferred(%lhs: tensor<2x3xf32>, %rhs: tensor<3xf32>) -> tensor<3x3xf32> {
  // expected-error @+2 {{'kiln.add' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<3x3xf32>'}}
  // expected-error @+1 {{'kiln.add' op failed to infer returned types}}
  %0 = kiln.add %lhs, %rhs : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

// -----

// Binary ops need broadcast-compatible shapes.
func.func @add_incompatible_shapes(%lhs: tensor<2x3xf32>, %rhs: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{expects broadcast-compatible shapes, but dimension 1 is 3 and 4}}
  // expected-error @+1 {{'kiln.add' op failed to infer returned types}}
  %0 = kiln.add %lhs, %rhs : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// `kiln.clip` needs min <= max.
func.func @clip_min_above_max(%input: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'kiln.clip' op expects min (6.000000e+00) to be at most max (0.000000e+00)}}
  %0 = kiln.clip %input {max = 0.0 : f64, min = 6.0 : f64} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// `kiln.select` needs one element type for both branches.
func.func @select_element_types_differ(%condition: tensor<4xi1>, %on_true: tensor<4xf32>, %on_false: tensor<4xf16>) -> tensor<4xf32> {
  // expected-error @+2 {{expects on_true and on_false to have the same element type}}
  // expected-error @+1 {{'kiln.select' op failed to infer returned types}}
  %0 = kiln.select %condition, %on_true, %on_false : (tensor<4xi1>, tensor<4xf32>, tensor<4xf16>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// `kiln.select` broadcasts its three operands, the condition too.
func.func @select_incompatible_shapes(%condition: tensor<3xi1>, %on_true: tensor<4xf32>, %on_false: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{expects broadcast-compatible shapes, but dimension 0 is 3 and 4}}
  // expected-error @+1 {{'kiln.select' op failed to infer returned types}}
  %0 = kiln.select %condition, %on_true, %on_false : (tensor<3xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// kiln.assert
//===----------------------------------------------------------------------===//

// -----

// (C1) The condition of `kiln.assert` is one boolean, a rank-0 tensor.
func.func @assert_condition_not_rank_0(%ok: tensor<1xi1>) {
  // expected-error @+1 {{operand #0 must be 0D tensor of 1-bit signless integer values}}
  kiln.assert %ok, "node 'r' (Reshape): bad shape" : tensor<1xi1>
  return
}

// -----

// (C1) The condition is a boolean, not a number.
func.func @assert_condition_not_bool(%ok: tensor<i32>) {
  // expected-error @+1 {{operand #0 must be 0D tensor of 1-bit signless integer values}}
  kiln.assert %ok, "node 'r' (Reshape): bad shape" : tensor<i32>
  return
}

// -----

// (C2) A check says what failed.
func.func @assert_empty_message(%ok: tensor<i1>) {
  // expected-error @+1 {{'kiln.assert' op expects a message saying what failed}}
  kiln.assert %ok, "" : tensor<i1>
  return
}

//===----------------------------------------------------------------------===//
// kiln.concat
//===----------------------------------------------------------------------===//

// -----

// `kiln.concat` needs at least one input.
func.func @concat_no_inputs() -> tensor<2xf32> {
  // expected-error @+2 {{expects at least one input (actual 0)}}
  // expected-error @+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = kiln.concat {axis = 0 : i64} : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// `kiln.concat` needs one element type.
func.func @concat_element_types_differ(%a: tensor<2xf32>, %b: tensor<2xf16>) -> tensor<4xf32> {
  // expected-error @+2 {{expects input 1 ('f16') to have the element type of input 0 ('f32')}}
  // expected-error @+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = kiln.concat %a, %b {axis = 0 : i64} : (tensor<2xf32>, tensor<2xf16>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// `kiln.concat` needs one rank.
func.func @concat_ranks_differ(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<3x3xf32> {
  // expected-error @+2 {{expects input 1 (rank 1) to have the rank of input 0 (2)}}
  // expected-error @+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = kiln.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// `kiln.concat` needs its axis in range.
func.func @concat_axis_out_of_range(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+2 {{expects axis (2) to be in [0, 2)}}
  // expected-error @+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = kiln.concat %a, %b {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// `kiln.concat` needs equal sizes off the axis.
func.func @concat_dimension_differs(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) -> tensor<4x3xf32> {
  // expected-error @+2 {{expects dimension 1 of input 1 (4) to equal that of input 0 (3)}}
  // expected-error @+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = kiln.concat %a, %b {axis = 0 : i64} : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

//===----------------------------------------------------------------------===//
// kiln.expand
//===----------------------------------------------------------------------===//

// -----

// `kiln.expand` keeps the element type.
func.func @expand_element_type_differs(%input: tensor<3xf32>) -> tensor<2x3xf16> {
  // expected-error @+1 {{'kiln.expand' op expects result ('f16') to have the element type of input ('f32')}}
  %0 = kiln.expand %input : tensor<3xf32> -> tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// -----

// `kiln.expand` cannot shrink a dimension.
func.func @expand_does_not_broadcast(%input: tensor<2x3xf32>) -> tensor<2x1xf32> {
  // expected-error @+1 {{'kiln.expand' op expects input shape ([2, 3]) to broadcast to the result shape ([2, 1])}}
  %0 = kiln.expand %input : tensor<2x3xf32> -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// `kiln.expand` cannot drop a dimension: the broadcast would have a higher
// rank than the result.
func.func @expand_lower_rank(%input: tensor<1x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'kiln.expand' op expects input shape ([1, 3]) to broadcast to the result shape ([3])}}
  %0 = kiln.expand %input : tensor<1x3xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

//===----------------------------------------------------------------------===//
// kiln.gather, kiln.gather_elements
//===----------------------------------------------------------------------===//

// -----

// `kiln.gather` needs its axis in range.
func.func @gather_axis_out_of_range(%data: tensor<4x5xf32>, %indices: tensor<2xi64>) -> tensor<4x2xf32> {
  // expected-error @+2 {{expects axis (2) to be in [0, 2)}}
  // expected-error @+1 {{'kiln.gather' op failed to infer returned types}}
  %0 = kiln.gather %data, %indices {axis = 2 : i64} : (tensor<4x5xf32>, tensor<2xi64>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// `kiln.gather_elements` needs indices of the data's rank.
func.func @gather_elements_ranks_differ(%data: tensor<4x5xf32>, %indices: tensor<2xi64>) -> tensor<2xf32> {
  // expected-error @+2 {{expects indices (rank 1) to have the rank of data (2)}}
  // expected-error @+1 {{'kiln.gather_elements' op failed to infer returned types}}
  %0 = kiln.gather_elements %data, %indices {axis = 0 : i64} : (tensor<4x5xf32>, tensor<2xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// `kiln.gather_elements` needs its axis in range.
func.func @gather_elements_axis_out_of_range(%data: tensor<4x5xf32>, %indices: tensor<4x2xi64>) -> tensor<4x2xf32> {
  // expected-error @+2 {{expects axis (2) to be in [0, 2)}}
  // expected-error @+1 {{'kiln.gather_elements' op failed to infer returned types}}
  %0 = kiln.gather_elements %data, %indices {axis = 2 : i64} : (tensor<4x5xf32>, tensor<4x2xi64>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// `kiln.gather_elements` indices cannot be larger than the data off the axis.
func.func @gather_elements_indices_too_large(%data: tensor<4x5xf32>, %indices: tensor<6x2xi64>) -> tensor<6x2xf32> {
  // expected-error @+2 {{expects dimension 0 of indices (6) to be at most that of data (4)}}
  // expected-error @+1 {{'kiln.gather_elements' op failed to infer returned types}}
  %0 = kiln.gather_elements %data, %indices {axis = 1 : i64} : (tensor<4x5xf32>, tensor<6x2xi64>) -> tensor<6x2xf32>
  return %0 : tensor<6x2xf32>
}

//===----------------------------------------------------------------------===//
// kiln.reshape, kiln.transpose
//===----------------------------------------------------------------------===//

// -----

// `kiln.reshape` keeps the element type.
func.func @reshape_element_type_differs(%input: tensor<2x3xf32>) -> tensor<6xf16> {
  // expected-error @+1 {{'kiln.reshape' op expects input and result to have the same element type, got 'f32' and 'f16'}}
  %0 = kiln.reshape %input : tensor<2x3xf32> to tensor<6xf16>
  return %0 : tensor<6xf16>
}

// -----

// `kiln.reshape` keeps the element count.
func.func @reshape_element_count_differs(%input: tensor<2x3xf32>) -> tensor<7xf32> {
  // expected-error @+1 {{'kiln.reshape' op expects input and result to have the same number of elements, got 6 and 7}}
  %0 = kiln.reshape %input : tensor<2x3xf32> to tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

// `kiln.transpose` needs one permutation entry per dimension.
func.func @transpose_permutation_size(%input: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{expects a permutation of 2 dimensions, got 3}}
  // expected-error @+1 {{'kiln.transpose' op failed to infer returned types}}
  %0 = kiln.transpose %input {permutation = array<i64: 1, 0, 2>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// `kiln.transpose` rejects a dimension out of range.
func.func @transpose_permutation_out_of_range(%input: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{expects permutation to be a permutation of [0, 2), got 2}}
  // expected-error @+1 {{'kiln.transpose' op failed to infer returned types}}
  %0 = kiln.transpose %input {permutation = array<i64: 2, 0>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// `kiln.transpose` rejects a repeated dimension.
func.func @transpose_permutation_repeats(%input: tensor<2x3xf32>) -> tensor<2x2xf32> {
  // expected-error @+2 {{expects permutation to be a permutation of [0, 2), got 0}}
  // expected-error @+1 {{'kiln.transpose' op failed to infer returned types}}
  %0 = kiln.transpose %input {permutation = array<i64: 0, 0>} : tensor<2x3xf32> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

//===----------------------------------------------------------------------===//
// kiln.slice
//===----------------------------------------------------------------------===//

// -----

// `kiln.slice` needs one bound per dimension.
func.func @slice_starts_size(%input: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+2 {{expects the size of starts (1) to be the rank of input (2)}}
  // expected-error @+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = kiln.slice %input {limits = array<i64: 4, 8>, starts = array<i64: 0>, strides = array<i64: 1, 1>} : tensor<4x8xf32> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// `kiln.slice` needs one stride per dimension.
func.func @slice_strides_size(%input: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+2 {{expects the size of strides (3) to be the rank of input (2)}}
  // expected-error @+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = kiln.slice %input {limits = array<i64: 4, 8>, starts = array<i64: 0, 0>, strides = array<i64: 1, 1, 1>} : tensor<4x8xf32> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// `kiln.slice` rejects a zero stride.
func.func @slice_zero_stride(%input: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+2 {{expects strides[1] (0) to be non-zero}}
  // expected-error @+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = kiln.slice %input {limits = array<i64: 4, 8>, starts = array<i64: 0, 0>, strides = array<i64: 1, 0>} : tensor<4x8xf32> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// `kiln.slice` bounds are clamped before the op exists: a limit past the
// dimension is an error.
func.func @slice_limit_past_end(%input: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+2 {{expects 0 <= start (0) <= limit (9) <= size (8) in dimension 1 with positive stride (1)}}
  // expected-error @+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = kiln.slice %input {limits = array<i64: 4, 9>, starts = array<i64: 0, 0>, strides = array<i64: 1, 1>} : tensor<4x8xf32> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// A forward `kiln.slice` cannot have its limit before its start.
func.func @slice_limit_before_start(%input: tensor<4x8xf32>) -> tensor<0x8xf32> {
  // expected-error @+2 {{expects 0 <= start (3) <= limit (1) <= size (4) in dimension 0 with positive stride (2)}}
  // expected-error @+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = kiln.slice %input {limits = array<i64: 1, 8>, starts = array<i64: 3, 0>, strides = array<i64: 2, 1>} : tensor<4x8xf32> -> tensor<0x8xf32>
  return %0 : tensor<0x8xf32>
}

// -----

// A backward `kiln.slice` starts at most at the last index.
func.func @slice_negative_stride_start_past_end(%input: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+2 {{expects -1 <= limit (-1) <= start (8) <= size - 1 (7) in dimension 1 with negative stride (-1)}}
  // expected-error @+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = kiln.slice %input {limits = array<i64: 4, -1>, starts = array<i64: 0, 8>, strides = array<i64: 1, -1>} : tensor<4x8xf32> -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

//===----------------------------------------------------------------------===//
// kiln.top_k
//===----------------------------------------------------------------------===//

// -----

// `kiln.top_k` needs its axis in range.
func.func @top_k_axis_out_of_range(%input: tensor<2x10xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{expects axis (2) to be in [0, 2)}}
  // expected-error @+1 {{'kiln.top_k' op failed to infer returned types}}
  %values, %indices = kiln.top_k %input {axis = 2 : i64, k = 3 : i64, largest = true, sorted = true} : tensor<2x10xf32> -> tensor<2x3xf32>, tensor<2x3xi64>
  return %values : tensor<2x3xf32>
}

// -----

// `kiln.top_k` cannot take more entries than the axis has.
func.func @top_k_k_too_large(%input: tensor<2x10xf32>) -> tensor<2x11xf32> {
  // expected-error @+2 {{expects k (11) to be in [1, 10], the size of dimension 1}}
  // expected-error @+1 {{'kiln.top_k' op failed to infer returned types}}
  %values, %indices = kiln.top_k %input {axis = 1 : i64, k = 11 : i64, largest = true, sorted = true} : tensor<2x10xf32> -> tensor<2x11xf32>, tensor<2x11xi64>
  return %values : tensor<2x11xf32>
}

//===----------------------------------------------------------------------===//
// kiln.gemm, kiln.matmul
//===----------------------------------------------------------------------===//

// -----

// `kiln.gemm` takes matrices only.
func.func @gemm_rank(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  // expected-error @+2 {{expects a and b of rank 2 (actual 3 and 2)}}
  // expected-error @+1 {{'kiln.gemm' op failed to infer returned types}}
  %0 = kiln.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// `kiln.gemm` needs one element type for `a` and `b`.
func.func @gemm_b_element_type(%a: tensor<3x4xf32>, %b: tensor<4x5xf16>) -> tensor<3x5xf32> {
  // expected-error @+2 {{expects b ('f16') to have the element type of a ('f32')}}
  // expected-error @+1 {{'kiln.gemm' op failed to infer returned types}}
  %0 = kiln.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<3x4xf32>, tensor<4x5xf16>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// `kiln.gemm` needs the element type of `a` for `c` too.
func.func @gemm_c_element_type(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<5xf16>) -> tensor<3x5xf32> {
  // expected-error @+2 {{expects c ('f16') to have the element type of a ('f32')}}
  // expected-error @+1 {{'kiln.gemm' op failed to infer returned types}}
  %0 = kiln.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<5xf16>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// `kiln.gemm` contracts K after the transposes: here `op(a)` is 4x3 and
// `b` is 4x5.
func.func @gemm_k_differs(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+2 {{expects the K of op(b) (4) to equal the K of op(a) (3)}}
  // expected-error @+1 {{'kiln.gemm' op failed to infer returned types}}
  %0 = kiln.gemm %a, %b {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = true, trans_b = false} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// `kiln.gemm` broadcasts `c` to [M, N] only, never the other way.
func.func @gemm_c_does_not_broadcast(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<2x3x5xf32>) -> tensor<3x5xf32> {
  // expected-error @+2 {{expects c ([2, 3, 5]) to broadcast to [M, N] ([3, 5])}}
  // expected-error @+1 {{'kiln.gemm' op failed to infer returned types}}
  %0 = kiln.gemm %a, %b, %c {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = false, trans_b = false} : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<2x3x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// `kiln.matmul` needs operands of rank 2 or more.
func.func @matmul_rank(%lhs: tensor<4xf32>, %rhs: tensor<4x5xf32>) -> tensor<5xf32> {
  // expected-error @+2 {{expects operands of rank at least 2, got 1 and 2}}
  // expected-error @+1 {{'kiln.matmul' op failed to infer returned types}}
  %0 = kiln.matmul %lhs, %rhs : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// `kiln.matmul` needs matching contracted dimensions.
func.func @matmul_contraction(%lhs: tensor<3x4xf32>, %rhs: tensor<5x6xf32>) -> tensor<3x6xf32> {
  // expected-error @+2 {{expects the contracted dimensions to match, got 4 and 5}}
  // expected-error @+1 {{'kiln.matmul' op failed to infer returned types}}
  %0 = kiln.matmul %lhs, %rhs : (tensor<3x4xf32>, tensor<5x6xf32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

// `kiln.matmul` broadcasts the batch dimensions.
func.func @matmul_batch_broadcast(%lhs: tensor<2x3x4xf32>, %rhs: tensor<3x4x5xf32>) -> tensor<3x3x5xf32> {
  // expected-error @+2 {{expects broadcast-compatible shapes, but dimension 0 is 2 and 3}}
  // expected-error @+1 {{'kiln.matmul' op failed to infer returned types}}
  %0 = kiln.matmul %lhs, %rhs : (tensor<2x3x4xf32>, tensor<3x4x5xf32>) -> tensor<3x3x5xf32>
  return %0 : tensor<3x3x5xf32>
}

//===----------------------------------------------------------------------===//
// kiln.conv
//===----------------------------------------------------------------------===//

// -----

// `kiln.conv` needs a batch, a channel and a spatial dimension.
func.func @conv_input_rank(%input: tensor<1x3xf32>, %weight: tensor<8x3xf32>) -> tensor<1x8xf32> {
  // expected-error @+2 {{expects input of rank at least 3 (actual 2)}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64>, group = 1 : i64, pads = array<i64>, strides = array<i64>} : (tensor<1x3xf32>, tensor<8x3xf32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

// `kiln.conv` needs a weight of the input's rank.
func.func @conv_weight_rank(%input: tensor<1x3x8x8xf32>, %weight: tensor<8x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+2 {{expects weight (rank 3) to have the rank of input (4)}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

// `kiln.conv` needs the input's element type for the weight.
func.func @conv_weight_element_type(%input: tensor<1x3x8xf32>, %weight: tensor<8x3x3xf16>) -> tensor<1x8x6xf32> {
  // expected-error @+2 {{expects weight ('f16') to have the element type of input ('f32')}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 1>, group = 1 : i64, pads = array<i64: 0, 0>, strides = array<i64: 1>} : (tensor<1x3x8xf32>, tensor<8x3x3xf16>) -> tensor<1x8x6xf32>
  return %0 : tensor<1x8x6xf32>
}

// -----

// `kiln.conv` needs the input's element type for the bias.
func.func @conv_bias_element_type(%input: tensor<1x3x8xf32>, %weight: tensor<8x3x3xf32>, %bias: tensor<8xf16>) -> tensor<1x8x6xf32> {
  // expected-error @+2 {{expects bias ('f16') to have the element type of input ('f32')}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight, %bias {dilations = array<i64: 1>, group = 1 : i64, pads = array<i64: 0, 0>, strides = array<i64: 1>} : (tensor<1x3x8xf32>, tensor<8x3x3xf32>, tensor<8xf16>) -> tensor<1x8x6xf32>
  return %0 : tensor<1x8x6xf32>
}

// -----

// `kiln.conv` needs at least one group.
func.func @conv_group_zero(%input: tensor<1x3x8xf32>, %weight: tensor<8x3x3xf32>) -> tensor<1x8x6xf32> {
  // expected-error @+2 {{expects group (0) to be positive}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 1>, group = 0 : i64, pads = array<i64: 0, 0>, strides = array<i64: 1>} : (tensor<1x3x8xf32>, tensor<8x3x3xf32>) -> tensor<1x8x6xf32>
  return %0 : tensor<1x8x6xf32>
}

// -----

// `kiln.conv` splits the input channels into `group` equal groups.
func.func @conv_group_input_channels(%input: tensor<1x3x8xf32>, %weight: tensor<8x1x3xf32>) -> tensor<1x8x6xf32> {
  // expected-error @+2 {{expects the input channels (3) to be a multiple of group (2)}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 1>, group = 2 : i64, pads = array<i64: 0, 0>, strides = array<i64: 1>} : (tensor<1x3x8xf32>, tensor<8x1x3xf32>) -> tensor<1x8x6xf32>
  return %0 : tensor<1x8x6xf32>
}

// -----

// `kiln.conv` splits the output channels into `group` equal groups.
func.func @conv_group_output_channels(%input: tensor<1x4x8xf32>, %weight: tensor<7x2x3xf32>) -> tensor<1x7x6xf32> {
  // expected-error @+2 {{expects the output channels (7) to be a multiple of group (2)}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 1>, group = 2 : i64, pads = array<i64: 0, 0>, strides = array<i64: 1>} : (tensor<1x4x8xf32>, tensor<7x2x3xf32>) -> tensor<1x7x6xf32>
  return %0 : tensor<1x7x6xf32>
}

// -----

// `kiln.conv` weights see C / group input channels.
func.func @conv_weight_channels(%input: tensor<1x4x8xf32>, %weight: tensor<8x4x3xf32>) -> tensor<1x8x6xf32> {
  // expected-error @+2 {{expects weight dimension 1 (4) to be input channels / group (2)}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 1>, group = 2 : i64, pads = array<i64: 0, 0>, strides = array<i64: 1>} : (tensor<1x4x8xf32>, tensor<8x4x3xf32>) -> tensor<1x8x6xf32>
  return %0 : tensor<1x8x6xf32>
}

// -----

// `kiln.conv` has one bias per output channel.
func.func @conv_bias_shape(%input: tensor<1x3x8xf32>, %weight: tensor<8x3x3xf32>, %bias: tensor<3xf32>) -> tensor<1x8x6xf32> {
  // expected-error @+2 {{expects bias ([3]) to have shape [8] = [M]}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight, %bias {dilations = array<i64: 1>, group = 1 : i64, pads = array<i64: 0, 0>, strides = array<i64: 1>} : (tensor<1x3x8xf32>, tensor<8x3x3xf32>, tensor<3xf32>) -> tensor<1x8x6xf32>
  return %0 : tensor<1x8x6xf32>
}

// -----

// `kiln.conv` has one stride per spatial dimension.
func.func @conv_strides_size(%input: tensor<1x3x8x8xf32>, %weight: tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+2 {{expects the size of strides (1) to be 2}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

// `kiln.conv` has one dilation per spatial dimension.
func.func @conv_dilations_size(%input: tensor<1x3x8x8xf32>, %weight: tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+2 {{expects the size of dilations (3) to be 2}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 1, 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

// `kiln.conv` has a begin and an end pad per spatial dimension.
func.func @conv_pads_size(%input: tensor<1x3x8x8xf32>, %weight: tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+2 {{expects the size of pads (2) to be 4}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

// `kiln.conv` strides are positive.
func.func @conv_stride_zero(%input: tensor<1x3x8x8xf32>, %weight: tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+2 {{expects strides[1] (0) to be positive}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 0>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

// `kiln.conv` dilations are positive.
func.func @conv_dilation_zero(%input: tensor<1x3x8x8xf32>, %weight: tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+2 {{expects dilations[0] (0) to be positive}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 0, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

// `kiln.conv` pads are non-negative; cropping is a `kiln.slice`.
func.func @conv_negative_pad(%input: tensor<1x3x8x8xf32>, %weight: tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+2 {{expects pads[3] (-1) to be non-negative}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, -1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

// `kiln.conv` needs room for one window: a dilated 3-tap kernel spans 5.
func.func @conv_window_larger_than_input(%input: tensor<1x3x4xf32>, %weight: tensor<8x3x3xf32>) -> tensor<1x8x1xf32> {
  // expected-error @+2 {{expects the output size of spatial dimension 0 (0) to be positive}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %input, %weight {dilations = array<i64: 2>, group = 1 : i64, pads = array<i64: 0, 0>, strides = array<i64: 1>} : (tensor<1x3x4xf32>, tensor<8x3x3xf32>) -> tensor<1x8x1xf32>
  return %0 : tensor<1x8x1xf32>
}

//===----------------------------------------------------------------------===//
// kiln.avg_pool, kiln.max_pool
//===----------------------------------------------------------------------===//

// -----

// `kiln.max_pool` needs a batch, a channel and a spatial dimension.
func.func @max_pool_input_rank(%input: tensor<1x3xf32>) -> tensor<1x3xf32> {
  // expected-error @+2 {{expects input of rank at least 3 (actual 2)}}
  // expected-error @+1 {{'kiln.max_pool' op failed to infer returned types}}
  %0 = kiln.max_pool %input {ceil_mode = false, dilations = array<i64>, kernel_shape = array<i64>, pads = array<i64>, strides = array<i64>} : tensor<1x3xf32> -> tensor<1x3xf32>
  return %0 : tensor<1x3xf32>
}

// -----

// `kiln.max_pool` has one kernel size per spatial dimension.
func.func @max_pool_kernel_shape_size(%input: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+2 {{expects the size of kernel_shape (1) to be 2}}
  // expected-error @+1 {{'kiln.max_pool' op failed to infer returned types}}
  %0 = kiln.max_pool %input {ceil_mode = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// `kiln.avg_pool` kernel sizes are positive.
func.func @avg_pool_kernel_shape_zero(%input: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+2 {{expects kernel_shape[1] (0) to be positive}}
  // expected-error @+1 {{'kiln.avg_pool' op failed to infer returned types}}
  %0 = kiln.avg_pool %input {ceil_mode = false, count_include_pad = false, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// `kiln.avg_pool` in `ceil_mode` lets a window read past the padded input,
// but by less than one stride: this 5-wide window overhangs 2 elements by 3.
func.func @avg_pool_window_larger_than_input(%input: tensor<1x3x2xf32>) -> tensor<1x3x1xf32> {
  // expected-error @+2 {{expects the output size of spatial dimension 0 (0) to be positive}}
  // expected-error @+1 {{'kiln.avg_pool' op failed to infer returned types}}
  %0 = kiln.avg_pool %input {ceil_mode = true, count_include_pad = false, dilations = array<i64: 1>, kernel_shape = array<i64: 5>, pads = array<i64: 0, 0>, strides = array<i64: 2>} : tensor<1x3x2xf32> -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

// -----

// `kiln.batch_norm` needs a channel dimension.
func.func @batch_norm_input_rank(%input: tensor<4xf32>, %c: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{expects input of rank at least 2 (actual 1)}}
  // expected-error @+1 {{'kiln.batch_norm' op failed to infer returned types}}
  %0 = kiln.batch_norm %input, %c, %c, %c, %c {epsilon = 1.0e-05 : f32} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// `kiln.batch_norm` statistics have one entry per channel.
func.func @batch_norm_mean_shape(%input: tensor<1x4x2x2xf32>, %c: tensor<4xf32>, %mean: tensor<2xf32>) -> tensor<1x4x2x2xf32> {
  // expected-error @+2 {{expects mean ([2]) to have shape [4] = [C]}}
  // expected-error @+1 {{'kiln.batch_norm' op failed to infer returned types}}
  %0 = kiln.batch_norm %input, %c, %c, %mean, %c {epsilon = 1.0e-05 : f32} : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<2xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

// `kiln.batch_norm` operands share the input's element type.
func.func @batch_norm_variance_element_type(%input: tensor<1x4x2x2xf32>, %c: tensor<4xf32>, %variance: tensor<4xf16>) -> tensor<1x4x2x2xf32> {
  // expected-error @+2 {{expects variance ('f16') to have the element type of input ('f32')}}
  // expected-error @+1 {{'kiln.batch_norm' op failed to infer returned types}}
  %0 = kiln.batch_norm %input, %c, %c, %c, %variance {epsilon = 1.0e-05 : f32} : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf16>) -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

// `kiln.batch_norm` epsilon is non-negative.
func.func @batch_norm_negative_epsilon(%input: tensor<1x4xf32>, %c: tensor<4xf32>) -> tensor<1x4xf32> {
  // expected-error @+2 {{expects epsilon (-1.000000e+00) to be non-negative}}
  // expected-error @+1 {{'kiln.batch_norm' op failed to infer returned types}}
  %0 = kiln.batch_norm %input, %c, %c, %c, %c {epsilon = -1.0 : f32} : (tensor<1x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

// `kiln.layer_norm` needs its axis in range.
func.func @layer_norm_axis_out_of_range(%input: tensor<2x8xf32>, %c: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+2 {{expects axis (2) to be in [0, 2)}}
  // expected-error @+1 {{'kiln.layer_norm' op failed to infer returned types}}
  %0 = kiln.layer_norm %input, %c, %c {axis = 2 : i64, epsilon = 1.0e-05 : f32} : (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// `kiln.layer_norm` scale shares the input's element type.
func.func @layer_norm_scale_element_type(%input: tensor<2x8xf32>, %scale: tensor<8xf16>, %bias: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+2 {{expects scale ('f16') to have the element type of input ('f32')}}
  // expected-error @+1 {{'kiln.layer_norm' op failed to infer returned types}}
  %0 = kiln.layer_norm %input, %scale, %bias {axis = 1 : i64, epsilon = 1.0e-05 : f32} : (tensor<2x8xf32>, tensor<8xf16>, tensor<8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// `kiln.layer_norm` bias covers the normalized dimensions only: here it has
// one dimension too many.
func.func @layer_norm_bias_too_large(%input: tensor<2x8xf32>, %scale: tensor<8xf32>, %bias: tensor<2x8xf32>) -> tensor<2x8xf32> {
  // expected-error @+2 {{expects bias ([2, 8]) to broadcast to shape(input)[axis:] ([8])}}
  // expected-error @+1 {{'kiln.layer_norm' op failed to infer returned types}}
  %0 = kiln.layer_norm %input, %scale, %bias {axis = 1 : i64, epsilon = 1.0e-05 : f32} : (tensor<2x8xf32>, tensor<8xf32>, tensor<2x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// `kiln.layer_norm` epsilon is non-negative.
func.func @layer_norm_negative_epsilon(%input: tensor<2x8xf32>, %c: tensor<8xf32>) -> tensor<2x8xf32> {
  // expected-error @+2 {{expects epsilon (-5.000000e-01) to be non-negative}}
  // expected-error @+1 {{'kiln.layer_norm' op failed to infer returned types}}
  %0 = kiln.layer_norm %input, %c, %c {axis = 1 : i64, epsilon = -0.5 : f32} : (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// `kiln.log_softmax` needs its axis in range.
func.func @log_softmax_axis_out_of_range(%input: tensor<4x10xf32>) -> tensor<4x10xf32> {
  // expected-error @+1 {{'kiln.log_softmax' op expects axis (2) to be in [0, 2)}}
  %0 = kiln.log_softmax %input {axis = 2 : i64} : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

// -----

// `kiln.softmax` axes are normalized before the op exists.
func.func @softmax_negative_axis(%input: tensor<4x10xf32>) -> tensor<4x10xf32> {
  // expected-error @+1 {{'kiln.softmax' op expects axis (-1) to be in [0, 2)}}
  %0 = kiln.softmax %input {axis = -1 : i64} : tensor<4x10xf32>
  return %0 : tensor<4x10xf32>
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

// -----

// Reduction axes are normalized before the op exists.
func.func @reduce_sum_axis_out_of_range(%input: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{expects axis (-1) to be in [0, 2)}}
  // expected-error @+1 {{'kiln.reduce_sum' op failed to infer returned types}}
  %0 = kiln.reduce_sum %input {axes = array<i64: -1>, keep_dims = false} : tensor<2x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Reduction axes are sorted and unique.
func.func @reduce_max_axes_repeat(%input: tensor<2x3xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{expects axes to be strictly increasing (actual [1, 1])}}
  // expected-error @+1 {{'kiln.reduce_max' op failed to infer returned types}}
  %0 = kiln.reduce_max %input {axes = array<i64: 1, 1>, keep_dims = false} : tensor<2x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// kiln.lstm
//===----------------------------------------------------------------------===//

// -----

// `kiln.lstm` knows three directions.
func.func @lstm_direction(%x: tensor<10x1x8xf32>, %w: tensor<1x64x8xf32>, %r: tensor<1x64x16xf32>, %b: tensor<1x128xf32>, %h: tensor<1x1x16xf32>) -> tensor<10x1x1x16xf32> {
  // expected-error @+2 {{expects direction ("backward") to be forward, reverse or bidirectional}}
  // expected-error @+1 {{'kiln.lstm' op failed to infer returned types}}
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h, %h {activations = ["Sigmoid", "Tanh", "Tanh"], direction = "backward", hidden_size = 16 : i64, input_forget = false} : (tensor<10x1x8xf32>, tensor<1x64x8xf32>, tensor<1x64x16xf32>, tensor<1x128xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>) -> (tensor<10x1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>)
  return %y : tensor<10x1x1x16xf32>
}

// -----

// `kiln.lstm` needs a hidden state.
func.func @lstm_hidden_size(%x: tensor<10x1x8xf32>, %w: tensor<1x0x8xf32>, %r: tensor<1x0x0xf32>, %b: tensor<1x0xf32>, %h: tensor<1x1x0xf32>) -> tensor<10x1x1x0xf32> {
  // expected-error @+2 {{expects hidden_size (0) to be positive}}
  // expected-error @+1 {{'kiln.lstm' op failed to infer returned types}}
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h, %h {activations = ["Sigmoid", "Tanh", "Tanh"], direction = "forward", hidden_size = 0 : i64, input_forget = false} : (tensor<10x1x8xf32>, tensor<1x0x8xf32>, tensor<1x0x0xf32>, tensor<1x0xf32>, tensor<1x1x0xf32>, tensor<1x1x0xf32>) -> (tensor<10x1x1x0xf32>, tensor<1x1x0xf32>, tensor<1x1x0xf32>)
  return %y : tensor<10x1x1x0xf32>
}

// -----

// A bidirectional `kiln.lstm` lists the activations of both directions.
func.func @lstm_activations_size(%x: tensor<10x1x8xf32>, %w: tensor<2x64x8xf32>, %r: tensor<2x64x16xf32>, %b: tensor<2x128xf32>, %h: tensor<2x1x16xf32>) -> tensor<10x2x1x16xf32> {
  // expected-error @+2 {{expects the size of activations (3) to be 6, 3 per direction}}
  // expected-error @+1 {{'kiln.lstm' op failed to infer returned types}}
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h, %h {activations = ["Sigmoid", "Tanh", "Tanh"], direction = "bidirectional", hidden_size = 16 : i64, input_forget = false} : (tensor<10x1x8xf32>, tensor<2x64x8xf32>, tensor<2x64x16xf32>, tensor<2x128xf32>, tensor<2x1x16xf32>, tensor<2x1x16xf32>) -> (tensor<10x2x1x16xf32>, tensor<2x1x16xf32>, tensor<2x1x16xf32>)
  return %y : tensor<10x2x1x16xf32>
}

// -----

// `kiln.lstm` supports three activation functions.
func.func @lstm_activation_name(%x: tensor<10x1x8xf32>, %w: tensor<1x64x8xf32>, %r: tensor<1x64x16xf32>, %b: tensor<1x128xf32>, %h: tensor<1x1x16xf32>) -> tensor<10x1x1x16xf32> {
  // expected-error @+2 {{expects activation ("HardSigmoid") to be Sigmoid, Tanh or Relu}}
  // expected-error @+1 {{'kiln.lstm' op failed to infer returned types}}
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h, %h {activations = ["HardSigmoid", "Tanh", "Tanh"], direction = "forward", hidden_size = 16 : i64, input_forget = false} : (tensor<10x1x8xf32>, tensor<1x64x8xf32>, tensor<1x64x16xf32>, tensor<1x128xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>) -> (tensor<10x1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>)
  return %y : tensor<10x1x1x16xf32>
}

// -----

// `kiln.lstm` clip, when present, is positive.
func.func @lstm_clip(%x: tensor<10x1x8xf32>, %w: tensor<1x64x8xf32>, %r: tensor<1x64x16xf32>, %b: tensor<1x128xf32>, %h: tensor<1x1x16xf32>) -> tensor<10x1x1x16xf32> {
  // expected-error @+2 {{expects clip (0.000000e+00) to be positive}}
  // expected-error @+1 {{'kiln.lstm' op failed to infer returned types}}
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h, %h {activations = ["Sigmoid", "Tanh", "Tanh"], clip = 0.0 : f32, direction = "forward", hidden_size = 16 : i64, input_forget = false} : (tensor<10x1x8xf32>, tensor<1x64x8xf32>, tensor<1x64x16xf32>, tensor<1x128xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>) -> (tensor<10x1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>)
  return %y : tensor<10x1x1x16xf32>
}

// -----

// `kiln.lstm` takes sequence-first `x`; a batch-first one is transposed by
// the conversion, and a 2-D one is an error.
func.func @lstm_x_rank(%x: tensor<10x8xf32>, %w: tensor<1x64x8xf32>, %r: tensor<1x64x16xf32>, %b: tensor<1x128xf32>, %h: tensor<1x1x16xf32>) -> tensor<10x1x1x16xf32> {
  // expected-error @+2 {{expects x of rank 3 (actual 2)}}
  // expected-error @+1 {{'kiln.lstm' op failed to infer returned types}}
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h, %h {activations = ["Sigmoid", "Tanh", "Tanh"], direction = "forward", hidden_size = 16 : i64, input_forget = false} : (tensor<10x8xf32>, tensor<1x64x8xf32>, tensor<1x64x16xf32>, tensor<1x128xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>) -> (tensor<10x1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>)
  return %y : tensor<10x1x1x16xf32>
}

// -----

// `kiln.lstm` operands share the element type of `x`.
func.func @lstm_element_type(%x: tensor<10x1x8xf32>, %w: tensor<1x64x8xf32>, %r: tensor<1x64x16xf16>, %b: tensor<1x128xf32>, %h: tensor<1x1x16xf32>) -> tensor<10x1x1x16xf32> {
  // expected-error @+2 {{expects r ('f16') to have the element type of x ('f32')}}
  // expected-error @+1 {{'kiln.lstm' op failed to infer returned types}}
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h, %h {activations = ["Sigmoid", "Tanh", "Tanh"], direction = "forward", hidden_size = 16 : i64, input_forget = false} : (tensor<10x1x8xf32>, tensor<1x64x8xf32>, tensor<1x64x16xf16>, tensor<1x128xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>) -> (tensor<10x1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>)
  return %y : tensor<10x1x1x16xf32>
}

// -----

// `kiln.lstm` peepholes have three gates per direction.
func.func @lstm_peepholes_shape(%x: tensor<10x1x8xf32>, %w: tensor<1x64x8xf32>, %r: tensor<1x64x16xf32>, %b: tensor<1x128xf32>, %h: tensor<1x1x16xf32>, %p: tensor<1x64xf32>) -> tensor<10x1x1x16xf32> {
  // expected-error @+2 {{expects peepholes ([1, 64]) to have shape [1, 48] = [dirs, 3 * hidden_size]}}
  // expected-error @+1 {{'kiln.lstm' op failed to infer returned types}}
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h, %h, %p {activations = ["Sigmoid", "Tanh", "Tanh"], direction = "forward", hidden_size = 16 : i64, input_forget = false} : (tensor<10x1x8xf32>, tensor<1x64x8xf32>, tensor<1x64x16xf32>, tensor<1x128xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x64xf32>) -> (tensor<10x1x1x16xf32>, tensor<1x1x16xf32>, tensor<1x1x16xf32>)
  return %y : tensor<10x1x1x16xf32>
}
