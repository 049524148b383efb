//===- Runner.cpp - Measure candidates in isolated worker processes -------===//

#include "cwm/Measure/Runner.h"

#include "cwm/Runtime/ChildProcess.h"
#include "cwm/Runtime/HostCpu.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>
#include <thread>
#include <tuple>

#include <csignal>
#include <unistd.h>

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
  std::string model = cpuinfoField("model name");
  return (model.empty() ? std::string("unknown CPU") : model) + ", " +
         std::to_string(std::thread::hardware_concurrency()) + " cores";
}

HardwareInfo detectHostCpu(int64_t threads) {
  HostCpuFacts facts = readHostCpu();
  HardwareInfo info;
  info.target = "cpu";
  info.model = facts.model;
  info.cores = facts.cores;
  info.threads = threads;
  info.vectorBits = facts.vectorBits;
  info.ghz = facts.ghz;
  info.l1dBytes = facts.l1dBytes;
  info.l2Bytes = facts.l2Bytes;
  info.l3Bytes = facts.l3Bytes;
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

uint64_t defaultWorkerMemoryLimit() {
  return physicalMemoryBytes() / 4 * 3;
}

/// True if a process `pid` runs (or exists under another user).
static bool processExists(int64_t pid) {
  return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

/// This process's scratch folder, once created.
static std::string &scratchFolder() {
  static std::string folder;
  return folder;
}

Expected<std::string> scratchDirectory() {
  static std::mutex mutex;
  std::string &folder = scratchFolder();
  std::lock_guard<std::mutex> lock(mutex);
  if (!folder.empty() && sys::fs::is_directory(folder))
    return folder;
  SmallString<128> base;
  sys::path::system_temp_directory(/*ErasedOnReboot=*/true, base);
  // Sweep what killed cwm processes of this user left behind.
  std::error_code ec;
  for (sys::fs::directory_iterator it(base, ec), end; it != end && !ec;
       it.increment(ec)) {
    StringRef name = sys::path::filename(it->path());
    int64_t pid = 0;
    sys::fs::file_status status;
    if (!name.consume_front("cwm-scratch-") || name.getAsInteger(10, pid) ||
        pid == int64_t(::getpid()) || processExists(pid) ||
        sys::fs::status(it->path(), status) ||
        status.type() != sys::fs::file_type::directory_file ||
        status.getUser() != ::getuid())
      continue;
    sys::fs::remove_directories(it->path(), /*IgnoreErrors=*/true);
  }
  SmallString<128> path(base);
  sys::path::append(path, "cwm-scratch-" + std::to_string(::getpid()));
  if (std::error_code error = sys::fs::create_directories(path))
    return createStringError(error, "cannot create the scratch folder '" +
                                        path + "': " + error.message());
  folder = path.str().str();
  // Gone at a normal exit; after a kill, the next cwm process sweeps it.
  static bool registered = false;
  if (!registered) {
    registered = true;
    std::atexit([] {
      if (!scratchFolder().empty())
        sys::fs::remove_directories(scratchFolder(), /*IgnoreErrors=*/true);
    });
  }
  return folder;
}

Expected<std::string> createScratchFile(StringRef prefix, StringRef suffix) {
  Expected<std::string> folder = scratchDirectory();
  if (!folder)
    return folder.takeError();
  SmallString<128> model(*folder);
  sys::path::append(model, prefix + "-%%%%%%%%." + suffix);
  int fd = -1;
  SmallString<128> path;
  if (std::error_code ec = sys::fs::createUniqueFile(model, fd, path))
    return createStringError(ec, "cannot create a file in '" + *folder +
                                     "': " + ec.message());
  sys::Process::SafelyCloseFileDescriptor(fd);
  return path.str().str();
}

/// The result for a worker that ended without writing one.
static MeasureResult describeDeadWorker(const ChildOutcome &outcome,
                                        const RunnerOptions &options,
                                        StringRef log) {
  MeasureResult result;
  result.peakMemoryKiB = outcome.peakResidentKiB;
  auto withLog = [&](std::string text) {
    return log.empty() ? text : text + ": " + log.str();
  };
  switch (outcome.kind) {
  case ChildOutcome::Kind::FailedToStart:
    result.status = MeasureStatus::RunnerError;
    result.message = "cannot run the worker: " + outcome.error;
    break;
  case ChildOutcome::Kind::TimedOut:
    result.status = MeasureStatus::Timeout;
    result.message =
        formatv("worker exceeded {0} s and was killed", options.timeoutSeconds)
            .str();
    break;
  case ChildOutcome::Kind::Signaled: {
    result.signal = outcome.signal;
    // SIGKILL that is not ours: most likely the kernel's OOM killer, when the
    // worker held a large share of the machine.
    uint64_t peakBytes = uint64_t(outcome.peakResidentKiB) * 1024;
    if (outcome.signal == SIGKILL &&
        peakBytes > physicalMemoryBytes() / 2) {
      result.status = MeasureStatus::OutOfMemory;
      result.message = withLog(formatv("worker killed by SIGKILL at {0:F1} GB "
                                       "resident (the kernel's OOM killer)",
                                       peakBytes / 1e9)
                                   .str());
    } else {
      result.status = MeasureStatus::Crash;
      result.message =
          withLog("worker killed by " + describeSignal(outcome.signal));
    }
    break;
  }
  case ChildOutcome::Kind::Exited:
    if (outcome.exitCode == kWorkerOutOfMemoryExitCode) {
      result.status = MeasureStatus::OutOfMemory;
      result.message = withLog(
          formatv("worker ran out of memory (limit {0:F1} GB)",
                  options.memoryLimitBytes / 1e9)
              .str());
    } else {
      result.status = MeasureStatus::Crash;
      result.message = withLog("worker exited with status " +
                               std::to_string(outcome.exitCode) +
                               " without a result");
    }
    break;
  }
  return result;
}

MeasureResult LocalCpuRunner::measure(const MeasureRequest &request) const {
  std::string requestPath, resultPath, logPath;
  for (auto [path, prefix, suffix] :
       {std::make_tuple(&requestPath, "request", "json"),
        std::make_tuple(&resultPath, "result", "json"),
        std::make_tuple(&logPath, "worker", "log")}) {
    Expected<std::string> created = createScratchFile(prefix, suffix);
    if (!created) {
      for (const std::string *made : {&requestPath, &resultPath, &logPath})
        if (!made->empty())
          sys::fs::remove(*made);
      return failure(MeasureStatus::RunnerError,
                     "cannot create temporary files for the worker: " +
                         toString(created.takeError()));
    }
    *path = std::move(*created);
  }
  llvm::scope_exit cleanup([&] {
    sys::fs::remove(requestPath);
    sys::fs::remove(resultPath);
    sys::fs::remove(resultPath + ".partial");
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
                    {"result_file", resultPath}};
  if (request.trace)
    body["trace"] = request.trace->toJSON();
  if (!request.gpuOutput.empty()) {
    body["mode"] = "build-gpu";
    body["output"] = request.gpuOutput;
    body["chip"] = request.gpuChip;
  }
  if (!request.library.empty())
    body["library"] = request.library;
  if (request.buildTimeoutSeconds > 0)
    body["build_timeout_seconds"] = request.buildTimeoutSeconds;
  if (request.runTimeoutSeconds > 0)
    body["run_timeout_seconds"] = request.runTimeoutSeconds;
  if (!request.cpuOutput.empty()) {
    body["mode"] = "build-cpu";
    body["output"] = request.cpuOutput;
    body["cpu"] = request.cpu;
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
  ChildOptions child;
  for (char **entry = environ; entry && *entry; ++entry)
    if (!StringRef(*entry).starts_with("OMP_NUM_THREADS="))
      child.environment.push_back(*entry);
  child.environment.push_back("OMP_NUM_THREADS=" +
                              std::to_string(options.threads));
  child.arguments = {options.workerPath, "--request", requestPath};
  child.outputPath = logPath;
  // The worker keeps its own phase limits; this one is the backstop.
  child.timeoutSeconds = options.timeoutSeconds;
  if (request.buildTimeoutSeconds > 0 || request.runTimeoutSeconds > 0) {
    bool builds = request.library.empty() && !request.reference;
    bool runs = request.cpuOutput.empty() && request.gpuOutput.empty();
    double phases = 5; // process start, parsing, buffers
    if (builds)
      phases += request.buildTimeoutSeconds > 0 ? request.buildTimeoutSeconds
                                                : options.timeoutSeconds;
    if (runs)
      phases += request.runTimeoutSeconds > 0 ? request.runTimeoutSeconds
                                              : options.timeoutSeconds;
    child.timeoutSeconds = std::min(child.timeoutSeconds, phases);
  }
  child.memoryLimitBytes = options.memoryLimitBytes;
  ChildOutcome outcome = runChild(child);
  MeasureResult result = interpretWorker(outcome, request, resultPath, logPath);
  if (!options.keepFailedDirectory.empty() &&
      result.status != MeasureStatus::Ok &&
      !(outcome.kind == ChildOutcome::Kind::Exited &&
        outcome.exitCode == kWorkerRunTooSlowExitCode))
    keepFailed(request, result, requestPath, logPath);
  return result;
}

MeasureResult LocalCpuRunner::interpretWorker(const ChildOutcome &outcome,
                                              const MeasureRequest &request,
                                              const std::string &resultPath,
                                              const std::string &logPath) const {

  ErrorOr<std::unique_ptr<MemoryBuffer>> resultText =
      MemoryBuffer::getFile(resultPath);
  if (outcome.kind == ChildOutcome::Kind::Exited &&
      (outcome.exitCode == kWorkerBuildTooSlowExitCode ||
       outcome.exitCode == kWorkerRunTooSlowExitCode)) {
    MeasureResult result;
    result.status = MeasureStatus::Timeout;
    result.peakMemoryKiB = outcome.peakResidentKiB;
    result.message =
        outcome.exitCode == kWorkerBuildTooSlowExitCode
            ? formatv("building took longer than {0:F1} s (build-timeout=)",
                      request.buildTimeoutSeconds)
                  .str()
            : formatv("cut: running took longer than {0:F2} s, the limit "
                      "derived from the fastest program so far (at most "
                      "run-timeout=)",
                      request.runTimeoutSeconds)
                  .str();
    return result;
  }
  if (!resultText || outcome.kind != ChildOutcome::Kind::Exited ||
      outcome.exitCode == kWorkerOutOfMemoryExitCode)
    return describeDeadWorker(outcome, options, tailOfFile(logPath));
  Expected<json::Value> parsed = json::parse((*resultText)->getBuffer());
  if (!parsed)
    return failure(MeasureStatus::RunnerError,
                   "unreadable worker result: " + toString(parsed.takeError()));
  Expected<MeasureResult> result = measureResultFromJSON(*parsed);
  if (!result)
    return failure(MeasureStatus::RunnerError,
                   "bad worker result: " + toString(result.takeError()));
  result->peakMemoryKiB = outcome.peakResidentKiB;
  return *result;
}

void LocalCpuRunner::keepFailed(const MeasureRequest &request,
                                const MeasureResult &result,
                                const std::string &requestPath,
                                const std::string &logPath) const {
  // One folder per failure: <status>-<unique>; never fails the measurement.
  std::string status = toJSON(result)
                           .getAsObject()
                           ->getString("status")
                           .value_or("failed")
                           .str();
  SmallString<256> model(options.keepFailedDirectory);
  sys::path::append(model, status); // createUniqueDirectory adds "-XXXXXX"
  SmallString<256> folder;
  if (sys::fs::create_directories(options.keepFailedDirectory) ||
      sys::fs::createUniqueDirectory(model, folder))
    return;
  auto path = [&](StringRef name) {
    SmallString<256> file(folder);
    sys::path::append(file, name);
    return file.str().str();
  };
  auto write = [&](StringRef name, const json::Value &value) {
    std::error_code ec;
    raw_fd_ostream os(path(name), ec);
    if (!ec)
      os << formatv("{0:2}", value) << "\n";
  };
  if (!request.taskFile.empty())
    sys::fs::copy_file(request.taskFile, path("task.mlir"));
  if (request.trace)
    write("trace.json", request.trace->toJSON());
  sys::fs::copy_file(logPath, path("worker.log"));
  write("result.json", toJSON(result));
  // The request, pointed at the kept files: `cwm-worker --request
  // request.json` builds and runs this candidate again.
  if (ErrorOr<std::unique_ptr<MemoryBuffer>> text =
          MemoryBuffer::getFile(requestPath)) {
    Expected<json::Value> parsed = json::parse((*text)->getBuffer());
    if (parsed && parsed->getAsObject()) {
      json::Object &body = *parsed->getAsObject();
      if (!request.taskFile.empty())
        body["task_file"] = path("task.mlir");
      body["result_file"] = path("rerun-result.json");
      // The reference outputs the check compares with (up to 256 MB).
      uint64_t referenceBytes = 0;
      if (!request.referenceFile.empty() && !request.reference &&
          !sys::fs::file_size(request.referenceFile, referenceBytes) &&
          referenceBytes <= (uint64_t(256) << 20) &&
          !sys::fs::copy_file(request.referenceFile, path("reference.bin")))
        body["reference_file"] = path("reference.bin");
      // A candidate built ahead (build-jobs): its shared object too.
      if (!request.library.empty() &&
          !sys::fs::copy_file(request.library, path("candidate.so")))
        body["library"] = path("candidate.so");
      write("request.json", std::move(*parsed));
    } else if (!parsed) {
      consumeError(parsed.takeError());
    }
  }
}

} // namespace cwm
