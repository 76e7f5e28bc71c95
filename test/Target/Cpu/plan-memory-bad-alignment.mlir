// RUN: kiln-opt %s --verify-diagnostics --kiln-cpu-plan-memory=alignment=48

// expected-error @+1 {{alignment (48) must be a power of two}}
func.func @negative_bad_alignment() {
  return
}
