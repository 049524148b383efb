//===- fuzz-task-extraction.cpp - Fuzz task extraction --------------------===//
//
// Builds a small valid Linalg-on-tensors module from the input bytes
// (LinalgProgram.h), parses and verifies it (invalid ones are skipped), then
// runs cwm::extractTasks(module, "cpu") and cwm::analyzeTaskModule on every
// task module, and on the task's printed form parsed again (what a worker
// reads). Diagnostics are swallowed; a crash or assertion is a finding, and
// so is a task module that cwm cannot analyze again (a worker would call
// such a task "not a task module").
//
// CWM_FUZZ_PRINT=1 prints each generated module (to reproduce a finding
// with cwm-opt --cwm-extract-tasks); CWM_FUZZ_SKIP_KNOWN=1 skips programs
// that hit already reported bugs (ProgramWriter::knownIssues).
//
//===----------------------------------------------------------------------===//

#include "LinalgProgram.h"

#include "cwm/Pipelines/Pipelines.h"
#include "cwm/Task/TaskExtraction.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>

using namespace mlir;

static MLIRContext &context() {
  static MLIRContext *instance = [] {
    DialectRegistry registry;
    ::cwm::registerDialects(registry);
    auto *created = new MLIRContext(registry);
    created->loadAllAvailableDialects();
    created->disableMultithreading();
    // Swallow every diagnostic (parse errors, extraction errors).
    created->getDiagEngine().registerHandler(
        [](Diagnostic &) { return success(); });
    return created;
  }();
  return *instance;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ::cwm::fuzz::ByteReader bytes(data, size);
  ::cwm::fuzz::ProgramWriter writer(bytes);
  std::string text = writer.write();
  static const bool print = std::getenv("CWM_FUZZ_PRINT") != nullptr;
  static const bool skipKnown = std::getenv("CWM_FUZZ_SKIP_KNOWN") != nullptr;
  if (print)
    llvm::errs() << "// ----- module\n" << text;
  if (skipKnown && !writer.knownIssues.empty())
    return 0;
  MLIRContext &ctx = context();
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(text, ParserConfig(&ctx));
  if (!module || failed(verify(*module)))
    return 0;
  FailureOr<std::vector<::cwm::ExtractedTask>> tasks =
      ::cwm::extractTasks(*module, "cpu");
  if (failed(tasks))
    return 0;
  for (::cwm::ExtractedTask &task : *tasks) {
    FailureOr<::cwm::TaskInfo> info = ::cwm::analyzeTaskModule(*task.module);
    if (failed(info)) {
      llvm::errs() << "fuzz-task-extraction: an extracted task module cannot "
                      "be analyzed:\n"
                   << task.ir << "\nfrom:\n"
                   << text;
      std::abort();
    }
    OwningOpRef<ModuleOp> reparsed =
        parseSourceString<ModuleOp>(task.ir, ParserConfig(&ctx));
    if (!reparsed) {
      llvm::errs() << "fuzz-task-extraction: a task's printed form does not "
                      "parse:\n"
                   << task.ir << "\nfrom:\n"
                   << text;
      std::abort();
    }
    if (failed(::cwm::analyzeTaskModule(*reparsed))) {
      llvm::errs() << "fuzz-task-extraction: a task's printed form cannot be "
                      "analyzed:\n"
                   << task.ir;
      std::abort();
    }
  }
  return 0;
}
