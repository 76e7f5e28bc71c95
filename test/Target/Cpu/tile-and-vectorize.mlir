// RUN: kiln-opt %s --split-input-file --kiln-cpu-tile-and-vectorize --canonicalize | FileCheck %s

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// An elementwise op big enough for threads: the first parallel loop with
// two or more iterations (channels) is split into 64 chunks, and each
// chunk's rows become 56-lane vectors.
// CHECK-LABEL: func.func @elementwise
//       CHECK:   scf.forall (%[[C:.+]]) in (64) shared_outs
//       CHECK:     scf.for
//       CHECK:       vector.transfer_read {{.+}} : tensor<1x1x1x56xf32>, vector<1x1x1x56xf32>
//       CHECK:       math.exp {{.+}} : vector<1x1x1x56xf32>
//       CHECK:       vector.transfer_write
//       CHECK:     scf.forall.in_parallel
func.func @elementwise(%x: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %init = tensor.empty() : tensor<1x64x56x56xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<1x64x56x56xf32>) outs(%init : tensor<1x64x56x56xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  } -> tensor<1x64x56x56xf32>
  return %y : tensor<1x64x56x56xf32>
}

// -----

// A small op stays on the calling thread but is still vectorized; the
// lanes take the largest divisor of the last loop up to 64 (50 of 100).
// CHECK-LABEL: func.func @small
//   CHECK-NOT:   scf.forall
//       CHECK:   scf.for
//       CHECK:     vector.transfer_read {{.+}} vector<1x50xf32>
//       CHECK:     arith.addf {{.+}} : vector<1x50xf32>
func.func @small(%x: tensor<2x100xf32>) -> tensor<2x100xf32> {
  %init = tensor.empty() : tensor<2x100xf32>
  %y = linalg.add ins(%x, %x : tensor<2x100xf32>, tensor<2x100xf32>) outs(%init : tensor<2x100xf32>) -> tensor<2x100xf32>
  return %y : tensor<2x100xf32>
}

// -----

// A row sum reduces along the vector lanes.
// CHECK-LABEL: func.func @row_sum
//       CHECK:   scf.forall (%{{.+}}) in (128)
//       CHECK:     vector.multi_reduction <add>, {{.+}} [1] : vector<1x64xf32> to vector<1xf32>
func.func @row_sum(%x: tensor<128x64xf32>, %init: tensor<128xf32>) -> tensor<128xf32> {
  %y = linalg.reduce ins(%x : tensor<128x64xf32>) outs(%init : tensor<128xf32>) dimensions = [1]
    (%a: f32, %b: f32) {
      %s = arith.addf %a, %b : f32
      linalg.yield %s : f32
    }
  return %y : tensor<128xf32>
}

// -----

// A matrix product: chunks of rows for the threads, and the lanes walk the
// result's rows (n) so that it becomes broadcasts and multiply-adds, one
// step of k at a time.
// CHECK-LABEL: func.func @matmul
//       CHECK:   scf.forall (%{{.+}}) in (64)
//       CHECK:     scf.for %{{.+}} = %{{.+}} to %{{.+}} step %{{.+}} iter_args
//       CHECK:       %[[A:.+]] = vector.transfer_read {{.+}} : tensor<1x1xf32>, vector<1x64x1xf32>
//       CHECK:       %[[B:.+]] = vector.transfer_read {{.+}} : tensor<1x64xf32>, vector<1x64x1xf32>
//       CHECK:       arith.mulf %[[A]], %[[B]] : vector<1x64x1xf32>
//       CHECK:       arith.addf {{.+}} : vector<1x64xf32>
func.func @matmul(%a: tensor<64x32xf32>, %b: tensor<32x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %y = linalg.matmul ins(%a, %b : tensor<64x32xf32>, tensor<32x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %y : tensor<64x64xf32>
}

// -----

// A convolution is split for the threads, but its windows stay scalar
// loops: the vectorizer takes projected permutations only.
// CHECK-LABEL: func.func @conv
//       CHECK:   scf.forall (%{{.+}}) in (8)
//       CHECK:     linalg.conv_2d_nchw_fchw {{.+}} -> tensor<1x1x14x14xf32>
//   CHECK-NOT:   vector.
func.func @conv(%x: tensor<1x4x16x16xf32>, %w: tensor<8x4x3x3xf32>, %init: tensor<1x8x14x14xf32>) -> tensor<1x8x14x14xf32> {
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x4x16x16xf32>, tensor<8x4x3x3xf32>) outs(%init : tensor<1x8x14x14xf32>) -> tensor<1x8x14x14xf32>
  return %y : tensor<1x8x14x14xf32>
}

// -----

// Booleans take a byte each in Kiln's buffers but a bit each in an LLVM
// boolean vector: an op on them keeps scalar loops.
// CHECK-LABEL: func.func @booleans
//   CHECK-NOT:   vector.
//       CHECK:   linalg.generic
func.func @booleans(%x: tensor<2x100xi1>) -> tensor<2x100xi1> {
  %init = tensor.empty() : tensor<2x100xi1>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<2x100xi1>) outs(%init : tensor<2x100xi1>) {
  ^bb0(%a: i1, %b: i1):
    %true = arith.constant true
    %n = arith.xori %a, %true : i1
    linalg.yield %n : i1
  } -> tensor<2x100xi1>
  return %y : tensor<2x100xi1>
}

// -----

// A gather keeps scalar loads: the scalar code guards the indices.
// CHECK-LABEL: func.func @gather
//   CHECK-NOT:   vector.
//       CHECK:   tensor.extract
func.func @gather(%table: tensor<10xf32>, %idx: tensor<2x100xindex>) -> tensor<2x100xf32> {
  %init = tensor.empty() : tensor<2x100xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%idx : tensor<2x100xindex>) outs(%init : tensor<2x100xf32>) {
  ^bb0(%i: index, %b: f32):
    %v = tensor.extract %table[%i] : tensor<10xf32>
    linalg.yield %v : f32
  } -> tensor<2x100xf32>
  return %y : tensor<2x100xf32>
}
