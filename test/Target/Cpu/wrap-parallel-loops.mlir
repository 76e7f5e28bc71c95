// RUN: kiln-opt %s --split-input-file --kiln-cpu-wrap-parallel-loops --verify-diagnostics | FileCheck %s

// A 2-D forall runs as one linear range of 4 * 3 iterations; each chunk
// recovers both induction variables, the last one varying fastest.
// CHECK-LABEL: func.func @two_dims
//       CHECK:   %[[N:.+]] = arith.constant 12 : i64
//       CHECK:   kiln_rt.parallel_for %[[N]] : i64 {
//       CHECK:   ^bb0(%[[BEGIN:.+]]: i64, %[[END:.+]]: i64):
//   CHECK-DAG:     %[[B:.+]] = arith.index_cast %[[BEGIN]] : i64 to index
//   CHECK-DAG:     %[[E:.+]] = arith.index_cast %[[END]] : i64 to index
//       CHECK:     scf.for %[[I:.+]] = %[[B]] to %[[E]]
//       CHECK:       %[[INNER:.+]] = arith.remui %[[I]], %{{.+}} : index
//       CHECK:       %[[OUTER:.+]] = arith.divui %[[I]], %{{.+}} : index
//       CHECK:       memref.store %{{.+}}, %{{.+}}[%{{.+}}, %{{.+}}] : memref<8x3xf32>
//       CHECK:     kiln_rt.yield
//   CHECK-NOT:   scf.forall
func.func @two_dims(%out: memref<8x3xf32>) {
  %zero = arith.constant 0.0 : f32
  scf.forall (%i, %j) = (0, 0) to (8, 3) step (2, 1) {
    memref.store %zero, %out[%i, %j] : memref<8x3xf32>
  }
  return
}

// -----

// Stack buffers of an iteration stay scoped to it.
// CHECK-LABEL: func.func @scoped_alloca
//       CHECK:   kiln_rt.parallel_for
//       CHECK:     scf.for
//       CHECK:       memref.alloca_scope {
//       CHECK:         memref.alloca() : memref<4xf32>
func.func @scoped_alloca(%out: memref<8x4xf32>) {
  scf.forall (%i) in (8) {
    %tmp = memref.alloca() : memref<4xf32>
    %c0 = arith.constant 0 : index
    %v = memref.load %tmp[%c0] : memref<4xf32>
    memref.store %v, %out[%i, %c0] : memref<8x4xf32>
  }
  return
}

// -----

// Only the outermost forall runs in parallel; the nested one stays inside.
// CHECK-LABEL: func.func @nested
//       CHECK:   kiln_rt.parallel_for
//       CHECK:     scf.forall
//   CHECK-NOT:   kiln_rt.parallel_for
func.func @nested(%out: memref<4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  scf.forall (%i) in (4) {
    scf.forall (%j) in (4) {
      memref.store %zero, %out[%i, %j] : memref<4x4xf32>
    }
  }
  return
}

// -----

// Bounds unknown at compile time cannot be split ahead of the run.
func.func @dynamic(%out: memref<?xf32>, %n: index) {
  %zero = arith.constant 0.0 : f32
  // expected-error @+1 {{needs constant bounds and positive steps to run as a parallel loop}}
  scf.forall (%i) in (%n) {
    memref.store %zero, %out[%i] : memref<?xf32>
  }
  return
}
