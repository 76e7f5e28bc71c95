// RUN: kiln-opt %s --split-input-file --convert-kiln-onnx-to-kiln --verify-diagnostics

// Conv: the weights decide the kernel; window attributes must fit the
// spatial rank; auto_pad excludes pads.
func.func @conv_errors_opset11(%x: tensor<1x3x8x8xf32> loc("x"), %w: tensor<4x3x3x3xf32> loc("w"), %w1: tensor<4x3x3xf32> loc("w1")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'conv_0' (Conv): kernel_shape [5, 5] does not match the weight's [3, 3]}}
  %a = kiln_onnx.node "Conv"(%x, %w) {domain = "", opset = 11 : i64, onnx_attrs = {kernel_shape = array<i64: 5, 5>}} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?xf32> loc("conv_0")
  // expected-error@unknown {{node 'conv_1' (Conv): strides and dilations need 2 entries and pads 4}}
  %b = kiln_onnx.node "Conv"(%x, %w) {domain = "", opset = 11 : i64, onnx_attrs = {strides = array<i64: 1>}} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?xf32> loc("conv_1")
  // expected-error@unknown {{node 'conv_2' (Conv): strides and dilations must be positive}}
  %c = kiln_onnx.node "Conv"(%x, %w) {domain = "", opset = 11 : i64, onnx_attrs = {dilations = array<i64: 0, 1>}} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?xf32> loc("conv_2")
  // expected-error@unknown {{node 'conv_3' (Conv): pads cannot be given with auto_pad = 'VALID'}}
  %d = kiln_onnx.node "Conv"(%x, %w) {domain = "", opset = 11 : i64, onnx_attrs = {auto_pad = "VALID", pads = array<i64: 1, 1, 1, 1>}} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?xf32> loc("conv_3")
  // expected-error@unknown {{node 'conv_4' (Conv): unsupported auto_pad = 'SAME'}}
  %e = kiln_onnx.node "Conv"(%x, %w) {domain = "", opset = 11 : i64, onnx_attrs = {auto_pad = "SAME"}} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?xf32> loc("conv_4")
  // expected-error@unknown {{node 'conv_5' (Conv): weight rank 3 differs from input rank 4}}
  %f = kiln_onnx.node "Conv"(%x, %w1) {domain = "", opset = 11 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>) -> tensor<?xf32> loc("conv_5")
  return %a, %b, %c, %d, %e, %f : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// Pooling needs N x C x spatial inputs and a kernel shape.
func.func @max_pool_errors_opset12(%x: tensor<1x3x8x8xf32> loc("x"), %v: tensor<3x8xf32> loc("v")) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'pool_0' (MaxPool): input must have rank >= 3 (N x C x D1 ...), got rank 2}}
  %a = kiln_onnx.node "MaxPool"(%v) {domain = "", opset = 12 : i64, onnx_attrs = {kernel_shape = array<i64: 2>}} : (tensor<3x8xf32>) -> tensor<?xf32> loc("pool_0")
  // expected-error@unknown {{node 'pool_1' (AveragePool): attribute 'kernel_shape' is missing}}
  %b = kiln_onnx.node "AveragePool"(%x) {domain = "", opset = 11 : i64} : (tensor<1x3x8x8xf32>) -> tensor<?xf32> loc("pool_1")
  // expected-error@unknown {{node 'pool_3' (AveragePool): kernel_shape has 1 entries for 2 spatial dimensions}}
  %d = kiln_onnx.node "AveragePool"(%x) {domain = "", opset = 11 : i64, onnx_attrs = {kernel_shape = array<i64: 2>}} : (tensor<1x3x8x8xf32>) -> tensor<?xf32> loc("pool_3")
  return %a, %b, %d : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// BatchNormalization: per-activation statistics (spatial = 0) and the
// training outputs of old opsets are not supported.
func.func @batch_normalization_errors_opset7(%x: tensor<1x2x3xf32> loc("x"), %s: tensor<2xf32> loc("s")) -> (tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'bn_0' (BatchNormalization): unsupported spatial = 0}}
  %a = kiln_onnx.node "BatchNormalization"(%x, %s, %s, %s, %s) {domain = "", opset = 7 : i64, onnx_attrs = {spatial = 0 : i64}} : (tensor<1x2x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<?xf32> loc("bn_0")
  // expected-error@unknown {{node 'bn_1' (BatchNormalization): output 1 (training statistics) is not supported}}
  %b, %mean = kiln_onnx.node "BatchNormalization"(%x, %s, %s, %s, %s) {domain = "", opset = 9 : i64} : (tensor<1x2x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> (tensor<?xf32>, tensor<?xf32>) loc("bn_1")
  return %a, %mean : tensor<?xf32>, tensor<?xf32>
}

// -----

// LayerNormalization computes in float only; LRN needs a size.
func.func @layer_normalization_errors_opset17(%x: tensor<2x4xf32> loc("x"), %s: tensor<4xf32> loc("s"), %i: tensor<1x3x2x2xf32> loc("i")) -> (tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'ln_0' (LayerNormalization): unsupported stash_type = 11 (expects 1, float)}}
  %a = kiln_onnx.node "LayerNormalization"(%x, %s) {domain = "", opset = 17 : i64, onnx_attrs = {stash_type = 11 : i64}} : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<?xf32> loc("ln_0")
  // expected-error@unknown {{node 'lrn_0' (LRN): attribute 'size' must be positive}}
  %b = kiln_onnx.node "LRN"(%i) {domain = "", opset = 13 : i64} : (tensor<1x3x2x2xf32>) -> tensor<?xf32> loc("lrn_0")
  return %a, %b : tensor<?xf32>, tensor<?xf32>
}

