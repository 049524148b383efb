//===- CandidateRunner.h - Where a workload's candidates are measured -*- C++ -*-===//
//
// The tuning loop (Search/Tuner) measures every target through this one
// interface, so its options (trials, batch, population, generations, timeout,
// remeasure) mean the same everywhere:
//   - LocalCandidateRunner: on this machine's CPU now, one cwm-worker process
//     per candidate (apply, lower, JIT, check, time);
//   - BatchCandidateRunner: later, elsewhere: each candidate is built here
//     into a shared object (CPU or CUDA) beside the reference outputs of the
//     untransformed program, and appended to a batch folder's manifest for
//     cwm-run; importBatchResults turns cwm-run's results into records.
// A runner opens one session per workload; the session owns that workload's
// files (task, reference) for the time of the call.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_MEASURE_CANDIDATERUNNER_H
#define CWM_MEASURE_CANDIDATERUNNER_H

#include "cwm/Database/Database.h"
#include "cwm/Measure/Runner.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_set>

namespace cwm {

/// Measuring the candidates of one workload.
class MeasureSession {
public:
  virtual ~MeasureSession();
  /// Runs the untransformed program on the inputs of `seed`: its outputs are
  /// the reference the next candidates are checked against. With `time`,
  /// the result is also the baseline's measurement.
  virtual MeasureResult prepareReference(uint64_t seed, bool time) = 0;
  /// Whether prepareReference can time the untransformed program where the
  /// candidates run (the baseline); a batch folder computes references here.
  virtual bool measuresBaseline() const { return true; }
  /// Measures `trace` against the prepared reference. A deferred session
  /// dispatches it and returns nothing (its result comes through
  /// importBatchResults), unless it failed before leaving (a build error).
  /// `slowCutoffSeconds`: a candidate slower than this in two runs is timed
  /// no further (0: time fully). `remeasure`: a trace measured before.
  virtual std::optional<MeasureResult> measure(const Trace &trace,
                                               double slowCutoffSeconds,
                                               bool remeasure) = 0;
  /// Candidates dispatched and not yet imported: they are not proposed
  /// again, and those that are new (not re-measurements) count as trials.
  virtual const std::unordered_set<uint64_t> &getPending() const {
    return noPending;
  }
  virtual int64_t getPendingTrials() const { return 0; }
  /// How progress lines name results that came through collect().
  virtual llvm::StringRef getCollectedLabel() const { return ""; }
  /// Where collect() hands each result as it arrives.
  using ResultHandler =
      llvm::function_ref<llvm::Error(const Trace &, const MeasureResult &)>;
  /// After a round: waits for what the round dispatched to a runner that
  /// answers within the run (a Slurm job array), handing each result to
  /// `onResult` as soon as it is in; nothing for runners that answer at once
  /// or through an import.
  virtual llvm::Error collect(ResultHandler onResult) {
    return llvm::Error::success();
  }

private:
  std::unordered_set<uint64_t> noPending;
};

class CandidateRunner {
public:
  virtual ~CandidateRunner();
  virtual llvm::Expected<std::unique_ptr<MeasureSession>>
  open(const WorkloadEntry &workload) = 0;
  /// True if results come back only through an import (no waiting here).
  virtual bool isDeferred() const = 0;
  /// The machine measuring, as the cost model sees it and as records name it.
  virtual HardwareInfo getHardware() const = 0;
  virtual std::string getHardwareName() const = 0;
  /// Buffers of a task beyond this are not measured (0: no limit).
  virtual uint64_t getMemoryLimitBytes() const { return 0; }
};

/// Limits of one candidate on the local runner, per phase: no candidate
/// costs more than a few seconds.
struct CandidateLimits {
  /// Applying, lowering and compiling.
  double buildSeconds = 10;
  /// Running once built (buffers, the check, the timing), at most; a
  /// candidate measured against a fastest program so far gets less: a few
  /// times the slow cut-off (slowCutoffSeconds) plus the minimum timing.
  double runSeconds = 10;
};

/// This machine's CPU. With one build job, one cwm-worker process per
/// candidate applies, compiles, checks and times it. With more, a round's
/// candidates are built into shared objects that many at once, then checked
/// and timed one at a time (no build runs while anything is timed); their
/// results come through collect().
class LocalCandidateRunner final : public CandidateRunner {
public:
  LocalCandidateRunner(LocalCpuRunner workers, TimingOptions timing,
                       int64_t buildJobs = 1, CandidateLimits limits = {})
      : workers(std::move(workers)), timing(timing),
        buildJobs(std::max<int64_t>(1, buildJobs)), limits(limits) {}
  llvm::Expected<std::unique_ptr<MeasureSession>>
  open(const WorkloadEntry &workload) override;
  bool isDeferred() const override { return false; }
  HardwareInfo getHardware() const override;
  std::string getHardwareName() const override;
  uint64_t getMemoryLimitBytes() const override {
    return workers.getOptions().memoryLimitBytes;
  }

private:
  LocalCpuRunner workers;
  TimingOptions timing;
  int64_t buildJobs;
  CandidateLimits limits;
};

/// How the Slurm runner submits and follows its job arrays.
struct SlurmOptions {
  std::string partition;
  std::string account;
  /// The time limit of each array task, in any form sbatch --time takes
  /// ("10", "0:30:00", "1-0"); empty: the partition's default.
  std::string timeLimit;
  /// GPUs of each array task (each is a job of its own: --gpus); 0: none
  /// asked.
  int64_t gpusPerJob = 0;
  /// More sbatch arguments, as given.
  std::string extraArguments;
  /// Seconds between looks at the array's tasks and result files.
  double pollSeconds = 2;
  /// A task Slurm reports completed whose result file is not visible yet
  /// (a network file system's cache) is waited for this long.
  double resultGraceSeconds = 30;
  /// Consecutive failed squeue / sacct queries before the array is
  /// cancelled and its remaining candidates count as failed.
  int maxFailedQueries = 60;

