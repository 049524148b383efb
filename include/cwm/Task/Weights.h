//===- Weights.h - Names that mark a model's weights ------------*- C++ -*-===//
//
// A function argument marked `cwm.weight` is a weight: the same at every
// call. Task extraction carries the mark onto the task arguments it feeds,
// cwm-prepare-weights moves what reads only weights into a function called
// once per binding, and the signature writer reports the split.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_TASK_WEIGHTS_H
#define CWM_TASK_WEIGHTS_H

#include "llvm/ADT/StringRef.h"

namespace cwm {

/// Names cwm-prepare-weights reads and writes, and the signature writer
/// reads back: the unit argument attribute marking a weight, the split
/// function's record of its parts, and each part's role.
inline constexpr llvm::StringLiteral kWeightArgAttr = "cwm.weight";
inline constexpr llvm::StringLiteral kPrepareAttr = "cwm.prepare";
inline constexpr llvm::StringLiteral kPreparedRoleAttr = "cwm.role";

} // namespace cwm

#endif // CWM_TASK_WEIGHTS_H
