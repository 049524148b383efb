//===- WorldModelClient.cpp - WorldModel over the LibTorch plugin ---------===//
//
// The WorldModel class every cwm tool uses. It loads libcwm_world_model.so
// (the LibTorch implementation) on first use, so that a tool that never
// scores or trains with a world model does not pay LibTorch's start-up
// (hundreds of shared libraries). Torch-free.
//
//===----------------------------------------------------------------------===//

#include "cwm/WorldModel/WorldModel.h"

#include "PluginApi.h"

#include "cwm/Runtime/ChildProcess.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>
#include <thread>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cwm {

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Where the plugin may be: $CWM_WORLD_MODEL_PLUGIN, beside the running
/// tool's lib/ folder (build tree and installs), the build tree it was built
/// in, the installed library directory.
std::vector<std::string> pluginCandidates() {
  const char *name = "libcwm_world_model.so";
  std::vector<std::string> paths;
  if (const char *explicitPath = std::getenv("CWM_WORLD_MODEL_PLUGIN"))
    paths.push_back(explicitPath);
  static int anchor;
  std::string exe = llvm::sys::fs::getMainExecutable(nullptr, &anchor);
  if (!exe.empty()) {
    llvm::SmallString<256> path(llvm::sys::path::parent_path(
        llvm::sys::path::parent_path(exe)));
    llvm::sys::path::append(path, "lib", name);
    paths.push_back(path.str().str());
  }
  paths.push_back((llvm::Twine(CWM_PLUGIN_BUILD_DIR) + "/" + name).str());
  paths.push_back((llvm::Twine(CWM_INSTALL_FULL_LIBDIR) + "/" + name).str());
  return paths;
}

/// The plugin's table, loaded once; an error says where it looked.
llvm::Expected<const WorldModelPluginApi *> plugin() {
  static const WorldModelPluginApi *api = nullptr;
  static std::string failure;
  static std::once_flag once;
  std::call_once(once, [] {
    std::string tried;
    for (const std::string &path : pluginCandidates()) {
      if (!llvm::sys::fs::exists(path)) {
        tried += "\n  " + path + " (absent)";
        continue;
      }
      std::string error;
      llvm::sys::DynamicLibrary library =
          llvm::sys::DynamicLibrary::getPermanentLibrary(path.c_str(), &error);
      if (!library.isValid()) {
        tried += "\n  " + path + " (" + error + ")";
        continue;
      }
      auto entry = reinterpret_cast<const WorldModelPluginApi *(*)()>(
          library.getAddressOfSymbol("cwmWorldModelPluginApi"));
      if (!entry) {
        tried += "\n  " + path + " (no cwmWorldModelPluginApi)";
        continue;
      }
      const WorldModelPluginApi *table = entry();
      if (table->abi != kWorldModelPluginAbi) {
        tried += "\n  " + path + " (plugin ABI " + std::to_string(table->abi) +
                 ", expected " + std::to_string(kWorldModelPluginAbi) + ")";
        continue;
      }
      api = table;
      return;
    }
    failure = "cannot load the world-model plugin libcwm_world_model.so "
              "(LibTorch); tried:" +
              tried + "\nset CWM_WORLD_MODEL_PLUGIN to its path";
  });
  if (!api)
    return makeError(failure);
  return api;
}

} // namespace

int64_t FeatureBatch::addContext(llvm::ArrayRef<float> task,
                                 llvm::ArrayRef<float> hw) {
  int64_t index =
      task.empty() ? 0 : static_cast<int64_t>(tasks.size() / task.size());
  tasks.insert(tasks.end(), task.begin(), task.end());
  hardware.insert(hardware.end(), hw.begin(), hw.end());
  return index;
}

void FeatureBatch::addCandidate(
    int64_t context, const std::vector<std::vector<float>> &actionRows) {
  contextOf.push_back(context);
  lengths.push_back(static_cast<int64_t>(actionRows.size()));
  for (const std::vector<float> &row : actionRows)
    actions.insert(actions.end(), row.begin(), row.end());
}

struct WorldModel::Impl {
  Impl(const WorldModelPluginApi *api, void *object)
      : api(api), object(object) {}
  ~Impl() { api->destroy(object); }
  const WorldModelPluginApi *api;
  void *object;
};

