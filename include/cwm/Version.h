//===- Version.h - cwm's version and the commit it was built from -*- C++ -*-===//
//
// `--version` of every cwm tool prints cwm's version, its commit and the LLVM
// it was built with (instead of LLVM's own banner). Version.inc is written at
// build time by cmake/WriteVersion.cmake; a target that includes this header
// depends on `cwm-version`.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_VERSION_H
#define CWM_VERSION_H

#include "cwm/Version.inc"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

namespace cwm {

/// "0.5 (commit 1a2b3c4d5e6f)".
inline std::string versionString() {
  return std::string(CWM_VERSION_STRING) + " (commit " CWM_COMMIT_STRING ")";
}

/// Prints `TOOL VERSION (commit ...)` and the LLVM it was built with.
inline void printVersion(llvm::StringRef tool, llvm::raw_ostream &os) {
  os << tool << " (cwm) " << versionString() << "\n  built with LLVM "
     << LLVM_VERSION_STRING << "\n";
}

/// Makes llvm::cl's `--version` print cwm's version for `tool`.
inline void setVersionPrinter(const char *tool) {
  static const char *name = tool;
  llvm::cl::SetVersionPrinter(
      [](llvm::raw_ostream &os) { printVersion(name, os); });
}

} // namespace cwm

#endif // CWM_VERSION_H
