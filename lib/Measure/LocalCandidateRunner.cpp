//===- LocalCandidateRunner.cpp - Measure candidates on this machine now --===//

#include "cwm/Measure/CandidateRunner.h"

#include "cwm/Schedule/Validity.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <thread>

using namespace llvm;

namespace cwm {

MeasureSession::~MeasureSession() = default;
CandidateRunner::~CandidateRunner() = default;

namespace {
/// The workload's task module and the current reference outputs live in
/// this process's scratch folder for the session's lifetime. With several
/// build jobs, a round's candidates are built into shared objects several at
/// once (cwm-worker build-cpu; nothing is timed meanwhile), then checked and
/// timed one at a time (cwm-worker candidate mode on the built object).
class LocalSession final : public MeasureSession {
public:
  LocalSession(const LocalCpuRunner &workers, TimingOptions timing,
               int64_t buildJobs, CandidateLimits limits, double taskBytes,
               std::string taskFile, std::string referenceFile)
      : workers(workers), timing(timing), buildJobs(buildJobs), limits(limits),
        taskBytes(taskBytes), taskFile(std::move(taskFile)),
        referenceFile(std::move(referenceFile)) {}
  ~LocalSession() override {
    sys::fs::remove(taskFile);
    sys::fs::remove(referenceFile);
  }

  MeasureResult prepareReference(uint64_t newSeed, bool time) override {
    seed = newSeed;
    MeasureRequest request;
    request.taskFile = taskFile;
    request.seed = seed;
    request.reference = true;
    request.referenceFile = referenceFile;
    request.time = time;
    request.timing = timing;
    return workers.measure(request);
  }

  std::optional<MeasureResult> measure(const Trace &trace,
                                       double slowCutoffSeconds,
                                       bool remeasure) override {
    // Re-measurements (one at a time, outside the rounds) run at once.
    if (buildJobs > 1 && !remeasure) {
      queued.push_back({trace, slowCutoffSeconds});
      pending.insert(trace.fingerprint());
      return std::nullopt;
    }
    // Built into a shared object and timed from it, as in a round: the
    // object is what cwm-compile deploys, and every local timing then goes
    // through one path (before, these were JIT-compiled).
    Built built = build(trace);
    if (built.result.ok())
      return timeBuilt(trace, slowCutoffSeconds, built);
    if (!built.library.empty())
      sys::fs::remove(built.library);
    return built.result;
  }

  const std::unordered_set<uint64_t> &getPending() const override {
    return pending;
  }
  int64_t getPendingTrials() const override { return queued.size(); }

  Error collect(ResultHandler onResult) override {
    if (queued.empty())
      return Error::success();
    std::vector<Queued> round = std::move(queued);
    queued.clear();
    // Build: up to buildJobs workers at once.
    std::vector<Built> built(round.size());
    {
      DefaultThreadPool pool(hardware_concurrency(unsigned(std::min<int64_t>(
          buildJobs, int64_t(round.size())))));
      for (size_t index = 0; index < round.size(); ++index)
        pool.async([&, index] { built[index] = build(round[index].trace); });
      pool.wait();
    }
    // Check and time: one at a time, nothing else running.
    Error firstError = Error::success();
    for (size_t index = 0; index < round.size(); ++index) {
      MeasureResult result = built[index].result;
      if (result.ok())
        result = timeBuilt(round[index].trace, round[index].slowCutoffSeconds,
                           built[index]);
      else if (!built[index].library.empty())
        sys::fs::remove(built[index].library);
      pending.erase(round[index].trace.fingerprint());
      if (firstError)
        continue; // the rest only cleaned up
      if (Error error = onResult(round[index].trace, result))
        firstError = std::move(error);
    }
    return firstError;
  }

private:
  /// A candidate built into a scratch shared object: the build's result
  /// and the object's path (empty if none was made).
  struct Built {
    MeasureResult result;
    std::string library;
  };

  Built build(const Trace &trace) const {
    Built built;
    Expected<std::string> library = createScratchFile("candidate", "so");
    if (!library) {
      built.result.status = MeasureStatus::RunnerError;
      built.result.message = toString(library.takeError());
      return built;
    }
    built.library = *library;
    MeasureRequest request;
    request.taskFile = taskFile;
    request.trace = trace;
    request.cpuOutput = *library;
    request.buildTimeoutSeconds = limits.buildSeconds;
    built.result = workers.measure(request);
    return built;
  }

  /// Checks and times a built candidate, then removes its object.
  MeasureResult timeBuilt(const Trace &trace, double slowCutoffSeconds,
                          const Built &built) const {
    MeasureRequest request = candidateRequest(trace, slowCutoffSeconds);
    request.library = built.library;
    MeasureResult result = workers.measure(request);
    result.buildSeconds = built.result.buildSeconds;
    sys::fs::remove(built.library);
    return result;
  }

  struct Queued {
    Trace trace;
    double slowCutoffSeconds = 0;
  };

  MeasureRequest candidateRequest(const Trace &trace,
                                  double slowCutoffSeconds) const {
    MeasureRequest request;
    request.taskFile = taskFile;
    request.trace = trace;
    request.seed = seed;
    request.referenceFile = referenceFile;
    request.timing = timing;
    request.timing.slowCutoffSeconds = slowCutoffSeconds;
    if (usesTf32(trace))
      request.tolerance = kTf32Tolerance;
    request.buildTimeoutSeconds = limits.buildSeconds;
    // Running: starting, filling and checking the buffers (5 s, plus 2 s
    // per GB: a loaded machine starts workers slowly), the check run, a
    // warm-up and two timed runs at the slow cut-off, the minimum timing;
    // never more than the configured limit.
    double run = limits.runSeconds;
    if (slowCutoffSeconds > 0)
      run = std::min(run, 5.0 + 2.0 * taskBytes / 1e9 +
                              timing.minTotalSeconds + 4 * slowCutoffSeconds);
    request.runTimeoutSeconds = std::max(run, 1.0);
    return request;
  }

  const LocalCpuRunner &workers;
  TimingOptions timing;
  int64_t buildJobs;
  CandidateLimits limits;
  double taskBytes;
  std::string taskFile, referenceFile;
  uint64_t seed = 0;
  std::vector<Queued> queued;
  std::unordered_set<uint64_t> pending;
};
} // namespace

Expected<std::unique_ptr<MeasureSession>>
LocalCandidateRunner::open(const WorkloadEntry &workload) {
  Expected<std::string> taskFile = createScratchFile("task", "mlir");
  if (!taskFile)
    return taskFile.takeError();
  Expected<std::string> referenceFile = createScratchFile("reference", "bin");
  if (!referenceFile) {
    sys::fs::remove(*taskFile);
    return referenceFile.takeError();
  }
  auto session = std::make_unique<LocalSession>(
      workers, timing, buildJobs, limits, workload.task.bytes, *taskFile,
      *referenceFile);
  std::error_code ec;
  raw_fd_ostream os(*taskFile, ec);
  if (ec)
    return createStringError(ec, "cannot write the task file '" + *taskFile +
                                     "': " + ec.message());
  os << workload.ir;
  return std::move(session);
}

HardwareInfo LocalCandidateRunner::getHardware() const {
  return detectHostCpu(workers.getOptions().threads);
}

std::string LocalCandidateRunner::getHardwareName() const {
  return describeHostCpu();
}

} // namespace cwm
