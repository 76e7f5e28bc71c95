// RUN: kiln-opt %s --kiln-linalg-pipeline="name=net" --kiln-cpu-codegen-pipeline="name=net" | FileCheck %s

// A model that prepares state at create time: create calls its init after
// the runtime's instance_create and takes the instance down when init
// fails; destroy calls its deinit first, except for NULL; the descriptor's
// instance size is the 64-byte header plus the state.
// CHECK-LABEL: llvm.mlir.global private constant @net_descriptor
//   CHECK-DAG:   %[[SIZE:.+]] = llvm.mlir.constant(104 : i64) : i64
//   CHECK-DAG:   %[[ALIGN:.+]] = llvm.mlir.constant(32 : i64) : i64
//       CHECK:   llvm.insertvalue %[[SIZE]], %{{.+}}[15]
//       CHECK:   llvm.insertvalue %[[ALIGN]], %{{.+}}[16]
// CHECK-LABEL: llvm.func @net_destroy(
//  CHECK-SAME:   %[[INSTANCE:.+]]: !llvm.ptr)
//       CHECK:   %[[NULL:.+]] = llvm.mlir.zero : !llvm.ptr
//       CHECK:   %[[IS_NULL:.+]] = llvm.icmp "eq" %[[INSTANCE]], %[[NULL]]
//       CHECK:   llvm.cond_br %[[IS_NULL]], ^[[DONE:.+]], ^[[RELEASE:[a-z0-9]+]]
//       CHECK: ^[[RELEASE]]:
//       CHECK:   %[[STATE:.+]] = llvm.getelementptr %[[INSTANCE]][64] : (!llvm.ptr) -> !llvm.ptr, i8
//       CHECK:   llvm.call @net_deinit(%[[INSTANCE]], %[[STATE]])
//       CHECK: ^[[DONE]]:
//       CHECK:   llvm.call @kiln_rt_instance_destroy(%[[INSTANCE]])
// CHECK-LABEL: llvm.func @net_create(
//  CHECK-SAME:   %{{.+}}: !llvm.ptr, %{{.+}}: !llvm.ptr, %[[OUT:.+]]: !llvm.ptr) -> i32
//       CHECK:   %[[CREATED:.+]] = llvm.call @kiln_rt_instance_create
//       CHECK:   llvm.icmp "eq" %[[CREATED]]
//       CHECK:   %[[NEW:.+]] = llvm.load %[[OUT]] : !llvm.ptr -> !llvm.ptr
//       CHECK:   %[[INITED:.+]] = llvm.call @net_init(%[[NEW]], %{{.+}}) : (!llvm.ptr, !llvm.ptr) -> i32
//       CHECK:   llvm.icmp "eq" %[[INITED]]
//       CHECK:   llvm.return %[[CREATED]] : i32
//       CHECK:   llvm.return %[[INITED]] : i32
//       CHECK:   llvm.call @net_destroy(%[[NEW]])
//       CHECK:   llvm.store %{{.+}}, %[[OUT]] : !llvm.ptr, !llvm.ptr
//       CHECK:   llvm.return %[[INITED]] : i32
module attributes {kiln_onnx.producer_name = "test", kiln_onnx.opset_imports = {ai.onnx = 17 : i64},
                   kiln.instance_state_size = 40 : i64, kiln.instance_state_alignment = 32 : i64} {
  llvm.func @net_init(%instance: !llvm.ptr, %state: !llvm.ptr) -> i32 {
    %0 = llvm.mlir.constant(0 : i32) : i32
    llvm.return %0 : i32
  }
  llvm.func @net_deinit(%instance: !llvm.ptr, %state: !llvm.ptr) {
    llvm.return
  }
  func.func @graph(%x: tensor<2x3xf32> {kiln_onnx.name = "x"}) -> (tensor<2x3xf32> {kiln_onnx.name = "y"}) {
    %0 = kiln.relu %x : tensor<2x3xf32>
    return %0 : tensor<2x3xf32>
  }
}
