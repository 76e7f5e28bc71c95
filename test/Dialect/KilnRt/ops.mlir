// RUN: kiln-opt %s | kiln-opt | FileCheck %s

// A runtime library call on buffers and scalars.
// CHECK-LABEL: func.func @call_matmul
//       CHECK:   %{{.+}} = kiln_rt.call @kiln_rt_cpu_matmul(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) : (memref<4x8xf32>, memref<8x2xf32>, memref<4x2xf32>, index) -> i32
func.func @call_matmul(%a: memref<4x8xf32>, %b: memref<8x2xf32>, %c: memref<4x2xf32>, %n: index) -> i32 {
  %status = kiln_rt.call @kiln_rt_cpu_matmul(%a, %b, %c, %n) : (memref<4x8xf32>, memref<8x2xf32>, memref<4x2xf32>, index) -> i32
  return %status : i32
}

// A run-time check with its message.
// CHECK-LABEL: func.func @assert
//       CHECK:   kiln_rt.assert %{{.+}}, "shape operand differs from the declared shape"
func.func @assert(%ok: i1) {
  kiln_rt.assert %ok, "shape operand differs from the declared shape"
  return
}

// A parallel loop: the body takes its chunk [begin, end) and may span
// several blocks once lowered.
// CHECK-LABEL: func.func @parallel_for
//       CHECK:   kiln_rt.parallel_for %{{.+}} : i64 {
//       CHECK:   ^bb0(%{{.+}}: i64, %{{.+}}: i64):
//       CHECK:     cf.br ^bb1
//       CHECK:   ^bb1:
//       CHECK:     kiln_rt.yield
func.func @parallel_for(%n: i64) {
  kiln_rt.parallel_for %n : i64 {
  ^bb0(%begin: i64, %end: i64):
    cf.br ^bb1
  ^bb1:
    kiln_rt.yield
  }
  return
}

// A team: the body takes the thread's number and the team's size, and its
// threads meet at barriers.
// CHECK-LABEL: func.func @parallel_team
//       CHECK:   kiln_rt.parallel_team {
//       CHECK:   ^bb0(%{{.+}}: i64, %{{.+}}: i64):
//       CHECK:     kiln_rt.parallel_barrier
//       CHECK:     kiln_rt.yield
func.func @parallel_team(%true: i1) {
  kiln_rt.parallel_team {
  ^bb0(%thread: i64, %team: i64):
    scf.if %true {
      kiln_rt.parallel_barrier
    }
    kiln_rt.yield
  }
  return
}
