// RUN: kiln-opt %s --split-input-file --convert-kiln-rt-to-llvm | FileCheck %s

// A pooling: its descriptor (kiln_rt_onednn_pool_desc_t: spatial rank 2,
// kind max, batch 1, 4 channels, in 8x8, out 4x4, kernel 2x2, strides
// 2x2, dilations 1x1, pads 0, NCHW input, native-layout result, scratch 64
// bytes) and name become constants;
// init creates it into slot 0 of the state and returns a failure; deinit
// destroys it; main runs it with the handle from the run context's state
// and the buffers (input, output, scratch) in a stack array.
//       CHECK: module attributes {{{.*}}kiln.instance_state_alignment = 8 : i64, kiln.instance_state_size = 8 : i64
//   CHECK-DAG: llvm.mlir.global private constant @[[$DESC:kiln_onednn_desc[0-9_]*]](dense<[2, 0, 1, 4, 8, 8, 0, 4, 4, 0, 2, 2, 0, 2, 2, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 64]> : tensor<28xi64>) {{.*}} : !llvm.array<28 x i64>
//   CHECK-DAG: llvm.mlir.global private constant @[[$NAME:kiln_onednn_name[0-9_]*]]("pool_node\00")
//   CHECK-DAG: llvm.func @kiln_rt_onednn_pool_create(!llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
//   CHECK-DAG: llvm.func @kiln_rt_onednn_pool_run(!llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
//   CHECK-DAG: llvm.func @kiln_rt_onednn_destroy(!llvm.ptr, !llvm.ptr)
// CHECK-LABEL: func.func @m_main
//  CHECK-SAME:   %[[X:[a-z0-9]+]]: memref<1x4x8x8xf32>, %[[Y:[a-z0-9]+]]: memref<1x4x4x4xf32>, %{{.+}}: memref<64xi8> {kiln.workspace}, %[[CTX:.+]]: !llvm.ptr {kiln.run_context}
//       CHECK:   %[[ARGS:.+]] = llvm.alloca %{{.+}} x !llvm.array<4 x ptr>
//       CHECK:   %[[STATE_FIELD:.+]] = llvm.getelementptr %[[CTX]][0, 1]
//       CHECK:   %[[STATE:.+]] = llvm.load %[[STATE_FIELD]] : !llvm.ptr -> !llvm.ptr
//       CHECK:   %[[SLOT:.+]] = llvm.getelementptr %[[STATE]][0] : (!llvm.ptr) -> !llvm.ptr, i8
//       CHECK:   %[[HANDLE:.+]] = llvm.load %[[SLOT]] : !llvm.ptr -> !llvm.ptr
//       CHECK:   memref.extract_aligned_pointer_as_index %[[X]]
//       CHECK:   memref.extract_aligned_pointer_as_index %[[Y]]
//       CHECK:   llvm.call @kiln_rt_onednn_pool_run(%[[HANDLE]], %[[CTX]], %[[ARGS]])
//   CHECK-NOT:   kiln_rt.onednn_pool
// CHECK-LABEL: func.func @m_init
//  CHECK-SAME:   (%[[INSTANCE:.+]]: !llvm.ptr, %[[STATE:.+]]: !llvm.ptr) -> i32
//       CHECK:   %[[D:.+]] = llvm.mlir.addressof @[[$DESC]]
//       CHECK:   %[[N:.+]] = llvm.mlir.addressof @[[$NAME]]
//       CHECK:   %[[SLOT:.+]] = llvm.getelementptr %[[STATE]][0]
//       CHECK:   %[[STATUS:.+]] = llvm.call @kiln_rt_onednn_pool_create(%[[INSTANCE]], %[[D]], %[[N]], %[[SLOT]])
//       CHECK:   %[[FAILED:.+]] = arith.cmpi ne, %[[STATUS]]
//       CHECK:   cf.cond_br %[[FAILED]], ^[[FAIL:.+]], ^[[NEXT:.+]]
//       CHECK: ^[[FAIL]]:
//       CHECK:   return %[[STATUS]] : i32
//       CHECK: ^[[NEXT]]:
//       CHECK:   return %{{.+}} : i32
// CHECK-LABEL: func.func @m_deinit
//  CHECK-SAME:   (%[[INSTANCE:.+]]: !llvm.ptr, %[[STATE:.+]]: !llvm.ptr)
//       CHECK:   %[[HANDLE:.+]] = llvm.load
//       CHECK:   llvm.call @kiln_rt_onednn_destroy(%[[INSTANCE]], %[[HANDLE]])
module attributes {kiln.interface = {name = "m"}} {
  func.func @m_main(%x: memref<1x4x8x8xf32>, %y: memref<1x4x4x4xf32>, %ws: memref<64xi8> {kiln.workspace}, %ctx: !llvm.ptr {kiln.run_context}) {
    %c0 = arith.constant 0 : index
    %s = memref.view %ws[%c0][] : memref<64xi8> to memref<64xi8>
    kiln_rt.onednn_pool %x outs(%y : memref<1x4x4x4xf32>) scratch(%s : memref<64xi8>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 64 : i64, native_layout_result} : memref<1x4x8x8xf32> loc("pool_node")
    return
  }
}

