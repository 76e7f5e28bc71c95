// RUN: kiln-opt %s --split-input-file --verify-diagnostics --convert-kiln-rt-to-llvm

// expected-error @+1 {{expects the kiln.interface attribute of kiln-record-interface}}
module {
  func.func @m_main(%x: memref<1x4x8x8xf32>, %y: memref<1x4x4x4xf32>) {
    kiln_rt.onednn_pool %x outs(%y : memref<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 0 : i64} : memref<1x4x8x8xf32>
    return
  }
}

// -----

// expected-error @+1 {{expects @m_main with a run context (kiln-cpu-add-run-context)}}
module attributes {kiln.interface = {name = "m"}} {
  func.func @m_main(%x: memref<1x4x8x8xf32>, %y: memref<1x4x4x4xf32>) {
    kiln_rt.onednn_pool %x outs(%y : memref<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 0 : i64} : memref<1x4x8x8xf32>
    return
  }
}

// -----

// expected-error @+1 {{expects no @m_init yet: the oneDNN ops define it}}
module attributes {kiln.interface = {name = "m"}} {
  func.func @m_init() {
    return
  }
  func.func @m_main(%x: memref<1x4x8x8xf32>, %y: memref<1x4x4x4xf32>, %ctx: !llvm.ptr {kiln.run_context}) {
    kiln_rt.onednn_pool %x outs(%y : memref<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 0 : i64} : memref<1x4x8x8xf32>
    return
  }
}

// -----

module attributes {kiln.interface = {name = "m"}} {
  func.func @m_main(%ctx: !llvm.ptr {kiln.run_context}) {
    return
  }
  func.func @helper(%x: memref<1x4x8x8xf32>, %y: memref<1x4x4x4xf32>) {
    // expected-error @+1 {{'kiln_rt.onednn_pool' op expects to be in @m_main, the model function}}
    kiln_rt.onednn_pool %x outs(%y : memref<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 0 : i64} : memref<1x4x8x8xf32>
    return
  }
}

// -----

module attributes {kiln.interface = {name = "m"}} {
  func.func @m_main(%x: memref<1x4x2x2xf32>, %w: memref<8x4x1x1xf32>, %y: memref<1x8x2x2xf32>, %ctx: !llvm.ptr {kiln.run_context}) {
    // expected-error @+1 {{'kiln_rt.onednn_conv' op expects its weights to be a constant global}}
    kiln_rt.onednn_conv %x, %w outs(%y : memref<1x8x2x2xf32>) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, scratch_size = 0 : i64} : memref<1x4x2x2xf32>, memref<8x4x1x1xf32>
    return
  }
}

// -----

module attributes {kiln.interface = {name = "m"}} {
  memref.global "private" constant @r : memref<4x3xf32> = dense<1.0>
  func.func @m_main(%a: memref<2x4xf32>, %b: memref<3xf32>, %z: memref<2x3xf32>, %ctx: !llvm.ptr {kiln.run_context}) {
    %r = memref.get_global @r : memref<4x3xf32>
    // expected-error @+1 {{'kiln_rt.onednn_matmul' op expects its bias to be a constant global}}
    kiln_rt.onednn_matmul %a, %r bias(%b : memref<3xf32>) outs(%z : memref<2x3xf32>) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_lhs = false, trans_rhs = false, scratch_size = 0 : i64} : memref<2x4xf32>, memref<4x3xf32>
    return
  }
}

// -----

module attributes {kiln.interface = {name = "m"}} {
  func.func @m_main(%x: memref<1x4x8x8xf32, strided<[512, 64, 8, 1], offset: 4>>, %y: memref<1x4x4x4xf32>, %ctx: !llvm.ptr {kiln.run_context}) {
    // expected-error @+1 {{'kiln_rt.onednn_pool' op expects buffers with the identity layout, got 'memref<1x4x8x8xf32, strided<[512, 64, 8, 1], offset: 4>>'}}
    kiln_rt.onednn_pool %x outs(%y : memref<1x4x4x4xf32>) {kind = "max", kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, scratch_size = 0 : i64} : memref<1x4x8x8xf32, strided<[512, 64, 8, 1], offset: 4>>
    return
  }
}
