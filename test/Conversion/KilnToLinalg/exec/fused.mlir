// RUN: kiln-opt %s --convert-kiln-to-linalg | kiln-opt %lower_to_llvm \
// RUN:   | mlir-runner -e main --entry-point-result=void \
// RUN:     --shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \
// RUN:   | FileCheck %s

// kiln.fused computes what its body computes outside a region: each case
// runs the same ops once in a kiln.fused (operands in a different order
// from the body's use, so a wrong argument mapping shows) and once plain,
// and counts the elements that differ.

// CHECK: [1,{{ +}}0]
// CHECK: [2,{{ +}}0]

func.func private @printMemrefF32(tensor<*xf32>)

// Prints `[case, mismatches]`, the number of elements of `got` outside
// rtol 1e-6 / atol 1e-7 of `want` (NaN matches only NaN). Written with linalg
// and arith directly, so that it does not depend on the pass under test.
func.func @check(%case: f32, %got: tensor<?xf32>, %want: tensor<?xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %rtol = arith.constant 1.0e-6 : f32
  %atol = arith.constant 1.0e-7 : f32
  %init = tensor.empty() : tensor<f32>
  %fill = linalg.fill ins(%zero : f32) outs(%init : tensor<f32>) -> tensor<f32>
  %count = linalg.generic {
      indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>,
                       affine_map<(d0) -> ()>],
      iterator_types = ["reduction"]}
      ins(%got, %want : tensor<?xf32>, tensor<?xf32>)
      outs(%fill : tensor<f32>) {
  ^bb0(%g: f32, %w: f32, %acc: f32):
    %diff = arith.subf %g, %w : f32
    %error = math.absf %diff : f32
    %magnitude = math.absf %w : f32
    %relative = arith.mulf %magnitude, %rtol : f32
    %tolerance = arith.addf %relative, %atol : f32
    %close = arith.cmpf ole, %error, %tolerance : f32
    %got_nan = arith.cmpf uno, %g, %g : f32
    %want_nan = arith.cmpf uno, %w, %w : f32
    %both_nan = arith.andi %got_nan, %want_nan : i1
    %ok = arith.ori %close, %both_nan : i1
    %miss = arith.select %ok, %zero, %one : f32
    %sum = arith.addf %acc, %miss : f32
    linalg.yield %sum : f32
  } -> tensor<f32>
  %mismatches = tensor.extract %count[] : tensor<f32>
  %pair = tensor.from_elements %case, %mismatches : tensor<2xf32>
  %printable = tensor.cast %pair : tensor<2xf32> to tensor<*xf32>
  call @printMemrefF32(%printable) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %x = kiln.constant dense<[[[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]]]> : tensor<1x2x3xf32>
  %w = kiln.constant dense<[[1.0, -2.0, 0.5, 0.0], [0.25, 1.0, -1.0, 2.0], [-0.5, 0.75, 1.5, -1.25]]> : tensor<3x4xf32>
  %bias = kiln.constant dense<[0.1, -0.2, 0.3, -0.4]> : tensor<4xf32>
  %sqrt2 = kiln.constant dense<1.41421354> : tensor<f32>
  %one = kiln.constant dense<1.0> : tensor<f32>
  %half = kiln.constant dense<0.5> : tensor<f32>

  // Case 1: matmul + bias + erf-GELU.
  %f1 = kiln.fused (%bias, %w, %x) : (tensor<4xf32>, tensor<3x4xf32>, tensor<1x2x3xf32>) -> tensor<1x2x4xf32> {
  ^bb0(%b: tensor<4xf32>, %rhs: tensor<3x4xf32>, %lhs: tensor<1x2x3xf32>):
    %c2 = kiln.constant dense<1.41421354> : tensor<f32>
    %c1 = kiln.constant dense<1.0> : tensor<f32>
    %ch = kiln.constant dense<0.5> : tensor<f32>
    %0 = kiln.matmul %lhs, %rhs : (tensor<1x2x3xf32>, tensor<3x4xf32>) -> tensor<1x2x4xf32>
    %1 = kiln.add %0, %b : (tensor<1x2x4xf32>, tensor<4xf32>) -> tensor<1x2x4xf32>
    %2 = kiln.div %1, %c2 : (tensor<1x2x4xf32>, tensor<f32>) -> tensor<1x2x4xf32>
    %3 = kiln.erf %2 : tensor<1x2x4xf32>
    %4 = kiln.add %3, %c1 : (tensor<1x2x4xf32>, tensor<f32>) -> tensor<1x2x4xf32>
    %5 = kiln.mul %1, %4 : (tensor<1x2x4xf32>, tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
    %6 = kiln.mul %5, %ch : (tensor<1x2x4xf32>, tensor<f32>) -> tensor<1x2x4xf32>
    kiln.yield %6 : tensor<1x2x4xf32>
  }
  %p0 = kiln.matmul %x, %w : (tensor<1x2x3xf32>, tensor<3x4xf32>) -> tensor<1x2x4xf32>
  %p1 = kiln.add %p0, %bias : (tensor<1x2x4xf32>, tensor<4xf32>) -> tensor<1x2x4xf32>
  %p2 = kiln.div %p1, %sqrt2 : (tensor<1x2x4xf32>, tensor<f32>) -> tensor<1x2x4xf32>
  %p3 = kiln.erf %p2 : tensor<1x2x4xf32>
  %p4 = kiln.add %p3, %one : (tensor<1x2x4xf32>, tensor<f32>) -> tensor<1x2x4xf32>
  %p5 = kiln.mul %p1, %p4 : (tensor<1x2x4xf32>, tensor<1x2x4xf32>) -> tensor<1x2x4xf32>
  %p6 = kiln.mul %p5, %half : (tensor<1x2x4xf32>, tensor<f32>) -> tensor<1x2x4xf32>
  %fused1 = kiln.reshape %f1 : tensor<1x2x4xf32> to tensor<8xf32>
  %plain1 = kiln.reshape %p6 : tensor<1x2x4xf32> to tensor<8xf32>
  %got1 = tensor.cast %fused1 : tensor<8xf32> to tensor<?xf32>
  %want1 = tensor.cast %plain1 : tensor<8xf32> to tensor<?xf32>
  %case1 = arith.constant 1.0 : f32
  call @check(%case1, %got1, %want1) : (f32, tensor<?xf32>, tensor<?xf32>) -> ()

  // Case 2: attention, scores scaled and masked.
  %q = kiln.constant dense<[[[0.5, -1.0], [1.0, 0.25], [-0.5, 0.75]]]> : tensor<1x3x2xf32>
  %k = kiln.constant dense<[[[1.0, -0.5, 0.25], [0.5, 2.0, -1.0]]]> : tensor<1x2x3xf32>
  %v = kiln.constant dense<[[[1.0, 2.0], [-1.0, 0.5], [0.25, -2.0]]]> : tensor<1x3x2xf32>
  %mask = kiln.constant dense<[[[0.0, -1.0e4, 0.0]]]> : tensor<1x1x3xf32>
  %f2 = kiln.fused (%v, %mask, %k, %q) : (tensor<1x3x2xf32>, tensor<1x1x3xf32>, tensor<1x2x3xf32>, tensor<1x3x2xf32>) -> tensor<1x3x2xf32> {
  ^bb0(%vv: tensor<1x3x2xf32>, %mm: tensor<1x1x3xf32>, %kk: tensor<1x2x3xf32>, %qq: tensor<1x3x2xf32>):
    %s = kiln.matmul %qq, %kk : (tensor<1x3x2xf32>, tensor<1x2x3xf32>) -> tensor<1x3x3xf32>
    %c = kiln.constant dense<1.41421354> : tensor<f32>
    %d = kiln.div %s, %c : (tensor<1x3x3xf32>, tensor<f32>) -> tensor<1x3x3xf32>
    %a = kiln.add %d, %mm : (tensor<1x3x3xf32>, tensor<1x1x3xf32>) -> tensor<1x3x3xf32>
    %sm = kiln.softmax %a {axis = 2 : i64} : tensor<1x3x3xf32>
    %o = kiln.matmul %sm, %vv : (tensor<1x3x3xf32>, tensor<1x3x2xf32>) -> tensor<1x3x2xf32>
    kiln.yield %o : tensor<1x3x2xf32>
  }
  %s0 = kiln.matmul %q, %k : (tensor<1x3x2xf32>, tensor<1x2x3xf32>) -> tensor<1x3x3xf32>
  %s1 = kiln.div %s0, %sqrt2 : (tensor<1x3x3xf32>, tensor<f32>) -> tensor<1x3x3xf32>
  %s2 = kiln.add %s1, %mask : (tensor<1x3x3xf32>, tensor<1x1x3xf32>) -> tensor<1x3x3xf32>
  %s3 = kiln.softmax %s2 {axis = 2 : i64} : tensor<1x3x3xf32>
  %s4 = kiln.matmul %s3, %v : (tensor<1x3x3xf32>, tensor<1x3x2xf32>) -> tensor<1x3x2xf32>
  %fused2 = kiln.reshape %f2 : tensor<1x3x2xf32> to tensor<6xf32>
  %plain2 = kiln.reshape %s4 : tensor<1x3x2xf32> to tensor<6xf32>
  %got2 = tensor.cast %fused2 : tensor<6xf32> to tensor<?xf32>
  %want2 = tensor.cast %plain2 : tensor<6xf32> to tensor<?xf32>
  %case2 = arith.constant 2.0 : f32
  call @check(%case2, %got2, %want2) : (f32, tensor<?xf32>, tensor<?xf32>) -> ()
  return
}