// -----

// Dropout in training mode with a non-zero ratio draws random numbers.
func.func @dropout_errors_opset13(%x: tensor<4xf32> loc("x")) -> tensor<?xf32> {
  %ratio = kiln_onnx.constant dense<0.25> : tensor<f32> loc("ratio")
  %training = kiln_onnx.constant dense<true> : tensor<i1> loc("training")
  // expected-error@unknown {{node 'dropout_0' (Dropout): training_mode = true with ratio 2.500000e-01 draws random numbers; not supported}}
  %y = kiln_onnx.node "Dropout"(%x, %ratio, %training) {domain = "", opset = 13 : i64} : (tensor<4xf32>, tensor<f32>, tensor<i1>) -> tensor<?xf32> loc("dropout_0")
  return %y : tensor<?xf32>
}

// -----

// Loss functions: known reductions, N x C inputs.
func.func @negative_log_likelihood_loss_errors_opset13(%x: tensor<3x5xf32> loc("x"), %t: tensor<3xi64> loc("t"), %v: tensor<5xf32> loc("v")) -> (tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'nll_0' (NegativeLogLikelihoodLoss): unsupported reduction = 'max' (expects 'none', 'sum' or 'mean')}}
  %a = kiln_onnx.node "NegativeLogLikelihoodLoss"(%x, %t) {domain = "", opset = 13 : i64, onnx_attrs = {reduction = "max"}} : (tensor<3x5xf32>, tensor<3xi64>) -> tensor<?xf32> loc("nll_0")
  // expected-error@unknown {{node 'sce_0' (SoftmaxCrossEntropyLoss): scores must have rank >= 2}}
  %b = kiln_onnx.node "SoftmaxCrossEntropyLoss"(%v, %t) {domain = "", opset = 13 : i64} : (tensor<5xf32>, tensor<3xi64>) -> tensor<?xf32> loc("sce_0")
  return %a, %b : tensor<?xf32>, tensor<?xf32>
}

// -----

// ConvTranspose: weights C x M/group x K..., positive strides.
func.func @conv_transpose_errors_opset11(%x: tensor<1x2x3x3xf32> loc("x"), %w: tensor<2x1x2x2xf32> loc("w"), %v: tensor<3x1x2x2xf32> loc("v")) -> (tensor<?xf32>, tensor<?xf32>) {
  // expected-error@unknown {{node 'convt_0' (ConvTranspose): strides and dilations must be positive and output_padding non-negative}}
  %a = kiln_onnx.node "ConvTranspose"(%x, %w) {domain = "", opset = 11 : i64, onnx_attrs = {strides = array<i64: 0, 1>}} : (tensor<1x2x3x3xf32>, tensor<2x1x2x2xf32>) -> tensor<?xf32> loc("convt_0")
  // expected-error@unknown {{node 'convt_1' (ConvTranspose): expects weights C x M/group x K... for the input's C = 2 channels, got 'tensor<3x1x2x2xf32>'}}
  %b = kiln_onnx.node "ConvTranspose"(%x, %v) {domain = "", opset = 11 : i64} : (tensor<1x2x3x3xf32>, tensor<3x1x2x2xf32>) -> tensor<?xf32> loc("convt_1")
  return %a, %b : tensor<?xf32>, tensor<?xf32>
}

// -----

// An attribute of the wrong type fails the node, but the handler's
// builders go on with its default (here on the run-time training_mode
// path), so it is reported once, never a crash; the libFuzzer target found
// this one crashing.
func.func @dropout_seed_type_opset13(%x: tensor<3x4x5xf32> loc("x"), %r: tensor<f32> loc("r"), %t: tensor<i1> loc("t")) -> tensor<3x4x5xf32> {
  // expected-error@unknown {{node 'dropout_9' (Dropout): attribute 'seed' must be an INT, got array<f32>}}
  %a = kiln_onnx.node "Dropout"(%x, %r, %t) {domain = "", opset = 13 : i64, onnx_attrs = {seed = array<f32>}} : (tensor<3x4x5xf32>, tensor<f32>, tensor<i1>) -> tensor<3x4x5xf32> loc("dropout_9")
  return %a : tensor<3x4x5xf32>
}
