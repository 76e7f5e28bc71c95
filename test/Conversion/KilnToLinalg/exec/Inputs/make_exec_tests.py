# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# Writes the executable tests of convert-kiln-to-linalg (../*.mlir): each case
# runs one kiln op on constant inputs through the JIT and compares it with
# the output ONNX Runtime computes for the equivalent ONNX node.
#
#   python3 -m pip install numpy onnx onnxruntime
#   python3 make_exec_tests.py    # rewrites ../*.mlir
#
# The comparison happens in the test itself (`@check` prints the case number
# and the count of elements outside rtol 1e-4 / atol 1e-6), so the files do
# not depend on how the JIT prints floats.

import os

import numpy as np
import onnxruntime as ort
from onnx import TensorProto, ValueInfoProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.dirname(HERE)
RNG = np.random.default_rng(20240611)

RUN = """\
// RUN: kiln-opt %s --convert-kiln-to-linalg | kiln-opt %lower_to_llvm \\
// RUN:   | mlir-runner -e main --entry-point-result=void \\
// RUN:     --shared-libs=%mlir_runner_utils,%mlir_c_runner_utils \\
// RUN:   | FileCheck %s
"""

CHECK_FUNC = """\
func.func private @printMemrefF32(tensor<*xf32>)

// Prints `[case, mismatches]`, the number of elements of `got` outside
// rtol 1e-4 / atol 1e-6 of `want` (NaN matches only NaN). Written with linalg
// and arith directly, so that it does not depend on the pass under test.
func.func @check(%case: f32, %got: tensor<?xf32>, %want: tensor<?xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %rtol = arith.constant 1.0e-4 : f32
  %atol = arith.constant 1.0e-6 : f32
  %init = tensor.empty() : tensor<f32>
  %fill = linalg.fill ins(%zero : f32) outs(%init : tensor<f32>) -> tensor<f32>
  %count = linalg.generic {
      indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>,
                       affine_map<(d0) -> ()>],
      iterator_types = ["reduction"]}
      ins(%got, %want : tensor<?xf32>, tensor<?xf32>)
      outs(%fill : tensor<f32>) {
  ^bb0(%g: f32, %w: f32, %acc: f32):
    %diff = arith.subf %g, %w : f32
    %error = math.absf %diff : f32
    %magnitude = math.absf %w : f32
    %relative = arith.mulf %magnitude, %rtol : f32
    %tolerance = arith.addf %relative, %atol : f32
    %close = arith.cmpf ole, %error, %tolerance : f32
    %got_nan = arith.cmpf uno, %g, %g : f32
    %want_nan = arith.cmpf uno, %w, %w : f32
    %both_nan = arith.andi %got_nan, %want_nan : i1
    %ok = arith.ori %close, %both_nan : i1
    %miss = arith.select %ok, %zero, %one : f32
    %sum = arith.addf %acc, %miss : f32
    linalg.yield %sum : f32
  } -> tensor<f32>
  %mismatches = tensor.extract %count[] : tensor<f32>
  %pair = tensor.from_elements %case, %mismatches : tensor<2xf32>
  %printable = tensor.cast %pair : tensor<2xf32> to tensor<*xf32>
  call @printMemrefF32(%printable) : (tensor<*xf32>) -> ()
  return
}
"""

ONNX_TYPES = {
    np.dtype(np.float32): TensorProto.FLOAT,
    np.dtype(np.int64): TensorProto.INT64,
    np.dtype(np.int32): TensorProto.INT32,
    np.dtype(np.uint8): TensorProto.UINT8,
}
MLIR_TYPES = {
    np.dtype(np.float32): "f32",
    np.dtype(np.int64): "i64",
    np.dtype(np.int32): "i32",
    np.dtype(np.uint8): "ui8",
}


def tensor_type(array):
    dims = "x".join(str(d) for d in array.shape)
    element = MLIR_TYPES[array.dtype]
    return f"tensor<{dims}x{element}>" if dims else f"tensor<{element}>"


def literal(array):
    """Returns `array` as the body of a `dense<...>` attribute."""
    if array.dtype == np.float32:
        def fmt(v):
            if np.isnan(v):
                return "0x7FC00000"
            if np.isinf(v):
                return "0x7F800000" if v > 0 else "0xFF800000"
            return "%.9e" % float(v)
    else:
        def fmt(v):
            return str(int(v))

    def nest(a):
        if a.ndim == 0:
            return fmt(a)
        return "[" + ", ".join(nest(x) for x in a) + "]"

    return nest(array)