  /// The sbatch arguments these options stand for.
  std::string toArguments() const;
};

struct BatchOptions {
  /// The batch folder: manifest.txt (for cwm-run), pending.jsonl, the task
  /// files, the reference outputs and the candidates' shared objects.
  std::string directory;
  /// "cuda" (GPU candidates) or "cpu" (CPU candidates, cwm-run --cpu).
  std::string target = "cuda";
  std::string chip = "sm_90";
  /// CPU candidates: the LLVM CPU they are compiled for ("native": this one).
  std::string cpu = "native";
  /// Outputs of more elements than this are checked on a prime-strided
  /// sample of between half of and this many elements.
  int64_t referenceSamples = int64_t(1) << 18;
  /// The tuner's options for each candidate, written into the manifest so
  /// cwm-run measures as the local runner would.
  double timeoutSeconds = 60;
  double minSeconds = 0.2;
  bool flushCache = false;
  /// Slurm: each round's candidates run as a job array of cwm-run shards
  /// (one candidate each), followed with squeue / sacct and recorded as each
  /// finishes, in the same run; the folder must be shared with the compute
  /// nodes. Empty `cwmRun`: no Slurm (results come by import).
  std::string cwmRun;
  SlurmOptions slurm;
  /// No progress lines.
  bool quiet = false;
};

/// A batch folder measured later by cwm-run on another machine; `workers`
/// build the candidates and the references here.
class BatchCandidateRunner final : public CandidateRunner {
public:
  BatchCandidateRunner(LocalCpuRunner workers, BatchOptions options)
      : workers(std::move(workers)), options(std::move(options)) {}
  llvm::Expected<std::unique_ptr<MeasureSession>>
  open(const WorkloadEntry &workload) override;
  /// Deferred unless Slurm measures each round within the run.
  bool isDeferred() const override { return options.cwmRun.empty(); }
  HardwareInfo getHardware() const override;
  std::string getHardwareName() const override { return options.target; }

private:
  LocalCpuRunner workers;
  BatchOptions options;
};

/// Turns cwm-run's results for the candidates of the batch folder
/// `directory` into records (build failures too); results already recorded
/// are skipped, so importing twice adds nothing. Returns the records added.
llvm::Expected<int64_t> importBatchResults(Database &database,
                                           llvm::StringRef directory,
                                           llvm::StringRef resultsFile);

} // namespace cwm

#endif // CWM_MEASURE_CANDIDATERUNNER_H
