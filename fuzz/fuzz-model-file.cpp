//===- fuzz-model-file.cpp - Fuzz the world-model file reader -------------===//
//
// Writes the input to a file and loads it with cwm::WorldModel::load, the
// torch-free entry point every tool uses (WorldModelClient.cpp, which loads
// the LibTorch plugin libcwm_world_model.so from ../lib). Any llvm::Error is
// fine; a crash, an abort or a runaway allocation is a finding. A model that
// loads is also asked for its configuration and saved again.
//
// Before fuzzing, LLVMFuzzerInitialize loads $CWM_FUZZ_MODEL_WARMUP (a valid
// model file, if set) once, so that LibTorch's one-time start-up
// allocations happen outside of any input and are not taken for leaks.
//
//===----------------------------------------------------------------------===//

#include "cwm/WorldModel/WorldModel.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <string>

#include <unistd.h>

using namespace llvm;

static const std::string &folder() {
  static const std::string path = [] {
    std::string name = "/tmp/cwm-fuzz-" + std::to_string(::getpid());
    sys::fs::create_directories(name);
    return name;
  }();
  return path;
}

static void loadOnce(StringRef path) {
  Expected<cwm::WorldModel> model = cwm::WorldModel::load(path);
  if (!model) {
    consumeError(model.takeError());
    return;
  }
  (void)model->getConfig();
  std::string copy = folder() + "/saved.pt";
  if (Error error = model->save(copy))
    consumeError(std::move(error));
  sys::fs::remove(copy);
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  if (const char *warmup = std::getenv("CWM_FUZZ_MODEL_WARMUP"))
    loadOnce(warmup);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string path = folder() + "/model.pt";
  {
    std::error_code ec;
    raw_fd_ostream os(path, ec);
    if (ec) {
      errs() << "fuzz-model-file: cannot write " << path << ": "
             << ec.message() << "\n";
      std::abort();
    }
    os.write(reinterpret_cast<const char *>(data), size);
  }
  loadOnce(path);
  sys::fs::remove(path);
  return 0;
}
