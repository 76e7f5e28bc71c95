// RUN: kiln-opt %s --split-input-file --kiln-cpu-lower-asserts --verify-diagnostics | FileCheck %s

// A failed check calls kiln_rt_run_fail with KILN_RT_INVALID_ARGUMENT (1)
// and the message; identical messages share one string.
// CHECK-DAG:   llvm.mlir.global private constant @[[$MSG:kiln_assert_message[a-z0-9_]*]]("node 'r' (Reshape): bad shape\00")
// CHECK-DAG:   llvm.func @kiln_rt_run_fail(!llvm.ptr, i32, !llvm.ptr)
// CHECK-LABEL: func.func @two_checks
//  CHECK-SAME:   %[[OK:[a-z0-9]+]]: i1, %[[OK2:[a-z0-9]+]]: i1, %{{.+}}: memref<64xi8> {kiln.workspace}, %[[CTX:.+]]: !llvm.ptr {kiln.run_context}
//       CHECK:   %[[TRUE:.+]] = arith.constant true
//       CHECK:   %[[FAILED:.+]] = arith.xori %[[OK]], %[[TRUE]] : i1
//       CHECK:   scf.if %[[FAILED]] {
//       CHECK:     %[[STATUS:.+]] = llvm.mlir.constant(1 : i32) : i32
//       CHECK:     %[[TEXT:.+]] = llvm.mlir.addressof @[[$MSG]] : !llvm.ptr
//       CHECK:     llvm.call @kiln_rt_run_fail(%[[CTX]], %[[STATUS]], %[[TEXT]])
//       CHECK:   scf.if
//       CHECK:     llvm.mlir.addressof @[[$MSG]] : !llvm.ptr
//   CHECK-NOT:   kiln_rt.assert
func.func @two_checks(%ok: i1, %ok2: i1, %ws: memref<64xi8> {kiln.workspace}, %ctx: !llvm.ptr {kiln.run_context})
    attributes {kiln.workspace_alignment = 64 : i64, kiln.workspace_size = 64 : i64} {
  kiln_rt.assert %ok, "node 'r' (Reshape): bad shape"
  kiln_rt.assert %ok2, "node 'r' (Reshape): bad shape"
  return
}

// -----

// Without a run context there is nowhere to report to.
func.func @no_context(%ok: i1) {
  // expected-error @+1 {{'kiln_rt.assert' op needs a function with a run context (kiln-cpu-add-run-context) to report to}}
  kiln_rt.assert %ok, "unreported"
  return
}

// -----

// A declaration of the runtime's function with another type is refused.
// expected-error @+1 {{redefinition of function 'kiln_rt_run_fail' of different type '!llvm.func<void (ptr, i32, ptr)>' is prohibited}}
llvm.func @kiln_rt_run_fail(!llvm.ptr)
func.func @mismatched(%ok: i1, %ctx: !llvm.ptr {kiln.run_context}) {
  kiln_rt.assert %ok, "node 'r' (Reshape): bad shape"
  return
}
