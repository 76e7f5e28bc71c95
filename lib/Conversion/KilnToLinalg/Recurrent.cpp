// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lowers `kiln.lstm` to, per direction, one `linalg.matmul` for the input
// projection of every step at once, and an `scf.for` over the time steps
// carrying `h`, `c` and the output `y`: a recurrent `linalg.matmul` and one
// `linalg.generic` for the gates and the new state.

#include "Patterns.h"

#include "kiln/Conversion/KilnToLinalg/KilnToLinalg.h"
#include "kiln/Dialect/Kiln/IR/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace mlir::kiln::lowering;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {

/// The activations an LSTM direction may use.
enum class Activation { Sigmoid, Tanh, Relu };

} // namespace

/// Returns the activation named `name`, or nothing.
static std::optional<Activation> parseActivation(StringRef name) {
  return llvm::StringSwitch<std::optional<Activation>>(name)
      .Case("Sigmoid", Activation::Sigmoid)
      .Case("Tanh", Activation::Tanh)
      .Case("Relu", Activation::Relu)
      .Default(std::nullopt);
}

/// Returns `activation(x)`.
static Value applyActivation(OpBuilder &b, Location loc, Activation activation,
                             Value x) {
  switch (activation) {
  case Activation::Sigmoid: {
    Value one = createScalar(b, loc, x.getType(), 1.0);
    Value exp = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
    return arith::DivFOp::create(b, loc, one,
                                 arith::AddFOp::create(b, loc, one, exp));
  }
  case Activation::Tanh:
    return math::TanhOp::create(b, loc, x);
  case Activation::Relu:
    return arith::MaximumFOp::create(b, loc, x,
                                     createScalar(b, loc, x.getType(), 0.0));
  }
  llvm_unreachable("unknown activation");
}

/// Returns the slice `[index]` of `value` along its first dimension, with
/// that dimension dropped (`index` an `index` value or constant).
static Value extractFirst(OpBuilder &b, Location loc, Value value,
                          OpFoldResult index) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
  offsets[0] = index;
  SmallVector<OpFoldResult> sizes =
      getAsIndexOpFoldResult(b.getContext(), type.getShape());
  sizes[0] = b.getIndexAttr(1);
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  auto resultType = RankedTensorType::get(type.getShape().drop_front(),
                                          type.getElementType());
  return tensor::ExtractSliceOp::create(b, loc, resultType, value, offsets,
                                        sizes, strides);
}

/// Returns `into` with `value` inserted at `offsets`, `value`'s shape padded
/// with leading unit dimensions to the rank of `into`.
static Value insertAt(OpBuilder &b, Location loc, Value value, Value into,
                      ArrayRef<OpFoldResult> offsets) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t rank = cast<RankedTensorType>(into.getType()).getRank();
  SmallVector<OpFoldResult> sizes(rank - type.getRank(), b.getIndexAttr(1));
  llvm::append_range(sizes,
                     getAsIndexOpFoldResult(b.getContext(), type.getShape()));
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  return tensor::InsertSliceOp::create(b, loc, value, into, offsets, sizes,
                                       strides);
}