def onnx_run(op, inputs, outputs=1, opset=17, **attrs):
    """Runs one ONNX node on `inputs` (a list of arrays, None for an omitted
    optional input) in ONNX Runtime and returns its outputs."""
    names, feeds, infos = [], {}, []
    for i, value in enumerate(inputs):
        if value is None:
            names.append("")
            continue
        name = f"in{i}"
        names.append(name)
        feeds[name] = value
        infos.append(helper.make_tensor_value_info(
            name, ONNX_TYPES[value.dtype], value.shape))
    out_names = [f"out{i}" for i in range(outputs)]
    node = helper.make_node(op, names, out_names, **attrs)
    graph = helper.make_graph(
        [node], "g", infos,
        [ValueInfoProto(name=n) for n in out_names])
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", opset)])
    session = ort.InferenceSession(model.SerializeToString(),
                                   providers=["CPUExecutionProvider"])
    return session.run(None, feeds)


class TestFile:
    """Collects the cases of one test file."""

    def __init__(self, name, summary):
        self.name = name
        self.summary = summary
        self.body = []
        self.checks = []
        self.count = 0
        self.values = 0

    def value(self):
        self.values += 1
        return f"%v{self.values}"

    def constant(self, array):
        name = self.value()
        self.body.append(
            f"  {name} = kiln.constant dense<{literal(array)}> : "
            f"{tensor_type(array)}")
        return name

    def case(self, comment, op_text, inputs, want, result_types=None):
        """Adds a case: `op_text` is the kiln op with `{0}`, `{1}`, ... for
        the inputs, `{r}` for the result name and `{t}` for the result type
        (a float32 array `want` of its expected value); `want` may be a list
        for ops with several results, with `result_types` their types."""
        self.count += 1
        self.body.append("")
        for line in comment.splitlines():
            self.body.append(f"  // {line}")
        names = [self.constant(x) for x in inputs]
        wants = want if isinstance(want, list) else [want]
        results = [self.value() for _ in wants]
        types = result_types or [tensor_type(w) for w in wants]
        text = op_text.format(*names, r=", ".join(results), t=types[0])
        self.body.append(f"  {text}")
        for result, rtype, expected in zip(results, types, wants):
            number = self.count
            got = result
            element = rtype[rtype.rindex("x") + 1:-1] if "x" in rtype else (
                rtype[len("tensor<"):-1])
            if element != "f32":
                got = self.value()
                ftype = rtype.replace(element + ">", "f32>")
                self.body.append(
                    f"  {got} = kiln.cast {result} : {rtype} to {ftype}")
                rtype = ftype
            expected = np.asarray(expected, np.float32)
            size = expected.size
            flat_type = f"tensor<{size}xf32>"
            flat = self.value()
            self.body.append(
                f"  {flat} = kiln.reshape {got} : {rtype} to {flat_type}")
            dynamic = self.value()
            self.body.append(
                f"  {dynamic} = tensor.cast {flat} : {flat_type} to "
                "tensor<?xf32>")
            want_name = self.constant(expected.reshape(-1))
            want_dynamic = self.value()
            self.body.append(
                f"  {want_dynamic} = tensor.cast {want_name} : {flat_type} to "
                "tensor<?xf32>")
            case_value = self.value()
            self.body.append(
                f"  {case_value} = arith.constant {number}.0 : f32")
            self.body.append(
                f"  call @check({case_value}, {dynamic}, {want_dynamic}) : "
                "(f32, tensor<?xf32>, tensor<?xf32>) -> ()")
            # Several results of one case share its number.
            self.checks.append(f"// CHECK: [{number},{{{{ +}}}}0]")

    def write(self):
        lines = [RUN, "// " + self.summary.replace("\n", "\n// "),
                 "// Generated by Inputs/make_exec_tests.py from ONNX Runtime's"
                 " outputs. Each",
                 "// `[case, 0]` line is one result of one case with no"
                 " element wrong.", ""]
        lines += self.checks
        lines += ["", CHECK_FUNC, "func.func @main() {"]
        lines += self.body
        lines += ["  return", "}", ""]
        with open(os.path.join(OUT_DIR, self.name), "w") as f:
            f.write("\n".join(lines))


def randn(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


def attrs_text(**attrs):
    parts = []
    for key, value in attrs.items():
        if isinstance(value, bool):
            parts.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, list):
            parts.append(
                f"{key} = array<i64: {', '.join(str(v) for v in value)}>")
        elif isinstance(value, float):
            parts.append(f"{key} = {value:.6e} : f32")
        elif isinstance(value, str):
            parts.append(f'{key} = "{value}"')
        else:
            parts.append(f"{key} = {value} : i64")
    # Doubled braces: the text goes through `str.format` in `TestFile.case`.
    return "{{" + ", ".join(parts) + "}}"