WorldModel::WorldModel(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
WorldModel::~WorldModel() = default;
WorldModel::WorldModel(WorldModel &&) = default;
WorldModel &WorldModel::operator=(WorldModel &&) = default;

llvm::Expected<WorldModel> WorldModel::create(const WorldModelConfig &config) {
  llvm::Expected<const WorldModelPluginApi *> api = plugin();
  if (!api)
    return api.takeError();
  llvm::Expected<void *> object = (*api)->create(config);
  if (!object)
    return object.takeError();
  return WorldModel(std::make_unique<Impl>(*api, *object));
}

/// Reads the model file once in a forked child first. LibTorch's
/// TorchScript parser can crash on a damaged file (a SIGSEGV deep in
/// parseTypeFromExpr, found by fuzz/fuzz-model-file), or allocate gigabytes
/// for a tensor whose damaged size it believes; nothing short of another
/// process contains that. The child runs under an address-space cap; a file
/// that read cleanly there reads cleanly here. Each content is checked once
/// per process.
// Present when a sanitizer runtime is linked (fuzzing, scripts/sanitize.sh).
extern "C" void __sanitizer_set_death_callback(void (*callback)(void))
    __attribute__((weak));

static llvm::Error checkLoadsInChild(const WorldModelPluginApi *api,
                                     llvm::StringRef path) {
  static std::mutex mutex;
  static std::set<uint64_t> checked;
  std::lock_guard<std::mutex> lock(mutex);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> contents =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false);
  if (!contents)
    return makeError("cannot read world model file '" + path +
                     "': " + contents.getError().message());
  uint64_t identity = llvm::xxh3_64bits((*contents)->getBuffer());
  contents->reset();
  if (checked.count(identity))
    return llvm::Error::success();
  std::string where = ("world model file '" + path + "'").str();
  // What this process maps already (LibTorch included), plus room for the
  // model: 2 GB and 16 times the file.
  uint64_t fileSize = 0;
  llvm::sys::fs::file_size(path, fileSize);
  uint64_t mapped = mappedAddressSpaceBytes();
  uint64_t cap = mapped + (uint64_t(2) << 30) + 16 * fileSize;
  int channel[2];
  if (::pipe(channel) != 0)
    return makeError("cannot check " + where + ": pipe failed");
  pid_t child = ::fork();
  if (child < 0) {
    ::close(channel[0]);
    ::close(channel[1]);
    return makeError("cannot check " + where + ": fork failed");
  }
  if (child == 0) {
    ::close(channel[0]);
    // Quiet: a crash's stack dump here is not the user's business (the
    // parent says what happened).
    int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0)
      ::dup2(null, 2);
    // The crash handlers this process installed (LLVM's, a sanitizer's or a
    // fuzzer's) must not run here: the child dies by the signal itself.
    for (int signal : {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE})
      ::signal(signal, SIG_DFL);
    // Nor a sanitizer's death callback (libFuzzer's writes a crash artifact
    // for an error the parent contains: found as artifacts that did not
    // reproduce).
    if (&__sanitizer_set_death_callback)
      __sanitizer_set_death_callback(nullptr);
    if (mapped > 0) {
      rlimit limit{cap, cap};
      ::setrlimit(RLIMIT_AS, &limit);
    }
    llvm::Expected<void *> object = api->load(path);
    if (object)
      ::_exit(0);
    std::string message = llvm::toString(object.takeError());
    (void)!::write(channel[1], message.data(), message.size());
    ::_exit(3);
  }
  ::close(channel[1]);
  ::fcntl(channel[0], F_SETFL, ::fcntl(channel[0], F_GETFL) | O_NONBLOCK);
  std::string message;
  auto drain = [&] {
    char buffer[1024];
    ssize_t got;
    while ((got = ::read(channel[0], buffer, sizeof(buffer))) > 0)
      message.append(buffer, got);
  };
  auto start = std::chrono::steady_clock::now();
  int status = 0;
  while (true) {
    drain();
    pid_t done = ::waitpid(child, &status, WNOHANG);
    if (done == child)
      break;
    if (done < 0 && errno != EINTR) {
      ::close(channel[0]);
      return makeError("cannot check " + where + ": waitpid failed");
    }
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(120)) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
      ::close(channel[0]);
      return makeError(where + " could not be read within 120 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  drain();
  ::close(channel[0]);
  if (WIFSIGNALED(status))
    return makeError(where + " is corrupt: reading it crashed LibTorch (" +
                     ::strsignal(WTERMSIG(status)) + ")");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return makeError(message.empty() ? where + " cannot be read" : message);
  checked.insert(identity);
  return llvm::Error::success();
}

llvm::Expected<WorldModel> WorldModel::load(llvm::StringRef path) {
  // A missing file is reported without loading LibTorch.
  if (!llvm::sys::fs::exists(path))
    return makeError("world model file '" + path + "' does not exist");
  llvm::Expected<const WorldModelPluginApi *> api = plugin();
  if (!api)
    return api.takeError();
  if (llvm::Error error = checkLoadsInChild(*api, path))
    return std::move(error);
  llvm::Expected<void *> object = (*api)->load(path);
  if (!object)
    return object.takeError();
  return WorldModel(std::make_unique<Impl>(*api, *object));
}

llvm::Error WorldModel::save(llvm::StringRef path) const {
  return impl->api->save(impl->object, path);
}

const WorldModelConfig &WorldModel::getConfig() const {
  return impl->api->config(impl->object);
}

void WorldModel::setTarget(llvm::StringRef target) {
  impl->api->setTarget(impl->object, target);
}

llvm::Expected<std::vector<double>>
WorldModel::score(const FeatureBatch &batch) const {
  return impl->api->score(impl->object, batch);
}

llvm::Expected<Embeddings>
WorldModel::embed(const FeatureBatch &batch) const {
  return impl->api->embed(impl->object, batch);
}

llvm::Error
WorldModel::train(const TrainingSet &set, const TrainOptions &options,
                  const std::function<void(int64_t, double)> &progress) {
  return impl->api->train(impl->object, set, options, progress);
}

} // namespace cwm
