// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lowering of the `kiln` graph dialect to `linalg`, `tensor`, `arith`, `math`
// and `scf` on tensors, for the code generation path.

#ifndef KILN_CONVERSION_KILNTOLINALG_KILNTOLINALG_H
#define KILN_CONVERSION_KILNTOLINALG_KILNTOLINALG_H

#include "mlir/Transforms/DialectConversion.h"

namespace mlir::kiln {

/// Converts `kiln` types to the types of the lowered IR: upstream arithmetic
/// is signless, so unsigned (`uiN`) and signed (`siN`) integers become `iN`,
/// as scalars and as tensor elements. Every other type is kept. The patterns
/// still read the original `kiln` types to choose between signed and unsigned
/// operations (`divui`/`divsi`, `uitofp`/`sitofp`, ...).
class KilnToLinalgTypeConverter : public TypeConverter {
public:
  KilnToLinalgTypeConverter();
};

/// Returns the signless type that `type` (a scalar element type) is stored as
/// after the conversion: `iN` for `uiN`/`siN`, `type` itself otherwise.
Type getSignlessElementType(Type type);

/// Adds the patterns that lower every supported `kiln` op to `patterns`;
/// `typeConverter` is normally a `KilnToLinalgTypeConverter`. A pattern that
/// meets an op it cannot lower (an unsupported element type or attribute
/// value) reports `unsupported <op> (<why>)` at the op and fails to match.
void populateKilnToLinalgConversionPatterns(TypeConverter &typeConverter,
                                            RewritePatternSet &patterns);

} // namespace mlir::kiln

#endif // KILN_CONVERSION_KILNTOLINALG_KILNTOLINALG_H