#===-------------------------------------------------------------------------===#
# Convolution and pooling
#===-------------------------------------------------------------------------===#


def convolution():
    f = TestFile("convolution.mlir",
                 "Convolutions and pools against ONNX Runtime: pads, strides,"
                 " dilations, groups,\nceil_mode and count_include_pad.")

    def conv(comment, x, w, b, strides, dilations, pads, group):
        inputs = [x, w] + ([b] if b is not None else [])
        want = onnx_run("Conv", inputs, strides=strides, dilations=dilations,
                        pads=pads, group=group)[0]
        operands = "{0}, {1}" + (", {2}" if b is not None else "")
        types = ", ".join(tensor_type(a) for a in inputs)
        f.case(comment,
               f"{{r}} = kiln.conv {operands} "
               + attrs_text(strides=strides, dilations=dilations, pads=pads,
                            group=group)
               + f" : ({types}) -> {{t}}", inputs, want)

    conv("2-D, 2 groups, stride 2, asymmetric pads, bias "
         "(conv_2d_ngchw_gfchw).",
         randn(1, 4, 5, 5), randn(6, 2, 3, 3), randn(6), [2, 2], [1, 1],
         [1, 0, 1, 2], 2)
    conv("2-D, one group, dilation 2, pads 2, no bias (conv_2d_nchw_fchw).",
         randn(2, 3, 5, 5), randn(2, 3, 3, 3), None, [1, 1], [2, 2],
         [2, 2, 2, 2], 1)
    conv("2-D depthwise with bias (depthwise_conv_2d_nchw_chw).",
         randn(1, 4, 6, 6), randn(4, 1, 3, 3), randn(4), [2, 1], [1, 1],
         [1, 1, 1, 1], 4)
    conv("1-D, 2 groups, stride 2 (generic).",
         randn(2, 4, 7), randn(6, 2, 3), randn(6), [2], [1], [1, 1], 2)
    conv("3-D, one group (conv_3d_ncdhw_fcdhw).",
         randn(1, 2, 4, 4, 4), randn(3, 2, 2, 2, 2), randn(3), [1, 1, 1],
         [1, 1, 1], [0, 1, 0, 1, 0, 1], 1)
    conv("1-D depthwise with channel multiplier 2 (generic).",
         randn(1, 3, 6), randn(6, 1, 3), None, [1], [1], [1, 1], 3)

    def pool(comment, op, x, kernel, strides, dilations, pads, ceil,
             count_include_pad=None):
        attrs = dict(kernel_shape=kernel, strides=strides,
                     dilations=dilations, pads=pads, ceil_mode=int(ceil))
        kiln_attrs = dict(kernel_shape=kernel, strides=strides,
                          dilations=dilations, pads=pads, ceil_mode=ceil)
        if op == "AveragePool":
            attrs["count_include_pad"] = int(count_include_pad)
            kiln_attrs["count_include_pad"] = count_include_pad
        want = onnx_run(op, [x], opset=19, **attrs)[0]
        name = "max_pool" if op == "MaxPool" else "avg_pool"
        f.case(comment,
               f"{{r}} = kiln.{name} {{0}} {attrs_text(**kiln_attrs)} : "
               f"{tensor_type(x)} -> {{t}}",
               [x], want.astype(np.float32), [tensor_type(want)])

    pool("Max pool 2x2, stride 2, ceil_mode: the last window hangs over.",
         "MaxPool", randn(1, 2, 5, 5), [2, 2], [2, 2], [1, 1], [0, 0, 0, 0],
         True)
    pool("Max pool 3x3, stride 2, pads 1, all inputs negative: padding "
         "never wins.", "MaxPool", -np.abs(randn(1, 2, 5, 5)) - 1, [3, 3],
         [2, 2], [1, 1], [1, 1, 1, 1], False)
    pool("1-D max pool with dilation 2 and ceil_mode (pooling_ncw_max).",
         "MaxPool", randn(1, 3, 9), [2], [2], [2], [1, 0], True)
    pool("3-D max pool (generic).", "MaxPool", randn(1, 1, 4, 5, 3),
         [2, 2, 2], [2, 2, 1], [1, 1, 1], [0, 1, 0, 0, 0, 1], True)
    pool("Max pool of ui8 values, ceil_mode (generic with maxui; padding "
         "is 0).", "MaxPool",
         RNG.integers(0, 256, (1, 2, 5, 5)).astype(np.uint8), [2, 2], [2, 2],
         [1, 1], [0, 0, 0, 0], True)
    pool("Average pool 3x3, stride 2, pads 1, without the pads in the "
         "divisor.", "AveragePool", randn(1, 2, 5, 5), [3, 3], [2, 2],
         [1, 1], [1, 1, 1, 1], False, False)
    pool("Average pool 3x3, stride 2, pads 1, with the pads in the divisor.",
         "AveragePool", randn(1, 2, 5, 5), [3, 3], [2, 2], [1, 1],
         [1, 1, 1, 1], False, True)
    pool("Average pool 2x2, stride 2, ceil_mode, without pads.",
         "AveragePool", randn(1, 2, 5, 5), [2, 2], [2, 2], [1, 1],
         [0, 0, 0, 0], True, False)
    pool("Average pool with ceil_mode and count_include_pad: positions "
         "past the end padding never count.", "AveragePool",
         randn(1, 1, 6, 6), [3, 3], [2, 2], [1, 1], [1, 1, 1, 1], True, True)
    pool("Average pool with dilation 2 and count_include_pad.",
         "AveragePool", randn(1, 1, 6, 7), [3, 2], [2, 1], [2, 2],
         [1, 0, 1, 1], False, True)
    pool("1-D average pool (pooling_ncw_sum), asymmetric pads.",
         "AveragePool", randn(2, 2, 7), [3], [2], [1], [2, 1], False, False)
    pool("3-D average pool (generic) with ceil_mode.", "AveragePool",
         randn(1, 2, 3, 4, 5), [2, 2, 2], [2, 2, 2], [1, 1, 1],
         [0, 0, 0, 0, 0, 0], True, False)
    f.write()


