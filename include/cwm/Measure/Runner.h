//===- Runner.h - Measure candidates in isolated worker processes -*- C++ -*-=//
//
// Every candidate is built and run by a separate `cwm-worker` process with a
// time limit: a crash, an `LLVM ERROR` abort or a hang costs that candidate
// only and is reported with its error kind. Outputs are compared with a
// reference computed by the untransformed program on the same random inputs.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_MEASURE_RUNNER_H
#define CWM_MEASURE_RUNNER_H

#include "cwm/Database/Record.h"
#include "cwm/Runtime/Timing.h"
#include "cwm/Schedule/Trace.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace cwm {

/// One thing for a worker to do.
struct MeasureRequest {
  /// File holding the task module (one function).
  std::string taskFile;
  /// The schedule; none = the untransformed default lowering.
  std::optional<Trace> trace;
  /// Seed of the random inputs.
  uint64_t seed = 0;
  /// Reference mode: write the outputs to `referenceFile`. Candidate mode:
  /// compare the outputs with it.
  bool reference = false;
  std::string referenceFile;
  /// Whether to time the kernel (a reference run for a new seed need not be).
  bool time = true;
  TimingOptions timing;
  /// Largest accepted ||out - ref|| / ||ref||.
  double tolerance = 1e-4;
  /// When set: build the trace for NVIDIA GPUs into this shared object
  /// (for cwm-run) instead of measuring it on the CPU.
  std::string gpuOutput;
  std::string gpuChip = "sm_90";
  /// When set: build the trace (or the untransformed program) for this CPU
  /// into this shared object (for cwm-run --cpu) instead of measuring it.
  std::string cpuOutput;
  std::string cpu = "native";
  /// Candidate mode: run this shared object (built by a build-cpu request
  /// for this task and trace) instead of applying, lowering and compiling
  /// the trace here; checked and timed as any candidate.
  std::string library;
  /// Seconds the worker may spend building (applying, lowering, compiling)
  /// and, once built, running (check and timing); 0 = only the runner's
  /// overall timeout. A worker past either ends itself and the candidate
  /// is recorded as a timeout that names the phase.
  double buildTimeoutSeconds = 0;
  double runTimeoutSeconds = 0;
};

struct RunnerOptions {
  std::string workerPath;
  int64_t threads = 1;
  double timeoutSeconds = 60;
  /// The worker's address-space limit in bytes (0 = none). A worker that
  /// reaches it is recorded as out_of_memory instead of dragging the
  /// machine into the kernel's OOM killer.
  uint64_t memoryLimitBytes = 0;
  /// If set, a failed candidate (any status but ok, and a run cut at the
  /// limit derived from the fastest program) leaves a folder here: the task
  /// IR, its trace, the worker's request (runnable again with `cwm-worker
  /// --request request.json`), log and result.
  std::string keepFailedDirectory;
};

/// The exit status with which cwm-worker reports that an allocation failed
/// (its memory limit was reached).
constexpr int kWorkerOutOfMemoryExitCode = 86;
/// The exit statuses with which cwm-worker reports that building, or
/// running once built, took longer than its request allowed.
constexpr int kWorkerBuildTooSlowExitCode = 87;
constexpr int kWorkerRunTooSlowExitCode = 88;

/// The default worker memory limit: three quarters of physical memory.
uint64_t defaultWorkerMemoryLimit();

/// A folder for this process's temporary files (`cwm-scratch-<pid>` in the
/// system's temporary folder), created on first use and removed at exit.
/// Folders of this user's cwm processes no longer running (a SIGKILLed
/// tuner) are removed then.
llvm::Expected<std::string> scratchDirectory();

/// A new unique file name in scratchDirectory().
llvm::Expected<std::string> createScratchFile(llvm::StringRef prefix,
                                              llvm::StringRef suffix);

/// Runs workers on this machine's CPU.
struct ChildOutcome;

class LocalCpuRunner {
public:
  explicit LocalCpuRunner(RunnerOptions options)
      : options(std::move(options)) {}
  /// Never fails: problems are reported in the result's status.
  MeasureResult measure(const MeasureRequest &request) const;
  const RunnerOptions &getOptions() const { return options; }

private:
  /// The result of a finished worker (its result file, or what ended it).
  MeasureResult interpretWorker(const ChildOutcome &outcome,
                                const MeasureRequest &request,
                                const std::string &resultPath,
                                const std::string &logPath) const;
  /// Copies a failed candidate's task, trace, request, log and result into
  /// a new folder of keepFailedDirectory.
  void keepFailed(const MeasureRequest &request, const MeasureResult &result,
                  const std::string &requestPath,
                  const std::string &logPath) const;

  RunnerOptions options;
};

/// Locates the cwm-worker executable: `explicitPath` if given, else $CWM_WORKER,
/// else beside the running executable, else on PATH.
llvm::Expected<std::string> findWorker(llvm::StringRef explicitPath);

/// A one-line description of this machine's CPU ("<model>, <n> cores").
std::string describeHostCpu();

/// This machine's CPU as cost-model features (model, cores, SIMD width from
/// the cpuinfo flags, cache sizes from sysfs, clock), measured with `threads`
/// threads. Fields it cannot read stay 0.
HardwareInfo detectHostCpu(int64_t threads);

/// Entry point of the cwm-worker tool.
int runWorkerMain(int argc, char **argv);

} // namespace cwm

#endif // CWM_MEASURE_RUNNER_H
