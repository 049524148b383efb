//===- Tuner.h - Rounds of search and measurement for one task --*- C++ -*-===//
//
// The one tuning loop, for every target and runner: for one workload, measure
// the untuned baseline (once), then rounds of: a batch proposed by the search
// strategy (Search/SearchStrategy), measured by a CandidateRunner (this CPU, a
// batch folder for cwm-run, a Slurm job array) on fresh random inputs,
// recorded in the database as each result arrives, and given back to the
// strategy. Every record is flushed as soon as it is measured; a restarted
// tuner counts what the database already holds. The task scheduler
// (Search/TaskScheduler) decides which workload the loop serves next.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_SEARCH_TUNER_H
#define CWM_SEARCH_TUNER_H

#include "cwm/Database/Database.h"
#include "cwm/Measure/CandidateRunner.h"
#include "cwm/Search/SearchStrategy.h"

#include "llvm/ADT/StringSet.h"

#include <map>
#include <optional>
#include <random>
#include <string>
#include <unordered_set>

namespace cwm {

struct TuneOptions {
  std::string target = "cpu";
  int64_t trials = 64;
  int64_t batchSize = 8;
  uint64_t seed = 0;
  TimingOptions timing;
  /// A candidate slower than this many times the fastest program measured
  /// so far (baseline included) in two runs is timed no further; 0 = always
  /// time fully.
  double slowCutoffFactor = 10;
  /// Before searching, measure again the successful records timed fewer than
  /// timing.minRepeats times (TuningRecord::remeasured).
  bool remeasureCut = false;
  /// Before searching, measure again this many of the best current tuning
  /// records (a same-run figure for them on a noisy machine; the new record
  /// becomes the trace's label, the old one stays).
  int64_t remeasureBest = 0;
  bool quiet = false;
};

/// What tuning one workload produced.
struct TaskReport {
  std::string name;
  std::string key;
  double flops = 0;
  double baselineSeconds = 0; ///< 0 if the baseline failed
  double bestSeconds = 0;     ///< 0 if nothing succeeded
  int64_t measured = 0;       ///< tuning records in the database (baseline excluded)
  int64_t measuredNow = 0;    ///< of which measured in this run
  std::map<std::string, int64_t> errors;
  std::optional<Trace> best;
  double tuningSeconds = 0;
  /// Instances of the task in the payload (the task scheduler's weight).
  int64_t weight = 1;
  /// The search space had nothing left to propose.
  bool exhausted = false;
  /// The embedding program's observer stopped the run (Search/Observer.h).
  bool stopped = false;
  /// Why the task could not be tuned (empty if it could).
  std::string failure;
  /// Candidates handed to a deferred runner in this run.
  int64_t exported = 0;
  /// Cost-model work in this run: candidates scored, seconds spent scoring
  /// them (features included) and seconds spent learning between rounds.
  int64_t scoredCandidates = 0;
  double modelSeconds = 0;
  double modelUpdateSeconds = 0;

  /// True when the default lowering is faster than every measured candidate
  /// (or none succeeded): the payload then keeps the default lowering.
  bool keepsDefault() const {
    return baselineSeconds > 0 &&
           (bestSeconds == 0 || baselineSeconds <= bestSeconds);
  }
};

class Tuner {
public:
  Tuner(Database &database, SearchStrategy &strategy, CandidateRunner &runner,
        TuneOptions options)
      : database(database), strategy(strategy), runner(runner),
        options(std::move(options)) {}

  /// Tunes one workload (already added to the database) until it has
  /// `trialLimit` tuning records (default: the options' trials), candidates
  /// waiting in a deferred runner's batch counted. A deferred runner gets
  /// one round: the candidates still missing, dispatched at once.
  llvm::Expected<TaskReport> tune(const WorkloadEntry &workload,
                                  llvm::StringRef progressPrefix,
                                  std::optional<int64_t> trialLimit = {});

private:
  Database &database;
  SearchStrategy &strategy;
  CandidateRunner &runner;
  TuneOptions options;
  /// Workloads whose best records this tuner has measured again.
  llvm::StringSet<> bestRemeasured;
  /// Workloads whose records of the other cache state this tuner has
  /// measured again in its own.
  llvm::StringSet<> cacheStatesMet;
};

/// "1.2 us", "3.45 ms", "1.20 s"; "-" for 0 (nothing measured).
std::string formatSeconds(double seconds);
/// A wall-clock duration for progress lines: "42s", "3m5s", "1h12m".
std::string formatDuration(double seconds);

/// Fills a report from what the database holds for a workload.
TaskReport summarizeWorkload(const Database &database,
                             const WorkloadEntry &workload);

} // namespace cwm

#endif // CWM_SEARCH_TUNER_H
