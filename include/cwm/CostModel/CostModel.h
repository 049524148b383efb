//===- CostModel.h - Batched scoring of candidate schedules -----*- C++ -*-===//
//
// The interface every cost model implements (random baseline now; the world
// model and the snapshot baseline later): set the task once, score many
// traces in one call (higher = predicted faster), learn from measurements.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_COSTMODEL_COSTMODEL_H
#define CWM_COSTMODEL_COSTMODEL_H

#include "cwm/Database/Record.h"
#include "cwm/Schedule/Trace.h"
#include "cwm/Task/TaskInfo.h"

#include "llvm/Support/Error.h"

#include <memory>
#include <vector>

namespace cwm {

class CostModel {
public:
  virtual ~CostModel();
  virtual llvm::StringRef getName() const = 0;
  /// One score per trace; higher means predicted faster.
  virtual llvm::Expected<std::vector<double>>
  predict(const TaskInfo &task, llvm::ArrayRef<Trace> traces) = 0;
  /// Learns from measured candidates (online update between rounds).
  virtual llvm::Error update(const TaskInfo &task, llvm::ArrayRef<Trace> traces,
                             llvm::ArrayRef<MeasureResult> results) {
    return llvm::Error::success();
  }
};

/// Uniformly random scores (the baseline every learned model must beat).
std::unique_ptr<CostModel> createRandomModel(uint64_t seed);

/// Creates a model by name ("random"); the error lists the known names.
llvm::Expected<std::unique_ptr<CostModel>>
createCostModel(llvm::StringRef name, uint64_t seed);

} // namespace cwm

#endif // CWM_COSTMODEL_COSTMODEL_H
