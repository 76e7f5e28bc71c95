// RUN: kiln-opt %s --split-input-file --verify-diagnostics

func.func @negative_callee_outside_runtime(%a: memref<4xf32>) {
  // expected-error @+1 {{expects callee (@memcpy) to be a runtime function, named kiln_rt_*}}
  %s = kiln_rt.call @memcpy(%a) : (memref<4xf32>) -> i32
  return
}

// -----

func.func @negative_tensor_argument(%a: tensor<4xf32>) {
  // expected-error @+1 {{expects argument #0 to be a memref or a scalar, got 'tensor<4xf32>'}}
  %s = kiln_rt.call @kiln_rt_cpu_relu(%a) : (tensor<4xf32>) -> i32
  return
}

// -----

func.func @parallel_for_without_chunk(%n: i64) {
  // expected-error @+1 {{expects the body to take two i64 arguments (begin, end)}}
  kiln_rt.parallel_for %n : i64 {
  ^bb0(%begin: index):
    kiln_rt.yield
  }
  return
}

// -----

func.func @yield_outside_parallel_for() {
  // expected-error @+1 {{expects parent op to be one of 'kiln_rt.parallel_for, kiln_rt.parallel_team'}}
  kiln_rt.yield
}

// -----

func.func @parallel_team_without_thread() {
  // expected-error @+1 {{expects the body to take two i64 arguments (thread, team)}}
  kiln_rt.parallel_team {
  ^bb0(%thread: i64):
    kiln_rt.yield
  }
  return
}

// -----

func.func @barrier_outside_team() {
  // expected-error @+1 {{must sit in a kiln_rt.parallel_team, outside any kiln_rt.parallel_for}}
  kiln_rt.parallel_barrier
  return
}

// -----

// The threads of a parallel loop are not a team: they need not all reach
// the barrier.
func.func @barrier_in_parallel_for(%n: i64) {
  kiln_rt.parallel_team {
  ^bb0(%thread: i64, %team: i64):
    kiln_rt.parallel_for %n : i64 {
    ^bb0(%begin: i64, %end: i64):
      // expected-error @+1 {{must sit in a kiln_rt.parallel_team, outside any kiln_rt.parallel_for}}
      kiln_rt.parallel_barrier
      kiln_rt.yield
    }
    kiln_rt.yield
  }
  return
}
