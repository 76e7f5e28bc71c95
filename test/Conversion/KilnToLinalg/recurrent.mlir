// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// Forward LSTM: the input projection of all steps is one matmul onto the
// summed biases; h and c get buffers of their own; the time loop carries h,
// c and y, accumulates the recurrent matmul onto the step's projection,
// computes the gates in one generic that writes over c and h, and pins the
// new state into the loop-carried buffers.
// CHECK-DAG: #[[$TRANSPOSED_B:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$COLUMN:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @lstm_forward_peepholes_clip
//  CHECK-SAME:   %[[X:[a-zA-Z0-9_]+]]: tensor<3x2x4xf32>, %[[W:[a-zA-Z0-9_]+]]: tensor<1x12x4xf32>, %[[R:[a-zA-Z0-9_]+]]: tensor<1x12x3xf32>, %[[B:[a-zA-Z0-9_]+]]: tensor<1x24xf32>, %[[H0:[a-zA-Z0-9_]+]]: tensor<1x2x3xf32>, %[[C0:[a-zA-Z0-9_]+]]: tensor<1x2x3xf32>, %[[P:[a-zA-Z0-9_]+]]: tensor<1x9xf32>
//       CHECK:   %[[Y_INIT:.+]] = tensor.empty() : tensor<3x1x2x3xf32>
//       CHECK:   %[[Y_H_INIT:.+]] = tensor.empty() : tensor<1x2x3xf32>
//       CHECK:   %[[Y_C_INIT:.+]] = tensor.empty() : tensor<1x2x3xf32>
//       CHECK:   %[[X_ROWS:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<3x2x4xf32> into tensor<6x4xf32>
//       CHECK:   %[[W_D:.+]] = tensor.extract_slice %[[W]][0, 0, 0] [1, 12, 4] [1, 1, 1] : tensor<1x12x4xf32> to tensor<12x4xf32>
//       CHECK:   %[[R_D:.+]] = tensor.extract_slice %[[R]][0, 0, 0] [1, 12, 3] [1, 1, 1] : tensor<1x12x3xf32> to tensor<12x3xf32>
//       CHECK:   %[[BIAS:.+]] = linalg.generic
//       CHECK:     arith.addf
//       CHECK:   %[[BIAS_ROWS:.+]] = linalg.broadcast ins(%[[BIAS]] : tensor<12xf32>) outs(%{{.+}} : tensor<6x12xf32>) dimensions = [0]
//       CHECK:   %[[PROJECTION:.+]] = linalg.matmul indexing_maps = [#{{.+}}, #[[$TRANSPOSED_B]], #{{.+}}] ins(%[[X_ROWS]], %[[W_D]] : tensor<6x4xf32>, tensor<12x4xf32>) outs(%[[BIAS_ROWS]] : tensor<6x12xf32>)
//       CHECK:   %[[XW:.+]] = tensor.expand_shape %[[PROJECTION]] {{\[}}[0, 1], [2]] output_shape [3, 2, 12]
//       CHECK:   %[[H_SLICE:.+]] = tensor.extract_slice %[[H0]][0, 0, 0] [1, 2, 3] [1, 1, 1] : tensor<1x2x3xf32> to tensor<2x3xf32>
//       CHECK:   %[[H_BUFFER:.+]] = bufferization.alloc_tensor() : tensor<2x3xf32>
//       CHECK:   %[[H:.+]] = linalg.copy ins(%[[H_SLICE]] : tensor<2x3xf32>) outs(%[[H_BUFFER]] : tensor<2x3xf32>)
//       CHECK:   %[[C_SLICE:.+]] = tensor.extract_slice %[[C0]][0, 0, 0] [1, 2, 3] [1, 1, 1] : tensor<1x2x3xf32> to tensor<2x3xf32>
//       CHECK:   %[[C_BUFFER:.+]] = bufferization.alloc_tensor() : tensor<2x3xf32>
//       CHECK:   %[[C:.+]] = linalg.copy ins(%[[C_SLICE]] : tensor<2x3xf32>) outs(%[[C_BUFFER]] : tensor<2x3xf32>)
//       CHECK:   %[[LOOP:.+]]:3 = scf.for %[[T:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[H_ITER:.+]] = %[[H]], %[[C_ITER:.+]] = %[[C]], %[[Y_ITER:.+]] = %[[Y_INIT]])
//       CHECK:     %[[XW_T:.+]] = tensor.extract_slice %[[XW]][%[[T]], 0, 0] [1, 2, 12] [1, 1, 1] : tensor<3x2x12xf32> to tensor<2x12xf32>
//       CHECK:     %[[GATES:.+]] = linalg.matmul indexing_maps = [#{{.+}}, #[[$TRANSPOSED_B]], #{{.+}}] ins(%[[H_ITER]], %[[R_D]] : tensor<2x3xf32>, tensor<12x3xf32>) outs(%[[XW_T]] : tensor<2x12xf32>)
//       CHECK:     %[[GATE_I:.+]] = tensor.extract_slice %[[GATES]][0, 0] [2, 3] [1, 1]
//       CHECK:     %[[GATE_O:.+]] = tensor.extract_slice %[[GATES]][0, 3] [2, 3] [1, 1]
//       CHECK:     %[[GATE_F:.+]] = tensor.extract_slice %[[GATES]][0, 6] [2, 3] [1, 1]
//       CHECK:     %[[GATE_C:.+]] = tensor.extract_slice %[[GATES]][0, 9] [2, 3] [1, 1]
//       CHECK:     %[[C_NEW:.+]] = tensor.empty() : tensor<2x3xf32>
//       CHECK:     %[[H_NEW:.+]] = tensor.empty() : tensor<2x3xf32>
//       CHECK:     %[[CELL:.+]]:2 = linalg.generic {indexing_maps = [#{{.+}}, #{{.+}}, #{{.+}}, #{{.+}}, #[[$COLUMN]], #[[$COLUMN]], #[[$COLUMN]], #{{.+}}, #{{.+}}, #{{.+}}]
//  CHECK-SAME:         ins(%[[GATE_I]], %[[GATE_O]], %[[GATE_F]], %[[GATE_C]], %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %[[C_ITER]] :
//  CHECK-SAME:         outs(%[[C_NEW]], %[[H_NEW]] : tensor<2x3xf32>, tensor<2x3xf32>)
//       CHECK:       %[[CLIP_HIGH:.+]] = arith.constant 5.000000e-01 : f32
//       CHECK:       %[[CLIP_LOW:.+]] = arith.constant -5.000000e-01 : f32
//       CHECK:       arith.maximumf %{{.+}}, %[[CLIP_LOW]]
//       CHECK:       arith.minimumf %{{.+}}, %[[CLIP_HIGH]]
//       CHECK:       math.exp
//       CHECK:       math.tanh
//       CHECK:       linalg.yield
//       CHECK:     %[[NEW_Y:.+]] = tensor.insert_slice %[[CELL]]#1 into %[[Y_ITER]][%[[T]], 0, 0, 0] [1, 1, 2, 3] [1, 1, 1, 1]
//       CHECK:     %[[NEW_H:.+]] = bufferization.materialize_in_destination %[[CELL]]#1 in %[[H_ITER]]
//       CHECK:     %[[NEW_C:.+]] = bufferization.materialize_in_destination %[[CELL]]#0 in %[[C_ITER]]
//       CHECK:     scf.yield %[[NEW_H]], %[[NEW_C]], %[[NEW_Y]]
//       CHECK:   %[[Y_H:.+]] = tensor.insert_slice %[[LOOP]]#0 into %[[Y_H_INIT]][0, 0, 0] [1, 2, 3] [1, 1, 1]
//       CHECK:   %[[Y_C:.+]] = tensor.insert_slice %[[LOOP]]#1 into %[[Y_C_INIT]][0, 0, 0] [1, 2, 3] [1, 1, 1]
//       CHECK:   return %[[LOOP]]#2, %[[Y_H]], %[[Y_C]]
func.func @lstm_forward_peepholes_clip(%x: tensor<3x2x4xf32>, %w: tensor<1x12x4xf32>, %r: tensor<1x12x3xf32>, %b: tensor<1x24xf32>, %h0: tensor<1x2x3xf32>, %c0: tensor<1x2x3xf32>, %p: tensor<1x9xf32>) -> (tensor<3x1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>) {
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h0, %c0, %p {direction = "forward", hidden_size = 3 : i64, activations = ["Sigmoid", "Tanh", "Tanh"], clip = 0.5 : f32, input_forget = false} : (tensor<3x2x4xf32>, tensor<1x12x4xf32>, tensor<1x12x3xf32>, tensor<1x24xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x9xf32>) -> (tensor<3x1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>)
  return %y, %y_h, %y_c : tensor<3x1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>
}

