//===- DatabaseAccess.h - Opening tuning databases from passes ------------===//
//
// Shared by cwm-autotune and cwm-apply-best: opens a database file and turns
// every skipped corrupt line into a warning that names the file and line.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_LIB_TRANSFORMS_DATABASEACCESS_H
#define CWM_LIB_TRANSFORMS_DATABASEACCESS_H

#include "cwm/Database/Database.h"

#include "mlir/IR/Location.h"
#include "mlir/Support/LLVM.h"

#include <memory>

namespace mlir::cwm {

/// Opens `path` (created when missing unless `mustExist`). Errors are emitted
/// at `loc`; corrupt lines are reported as warnings and skipped.
FailureOr<std::unique_ptr<::cwm::Database>>
openDatabaseForPass(StringRef path, Location loc, bool mustExist);

} // namespace mlir::cwm

#endif // CWM_LIB_TRANSFORMS_DATABASEACCESS_H