#===-------------------------------------------------------------------------===#
# Reductions and normalizations
#===-------------------------------------------------------------------------===#


def reduction():
    f = TestFile("reduction.mlir",
                 "Reductions, softmax, layer and batch normalization against"
                 " ONNX Runtime.")
    x = randn(2, 3, 4)
    for axis in (1, 2):
        want = onnx_run("Softmax", [x], axis=axis)[0]
        f.case(f"Softmax along axis {axis}.",
               f"{{r}} = kiln.softmax {{0}} {{{{axis = {axis} : i64}}}} : "
               f"{tensor_type(x)}", [x], want)
    big = np.array([[1000.0, 0.0, -1000.0], [3.0, 3.0, 3.0]], np.float32)
    want = onnx_run("Softmax", [big], axis=1)[0]
    f.case("Softmax of large values: stable thanks to the max subtraction.",
           "{r} = kiln.softmax {0} {{axis = 1 : i64}} : tensor<2x3xf32>",
           [big], want)
    want = onnx_run("LogSoftmax", [x], axis=0)[0]
    f.case("LogSoftmax along axis 0.",
           "{r} = kiln.log_softmax {0} {{axis = 0 : i64}} : tensor<2x3x4xf32>",
           [x], want)

    for axis, scale_shape in ((2, (4,)), (1, (3, 4)), (1, (4,))):
        scale, bias = randn(*scale_shape), randn(*scale_shape)
        f.case(f"LayerNorm over dims [{axis}, 3), scale and bias of shape "
               f"{list(scale_shape)}.",
               "{r} = kiln.layer_norm {0}, {1}, {2} "
               f"{{{{axis = {axis} : i64, epsilon = 1.0e-05 : f32}}}} : "
               f"({tensor_type(x)}, {tensor_type(scale)}, "
               f"{tensor_type(bias)}) -> {{t}}",
               [x + 3.0, scale, bias],
               onnx_run("LayerNormalization", [x + 3.0, scale, bias],
                        axis=axis, epsilon=1e-5)[0])

    y = randn(2, 3, 4, 2)
    scale, bias, mean = randn(3), randn(3), randn(3)
    var = np.abs(randn(3)) + 0.1
    want = onnx_run("BatchNormalization", [y, scale, bias, mean, var],
                    epsilon=1e-3)[0]
    f.case("BatchNorm (inference) on NCHW.",
           "{r} = kiln.batch_norm {0}, {1}, {2}, {3}, {4} "
           "{{epsilon = 1.0e-03 : f32}} : (tensor<2x3x4x2xf32>, "
           "tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> {t}",
           [y, scale, bias, mean, var], want)

    for op, kiln_op in (("ReduceSum", "reduce_sum"),
                        ("ReduceMean", "reduce_mean"),
                        ("ReduceMax", "reduce_max"),
                        ("ReduceMin", "reduce_min"),
                        ("ReduceProd", "reduce_prod")):
        for axes, keep in (([0, 2], True), ([1], False)):
            want = onnx_run(op, [x, np.array(axes, np.int64)], opset=18,
                            keepdims=int(keep))[0]
            f.case(f"{op} over {axes}, keep_dims {keep}.",
                   f"{{r}} = kiln.{kiln_op} {{0}} "
                   + attrs_text(axes=axes, keep_dims=keep)
                   + f" : {tensor_type(x)} -> {{t}}", [x], want)
    ints = RNG.integers(-50, 50, (3, 5)).astype(np.int32)
    want = onnx_run("ReduceMean", [ints, np.array([1], np.int64)], opset=18,
                    keepdims=0)[0]
    f.case("ReduceMean of i32 truncates toward zero.",
           "{r} = kiln.reduce_mean {0} {{axes = array<i64: 1>, "
           "keep_dims = false}} : tensor<3x5xi32> -> {t}", [ints],
           want.astype(np.float32), ["tensor<3xi32>"])
    f.write()