// -----

// Reverse LSTM walks the steps from the last: t' = seq - 1 - t. With
// input_forget, f = 1 - i; Relu as the output activation is max(c, 0).
// CHECK-LABEL: func.func @lstm_reverse_input_forget
//       CHECK:   scf.for %[[T:.+]] = %{{.+}} to %{{.+}} step
//       CHECK:     %[[LAST:.+]] = arith.constant 2 : index
//       CHECK:     %[[STEP:.+]] = arith.subi %[[LAST]], %[[T]] : index
//       CHECK:     tensor.extract_slice %{{.+}}[%[[STEP]], 0, 0]
//       CHECK:     linalg.generic
//       CHECK:       %[[I:.+]] = arith.divf
//       CHECK:       %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
//       CHECK:       arith.subf %[[ONE]], %[[I]] : f32
//       CHECK:       arith.maximumf
//       CHECK:     tensor.insert_slice %{{.+}} into %{{.+}}[%[[STEP]], 0, 0, 0]
func.func @lstm_reverse_input_forget(%x: tensor<3x2x4xf32>, %w: tensor<1x12x4xf32>, %r: tensor<1x12x3xf32>, %b: tensor<1x24xf32>, %h0: tensor<1x2x3xf32>, %c0: tensor<1x2x3xf32>) -> (tensor<3x1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>) {
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h0, %c0 {direction = "reverse", hidden_size = 3 : i64, activations = ["Sigmoid", "Tanh", "Relu"], input_forget = true} : (tensor<3x2x4xf32>, tensor<1x12x4xf32>, tensor<1x12x3xf32>, tensor<1x24xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>) -> (tensor<3x1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>)
  return %y, %y_h, %y_c : tensor<3x1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>
}