// -----

// A conv and a matmul: one slot each (the second at byte 8); the conv's
// weights and bias and the matmul's constant rhs come from their globals
// in init; the matmul's run-time post-op operand follows the scratch
// pointer (null: no scratch) in its argument array.
// CHECK: module attributes {{{.*}}kiln.instance_state_size = 16 : i64
// CHECK-LABEL: func.func @m_main
//       CHECK:   llvm.alloca %{{.+}} x !llvm.array<6 x ptr>
//       CHECK:   llvm.call @kiln_rt_onednn_conv_run
//       CHECK:   llvm.getelementptr %{{.+}}[8] : (!llvm.ptr) -> !llvm.ptr, i8
//       CHECK:   %[[NULL:.+]] = llvm.mlir.zero : !llvm.ptr
//       CHECK:   llvm.store %[[NULL]]
//       CHECK:   llvm.call @kiln_rt_onednn_matmul_run
// CHECK-LABEL: func.func @m_init
//       CHECK:   %[[W:.+]] = memref.get_global @w
//       CHECK:   %[[B:.+]] = memref.get_global @b
//       CHECK:   llvm.call @kiln_rt_onednn_conv_create
//       CHECK:   %[[R:.+]] = memref.get_global @r
//       CHECK:   %[[NO_BIAS:.+]] = llvm.mlir.zero : !llvm.ptr
//       CHECK:   llvm.call @kiln_rt_onednn_matmul_create
module attributes {kiln.interface = {name = "m"}} {
  memref.global "private" constant @w : memref<8x4x1x1xf32> = dense<1.0>
  memref.global "private" constant @b : memref<8xf32> = dense<1.0>
  memref.global "private" constant @r : memref<4x3xf32> = dense<1.0>
  func.func @m_main(%x: memref<1x4x2x2xf32>, %y: memref<1x8x2x2xf32>, %a: memref<2x4xf32>, %c: memref<2x3xf32>, %z: memref<2x3xf32>, %ws: memref<64xi8> {kiln.workspace}, %ctx: !llvm.ptr {kiln.run_context}) {
    %w = memref.get_global @w : memref<8x4x1x1xf32>
    %b = memref.get_global @b : memref<8xf32>
    %r = memref.get_global @r : memref<4x3xf32>
    %c0 = arith.constant 0 : index
    %s = memref.view %ws[%c0][] : memref<64xi8> to memref<64xi8>
    kiln_rt.onednn_conv %x, %w bias(%b : memref<8xf32>) outs(%y : memref<1x8x2x2xf32>) scratch(%s : memref<64xi8>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, scratch_size = 64 : i64} : memref<1x4x2x2xf32>, memref<8x4x1x1xf32>
    kiln_rt.onednn_matmul %a, %r post(%c : memref<2x3xf32>) outs(%z : memref<2x3xf32>) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_lhs = false, trans_rhs = false, post_ops = ["add"], post_op_alphas = array<f32: 0.0>, post_op_betas = array<f32: 0.0>, scratch_size = 0 : i64} : memref<2x4xf32>, memref<4x3xf32>
    return
  }
}

// -----

// Without oneDNN ops nothing changes: no init, no state.
// CHECK-LABEL: module attributes {kiln.interface = {name = "m"}}
//   CHECK-NOT:   m_init
module attributes {kiln.interface = {name = "m"}} {
  func.func @m_main(%ws: memref<64xi8> {kiln.workspace}, %ctx: !llvm.ptr {kiln.run_context}) {
    return
  }
}
