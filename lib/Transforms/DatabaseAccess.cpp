//===- DatabaseAccess.cpp - Opening tuning databases from passes ----------===//

#include "DatabaseAccess.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/FileSystem.h"

namespace mlir::cwm {

FailureOr<std::unique_ptr<::cwm::Database>>
openDatabaseForPass(StringRef path, Location loc, bool mustExist) {
  if (mustExist && !llvm::sys::fs::exists(path)) {
    emitError(loc) << "tuning database '" << path << "' does not exist";
    return failure();
  }
  std::string file = path.str();
  auto opened = ::cwm::Database::open(
      path, [&](size_t line, llvm::StringRef why) {
        emitWarning(loc) << file << ":" << line
                         << ": skipped corrupt line: " << why;
      });
  if (!opened) {
    emitError(loc) << llvm::toString(opened.takeError());
    return failure();
  }
  return std::move(*opened);
}

} // namespace mlir::cwm
