//===- Runner.cpp - Measure candidates in isolated worker processes -------===//

#include "cwm/Measure/Runner.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <thread>

extern char **environ;

using namespace llvm;

namespace cwm {

Expected<std::string> findWorker(StringRef explicitPath) {
  auto isExecutable = [](StringRef path) {
    return sys::fs::can_execute(path) && !sys::fs::is_directory(path);
  };
  if (!explicitPath.empty()) {
    if (isExecutable(explicitPath))
      return explicitPath.str();
    return createStringError(inconvertibleErrorCode(),
                             "worker '" + explicitPath +
                                 "' is not an executable file");
  }
  if (std::optional<std::string> fromEnv = sys::Process::GetEnv("CWM_WORKER"))
    if (isExecutable(*fromEnv))
      return *fromEnv;
  std::string self = sys::fs::getMainExecutable(
      nullptr, reinterpret_cast<void *>(&describeHostCpu));
  if (!self.empty()) {
    SmallString<256> beside(sys::path::parent_path(self));
    sys::path::append(beside, "cwm-worker");
    if (isExecutable(beside))
      return beside.str().str();
  }
  if (ErrorOr<std::string> onPath = sys::findProgramByName("cwm-worker"))
    return *onPath;
  // A program embedding cwm (cwm::CWM) runs from its own directory: fall back
  // to the build tree these libraries came from, then to the installed tools.
  for (const char *dir : {CWM_BUILD_BINDIR, CWM_INSTALL_FULL_BINDIR}) {
    SmallString<256> path(dir);
    sys::path::append(path, "cwm-worker");
    if (isExecutable(path))
      return path.str().str();
  }
  return createStringError(
      inconvertibleErrorCode(),
      "cannot find the cwm-worker executable (looked beside the running tool, "
      "on PATH, in " CWM_BUILD_BINDIR " and " CWM_INSTALL_FULL_BINDIR
      "); pass worker=PATH or set CWM_WORKER");
}

std::string describeHostCpu() {
  std::string model = "unknown CPU";
  if (ErrorOr<std::unique_ptr<MemoryBuffer>> cpuinfo =
          MemoryBuffer::getFileAsStream("/proc/cpuinfo")) {
    SmallVector<StringRef> lines;
    (*cpuinfo)->getBuffer().split(lines, '\n');
    for (StringRef line : lines)
      if (line.starts_with("model name")) {
        model = line.split(':').second.trim().str();
        break;
      }
  }
  return model + ", " + std::to_string(std::thread::hardware_concurrency()) +
         " cores";
}

/// The value of the first "key : value" line of /proc/cpuinfo with `key`.
static std::string cpuinfoField(StringRef key) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> cpuinfo =
      MemoryBuffer::getFileAsStream("/proc/cpuinfo");
  if (!cpuinfo)
    return "";
  SmallVector<StringRef> lines;
  (*cpuinfo)->getBuffer().split(lines, '\n');
  for (StringRef line : lines) {
    auto [name, value] = line.split(':');
    if (name.trim() == key)
      return value.trim().str();
  }
  return "";
}

/// Parses a sysfs cache size such as "32K" or "1024K" into bytes.
static int64_t parseCacheSize(StringRef text) {
  text = text.trim();
  int64_t scale = 1;
  if (text.consume_back("K"))
    scale = 1024;
  else if (text.consume_back("M"))
    scale = 1024 * 1024;
  int64_t value = 0;
  if (text.getAsInteger(10, value))
    return 0;
  return value * scale;
}

HardwareInfo detectHostCpu(int64_t threads) {
  HardwareInfo info;
  info.target = "cpu";
  info.model = cpuinfoField("model name");
  info.cores = std::max(1u, std::thread::hardware_concurrency());
  info.threads = threads;
  std::string flags = " " + cpuinfoField("flags") + " ";
  if (flags.find(" avx512f ") != std::string::npos)
    info.vectorBits = 512;
  else if (flags.find(" avx2 ") != std::string::npos ||
           flags.find(" avx ") != std::string::npos)
    info.vectorBits = 256;
  else
    info.vectorBits = 128;
  double mhz = 0;
  if (!StringRef(cpuinfoField("cpu MHz")).getAsDouble(mhz))
    info.ghz = mhz / 1000;
  for (int index = 0; index < 8; ++index) {
    std::string dir =
        "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index);
    auto level = MemoryBuffer::getFileAsStream(dir + "/level");
    auto type = MemoryBuffer::getFileAsStream(dir + "/type");
    auto size = MemoryBuffer::getFileAsStream(dir + "/size");
    if (!level || !type || !size)
      break;
    StringRef levelText = (*level)->getBuffer().trim();
    StringRef typeText = (*type)->getBuffer().trim();
    int64_t bytes = parseCacheSize((*size)->getBuffer());
    if (levelText == "1" && typeText == "Data")
      info.l1dBytes = bytes;
    else if (levelText == "2")
      info.l2Bytes = bytes;
    else if (levelText == "3")
      info.l3Bytes = bytes;
  }
  return info;
}

