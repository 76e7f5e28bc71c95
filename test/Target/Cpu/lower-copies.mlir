// RUN: kiln-opt %s --split-input-file --kiln-cpu-lower-copies | FileCheck %s

// A copy into a strided subview (what a concat bufferizes to) becomes a
// linalg.copy, which lowers to loops rather than a runtime-library call.
// CHECK-LABEL: func.func @strided_copy_lowered
//       CHECK:   %[[SUB:.+]] = memref.subview
//       CHECK:   linalg.copy ins(%{{.+}} : memref<2x3xf32>) outs(%[[SUB]]
//   CHECK-NOT:   memref.copy
func.func @strided_copy_lowered(%a: memref<2x3xf32>, %out: memref<2x6xf32>) {
  %sub = memref.subview %out[0, 3] [2, 3] [1, 1] : memref<2x6xf32> to memref<2x3xf32, strided<[6, 1], offset: 3>>
  memref.copy %a, %sub : memref<2x3xf32> to memref<2x3xf32, strided<[6, 1], offset: 3>>
  return
}

// -----

// Contiguous copies stay: they become one memcpy.
// CHECK-LABEL: func.func @negative_contiguous_copy
//       CHECK:   memref.copy
//   CHECK-NOT:   linalg.copy
func.func @negative_contiguous_copy(%a: memref<2x3xf32>, %out: memref<2x3xf32>) {
  memref.copy %a, %out : memref<2x3xf32> to memref<2x3xf32>
  return
}
