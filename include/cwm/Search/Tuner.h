//===- Tuner.h - Rounds of search and measurement for one task --*- C++ -*-===//
//
// For one workload: measure the untuned baseline (once), then rounds of
// evolutionary search (samples from the rules plus mutants of the best
// measured traces, de-duplicated against the database, ranked by the cost
// model with eps-greedy random picks), measurement of a batch on fresh random
// inputs, and an online cost-model update. Every record is flushed as soon as
// it is measured; a restarted tuner counts what the database already holds.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_SEARCH_TUNER_H
#define CWM_SEARCH_TUNER_H

#include "cwm/CostModel/CostModel.h"
#include "cwm/Database/Database.h"
#include "cwm/Measure/CandidateRunner.h"
#include "cwm/SearchSpace/SearchSpace.h"

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
  /// Evolutionary search per round: a population this large (samples from
  /// the rules plus mutants of the best measured traces), then `generations`
  /// rounds of keeping the better half by predicted score and refilling it
  /// with mutants (probability `mutationProbability`) and crossovers.
  int64_t populationSize = 256;
  int64_t generations = 3;
  double mutationProbability = 0.6;
  /// Best measured traces used as parents.
  int64_t measuredParents = 8;
  /// Fraction of each batch picked at random rather than by score.
  double epsilon = 0.05;
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
  Tuner(Database &database, CostModel &model, const SearchSpace &space,
        CandidateRunner &runner, TuneOptions options)
      : database(database), model(model), space(space), runner(runner),
        options(std::move(options)) {}

  /// Tunes one workload (already added to the database) until it has
  /// `trialLimit` tuning records (default: the options' trials), candidates
  /// waiting in a deferred runner's batch counted. A deferred runner gets
  /// one round: the candidates still missing, dispatched at once.
  llvm::Expected<TaskReport> tune(const WorkloadEntry &workload,
                                  llvm::StringRef progressPrefix,
                                  std::optional<int64_t> trialLimit = {});

private:
  /// The round's evolved population, unmeasured and distinct, with scores.
  llvm::Expected<std::vector<double>>
  timedPredict(const WorkloadEntry &workload, const HardwareInfo &hardware,
               llvm::ArrayRef<Trace> traces);
  llvm::Expected<std::pair<std::vector<Trace>, std::vector<double>>>
  evolvePopulation(const WorkloadEntry &workload, const HardwareInfo &hardware,
                   std::mt19937_64 &rng,
                   const std::unordered_set<uint64_t> &pending);

  Database &database;
  CostModel &model;
  const SearchSpace &space;
  CandidateRunner &runner;
  TuneOptions options;
  int64_t scoredCandidates = 0;
  double modelSeconds = 0, modelUpdateSeconds = 0;
  /// Workloads whose best records this tuner has measured again.
  llvm::StringSet<> bestRemeasured;
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
