// RUN: kiln-opt %s --split-input-file --kiln-cpu-add-run-context | FileCheck %s

// A function with a planned workspace gets the run context last.
// CHECK-LABEL: func.func @model
//  CHECK-SAME:   (%{{.+}}: memref<4xf32>, %{{.+}}: memref<64xi8> {kiln.workspace}, %{{.+}}: !llvm.ptr {kiln.run_context})
func.func @model(%x: memref<4xf32>, %ws: memref<64xi8> {kiln.workspace})
    attributes {kiln.workspace_alignment = 64 : i64, kiln.workspace_size = 64 : i64} {
  return
}

// -----

// Running twice adds one context, not two.
// CHECK-LABEL: func.func @already_there
//  CHECK-SAME:   (%{{.+}}: memref<64xi8> {kiln.workspace}, %{{.+}}: !llvm.ptr {kiln.run_context})
//   CHECK-NOT:   !llvm.ptr
func.func @already_there(%ws: memref<64xi8> {kiln.workspace}, %ctx: !llvm.ptr {kiln.run_context})
    attributes {kiln.workspace_alignment = 64 : i64, kiln.workspace_size = 64 : i64} {
  return
}

// -----

// A helper without a workspace is not a model function: left alone.
// CHECK-LABEL: func.func @helper
//  CHECK-SAME:   (%{{.+}}: f32) -> f32
func.func @helper(%x: f32) -> f32 {
  return %x : f32
}
