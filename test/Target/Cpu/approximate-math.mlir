// RUN: kiln-opt %s --split-input-file --kiln-cpu-approximate-math | FileCheck %s

// exp, tanh and erf on f32 vectors become polynomials: no math op is left
// for LLVM to turn into one libm call per lane.
// CHECK-LABEL: func.func @activations
//   CHECK-NOT:   math.exp
//   CHECK-NOT:   math.tanh
//   CHECK-NOT:   math.erf
//       CHECK:   math.fma {{.+}} : vector<8xf32>
//   CHECK-NOT:   math.exp
//   CHECK-NOT:   math.tanh
//   CHECK-NOT:   math.erf
//       CHECK:   return
func.func @activations(%x: vector<8xf32>) -> (vector<8xf32>, vector<8xf32>, vector<8xf32>) {
  %e = math.exp %x : vector<8xf32>
  %t = math.tanh %x : vector<8xf32>
  %f = math.erf %x : vector<8xf32>
  return %e, %t, %f : vector<8xf32>, vector<8xf32>, vector<8xf32>
}

// -----

// Other functions, and other types, keep their math ops.
// CHECK-LABEL: func.func @kept
//       CHECK:   math.sin %{{.+}} : vector<8xf32>
//       CHECK:   math.exp %{{.+}} : f64
//       CHECK:   math.tanh %{{.+}} : f16
func.func @kept(%x: vector<8xf32>, %y: f64, %z: f16) -> (vector<8xf32>, f64, f16) {
  %s = math.sin %x : vector<8xf32>
  %e = math.exp %y : f64
  %t = math.tanh %z : f16
  return %s, %e, %t : vector<8xf32>, f64, f16
}
