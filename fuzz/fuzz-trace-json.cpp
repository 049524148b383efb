//===- fuzz-trace-json.cpp - Fuzz the trace JSON reader -------------------===//
//
// Parses the input as a trace (cwm::Trace::parse). A trace that parses must
// survive a round trip: its toJSON() form parses again to an equal trace
// (same actions, same sampler choices) with the same printed form.
//
//===----------------------------------------------------------------------===//

#include "cwm/Schedule/Trace.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  llvm::Expected<cwm::Trace> trace = cwm::Trace::parse(text);
  if (!trace) {
    llvm::consumeError(trace.takeError());
    return 0;
  }
  std::string printed;
  llvm::raw_string_ostream os(printed);
  os << trace->toJSON();
  llvm::Expected<cwm::Trace> again = cwm::Trace::parse(printed);
  if (!again) {
    llvm::errs() << "fuzz-trace-json: toJSON() does not parse again: "
                 << llvm::toString(again.takeError()) << "\n  " << printed
                 << "\n";
    std::abort();
  }
  if (*again != *trace || again->getChoices() != trace->getChoices() ||
      again->str() != trace->str() ||
      again->fingerprint() != trace->fingerprint()) {
    llvm::errs() << "fuzz-trace-json: round trip changed the trace:\n  "
                 << trace->str() << "\n  " << again->str() << "\n";
    std::abort();
  }
  return 0;
}