#===-------------------------------------------------------------------------===#
# Data movement
#===-------------------------------------------------------------------------===#


def tensor_ops():
    f = TestFile("tensor.mlir",
                 "Gathers, slices, concatenation and expand against ONNX"
                 " Runtime.")
    data = randn(4, 5, 3)
    indices = np.array([[0, -1], [3, -5]], np.int64)
    want = onnx_run("Gather", [data, indices], axis=1)[0]
    f.case("Gather along axis 1 with negative indices.",
           "{r} = kiln.gather {0}, {1} {{axis = 1 : i64}} : "
           "(tensor<4x5x3xf32>, tensor<2x2xi64>) -> {t}",
           [data, indices], want)
    indices32 = np.array([-1, 0, 2], np.int32)
    want = onnx_run("Gather", [data, indices32], axis=0)[0]
    f.case("Gather along axis 0 with i32 indices.",
           "{r} = kiln.gather {0}, {1} {{axis = 0 : i64}} : "
           "(tensor<4x5x3xf32>, tensor<3xi32>) -> {t}",
           [data, indices32], want)
    scalar_index = np.array(-2, np.int64)
    want = onnx_run("Gather", [data, scalar_index], axis=2)[0]
    f.case("Gather with a rank-0 index drops the axis.",
           "{r} = kiln.gather {0}, {1} {{axis = 2 : i64}} : "
           "(tensor<4x5x3xf32>, tensor<i64>) -> {t}",
           [data, scalar_index], want)
    small = randn(3, 4)
    element_indices = np.array([[0, -1], [3, 1], [-4, 2]], np.int64)
    want = onnx_run("GatherElements", [small, element_indices], axis=1)[0]
    f.case("GatherElements along axis 1 with negative indices.",
           "{r} = kiln.gather_elements {0}, {1} {{axis = 1 : i64}} : "
           "(tensor<3x4xf32>, tensor<3x2xi64>) -> {t}",
           [small, element_indices], want)
    element_indices0 = np.array([[2, -1, 0, 1], [-3, 0, 1, 2]], np.int64)
    want = onnx_run("GatherElements", [small, element_indices0], axis=0)[0]
    f.case("GatherElements along axis 0.",
           "{r} = kiln.gather_elements {0}, {1} {{axis = 0 : i64}} : "
           "(tensor<3x4xf32>, tensor<2x4xi64>) -> {t}",
           [small, element_indices0], want)

    x = randn(4, 8)

    def slice_case(comment, starts, limits, strides, onnx_ends):
        want = onnx_run("Slice", [x, np.array(starts, np.int64),
                                  np.array(onnx_ends, np.int64),
                                  np.array([0, 1], np.int64),
                                  np.array(strides, np.int64)])[0]
        f.case(comment,
               "{r} = kiln.slice {0} "
               + attrs_text(starts=starts, limits=limits, strides=strides)
               + " : tensor<4x8xf32> -> {t}", [x], want)

    slice_case("Slice with positive strides (extract_slice).", [1, 2],
               [4, 8], [2, 3], [4, 8])
    slice_case("Slice with a negative stride through index 0.", [0, 7],
               [4, -1], [1, -2], [4, -9])
    slice_case("Slice reversing both dimensions.", [3, 6], [-1, 1],
               [-1, -1], [-5, 1])

    a, b = randn(2, 3), randn(2, 1)
    want = onnx_run("Concat", [a, b, a], axis=1)[0]
    f.case("Concat of three inputs along axis 1.",
           "{r} = kiln.concat {0}, {1}, {0} {{axis = 1 : i64}} : "
           "(tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x3xf32>) -> {t}",
           [a, b], want)
    e = randn(3, 1)
    want = onnx_run("Expand", [e, np.array([2, 3, 4], np.int64)])[0]
    f.case("Expand a 3x1 tensor to 2x3x4.",
           "{r} = kiln.expand {0} : tensor<3x1xf32> -> {t}", [e], want)
    t = randn(2, 3, 4)
    want = onnx_run("Transpose", [t], perm=[2, 0, 1])[0]
    f.case("Transpose.",
           "{r} = kiln.transpose {0} {{permutation = array<i64: 2, 0, 1>}} : "
           "tensor<2x3x4xf32> -> {t}", [t], want)
    want = t.reshape(4, 6)
    f.case("Reshape that is no grouping of dimensions (through 1-D).",
           "{r} = kiln.reshape {0} : tensor<2x3x4xf32> to {t}", [t], want)
    f.write()


