// RUN: kiln-opt %s --split-input-file --kiln-cpu-outline-parallel-loops --verify-diagnostics | FileCheck %s

// The body becomes an internal function of (captures, begin, end); the
// loop a call of the runtime with the run context's thread count. The
// buffer pointer travels in the captures structure, the constant is
// recomputed in the body.
// CHECK:       llvm.func @kiln_rt_parallel_for(!llvm.ptr, !llvm.ptr, i64, i32) -> i32
// CHECK-LABEL: llvm.func internal @model_parallel(
//  CHECK-SAME:     %[[CAPTURES:.+]]: !llvm.ptr, %[[BEGIN:.+]]: i64, %[[END:.+]]: i64)
//       CHECK:   %[[ZERO:.+]] = llvm.mlir.constant(0.000000e+00 : f32) : f32
//       CHECK:   %[[FIELD:.+]] = llvm.getelementptr %[[CAPTURES]][0, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(ptr)>
//       CHECK:   %[[BUF:.+]] = llvm.load %[[FIELD]] : !llvm.ptr -> !llvm.ptr
//       CHECK:   llvm.br ^bb1(%[[BEGIN]], %[[END]] : i64, i64)
//       CHECK: ^bb1(%[[B:.+]]: i64, %[[E:.+]]: i64):
//       CHECK:   %[[SLOT:.+]] = llvm.getelementptr %[[BUF]][%[[B]]]
//       CHECK:   llvm.store %[[ZERO]], %[[SLOT]]
//       CHECK:   llvm.return
// CHECK-LABEL: llvm.func @model(
//  CHECK-SAME:     %[[OUT:[a-z0-9]+]]: !llvm.ptr, %[[CTX:[a-z0-9]+]]: !llvm.ptr {kiln.run_context})
//       CHECK:   %[[STRUCT:.+]] = llvm.alloca %{{.+}} x !llvm.struct<(ptr)>
//       CHECK:   %[[TO:.+]] = llvm.getelementptr %[[STRUCT]][0, 0]
//       CHECK:   llvm.store %[[OUT]], %[[TO]] : !llvm.ptr, !llvm.ptr
//       CHECK:   %[[FN:.+]] = llvm.mlir.addressof @model_parallel : !llvm.ptr
//       CHECK:   %[[THREADS_AT:.+]] = llvm.getelementptr %[[CTX]][0, 3] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(ptr, ptr, ptr, i32, i32)>
//       CHECK:   %[[THREADS:.+]] = llvm.load %[[THREADS_AT]] : !llvm.ptr -> i32
//       CHECK:   llvm.call @kiln_rt_parallel_for(%[[FN]], %[[STRUCT]], %{{.+}}, %[[THREADS]])
//   CHECK-NOT:   kiln_rt.parallel_for
llvm.func @model(%out: !llvm.ptr, %ctx: !llvm.ptr {kiln.run_context}) {
  %n = llvm.mlir.constant(16 : i64) : i64
  %zero = llvm.mlir.constant(0.0 : f32) : f32
  kiln_rt.parallel_for %n : i64 {
  ^bb0(%begin: i64, %end: i64):
    %slot = llvm.getelementptr %out[%begin] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    llvm.store %zero, %slot : f32, !llvm.ptr
    kiln_rt.yield
  }
  llvm.return
}

// -----

// Without a run context there is no thread count to use.
llvm.func @no_context(%out: !llvm.ptr) {
  %n = llvm.mlir.constant(16 : i64) : i64
  // expected-error @+1 {{must sit in a model function with a run context}}
  kiln_rt.parallel_for %n : i64 {
  ^bb0(%begin: i64, %end: i64):
    kiln_rt.yield
  }
  llvm.return
}

// -----

// A team's body becomes a function of (captures, thread, team), run by
// kiln_rt_parallel_team with the run context's thread count; its barriers
// are calls of kiln_rt_parallel_barrier. Only the runtime functions used
// are declared.
//   CHECK-NOT:   llvm.func @kiln_rt_parallel_for
//       CHECK:   llvm.func @kiln_rt_parallel_team(!llvm.ptr, !llvm.ptr, i32) -> i32
//       CHECK:   llvm.func @kiln_rt_parallel_barrier()
//   CHECK-NOT:   llvm.func @kiln_rt_parallel_for
// CHECK-LABEL: llvm.func internal @team_parallel(
//  CHECK-SAME:     %{{.+}}: !llvm.ptr, %[[THREAD:.+]]: i64, %[[TEAM:.+]]: i64)
//       CHECK:   llvm.br ^bb1(%[[THREAD]], %[[TEAM]] : i64, i64)
//       CHECK:   llvm.store
//       CHECK:   llvm.call @kiln_rt_parallel_barrier() : () -> ()
//       CHECK:   llvm.return
// CHECK-LABEL: llvm.func @team(
//       CHECK:   %[[FN:.+]] = llvm.mlir.addressof @team_parallel : !llvm.ptr
//       CHECK:   %[[THREADS:.+]] = llvm.load %{{.+}} : !llvm.ptr -> i32
//       CHECK:   llvm.call @kiln_rt_parallel_team(%[[FN]], %{{.+}}, %[[THREADS]])
//   CHECK-NOT:   kiln_rt.parallel
llvm.func @team(%out: !llvm.ptr, %ctx: !llvm.ptr {kiln.run_context}) {
  %zero = llvm.mlir.constant(0.0 : f32) : f32
  kiln_rt.parallel_team {
  ^bb0(%thread: i64, %team: i64):
    %slot = llvm.getelementptr %out[%thread] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    llvm.store %zero, %slot : f32, !llvm.ptr
    kiln_rt.parallel_barrier
    kiln_rt.yield
  }
  llvm.return
}

// -----

// A declaration of the runtime's function with another type is refused.
// expected-error @+1 {{redefinition of function 'kiln_rt_parallel_for' of different type '!llvm.func<i32 (ptr, ptr, i64, i32)>' is prohibited}}
llvm.func @kiln_rt_parallel_for(!llvm.ptr) -> i32
llvm.func @mismatched(%out: !llvm.ptr, %ctx: !llvm.ptr {kiln.run_context}) {
  %n = llvm.mlir.constant(16 : i64) : i64
  kiln_rt.parallel_for %n : i64 {
  ^bb0(%begin: i64, %end: i64):
    kiln_rt.yield
  }
  llvm.return
}
