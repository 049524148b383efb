//===- LocalCandidateRunner.cpp - Measure candidates on this machine now --===//

#include "cwm/Measure/CandidateRunner.h"

#include "cwm/Schedule/Validity.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <thread>

using namespace llvm;

namespace cwm {

MeasureSession::~MeasureSession() = default;
CandidateRunner::~CandidateRunner() = default;

namespace {
/// The workload's task module and the current reference outputs live in
/// this process's scratch folder for the session's lifetime.
class LocalSession final : public MeasureSession {
public:
  LocalSession(const LocalCpuRunner &workers, TimingOptions timing,
               std::string taskFile, std::string referenceFile)
      : workers(workers), timing(timing), taskFile(std::move(taskFile)),
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
                                       bool /*remeasure*/) override {
    MeasureRequest request;
    request.taskFile = taskFile;
    request.trace = trace;
    request.seed = seed;
    request.referenceFile = referenceFile;
    request.timing = timing;
    request.timing.slowCutoffSeconds = slowCutoffSeconds;
    if (usesTf32(trace))
      request.tolerance = kTf32Tolerance;
    return workers.measure(request);
  }

private:
  const LocalCpuRunner &workers;
  TimingOptions timing;
  std::string taskFile, referenceFile;
  uint64_t seed = 0;
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
  auto session = std::make_unique<LocalSession>(workers, timing, *taskFile,
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
