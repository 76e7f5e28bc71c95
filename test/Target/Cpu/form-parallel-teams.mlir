// RUN: kiln-opt %s --split-input-file --kiln-cpu-form-parallel-teams | FileCheck %s

// A recurrence: each step copies its input into the state (thread 0), runs
// a parallel loop over the state (every thread its chunk), then updates
// the output from the state (thread 0). The team runs the whole loop; a
// barrier follows the copy and the parallel loop. The update and the next
// step's copy are both thread 0's: no barrier between them.
// CHECK-LABEL: func.func @recurrence
//       CHECK:   kiln_rt.parallel_team {
//       CHECK:   ^bb0(%[[THREAD:.+]]: i64, %[[TEAM:.+]]: i64):
//       CHECK:     scf.for %[[T:.+]] = %{{.+}} to %{{.+}} step %{{.+}} {
//       CHECK:       %[[STEP:.+]] = memref.subview %{{.+}}[%[[T]], 0]
//       CHECK:       %[[ZERO:.+]] = arith.constant 0 : i64
//       CHECK:       %[[FIRST:.+]] = arith.cmpi eq, %[[THREAD]], %[[ZERO]] : i64
//       CHECK:       scf.if %[[FIRST]] {
//       CHECK:         memref.copy %[[STEP]], %{{.+}}
//       CHECK:       }
//       CHECK:       kiln_rt.parallel_barrier
//   CHECK-DAG:       %[[CHUNK:.+]] = arith.divui %[[N:.+]], %[[TEAM]] : i64
//   CHECK-DAG:       %[[EXTRA:.+]] = arith.remui %[[N]], %[[TEAM]] : i64
//   CHECK-DAG:       %[[BEFORE:.+]] = arith.minui %[[THREAD]], %[[EXTRA]] : i64
//       CHECK:       %[[SKIP:.+]] = arith.muli %[[THREAD]], %[[CHUNK]] : i64
//       CHECK:       %[[BEGIN:.+]] = arith.addi %[[SKIP]], %[[BEFORE]] : i64
//       CHECK:       %[[LONGER:.+]] = arith.cmpi ult, %[[THREAD]], %[[EXTRA]] : i64
//       CHECK:       %[[ONE_MORE:.+]] = arith.extui %[[LONGER]] : i1 to i64
//       CHECK:       %[[SIZE:.+]] = arith.addi %[[CHUNK]], %[[ONE_MORE]] : i64
//       CHECK:       %[[END:.+]] = arith.addi %[[BEGIN]], %[[SIZE]] : i64
//       CHECK:       %[[B:.+]] = arith.index_cast %[[BEGIN]] : i64 to index
//       CHECK:       %[[E:.+]] = arith.index_cast %[[END]] : i64 to index
//       CHECK:       scf.for %{{.+}} = %[[B]] to %[[E]]
//       CHECK:         memref.store
//       CHECK:       }
//       CHECK:       kiln_rt.parallel_barrier
//       CHECK:       scf.if
//       CHECK:         memref.copy
//       CHECK:       }
//   CHECK-NOT:       kiln_rt.parallel_barrier
//       CHECK:     }
//       CHECK:     kiln_rt.yield
//   CHECK-NOT:   kiln_rt.parallel_for
func.func @recurrence(%in: memref<16x8xf32>, %state: memref<8xf32>, %out: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %n = arith.constant 8 : i64
  scf.for %t = %c0 to %c16 step %c1 {
    %step = memref.subview %in[%t, 0] [1, 8] [1, 1] : memref<16x8xf32> to memref<8xf32, strided<[1], offset: ?>>
    memref.copy %step, %state : memref<8xf32, strided<[1], offset: ?>> to memref<8xf32>
    kiln_rt.parallel_for %n : i64 {
    ^bb0(%begin: i64, %end: i64):
      %b = arith.index_cast %begin : i64 to index
      %e = arith.index_cast %end : i64 to index
      scf.for %i = %b to %e step %c1 {
        %v = memref.load %state[%i] : memref<8xf32>
        %w = arith.mulf %v, %v : f32
        memref.store %w, %state[%i] : memref<8xf32>
      }
      kiln_rt.yield
    }
    memref.copy %state, %out : memref<8xf32> to memref<8xf32>
  }
  return
}

