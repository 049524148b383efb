//===- ProgramFeatures.h - Features of a transformed, lowered program -*- C++ -*-===//
//
// What a snapshot cost model (Ansor, MetaSchedule) sees: the program after
// the schedule is applied and lowered to loops over buffers. For every store
// (memref.store, vector.store, vector.transfer_write) it describes its loop
// nest (trip counts, parallel loops, depth), the vector width, the arithmetic
// and the loads of its innermost loop body, bytes touched per buffer, reuse
// (trip counts of loops that do not index a buffer) and arithmetic intensity.
// The stores with the most dynamic executions are kept in order, plus totals
// over the whole program, as one fixed-length vector.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_COSTMODEL_PROGRAMFEATURES_H
#define CWM_COSTMODEL_PROGRAMFEATURES_H

#include "cwm/Database/Hardware.h"
#include "cwm/Schedule/Trace.h"
#include "cwm/Task/TaskInfo.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace cwm {

/// Bumped when the layout of program features changes.
constexpr int64_t kProgramFeatureVersion = 1;

int64_t programFeatureSize();
std::vector<std::string> programFeatureNames();

/// Features of an already lowered (loops over buffers) module.
std::vector<float> extractProgramFeatures(mlir::ModuleOp lowered);

/// Applies traces to a task's IR, lowers each to loops over buffers and
/// extracts its features; owns its own MLIR context (usable from any
/// thread that owns the featurizer).
class ProgramFeaturizer {
public:
  ~ProgramFeaturizer();
  /// Parses the task IR once.
  static llvm::Expected<std::unique_ptr<ProgramFeaturizer>>
  create(llvm::StringRef taskIR);
  /// Features of the task with `trace` applied (an empty trace: the
  /// untransformed task); an error if the trace fails to apply or lower.
  llvm::Expected<std::vector<float>> featurize(const Trace &trace);

private:
  ProgramFeaturizer();
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace cwm

#endif // CWM_COSTMODEL_PROGRAMFEATURES_H
