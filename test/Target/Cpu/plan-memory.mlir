// RUN: kiln-opt %s --split-input-file --kiln-cpu-plan-memory | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-cpu-plan-memory=alignment=128 | FileCheck %s --check-prefix=ALIGN128

// Two temporaries alive at the same time get disjoint offsets; a third one,
// allocated after the first died, reuses the first one's bytes.
// CHECK-LABEL: func.func @reuse_after_last_use
//  CHECK-SAME:   %[[WS:[a-zA-Z0-9_]+]]: memref<256xi8> {kiln.workspace}
//  CHECK-SAME:   attributes {kiln.workspace_alignment = 64 : i64, kiln.workspace_size = 256 : i64}
//   CHECK-DAG:   %[[OFF_0:.+]] = arith.constant 0 : index
//   CHECK-DAG:   %[[OFF_128:.+]] = arith.constant 128 : index
//       CHECK:   %[[A:.+]] = memref.view %[[WS]][%[[OFF_0]]][] : memref<256xi8> to memref<32xf32>
//       CHECK:   %[[B:.+]] = memref.view %[[WS]][%[[OFF_128]]][] : memref<256xi8> to memref<32xf32>
//       CHECK:   %[[C:.+]] = memref.view %[[WS]][%[[OFF_0]]][] : memref<256xi8> to memref<32xf32>
//   CHECK-NOT:   memref.alloc
// ALIGN128-LABEL: func.func @reuse_after_last_use
//  ALIGN128-SAME:   memref<256xi8>
//  ALIGN128-SAME:   kiln.workspace_alignment = 128 : i64
func.func @reuse_after_last_use(%in: memref<32xf32>, %out: memref<32xf32>) {
  %a = memref.alloc() {alignment = 64 : i64} : memref<32xf32>
  memref.copy %in, %a : memref<32xf32> to memref<32xf32>
  %b = memref.alloc() {alignment = 64 : i64} : memref<32xf32>
  memref.copy %a, %b : memref<32xf32> to memref<32xf32>
  %c = memref.alloc() {alignment = 64 : i64} : memref<32xf32>
  memref.copy %b, %c : memref<32xf32> to memref<32xf32>
  memref.copy %c, %out : memref<32xf32> to memref<32xf32>
  return
}

// -----

// A view of a buffer keeps it alive: %a is used through %v after %b exists,
// so they must not overlap.
// CHECK-LABEL: func.func @alias_extends_lifetime
//   CHECK-DAG:   %[[OFF_0:.+]] = arith.constant 0 : index
//   CHECK-DAG:   %[[OFF_64:.+]] = arith.constant 64 : index
//       CHECK:   memref.view %{{.+}}[%[[OFF_0]]][] : memref<128xi8> to memref<4x4xf32>
//       CHECK:   memref.view %{{.+}}[%[[OFF_64]]][] : memref<128xi8> to memref<16xf32>
func.func @alias_extends_lifetime(%in: memref<16xf32>, %out: memref<16xf32>) {
  %a = memref.alloc() : memref<4x4xf32>
  %v = memref.collapse_shape %a [[0, 1]] : memref<4x4xf32> into memref<16xf32>
  %b = memref.alloc() : memref<16xf32>
  memref.copy %in, %b : memref<16xf32> to memref<16xf32>
  memref.copy %b, %v : memref<16xf32> to memref<16xf32>
  memref.copy %v, %out : memref<16xf32> to memref<16xf32>
  return
}

// -----

// Everything allocated inside a loop lives for the whole loop.
// CHECK-LABEL: func.func @loop_allocations
//  CHECK-SAME:   memref<128xi8> {kiln.workspace}
//   CHECK-NOT:   memref.alloc
func.func @loop_allocations(%in: memref<8xf32>, %out: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %t = memref.alloc() : memref<8xf32>
    memref.copy %in, %t : memref<8xf32> to memref<8xf32>
    %u = memref.alloc() : memref<8xf32>
    memref.copy %t, %u : memref<8xf32> to memref<8xf32>
    memref.copy %u, %out : memref<8xf32> to memref<8xf32>
  }
  return
}

// -----

// No temporaries: an empty workspace.
// CHECK-LABEL: func.func @no_allocations
//  CHECK-SAME:   memref<0xi8> {kiln.workspace}
//  CHECK-SAME:   kiln.workspace_size = 0 : i64
func.func @no_allocations(%in: memref<8xf32>, %out: memref<8xf32>) {
  memref.copy %in, %out : memref<8xf32> to memref<8xf32>
  return
}