/// Returns the 1-D slice `[offset, offset + size)` of the 1-D `value`.
static Value extractRange(OpBuilder &b, Location loc, Value value,
                          int64_t offset, int64_t size) {
  auto type = cast<RankedTensorType>(value.getType());
  return tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get({size}, type.getElementType()), value,
      ArrayRef<OpFoldResult>{b.getIndexAttr(offset)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(size)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// `kiln.lstm` becomes, for each direction `d`:
/// 1. `xw = x W_d^T + (Wb_d + Rb_d)` for all steps at once: one
///    `linalg.matmul` (transposed `W` in its indexing maps) onto the bias
///    broadcast with `linalg.broadcast`;
/// 2. an `scf.for` over the steps (in reverse for the backward direction)
///    carrying `h`, `c` (each copied into a buffer of its own first) and
///    `y`: `gates = xw[t] + h R_d^T` (a `linalg.matmul` onto the step's
///    slice), then one `linalg.generic` over `[batch, H]` reading the four
///    column blocks of the gates (the peepholes, the previous `c`) and
///    yielding the new `c` and `h`, copied into the loop-carried buffers
///    with `bufferization.materialize_in_destination`; `h` goes into
///    `y[t, d]`;
/// 3. the last `h` and `c` go into `y_h[d]` and `y_c[d]`.
struct ConvertLstmOp : OpConversionPattern<LstmOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(LstmOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<RankedTensorType> resultTypes;
    if (failed(checkElementTypes(rewriter, op)) ||
        failed(
            convertResultTypes(*getTypeConverter(), rewriter, op, resultTypes)))
      return failure();
    // The verifier allows only these names and directions.
    SmallVector<Activation> activations;
    for (StringRef name : op.getActivations().getAsValueRange<StringAttr>()) {
      std::optional<Activation> activation = parseActivation(name);
      assert(activation && "kiln.lstm verifies its activations");
      activations.push_back(*activation);
    }
    StringRef direction = op.getDirection();
    assert((direction == "forward" || direction == "reverse" ||
            direction == "bidirectional") &&
           "kiln.lstm verifies its direction");

    Location loc = op.getLoc();
    auto xType = cast<RankedTensorType>(adaptor.getX().getType());
    Type type = xType.getElementType();
    int64_t steps = xType.getDimSize(0), batch = xType.getDimSize(1);
    int64_t inputSize = xType.getDimSize(2);
    int64_t hidden = op.getHiddenSize();
    int64_t numDirections = resultTypes[1].getDimSize(0);
    std::optional<double> clip;
    if (FloatAttr clipAttr = op.getClipAttr())
      clip = clipAttr.getValueAsDouble();
    bool inputForget = op.getInputForget();

    Value y = createEmptyTensor(rewriter, loc, resultTypes[0].getShape(), type);
    Value yH =
        createEmptyTensor(rewriter, loc, resultTypes[1].getShape(), type);
    Value yC =
        createEmptyTensor(rewriter, loc, resultTypes[2].getShape(), type);
    Value xFlat =
        reshapeTensor(rewriter, loc, adaptor.getX(),
                      RankedTensorType::get({steps * batch, inputSize}, type));
    auto indexConstant = [&](int64_t value) -> Value {
      return arith::ConstantIndexOp::create(rewriter, loc, value);
    };

    for (int64_t d = 0; d < numDirections; ++d) {
      bool reverse = direction == "reverse" || d == 1;
      ArrayRef<Activation> fns = ArrayRef(activations).slice(3 * d, 3);
      OpFoldResult dIndex = rewriter.getIndexAttr(d);
      Value w = extractFirst(rewriter, loc, adaptor.getW(), dIndex);
      Value r = extractFirst(rewriter, loc, adaptor.getR(), dIndex);
      Value b = extractFirst(rewriter, loc, adaptor.getB(), dIndex);
      Value peepholes;
      if (adaptor.getPeepholes())
        peepholes = extractFirst(rewriter, loc, adaptor.getPeepholes(), dIndex);

      // 1. The input projection of every step, plus both biases.
      Value bias = buildElementwise(
          rewriter, loc, RankedTensorType::get({4 * hidden}, type),
          ValueRange{extractRange(rewriter, loc, b, 0, 4 * hidden),
                     extractRange(rewriter, loc, b, 4 * hidden, 4 * hidden)},
          [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
            return arith::AddFOp::create(nested, nestedLoc, args[0], args[1]);
          });
      Value biasRows = linalg::BroadcastOp::create(
                           rewriter, loc, bias,
                           createEmptyTensor(rewriter, loc,
                                             {steps * batch, 4 * hidden}, type),
                           ArrayRef<int64_t>{0})
                           .getResult()[0];
      auto projection =
          linalg::MatmulOp::create(rewriter, loc, TypeRange{biasRows.getType()},
                                   ValueRange{xFlat, w}, ValueRange{biasRows});
      setTransposedRhsMaps(rewriter, projection);
      Value xw = reshapeTensor(
          rewriter, loc, projection.getResult(0),
          RankedTensorType::get({steps, batch, 4 * hidden}, type));

      // 2. The time loop.
      // The loop updates h and c in place; each needs a buffer of its own,
      // even when both start from the same (CSE'd) constant, or
      // bufferization cannot keep the loop-carried values in place.
      // `alloc_tensor` is never merged by CSE, unlike `tensor.empty`.
      auto ownCopy = [&](Value init) {
        auto type = cast<RankedTensorType>(init.getType());
        Value buffer = bufferization::AllocTensorOp::create(rewriter, loc, type,
                                                            ValueRange());
        return linalg::CopyOp::create(rewriter, loc, init, buffer).getResult(0);
      };
      Value h0 =
          ownCopy(extractFirst(rewriter, loc, adaptor.getInitialH(), dIndex));
      Value c0 =
          ownCopy(extractFirst(rewriter, loc, adaptor.getInitialC(), dIndex));
      auto loop = scf::ForOp::create(
          rewriter, loc, indexConstant(0), indexConstant(steps),
          indexConstant(1), ValueRange{h0, c0, y},
          [&](OpBuilder &nested, Location nestedLoc, Value t, ValueRange args) {
            Value step = t;
            if (reverse)
              step = arith::SubIOp::create(
                  nested, nestedLoc,
                  arith::ConstantIndexOp::create(nested, nestedLoc, steps - 1),
                  t);
            Value xwStep = extractFirst(nested, nestedLoc, xw, step);
            auto gates = linalg::MatmulOp::create(
                nested, nestedLoc, TypeRange{xwStep.getType()},
                ValueRange{args[0], r}, ValueRange{xwStep});
            setTransposedRhsMaps(nested, gates);
            auto [c, h] =
                buildCell(nested, nestedLoc, gates.getResult(0), args[1],
                          peepholes, type, hidden, fns, clip, inputForget);
            Value newY =
                insertAt(nested, nestedLoc, h, args[2],
                         {step, nested.getIndexAttr(d), nested.getIndexAttr(0),
                          nested.getIndexAttr(0)});
            // Copying the new state into the loop-carried buffers keeps the
            // loop in place after bufferization.
            auto inPlace = [&](Value value, Value dest) {
              return bufferization::MaterializeInDestinationOp::create(
                         nested, nestedLoc, value, dest)
                  .getResult();
            };
            scf::YieldOp::create(
                nested, nestedLoc,
                ValueRange{inPlace(h, args[0]), inPlace(c, args[1]), newY});
          });

      // 3. The final state.
      y = loop.getResult(2);
      SmallVector<OpFoldResult> offsets = {dIndex, rewriter.getIndexAttr(0),
                                           rewriter.getIndexAttr(0)};
      yH = insertAt(rewriter, loc, loop.getResult(0), yH, offsets);
      yC = insertAt(rewriter, loc, loop.getResult(1), yC, offsets);
    }
    rewriter.replaceOp(op, ValueRange{y, yH, yC});
    return success();
  }

  /// Makes `matmul` multiply by its right operand transposed (`[N, K]`).
  static void setTransposedRhsMaps(OpBuilder &b, linalg::MatmulOp matmul) {
    MLIRContext *context = b.getContext();
    AffineExpr m, n, k;
    bindDims(context, m, n, k);
    matmul.setIndexingMapsAttr(
        b.getAffineMapArrayAttr({AffineMap::get(3, 0, {m, k}, context),
                                 AffineMap::get(3, 0, {n, k}, context),
                                 AffineMap::get(3, 0, {m, n}, context)}));
  }

  /// Builds the `linalg.generic` of one step over `[batch, H]`: reads the
  /// four pre-activations, column blocks of `gates` (`[batch, 4H]`, order i,
  /// o, f, c), the `peepholes` (`[3H]`, order i, o, f) and the previous
  /// `c`, and returns the new `c` and `h` in fresh tensors. The caller
  /// copies them into the loop's own buffers: the cell may be tiled into
  /// loops of its own, which could not both update `c` in place and leave
  /// the old `c` to the copy.
  static std::pair<Value, Value>
  buildCell(OpBuilder &b, Location loc, Value gates, Value c, Value peepholes,
            Type type, int64_t hidden, ArrayRef<Activation> fns,
            std::optional<double> clip, bool inputForget) {
    MLIRContext *context = b.getContext();
    int64_t batch = cast<RankedTensorType>(c.getType()).getDimSize(0);
    // Column blocks are `tensor.extract_slice`s (views once bufferized):
    // indexing maps with offsets would tie the loop range to the operand.
    auto gate = [&](int64_t index) -> Value {
      return tensor::ExtractSliceOp::create(
          b, loc, RankedTensorType::get({batch, hidden}, type), gates,
          ArrayRef<OpFoldResult>{b.getIndexAttr(0),
                                 b.getIndexAttr(index * hidden)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(batch), b.getIndexAttr(hidden)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
    };
    AffineMap identity = b.getMultiDimIdentityMap(2);
    SmallVector<Value> inputs = {gate(0), gate(1), gate(2), gate(3)};
    SmallVector<AffineMap> maps(4, identity);
    if (peepholes) {
      AffineMap column = AffineMap::get(2, 0, getAffineDimExpr(1, context));
      for (int64_t index = 0; index < 3; ++index) {
        inputs.push_back(
            extractRange(b, loc, peepholes, index * hidden, hidden));
        maps.push_back(column);
      }
    }
    size_t cIndex = inputs.size();
    inputs.push_back(c);
    maps.append({identity, identity, identity});
    Value cInit = createEmptyTensor(b, loc, {batch, hidden}, type);
    Value hInit = createEmptyTensor(b, loc, {batch, hidden}, type);
    SmallVector<utils::IteratorType> iterators(2,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        b, loc, TypeRange{c.getType(), c.getType()}, inputs,
        ValueRange{cInit, hInit}, maps, iterators,
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          Value gi = args[0], go = args[1], gf = args[2], gc = args[3];
          Value cPrev = args[cIndex];
          auto clipped = [&](Value x) -> Value {
            if (!clip)
              return x;
            Value bound = createScalar(nb, nl, type, *clip);
            Value lower = createScalar(nb, nl, type, -*clip);
            return arith::MinimumFOp::create(
                nb, nl, arith::MaximumFOp::create(nb, nl, x, lower), bound);
          };
          auto withPeephole = [&](Value gate, int64_t index, Value state) {
            if (!peepholes)
              return gate;
            Value term = arith::MulFOp::create(nb, nl, args[4 + index], state);
            return arith::AddFOp::create(nb, nl, gate, term).getResult();
          };
          Value i = applyActivation(nb, nl, fns[0],
                                    clipped(withPeephole(gi, 0, cPrev)));
          Value f;
          if (inputForget)
            f = arith::SubFOp::create(nb, nl, createScalar(nb, nl, type, 1.0),
                                      i);
          else
            f = applyActivation(nb, nl, fns[0],
                                clipped(withPeephole(gf, 2, cPrev)));
          Value g = applyActivation(nb, nl, fns[1], clipped(gc));
          Value cNew = arith::AddFOp::create(
              nb, nl, arith::MulFOp::create(nb, nl, f, cPrev),
              arith::MulFOp::create(nb, nl, i, g));
          Value o = applyActivation(nb, nl, fns[0],
                                    clipped(withPeephole(go, 1, cNew)));
          Value hNew = arith::MulFOp::create(
              nb, nl, o, applyActivation(nb, nl, fns[2], cNew));
          linalg::YieldOp::create(nb, nl, ValueRange{cNew, hNew});
        });
    return {generic.getResult(0), generic.getResult(1)};
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

void lowering::populateRecurrentPatterns(const TypeConverter &typeConverter,
                                         RewritePatternSet &patterns) {
  patterns.add<ConvertLstmOp>(typeConverter, patterns.getContext());
}