#===-------------------------------------------------------------------------===#
# TopK
#===-------------------------------------------------------------------------===#


def sort():
    f = TestFile("sort.mlir",
                 "TopK against ONNX Runtime, with ties: of equal values the"
                 " lower index comes first.")
    ties = np.array([[3, 1, 3, 2, 3, 1], [0, 5, 5, -1, 5, 0]], np.float32)
    for largest, k in ((True, 3), (False, 2), (True, 6)):
        values, indices = onnx_run("TopK", [ties, np.array([k], np.int64)],
                                   outputs=2, axis=1, largest=int(largest),
                                   sorted=1)
        f.case(f"k = {k}, largest = {largest}, along the last axis, with "
               "ties.",
               f"{{r}} = kiln.top_k {{0}} "
               + attrs_text(k=k, axis=1, largest=largest, sorted=True)
               + f" : tensor<2x6xf32> -> {tensor_type(values)}, "
               f"{tensor_type(indices)}",
               [ties], [values, indices.astype(np.float32)],
               [tensor_type(values), tensor_type(indices)])
    carried = np.array([[5, 9, 5, 1, 9, 5], [2, 0, 2, 2, 7, 0]], np.float32)
    for largest in (False, True):
        values, indices = onnx_run("TopK", [carried, np.array([4], np.int64)],
                                   outputs=2, axis=1, largest=int(largest),
                                   sorted=1)
        f.case(f"k = 4, largest = {largest}: an entry pushed down the buffer "
               "keeps its place\namong equal values.",
               "{r} = kiln.top_k {0} "
               + attrs_text(k=4, axis=1, largest=largest, sorted=True)
               + " : tensor<2x6xf32> -> tensor<2x4xf32>, tensor<2x4xi64>",
               [carried], [values, indices.astype(np.float32)],
               ["tensor<2x4xf32>", "tensor<2x4xi64>"])
    x = np.round(randn(4, 2, 3) * 2).astype(np.float32)
    values, indices = onnx_run("TopK", [x, np.array([2], np.int64)],
                               outputs=2, axis=0, largest=1, sorted=1)
    f.case("Along axis 0 of a 3-D tensor (rounded values, so ties occur).",
           "{r} = kiln.top_k {0} "
           + attrs_text(k=2, axis=0, largest=True, sorted=True)
           + f" : tensor<4x2x3xf32> -> {tensor_type(values)}, "
           f"{tensor_type(indices)}",
           [x], [values, indices.astype(np.float32)],
           [tensor_type(values), tensor_type(indices)])
    u = np.array([[7, 200, 7, 0, 255], [1, 1, 1, 1, 1]], np.uint8)
    values, indices = onnx_run("TopK", [u, np.array([3], np.int64)],
                               outputs=2, axis=1, largest=0, sorted=1)
    f.case("Smallest of ui8 values (unsigned comparison).",
           "{r} = kiln.top_k {0} "
           + attrs_text(k=3, axis=1, largest=False, sorted=True)
           + " : tensor<2x5xui8> -> tensor<2x3xui8>, tensor<2x3xi64>",
           [u], [values.astype(np.float32), indices.astype(np.float32)],
           ["tensor<2x3xui8>", "tensor<2x3xi64>"])
    f.write()


#===-------------------------------------------------------------------------===#
# LSTM
#===-------------------------------------------------------------------------===#