// -----

// Two parallel loops in a row: a barrier after each, the second one also
// on the way back to the first in the next step.
// CHECK-LABEL: func.func @two_parallel_steps
//       CHECK:   kiln_rt.parallel_team {
//       CHECK:     scf.for
//       CHECK:       memref.store %{{.+}}, %arg0
//       CHECK:       kiln_rt.parallel_barrier
//       CHECK:       memref.store %{{.+}}, %arg1
//       CHECK:       kiln_rt.parallel_barrier
//   CHECK-NOT:       kiln_rt.parallel_barrier
//       CHECK:     }
func.func @two_parallel_steps(%a: memref<8xf32>, %b: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %n = arith.constant 8 : i64
  scf.for %t = %c0 to %c4 step %c1 {
    kiln_rt.parallel_for %n : i64 {
    ^bb0(%begin: i64, %end: i64):
      %i = arith.index_cast %begin : i64 to index
      %v = memref.load %b[%i] : memref<8xf32>
      memref.store %v, %a[%i] : memref<8xf32>
      kiln_rt.yield
    }
    kiln_rt.parallel_for %n : i64 {
    ^bb0(%begin: i64, %end: i64):
      %i = arith.index_cast %begin : i64 to index
      %v = memref.load %a[%i] : memref<8xf32>
      memref.store %v, %b[%i] : memref<8xf32>
      kiln_rt.yield
    }
  }
  return
}

// -----

// A loop without a parallel loop, one whose step calls a function (a
// oneDNN op would run on one thread inside a team) and one with results
// stay as they are.
// CHECK-LABEL: func.func @left_alone
//   CHECK-NOT:   kiln_rt.parallel_team
//   CHECK-NOT:   kiln_rt.parallel_barrier
//       CHECK:   return
func.func private @library_call(memref<8xf32>)
func.func @left_alone(%a: memref<8xf32>, %x: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %n = arith.constant 8 : i64
  scf.for %t = %c0 to %c4 step %c1 {
    memref.store %x, %a[%t] : memref<8xf32>
  }
  scf.for %t = %c0 to %c4 step %c1 {
    func.call @library_call(%a) : (memref<8xf32>) -> ()
    kiln_rt.parallel_for %n : i64 {
    ^bb0(%begin: i64, %end: i64):
      kiln_rt.yield
    }
  }
  %sum = scf.for %t = %c0 to %c4 step %c1 iter_args(%acc = %x) -> (f32) {
    kiln_rt.parallel_for %n : i64 {
    ^bb0(%begin: i64, %end: i64):
      kiln_rt.yield
    }
    %next = arith.addf %acc, %x : f32
    scf.yield %next : f32
  }
  return %sum : f32
}

// -----

// Of two nested loops, the inner one holds the parallel loop directly: it
// gets the team, which the outer loop starts once per step.
// CHECK-LABEL: func.func @nested_loops
//       CHECK:   scf.for
//       CHECK:     kiln_rt.parallel_team {
//       CHECK:       scf.for
//       CHECK:         kiln_rt.parallel_barrier
func.func @nested_loops() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %n = arith.constant 8 : i64
  scf.for %t = %c0 to %c4 step %c1 {
    scf.for %u = %c0 to %c4 step %c1 {
      kiln_rt.parallel_for %n : i64 {
      ^bb0(%begin: i64, %end: i64):
        kiln_rt.yield
      }
    }
  }
  return
}

// -----

// A value read from memory in a step would exist on thread 0 alone.
// CHECK-LABEL: func.func @read_with_result
//   CHECK-NOT:   kiln_rt.parallel_team
func.func @read_with_result(%a: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %n = arith.constant 8 : i64
  scf.for %t = %c0 to %c4 step %c1 {
    %v = memref.load %a[%t] : memref<8xf32>
    kiln_rt.parallel_for %n : i64 {
    ^bb0(%begin: i64, %end: i64):
      %i = arith.index_cast %begin : i64 to index
      memref.store %v, %a[%i] : memref<8xf32>
      kiln_rt.yield
    }
  }
  return
}