/// Reads at most the last `limit` bytes of a file.
static std::string tailOfFile(StringRef path, size_t limit = 2000) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> buffer = MemoryBuffer::getFile(path);
  if (!buffer)
    return "";
  StringRef text = (*buffer)->getBuffer();
  if (text.size() > limit)
    text = text.take_back(limit);
  return text.trim().str();
}

static MeasureResult failure(MeasureStatus status, const Twine &message) {
  MeasureResult result;
  result.status = status;
  result.message = message.str();
  return result;
}

MeasureResult LocalCpuRunner::measure(const MeasureRequest &request) const {
  SmallString<128> requestPath, resultPath, logPath;
  if (sys::fs::createTemporaryFile("cwm-request", "json", requestPath) ||
      sys::fs::createTemporaryFile("cwm-result", "json", resultPath) ||
      sys::fs::createTemporaryFile("cwm-worker", "log", logPath))
    return failure(MeasureStatus::RunnerError,
                   "cannot create temporary files for the worker");
  llvm::scope_exit cleanup([&] {
    sys::fs::remove(requestPath);
    sys::fs::remove(resultPath);
    sys::fs::remove(logPath);
  });
  sys::fs::remove(resultPath); // the worker creates it when done

  json::Object timing{{"warmup", request.timing.warmupRuns},
                      {"min_repeats", request.timing.minRepeats},
                      {"max_repeats", request.timing.maxRepeats},
                      {"min_seconds", request.timing.minTotalSeconds},
                      {"max_seconds", request.timing.maxTotalSeconds},
                      {"flush_cache", request.timing.flushCache},
                      {"slow_cutoff_seconds", request.timing.slowCutoffSeconds}};
  json::Object body{{"task_file", request.taskFile},
                    {"seed", static_cast<int64_t>(request.seed)},
                    {"mode", request.reference ? "reference" : "candidate"},
                    {"reference_file", request.referenceFile},
                    {"time", request.time},
                    {"timing", std::move(timing)},
                    {"tolerance", request.tolerance},
                    {"threads", options.threads},
                    {"result_file", resultPath.str()}};
  if (request.trace)
    body["trace"] = request.trace->toJSON();
  if (!request.gpuOutput.empty()) {
    body["mode"] = "build-gpu";
    body["output"] = request.gpuOutput;
    body["chip"] = request.gpuChip;
  }
  {
    std::error_code ec;
    raw_fd_ostream os(requestPath, ec);
    if (ec)
      return failure(MeasureStatus::RunnerError,
                     "cannot write the worker request: " + ec.message());
    os << json::Value(std::move(body));
  }

  // The worker inherits this environment with the thread count pinned.
  std::vector<std::string> environment;
  for (char **entry = environ; entry && *entry; ++entry)
    if (!StringRef(*entry).starts_with("OMP_NUM_THREADS="))
      environment.push_back(*entry);
  environment.push_back("OMP_NUM_THREADS=" + std::to_string(options.threads));
  std::vector<StringRef> environmentRefs(environment.begin(),
                                         environment.end());
  SmallVector<StringRef> arguments = {options.workerPath, "--request",
                                      requestPath};
  std::optional<StringRef> redirects[] = {StringRef(""), logPath.str(),
                                          logPath.str()};
  std::string errorMessage;
  bool executionFailed = false;
  unsigned seconds = std::max(1u, unsigned(options.timeoutSeconds + 0.5));
  int exitCode = sys::ExecuteAndWait(options.workerPath, arguments,
                                     environmentRefs, redirects, seconds,
                                     /*MemoryLimit=*/0, &errorMessage,
                                     &executionFailed);
  if (executionFailed)
    return failure(MeasureStatus::RunnerError,
                   "cannot run the worker: " + errorMessage);
  if (exitCode == -2)
    return failure(MeasureStatus::Timeout,
                   "worker exceeded " + Twine(seconds) + " s");

  ErrorOr<std::unique_ptr<MemoryBuffer>> resultText =
      MemoryBuffer::getFile(resultPath);
  if (!resultText) {
    std::string log = tailOfFile(logPath);
    std::string how = exitCode < 0 ? "worker died (" + errorMessage + ")"
                                   : "worker exited with status " +
                                         std::to_string(exitCode);
    return failure(MeasureStatus::Crash,
                   how + (log.empty() ? "" : ": " + log));
  }
  Expected<json::Value> parsed = json::parse((*resultText)->getBuffer());
  if (!parsed)
    return failure(MeasureStatus::RunnerError,
                   "unreadable worker result: " + toString(parsed.takeError()));
  Expected<MeasureResult> result = measureResultFromJSON(*parsed);
  if (!result)
    return failure(MeasureStatus::RunnerError,
                   "bad worker result: " + toString(result.takeError()));
  return *result;
}

} // namespace cwm
