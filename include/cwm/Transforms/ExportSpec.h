//===- ExportSpec.h - Best schedules as a Transform library -----*- C++ -*-===//
//
// The library `--cwm-export-spec` writes (lib/Transforms/ExportSpec.cpp;
// docs/schedules.md "Exporting schedules"), for the pass and the API.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_TRANSFORMS_EXPORTSPEC_H
#define CWM_TRANSFORMS_EXPORTSPEC_H

#include "cwm/Database/Database.h"

#include "mlir/IR/MLIRContext.h"

#include <string>
#include <vector>

namespace mlir::cwm {

/// The Transform library of `database`'s best CPU schedules (`source` names
/// the database in its header). Tasks that cannot be exported are listed
/// as comments in it and, when given, in `skipped`.
std::string exportTransformSpec(const ::cwm::Database &database,
                                MLIRContext &context, StringRef source,
                                std::vector<std::string> *skipped = nullptr);

} // namespace mlir::cwm

#endif // CWM_TRANSFORMS_EXPORTSPEC_H