// -----

// Bidirectional: two loops, the second backward, each writing its own
// direction of y, y_h and y_c.
// CHECK-LABEL: func.func @lstm_bidirectional
//       CHECK:   tensor.extract_slice %{{.+}}[0, 0, 0] [1, 8, 2]
//       CHECK:   %[[FORWARD:.+]]:3 = scf.for
//       CHECK:     tensor.insert_slice %{{.+}} into %{{.+}}[%{{.+}}, 0, 0, 0] [1, 1, 1, 2]
//       CHECK:   tensor.insert_slice %[[FORWARD]]#0 into %{{.+}}[0, 0, 0] [1, 1, 2]
//       CHECK:   tensor.extract_slice %{{.+}}[1, 0, 0] [1, 8, 2]
//       CHECK:   %[[BACKWARD:.+]]:3 = scf.for %{{.+}} = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%{{.+}} = %{{.+}}, %{{.+}} = %{{.+}}, %{{.+}} = %[[FORWARD]]#2)
//       CHECK:     arith.subi
//       CHECK:     tensor.insert_slice %{{.+}} into %{{.+}}[%{{.+}}, 1, 0, 0] [1, 1, 1, 2]
//       CHECK:   tensor.insert_slice %[[BACKWARD]]#0 into %{{.+}}[1, 0, 0] [1, 1, 2]
//       CHECK:   return %[[BACKWARD]]#2
func.func @lstm_bidirectional(%x: tensor<2x1x3xf32>, %w: tensor<2x8x3xf32>, %r: tensor<2x8x2xf32>, %b: tensor<2x16xf32>, %h0: tensor<2x1x2xf32>, %c0: tensor<2x1x2xf32>) -> (tensor<2x2x1x2xf32>, tensor<2x1x2xf32>, tensor<2x1x2xf32>) {
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %h0, %c0 {direction = "bidirectional", hidden_size = 2 : i64, activations = ["Sigmoid", "Tanh", "Tanh", "Sigmoid", "Tanh", "Tanh"], input_forget = false} : (tensor<2x1x3xf32>, tensor<2x8x3xf32>, tensor<2x8x2xf32>, tensor<2x16xf32>, tensor<2x1x2xf32>, tensor<2x1x2xf32>) -> (tensor<2x2x1x2xf32>, tensor<2x1x2xf32>, tensor<2x1x2xf32>)
  return %y, %y_h, %y_c : tensor<2x2x1x2xf32>, tensor<2x1x2xf32>, tensor<2x1x2xf32>
}

