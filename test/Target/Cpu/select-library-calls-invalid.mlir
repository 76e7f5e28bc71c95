// RUN: kiln-opt %s --verify-diagnostics --kiln-cpu-select-library-calls="backend=fast"
// RUN: not kiln-opt %s --kiln-cpu-select-library-calls="codegen-gmacs=0" 2>&1 | FileCheck %s --check-prefix=SPEED

// SPEED: error: the cost model's speeds must be positive

// An unknown backend is an error on the module.
// expected-error @+1 {{unknown backend 'fast' (expected auto, onednn or codegen)}}
module {
}
