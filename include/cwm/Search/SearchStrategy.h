//===- SearchStrategy.h - What to measure next for one workload -*- C++ -*-===//
//
// The search as a pure strategy (MetaSchedule's search_strategy.h in cwm's
// terms): it proposes candidates and learns from their results; it never
// measures, builds or records. The tuning loop (Search/Tuner) asks it for a
// batch, hands the batch to a CandidateRunner, records the results in the
// database and gives them back through notify(). Its options mean the same on
// every target and runner.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_SEARCH_SEARCHSTRATEGY_H
#define CWM_SEARCH_SEARCHSTRATEGY_H

#include "cwm/CostModel/CostModel.h"
#include "cwm/Database/Database.h"
#include "cwm/SearchSpace/SearchSpace.h"

#include "llvm/ADT/StringMap.h"

#include <map>
#include <memory>
#include <random>
#include <unordered_set>
#include <vector>

namespace cwm {

class ScheduleLibrary;

struct SearchOptions {
  /// Evolutionary search per round: a population this large (samples from
  /// the rules plus mutants of the best measured traces), then `generations`
  /// rounds of keeping the better half by predicted score and refilling it
  /// with mutants (probability `mutationProbability`) and crossovers.
  int64_t populationSize = 256;
  int64_t generations = 3;
  /// Generations while the workload has no measured candidate yet (-1: as
  /// `generations`). Before any measurement the model has not adapted to the
  /// workload, and evolving the population by its scores walks into its
  /// errors; 0 takes the first round's picks from the rules' samples alone.
  int64_t firstGenerations = -1;
  double mutationProbability = 0.6;
  /// Best measured traces used as parents.
  int64_t measuredParents = 8;
  /// Fraction of each batch picked at random rather than by score.
  double epsilon = 0.05;
  /// Weight of a novelty bonus in the picks (0 = by predicted score alone).
  /// A candidate's novelty is the mean, over its decision values, of
  /// 1 / sqrt(1 + n), n = how many of this workload's measured traces and of
  /// this batch's earlier picks already carry that value at that place; each
  /// pick maximizes (1 - rank / population) + diversity * novelty. It keeps
  /// a search from spending every trial on one region the model prefers
  /// (e.g. one register tile) when the measurements never test the others.
  double diversity = 0.0;
  /// Members of each must-try family (SearchSpace::mustTryFamily) measured
  /// before the ranking alone decides: a family judged on one sample (say a
  /// Winograd candidate whose batch matmul was drawn badly) can be dropped
  /// for good by the online correction. -1: each family's own number
  /// (SearchSpace::mustTryMembers: on the CPU 5 for each Winograd tile size,
  /// chosen on the conv3x3-v1 validation workloads, and 5 for the direct
  /// schedules beside them; 1 for the others).
  int64_t mustTryMembers = -1;
  /// How novelty is measured (with diversity > 0).
  enum class Novelty {
    /// The mean, over the candidate's decision values (a whole size list
    /// is one value), of 1 / sqrt(1 + n); picks from the evolved population.
    MeanValue,
    /// 1 / sqrt(1 + n) of the candidate's rarest decision atom: one entry of
    /// a size list (tile sizes of dimension 3 = 48) or one other decision.
    RarestAtom,
    /// Coverage: the sum, over the candidate's decision atoms, of
    /// 1 / sqrt(1 + n) / K, K = how many values that atom's place takes in
    /// the pool. A pick that tries an untried value of a place with few
    /// values (a register tile of 16, 32 or 48) gains more than one that
    /// tries one of many (a parallel tile); the first pick is by score alone.
    /// Picks come from every candidate the round scored (the first
    /// population and every generation's children), not only the survivors,
    /// so a value the model ranks low everywhere is still tried once the
    /// batch holds the values it prefers.
    Coverage,
  };
  Novelty novelty = Novelty::MeanValue;
  /// Apply each pick to the task here before proposing it: a schedule that
  /// fails to apply (e.g. an `unroll` refused on a tensor accumulator) is
  /// passed over for the next one instead of costing a trial.
  bool checkByApplying = true;
  /// Schedules carried over from similar tasks (ScheduleLibrary): the
  /// fastest schedules of the `transferWorkloads` library workloads nearest
  /// in shape, moved onto this task's rules (SearchSpace::transfer), join
  /// every round's population (with a mutant each); while a workload has no
  /// measured candidate, up to `transfer` of the round's picks are taken
  /// from them directly.
  const ScheduleLibrary *library = nullptr;
  int64_t transfer = 0;
  int64_t transferWorkloads = 4;
};

/// What the strategy spent on its cost model.
struct SearchStatistics {
  int64_t scoredCandidates = 0;
  /// Picks applied here before proposing them, and those that failed to.
  int64_t checkedCandidates = 0, refusedCandidates = 0;
  /// Refused picks whose check crashed the checking helper, exhausted its
  /// memory or ran past its deadline, and how the last one ended.
  int64_t crashedChecks = 0;
  std::string lastCheckFailure;
  /// The checking helper failed five requests in a row (whatever the
  /// pick): the checks stopped and later picks went to the worker unchecked.
  bool checksAbandoned = false;
  int64_t transferredCandidates = 0; ///< picks carried over (library)
  double checkSeconds = 0;
  double modelSeconds = 0;       ///< scoring (features included)
  double modelUpdateSeconds = 0; ///< learning from results
};

class SearchStrategy {
public:
  virtual ~SearchStrategy();
  /// Up to `count` candidates for `workload`, best first: none measured
  /// before (the database), none in `pending` (dispatched, not yet back),
  /// no two alike. Empty when the search space has nothing new. `rng` is the
  /// caller's stream, so that a seed fixes the whole tuning run.
  virtual llvm::Expected<std::vector<Trace>>
  propose(const WorkloadEntry &workload, const HardwareInfo &hardware,
          int64_t count, const std::unordered_set<uint64_t> &pending,
          std::mt19937_64 &rng) = 0;
  /// Results of measured candidates (the online cost-model update).
  virtual llvm::Error notify(const WorkloadEntry &workload,
                             const HardwareInfo &hardware,
                             llvm::ArrayRef<Trace> traces,
                             llvm::ArrayRef<MeasureResult> results) = 0;
  virtual llvm::StringRef getModelName() const = 0;
  const SearchStatistics &getStatistics() const { return statistics; }
  void resetStatistics() { statistics = SearchStatistics(); }

protected:
  SearchStatistics statistics;
};

/// Evolution of a population over the search space's rules, mutators and
/// crossover, ranked by a cost model, with eps-greedy picks.
class EvolutionarySearch final : public SearchStrategy {
public:
  EvolutionarySearch(const Database &database, CostModel &model,
                     const SearchSpace &space, SearchOptions options);
  ~EvolutionarySearch() override;
  llvm::Expected<std::vector<Trace>>
  propose(const WorkloadEntry &workload, const HardwareInfo &hardware,
          int64_t count, const std::unordered_set<uint64_t> &pending,
          std::mt19937_64 &rng) override;
  llvm::Error notify(const WorkloadEntry &workload,
                     const HardwareInfo &hardware, llvm::ArrayRef<Trace> traces,
                     llvm::ArrayRef<MeasureResult> results) override;
  llvm::StringRef getModelName() const override { return model.getName(); }

private:
  /// The evolved population, unmeasured and distinct, with scores; with
  /// `everyScored`, every candidate scored on the way (the first population
  /// and all children), of which the evolved population is the best part.
  llvm::Expected<std::pair<std::vector<Trace>, std::vector<double>>>
  evolvePopulation(const WorkloadEntry &workload, const HardwareInfo &hardware,
                   std::mt19937_64 &rng,
                   const std::unordered_set<uint64_t> &pending,
                   bool everyScored);
  llvm::Expected<std::vector<double>>
  timedPredict(const WorkloadEntry &workload, const HardwareInfo &hardware,
               llvm::ArrayRef<Trace> traces);

  /// Whether `trace` applies to the workload's task (checked once per trace).
  bool applies(const WorkloadEntry &workload, const Trace &trace);

  /// How many members of a must-try family are measured before the ranking
  /// alone decides: options.mustTryMembers, or the space's own number.
  int64_t membersToTry(llvm::StringRef family) const;
  /// The workload's measured (non-baseline) records per must-try family
  /// (the empty family counts the rest).
  llvm::StringMap<int64_t>
  measuredPerFamily(const WorkloadEntry &workload) const;

  const Database &database;
  CostModel &model;
  const SearchSpace &space;
  SearchOptions options;
  /// The apply check (its helper process and the tasks it parsed), and the
  /// traces that failed it.
  struct ApplyCheck;
  std::unique_ptr<ApplyCheck> applyCheck;
  std::map<std::string, std::unordered_set<uint64_t>> refused;
};

} // namespace cwm

#endif // CWM_SEARCH_SEARCHSTRATEGY_H
