// RUN: kiln-opt %s --split-input-file --verify-diagnostics --kiln-cpu-plan-memory

func.func @negative_dynamic_allocation(%n: index) {
  // expected-error @+1 {{cannot place 'memref<?xf32>' in the workspace: it needs a static shape and the identity layout}}
  %a = memref.alloc(%n) : memref<?xf32>
  return
}