def recurrent():
    f = TestFile("recurrent.mlir",
                 "LSTM against ONNX Runtime: forward with peepholes and clip,"
                 " reverse,\nbidirectional with other activations,"
                 " input_forget.")

    def lstm(comment, seq, batch, size, hidden, direction, activations,
             peepholes, clip=None, input_forget=False):
        dirs = 2 if direction == "bidirectional" else 1
        x = randn(seq, batch, size)
        w = randn(dirs, 4 * hidden, size) * 0.5
        r = randn(dirs, 4 * hidden, hidden) * 0.5
        b = randn(dirs, 8 * hidden) * 0.5
        h0 = randn(dirs, batch, hidden)
        c0 = randn(dirs, batch, hidden)
        p = randn(dirs, 3 * hidden) * 0.5 if peepholes else None
        attrs = dict(direction=direction, hidden_size=hidden,
                     activations=activations, input_forget=int(input_forget))
        if clip is not None:
            attrs["clip"] = clip
        y, y_h, y_c = onnx_run("LSTM", [x, w, r, b, None, h0, c0, p],
                               outputs=3, **attrs)
        inputs = [x, w, r, b, h0, c0] + ([p] if peepholes else [])
        operands = ", ".join("{%d}" % i for i in range(len(inputs)))
        kiln_attrs = (
            f'direction = "{direction}", hidden_size = {hidden} : i64, '
            "activations = [" + ", ".join(f'"{a}"' for a in activations)
            + "], "
            + (f"clip = {clip:.6e} : f32, " if clip is not None else "")
            + f"input_forget = {'true' if input_forget else 'false'}")
        types = [tensor_type(y), tensor_type(y_h), tensor_type(y_c)]
        f.case(comment,
               f"{{r}} = kiln.lstm {operands} {{{{{kiln_attrs}}}}} : ("
               + ", ".join(tensor_type(a) for a in inputs) + ") -> ("
               + ", ".join(types) + ")",
               inputs, [y, y_h, y_c], types)

    lstm("Forward, with peepholes and clip 0.8.", 4, 2, 3, 5, "forward",
         ["Sigmoid", "Tanh", "Tanh"], True, clip=0.8)
    lstm("Reverse, without peepholes.", 3, 1, 4, 3, "reverse",
         ["Sigmoid", "Tanh", "Tanh"], False)
    lstm("Bidirectional with other activations per direction.", 3, 2, 2,
         4, "bidirectional",
         ["Sigmoid", "Tanh", "Relu", "Tanh", "Sigmoid", "Tanh"], True)
    lstm("Forward with input_forget (f = 1 - i).", 3, 2, 3, 2, "forward",
         ["Sigmoid", "Tanh", "Tanh"], True, input_forget=True)
    f.write()


#===-------------------------------------------------------------------------===#
# Contractions and elementwise ops
#===-------------------------------------------------------------------------===#


def contraction():
    f = TestFile("contraction.mlir",
                 "MatMul and Gemm against ONNX Runtime.")

    def matmul(comment, a, b):
        want = onnx_run("MatMul", [a, b])[0]
        f.case(comment,
               "{r} = kiln.matmul {0}, {1} : "
               f"({tensor_type(a)}, {tensor_type(b)}) -> {{t}}", [a, b], want)

    matmul("Batched lhs, matrix rhs (linalg.matmul on folded rows).",
           randn(2, 3, 4), randn(4, 5))
    matmul("Equal batches (linalg.batch_matmul).", randn(2, 3, 3, 4),
           randn(2, 3, 4, 2))
    matmul("Broadcast batches (generic).", randn(2, 1, 3, 4),
           randn(3, 4, 2))

    def gemm(comment, a, b, c, alpha, beta, trans_a, trans_b):
        inputs = [a, b] + ([c] if c is not None else [])
        want = onnx_run("Gemm", inputs, alpha=alpha, beta=beta,
                        transA=int(trans_a), transB=int(trans_b))[0]
        operands = "{0}, {1}" + (", {2}" if c is not None else "")
        f.case(comment,
               f"{{r}} = kiln.gemm {operands} "
               + attrs_text(alpha=alpha, beta=beta, trans_a=trans_a,
                            trans_b=trans_b)
               + " : (" + ", ".join(tensor_type(x) for x in inputs)
               + ") -> {t}", inputs, want)

    gemm("Gemm, both transposed, alpha 1, beta 0.5, c a row.",
         randn(3, 4), randn(5, 3), randn(5), 1.0, 0.5, True, True)
    gemm("Gemm, alpha 0.25, beta 2, c a column.", randn(4, 3), randn(3, 5),
         randn(4, 1), 0.25, 2.0, False, False)
    gemm("Gemm without c, transposed b.", randn(4, 3), randn(5, 3), None,
         1.5, 1.0, False, True)
    f.write()


