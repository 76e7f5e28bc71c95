// RUN: kiln-opt %s --split-input-file --verify-diagnostics --kiln-set-input-shapes="shapes=x=2x2,typo=4,bad"

// Every problem is reported, not just the first.
// expected-error @+4 {{invalid input shape 'bad': expected NAME=D0xD1x..., e.g. input=1x3x224x224}}
// expected-error @+3 {{input 'x' dimension 1 is 3 in the model, but --input-shape gives 2}}
// expected-error @+2 {{input 'n' dimension 0 ('batch') is symbolic; fix it with --input-shape n=D0xD1x...}}
// expected-error @+1 {{--input-shape names 'typo', which is not a graph input; inputs: 'x', 'n'}}
func.func @all_problems_reported(%x: tensor<?x3xf32> {kiln_onnx.name = "x"}, %n: tensor<?xf32> {kiln_onnx.name = "n", kiln_onnx.dim_params = ["batch"]}) {
  return
}

// -----

// A given shape must have the input's rank.
// expected-error @+3 {{input 'x' has rank 1, but --input-shape gives 2 dimensions}}
// expected-error @+2 {{--input-shape names 'typo'}}
// expected-error @+1 {{invalid input shape 'bad'}}
func.func @wrong_rank(%x: tensor<?xf32> {kiln_onnx.name = "x"}) {
  return
}

// -----

// An input without any shape must be given one.
// expected-error @+4 {{input 'u' has no shape in the model; give one with --input-shape u=D0xD1x...}}
// expected-error @+3 {{--input-shape names 'typo'}}
// expected-error @+2 {{invalid input shape 'bad'}}
// expected-error @+1 {{input 'x' dimension 1 is 3}}
func.func @unranked(%u: tensor<*xf32> {kiln_onnx.name = "u"}, %x: tensor<2x3xf32> {kiln_onnx.name = "x"}) {
  return
}
