// RUN: kiln-opt %s --split-input-file --kiln-cpu-tile-and-vectorize --canonicalize | FileCheck %s

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// An elementwise op big enough for threads: the first parallel loop with
// two or more iterations (channels) is split into 64 chunks, and each
// chunk's rows of 56 become 8-lane vectors (the largest power of two that
// divides 56: LLVM would assemble a 56-lane load lane by lane).
// CHECK-LABEL: func.func @elementwise
//       CHECK:   scf.forall (%[[C:.+]]) in (64) shared_outs
//       CHECK:     scf.for
//       CHECK:       scf.for %{{.+}} = %{{.+}} to %{{.+}} step %c8
//       CHECK:       vector.transfer_read {{.+}} : tensor<1x1x1x8xf32>, vector<1x1x1x8xf32>
//       CHECK:       math.exp {{.+}} : vector<1x1x1x8xf32>
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

// Three attention heads would run 2:1 on two threads: the threads share
// the 197 rows instead, the first loop of at least 8 iterations.
// CHECK-LABEL: func.func @few_heads
//       CHECK:   scf.forall (%{{.+}}) in (197)
#heads = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @few_heads(%x: tensor<1x3x197x64xf32>) -> tensor<1x3x197x64xf32> {
  %init = tensor.empty() : tensor<1x3x197x64xf32>
  %y = linalg.generic {indexing_maps = [#heads, #heads], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<1x3x197x64xf32>) outs(%init : tensor<1x3x197x64xf32>) {
  ^bb0(%a: f32, %b: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  } -> tensor<1x3x197x64xf32>
  return %y : tensor<1x3x197x64xf32>
}

// -----

// A small op stays on the calling thread but is still vectorized; the
// lanes take the largest divisor of the last loop up to 64 (50 of 100: no
// power of two from 8 up divides it).
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

// A matrix product: chunks of 4 rows for the threads; each tile is a
// block of 4 rows by 16 columns, so that every row of B it loads serves 4
// rows of C. It becomes broadcasts and multiply-adds, one step of k at a
// time, with the block of the result in registers (a vector the k loop
// carries) from the first step to the last.
// CHECK-LABEL: func.func @matmul
//       CHECK:   scf.forall (%{{.+}}) = (0) to (64) step (4)
//       CHECK:     %[[C:.+]] = vector.transfer_read {{.+}} : tensor<4x16xf32>, vector<4x16xf32>
//       CHECK:     %[[ROW:.+]] = scf.for %{{.+}} = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[ACC:.+]] = %[[C]]) -> (vector<4x16xf32>)
//       CHECK:       %[[A:.+]] = vector.transfer_read {{.+}} : tensor<4x1xf32>, vector<4x16x1xf32>
//       CHECK:       %[[B:.+]] = vector.transfer_read {{.+}} : tensor<1x16xf32>, vector<4x16x1xf32>
//       CHECK:       %[[P:.+]] = arith.mulf %[[A]], %[[B]] : vector<4x16x1xf32>
//       CHECK:       %[[P2:.+]] = vector.shape_cast %[[P]]
//       CHECK:       %[[SUM:.+]] = arith.addf %[[ACC]], %[[P2]] : vector<4x16xf32>
//       CHECK:       scf.yield %[[SUM]]
//       CHECK:     vector.transfer_write %[[ROW]]
func.func @matmul(%a: tensor<64x32xf32>, %b: tensor<32x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %y = linalg.matmul ins(%a, %b : tensor<64x32xf32>, tensor<32x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %y : tensor<64x64xf32>
}

// -----

// A product on B packed in panels (kiln-cpu-pack-constant-operands): the
// rows of a tile are those of A (m), not the panels, which B walks too;
// each tile is 4 rows by one panel's 16 columns, and the threads share
// chunks of rows.
// CHECK-LABEL: func.func @packed_matmul
//       CHECK:   scf.forall (%{{.+}}) = (0) to (64) step (4)
//       CHECK:     scf.for
//       CHECK:       vector.transfer_read {{.+}} : tensor<4x1x16xf32>, vector<4x1x16xf32>
//       CHECK:       scf.for {{.+}} -> (vector<4x1x16xf32>)
//       CHECK:         vector.transfer_read {{.+}} : tensor<1x1x16xf32>, vector<4x1x16x1xf32>
#a = affine_map<(m, p, j, k) -> (m, k)>
#b = affine_map<(m, p, j, k) -> (p, k, j)>
#c = affine_map<(m, p, j, k) -> (m, p, j)>
func.func @packed_matmul(%a: tensor<64x32xf32>, %b: tensor<4x32x16xf32>, %c: tensor<64x4x16xf32>) -> tensor<64x4x16xf32> {
  %r = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%a, %b : tensor<64x32xf32>, tensor<4x32x16xf32>) outs(%c : tensor<64x4x16xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<64x4x16xf32>
  return %r : tensor<64x4x16xf32>
}

// -----

// A packed matrix-vector product whose 1000 columns came in panels of 8
// (the largest power of two dividing 1000): each tile computes 5 panels,
// 40 accumulator lanes as five 8-lane vectors, and the threads share
// chunks of 5 panels.
// CHECK-LABEL: func.func @packed_matrix_vector
//       CHECK:   scf.forall (%{{.+}}) = (0) to (125) step (5)
//       CHECK:     vector.transfer_read {{.+}} : tensor<1x5x8xf32>, vector<1x5x8xf32>
//       CHECK:     scf.for {{.+}} -> (vector<1x5x8xf32>)
#va = affine_map<(m, p, j, k) -> (m, k)>
#vb = affine_map<(m, p, j, k) -> (p, k, j)>
#vc = affine_map<(m, p, j, k) -> (m, p, j)>
func.func @packed_matrix_vector(%a: tensor<1x64xf32>, %b: tensor<125x64x8xf32>, %c: tensor<1x125x8xf32>) -> tensor<1x125x8xf32> {
  %r = linalg.generic {indexing_maps = [#va, #vb, #vc], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%a, %b : tensor<1x64xf32>, tensor<125x64x8xf32>) outs(%c : tensor<1x125x8xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<1x125x8xf32>
  return %r : tensor<1x125x8xf32>
}

// -----

// A convolution is split for the threads (output channels), then tiled to
// one output row and one kernel row at a time: a 1-D convolution, which
// becomes vector multiply-adds over a row of outputs, one per kernel
// column, accumulated in registers across the kernel rows.
// CHECK-LABEL: func.func @conv
//       CHECK:   scf.forall (%{{.+}}) in (8)
//       CHECK:     scf.for
//       CHECK:       %[[ROW:.+]] = vector.transfer_read {{.+}} : tensor<1x1x14xf32>, vector<1x1x14xf32>
//       CHECK:       scf.for {{.+}} iter_args(%{{.+}} = %[[ROW]]) -> (vector<1x1x14xf32>)
//       CHECK:         vector.contract
//       CHECK:         vector.contract
//       CHECK:         vector.contract
//   CHECK-NOT:     linalg.conv
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

// -----

// A matrix-vector product has only its columns to share: the threads get
// chunks of them as wide as the vectors (8 chunks of 64, not 256 of 2).
// Ops in a sequential loop (an LSTM's time steps) are scheduled too.
// CHECK-LABEL: func.func @matvec_in_loop
//       CHECK:   scf.for
//       CHECK:     scf.forall (%{{.+}}) = (0) to (512) step (64)
//       CHECK:       scf.for {{.+}} -> (vector<1x64xf32>)
//       CHECK:         arith.mulf {{.+}} : vector<1x64x1xf32>
func.func @matvec_in_loop(%h: tensor<1x128xf32>, %r: tensor<128x512xf32>, %c: tensor<1x512xf32>) -> tensor<1x512xf32> {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  %y = scf.for %t = %c0 to %c4 step %c1 iter_args(%acc = %c) -> tensor<1x512xf32> {
    %m = linalg.matmul ins(%h, %r : tensor<1x128xf32>, tensor<128x512xf32>) outs(%acc : tensor<1x512xf32>) -> tensor<1x512xf32>
    scf.yield %m : tensor<1x512xf32>
  }
  return %y : tensor<1x512xf32>
}

// -----

// Ops that someone already split among threads are left alone.
// CHECK-LABEL: func.func @in_forall
//       CHECK:   scf.forall
//   CHECK-NOT:     vector.
//       CHECK:     linalg.add
func.func @in_forall(%x: tensor<4x100xf32>) -> tensor<4x100xf32> {
  %y = scf.forall (%i) in (4) shared_outs(%o = %x) -> tensor<4x100xf32> {
    %s = tensor.extract_slice %x[%i, 0] [1, 100] [1, 1] : tensor<4x100xf32> to tensor<1x100xf32>
    %d = tensor.extract_slice %o[%i, 0] [1, 100] [1, 1] : tensor<4x100xf32> to tensor<1x100xf32>
    %a = linalg.add ins(%s, %s : tensor<1x100xf32>, tensor<1x100xf32>) outs(%d : tensor<1x100xf32>) -> tensor<1x100xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %a into %o[%i, 0] [1, 100] [1, 1] : tensor<1x100xf32> into tensor<4x100xf32>
    }
  }
  return %y : tensor<4x100xf32>
}

// -----

// A row of 197 (a prime) has no vector-sized divisor: its vector is the
// whole row rather than 197 one-lane tiles.
// CHECK-LABEL: func.func @prime_rows
//       CHECK:   vector.multi_reduction <add>, {{.+}} [1] : vector<1x197xf32> to vector<1xf32>
func.func @prime_rows(%x: tensor<3x197xf32>, %init: tensor<3xf32>) -> tensor<3xf32> {
  %y = linalg.reduce ins(%x : tensor<3x197xf32>) outs(%init : tensor<3xf32>) dimensions = [1]
    (%a: f32, %b: f32) {
      %s = arith.addf %a, %b : f32
      linalg.yield %s : f32
    }
  return %y : tensor<3xf32>
}
