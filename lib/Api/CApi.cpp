//===- CApi.cpp - C API of cwm --------------------------------------------===//

#include "cwm-c/Cwm.h"

#include "cwm/Api/Api.h"
#include "cwm/Transforms/Passes.h"

#include <cstdlib>
#include <cstring>

namespace {
char *copyString(const std::string &text) {
  char *copy = static_cast<char *>(std::malloc(text.size() + 1));
  if (copy)
    std::memcpy(copy, text.c_str(), text.size() + 1);
  return copy;
}

void setOut(char **out, const std::string &text) {
  if (out)
    *out = copyString(text);
}

int fail(char **error, llvm::Error err) {
  std::string message = llvm::toString(std::move(err));
  setOut(error, message);
  return 1;
}

int failText(char **error, const char *message) {
  setOut(error, message);
  return 1;
}
} // namespace

extern "C" {

const char *cwmVersion(void) { return cwm::getVersion(); }

void cwmRegisterPasses(void) { cwm::registerAllPasses(); }

int cwmTune(const char *module, const char *options, char **tunedModule,
            char **reportJson, char **error) {
  if (!module)
    return failText(error, "cwmTune: module is NULL");
  llvm::Expected<cwm::TuneOutput> output =
      cwm::tuneModule(module, options ? options : "");
  if (!output)
    return fail(error, output.takeError());
  setOut(tunedModule, output->module);
  setOut(reportJson, output->report);
  return 0;
}

int cwmCompile(const char *module, const char *outputPath,
               const char *database, char **signatureJson, char **error) {
  if (!module || !outputPath)
    return failText(error, "cwmCompile: module and outputPath are required");
  cwm::CompileOptions options;
  if (database)
    options.database = database;
  llvm::Expected<cwm::CompileOutput> output =
      cwm::compileModuleText(module, outputPath, options);
  if (!output)
    return fail(error, output.takeError());
  setOut(signatureJson, output->signature);
  return 0;
}

void cwmFree(char *string) { std::free(string); }

} // extern "C"