// -----

// Initial h and c from one value (ONNX's omitted states become one zero
// constant after CSE) still get a buffer each, so the loop can update both
// in place.
// CHECK-LABEL: func.func @lstm_shared_initial_state
//       CHECK:   %[[STATE:.+]] = arith.constant dense<0.000000e+00> : tensor<1x1x2xf32>
//       CHECK:   %[[H_SLICE:.+]] = tensor.extract_slice %[[STATE]]
//       CHECK:   %[[H_BUFFER:.+]] = bufferization.alloc_tensor() : tensor<1x2xf32>
//       CHECK:   %[[H:.+]] = linalg.copy ins(%[[H_SLICE]] : tensor<1x2xf32>) outs(%[[H_BUFFER]] : tensor<1x2xf32>)
//       CHECK:   %[[C_SLICE:.+]] = tensor.extract_slice %[[STATE]]
//       CHECK:   %[[C_BUFFER:.+]] = bufferization.alloc_tensor() : tensor<1x2xf32>
//       CHECK:   %[[C:.+]] = linalg.copy ins(%[[C_SLICE]] : tensor<1x2xf32>) outs(%[[C_BUFFER]] : tensor<1x2xf32>)
//       CHECK:   scf.for {{.+}} iter_args(%{{.+}} = %[[H]], %{{.+}} = %[[C]], %{{.+}} = %{{.+}})
func.func @lstm_shared_initial_state(%x: tensor<2x1x3xf32>, %w: tensor<1x8x3xf32>, %r: tensor<1x8x2xf32>, %b: tensor<1x16xf32>) -> (tensor<2x1x1x2xf32>, tensor<1x1x2xf32>, tensor<1x1x2xf32>) {
  %zeros = kiln.constant dense<0.0> : tensor<1x1x2xf32>
  %y, %y_h, %y_c = kiln.lstm %x, %w, %r, %b, %zeros, %zeros {direction = "forward", hidden_size = 2 : i64, activations = ["Sigmoid", "Tanh", "Tanh"], input_forget = false} : (tensor<2x1x3xf32>, tensor<1x8x3xf32>, tensor<1x8x2xf32>, tensor<1x16xf32>, tensor<1x1x2xf32>, tensor<1x1x2xf32>) -> (tensor<2x1x1x2xf32>, tensor<1x1x2xf32>, tensor<1x1x2xf32>)
  return %y, %y_h, %y_c : tensor<2x1x1x2xf32>, tensor<1x1x2xf32>, tensor<1x1x2xf32>
}