def elementwise():
    f = TestFile("elementwise.mlir",
                 "Elementwise ops with tricky semantics against ONNX Runtime:"
                 " integer division,\npow, round, sign, casts, clip.")
    a = np.array([-7, 7, -8, 9, 0, -1], np.int32)
    b = np.array([2, -2, 3, 4, 5, 3], np.int32)
    want = onnx_run("Div", [a, b])[0]
    f.case("Integer division truncates toward zero.",
           "{r} = kiln.div {0}, {1} : (tensor<6xi32>, tensor<6xi32>) -> "
           "tensor<6xi32>", [a, b], want.astype(np.float32),
           ["tensor<6xi32>"])
    base = np.array([2, -3, 5, 1, 0, 7], np.int64)
    exponent = np.array([10, 3, 0, 50, 2, 2], np.int64)
    want = onnx_run("Pow", [base, exponent])[0]
    f.case("Integer pow.",
           "{r} = kiln.pow {0}, {1} : (tensor<6xi64>, tensor<6xi64>) -> "
           "tensor<6xi64>", [base, exponent], want.astype(np.float32),
           ["tensor<6xi64>"])
    fb = np.array([2.0, -2.0, 0.5, 9.0, -8.0, 1.5], np.float32)
    fe = np.array([3.0, 2.0, -1.0, 0.5, 1.0 / 3.0, 2.5], np.float32)
    want = onnx_run("Pow", [fb[:4], fe[:4]])[0]
    f.case("Float pow, negative base with an integral exponent.",
           "{r} = kiln.pow {0}, {1} : (tensor<4xf32>, tensor<4xf32>) -> "
           "tensor<4xf32>", [fb[:4], fe[:4]], want)
    r = np.array([2.5, -2.5, 0.5, 1.5, -0.4, 3.7], np.float32)
    f.case("Round half to even.",
           "{r} = kiln.round {0} : tensor<6xf32>", [r],
           onnx_run("Round", [r])[0])
    s = np.array([-3.0, 0.0, 2.5, -0.1], np.float32)
    f.case("Sign of floats.", "{r} = kiln.sign {0} : tensor<4xf32>", [s],
           onnx_run("Sign", [s])[0])
    si = np.array([-3, 0, 2, -1], np.int32)
    f.case("Sign of integers.",
           "{r} = kiln.sign {0} : tensor<4xi32>", [si],
           onnx_run("Sign", [si])[0].astype(np.float32), ["tensor<4xi32>"])
    c = np.array([-2.7, 2.7, -0.5, 100.2], np.float32)
    f.case("Cast f32 to i32 truncates toward zero.",
           "{r} = kiln.cast {0} : tensor<4xf32> to tensor<4xi32>", [c],
           onnx_run("Cast", [c], to=TensorProto.INT32)[0].astype(np.float32),
           ["tensor<4xi32>"])
    u = np.array([0, 1, 200, 255], np.uint8)
    f.case("Cast ui8 to f32 is unsigned.",
           "{r} = kiln.cast {0} : tensor<4xui8> to tensor<4xf32>", [u],
           onnx_run("Cast", [u], to=TensorProto.FLOAT)[0])
    clip = np.array([-5, 0, 3, 7, 100], np.int32)
    f.case("Clip of i32 to [0, 6].",
           "{r} = kiln.clip {0} {{min = 0.0 : f64, max = 6.0 : f64}} : "
           "tensor<5xi32>", [clip],
           onnx_run("Clip", [clip, np.array(0, np.int32),
                             np.array(6, np.int32)])[0].astype(np.float32),
           ["tensor<5xi32>"])
    sig = np.array([-100.0, -1.0, 0.0, 1.0, 100.0], np.float32)
    f.case("Sigmoid saturates without NaN.",
           "{r} = kiln.sigmoid {0} : tensor<5xf32>", [sig],
           onnx_run("Sigmoid", [sig])[0])
    e = np.array([-2.0, -0.5, 0.0, 0.3, 1.5], np.float32)
    f.case("Erf.", "{r} = kiln.erf {0} : tensor<5xf32>", [e],
           onnx_run("Erf", [e])[0])
    m = np.array([[1.0, np.nan], [3.0, -1.0]], np.float32)
    f.case("Max propagates NaN.",
           "{r} = kiln.max {0}, {1} : (tensor<2x2xf32>, tensor<2xf32>) -> "
           "tensor<2x2xf32>", [m, np.array([2.0, 0.0], np.float32)],
           np.array([[2.0, np.nan], [3.0, 0.0]], np.float32))
    f.write()


if __name__ == "__main__":
    convolution()
    reduction()
    tensor_ops()
    sort()
    recurrent()
    contraction()
    elementwise()
