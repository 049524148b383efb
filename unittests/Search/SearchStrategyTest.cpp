//===- SearchStrategyTest.cpp - The search as a pure strategy -------------===//

#include "cwm/Search/SearchStrategy.h"

#include "gtest/gtest.h"

#include <set>

using namespace cwm;

namespace {
/// Traces of one tile action whose size is the single recorded choice, from
/// 1 to `count`.
class TileSpace final : public SearchSpace {
public:
  explicit TileSpace(int64_t count) : count(count) {}
  Trace sample(const TaskInfo &task, std::mt19937_64 &rng) const override {
    return make(std::uniform_int_distribution<int64_t>(1, count)(rng));
  }
  std::optional<Trace> mutate(const TaskInfo &task, const Trace &trace,
                              std::mt19937_64 &rng) const override {
    return sample(task, rng);
  }
  Trace replay(const TaskInfo &task, std::vector<int64_t> choices,
               std::mt19937_64 &rng) const override {
    return make(choices.empty() ? 1 : choices[0]);
  }
  static Trace make(int64_t size) {
    Action action;
    action.kind = ActionKind::Tile;
    action.target = 0;
    action.decisions["sizes"] = Decision(std::vector<int64_t>{size});
    Trace trace;
    trace.push_back(action);
    trace.setChoices({size});
    return trace;
  }
  static int64_t sizeOf(const Trace &trace) {
    return trace.getActions().front().getList("sizes").front();
  }

private:
  int64_t count;
};

/// Predicts larger tiles faster; counts what it was told.
class LargerIsFaster final : public CostModel {
public:
  llvm::StringRef getName() const override { return "larger"; }
  llvm::Expected<std::vector<double>>
  predict(const WorkloadEntry &, const HardwareInfo &,
          llvm::ArrayRef<Trace> traces) override {
    ++batches;
    std::vector<double> scores;
    for (const Trace &trace : traces)
      scores.push_back(double(TileSpace::sizeOf(trace)));
    return scores;
  }
  llvm::Error update(const WorkloadEntry &, const HardwareInfo &,
                     llvm::ArrayRef<Trace> traces,
                     llvm::ArrayRef<MeasureResult>) override {
    learned += traces.size();
    return llvm::Error::success();
  }
  size_t learned = 0;
  int batches = 0; ///< predict calls
};

/// Traces of one tile action with rows (8 or 16) and columns (1 to 20): two
/// decisions, or (`sizeList`) one size list [rows, columns], a place of two
/// values and one of twenty.
class RowsColumnsSpace final : public SearchSpace {
public:
  explicit RowsColumnsSpace(bool sizeList = false) : sizeList(sizeList) {}
  Trace sample(const TaskInfo &task, std::mt19937_64 &rng) const override {
    return make(std::uniform_int_distribution<int>(0, 1)(rng) ? 16 : 8,
                std::uniform_int_distribution<int64_t>(1, 20)(rng), sizeList);
  }
  std::optional<Trace> mutate(const TaskInfo &task, const Trace &trace,
                              std::mt19937_64 &rng) const override {
    return sample(task, rng);
  }
  Trace replay(const TaskInfo &task, std::vector<int64_t> choices,
               std::mt19937_64 &rng) const override {
    return make(choices.at(0), choices.at(1), sizeList);
  }
  static Trace make(int64_t rows, int64_t columns, bool sizeList = false) {
    Action action;
    action.kind = ActionKind::Tile;
    action.target = 0;
    if (sizeList) {
      action.decisions["sizes"] = Decision(std::vector<int64_t>{rows, columns});
    } else {
      action.decisions["rows"] = Decision(rows);
      action.decisions["columns"] = Decision(columns);
    }
    Trace trace;
    trace.push_back(action);
    trace.setChoices({rows, columns});
    return trace;
  }
  static int64_t rowsOf(const Trace &trace) { return entry(trace, "rows", 0); }
  static int64_t columnsOf(const Trace &trace) {
    return entry(trace, "columns", 1);
  }

private:
  static int64_t entry(const Trace &trace, llvm::StringRef name, size_t index) {
    const Action &action = trace.getActions().front();
    return action.has("sizes") ? action.getList("sizes").at(index)
                               : action.getInt(name);
  }
  bool sizeList;
};

/// Prefers 16 rows over any column count, then more columns.
class SixteenRowsFirst final : public CostModel {
public:
  llvm::StringRef getName() const override { return "sixteen"; }
  llvm::Expected<std::vector<double>>
  predict(const WorkloadEntry &, const HardwareInfo &,
          llvm::ArrayRef<Trace> traces) override {
    std::vector<double> scores;
    for (const Trace &trace : traces)
      scores.push_back(100.0 * (RowsColumnsSpace::rowsOf(trace) == 16) +
                       RowsColumnsSpace::columnsOf(trace));
    return scores;
  }
  llvm::Error update(const WorkloadEntry &, const HardwareInfo &,
                     llvm::ArrayRef<Trace>,
                     llvm::ArrayRef<MeasureResult>) override {
    return llvm::Error::success();
  }
};

WorkloadEntry workload() {
  WorkloadEntry w;
  w.key = "w";
  w.target = "cpu";
  w.task.name = "w";
  return w;
}

/// A measured record of workload "w": `trace` ran in 1 ms (or the baseline).
TuningRecord measuredRecord(Trace trace, bool baseline = false) {
  TuningRecord record;
  record.workloadKey = "w";
  record.target = "cpu";
  record.baseline = baseline;
  record.trace = std::move(trace);
  record.result.status = MeasureStatus::Ok;
  record.result.median = 1e-3;
  return record;
}

SearchOptions greedy() {
  SearchOptions options;
  options.populationSize = 64;
  options.generations = 2;
  options.epsilon = 0; // ranked picks only
  return options;
}
} // namespace

TEST(SearchStrategyTest, ProposesTheBestPredictedUnmeasuredAndNotPending) {
  auto db = Database::inMemory();
  WorkloadEntry w = workload();
  ASSERT_FALSE(bool(db->addWorkload(w)));
  ASSERT_FALSE(bool(db->addRecord(measuredRecord(TileSpace::make(20)))));
  TileSpace space(20);
  LargerIsFaster model;
  EvolutionarySearch search(*db, model, space, greedy());
  std::unordered_set<uint64_t> pending = {TileSpace::make(19).fingerprint()};
  std::mt19937_64 rng(1);
  llvm::Expected<std::vector<Trace>> proposed =
      search.propose(w, HardwareInfo(), 3, pending, rng);
  ASSERT_TRUE(bool(proposed)) << llvm::toString(proposed.takeError());
  std::vector<int64_t> sizes;
  for (const Trace &trace : *proposed)
    sizes.push_back(TileSpace::sizeOf(trace));
  // 20 is measured, 19 pending: the next best three, best first.
  EXPECT_EQ(sizes, (std::vector<int64_t>{18, 17, 16}));
  EXPECT_GT(search.getStatistics().scoredCandidates, 0);
}

TEST(SearchStrategyTest, SameSeedSameProposalsAndEmptyWhenExhausted) {
  auto db = Database::inMemory();
  WorkloadEntry w = workload();
  ASSERT_FALSE(bool(db->addWorkload(w)));
  TileSpace space(6);
  LargerIsFaster model;
  SearchOptions options = greedy();
  options.epsilon = 0.5; // random picks too: the seed must fix them
  EvolutionarySearch search(*db, model, space, options);
  auto run = [&](uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<int64_t> sizes;
    llvm::Expected<std::vector<Trace>> proposed =
        search.propose(w, HardwareInfo(), 4, {}, rng);
    EXPECT_TRUE(bool(proposed));
    for (const Trace &trace : *proposed)
      sizes.push_back(TileSpace::sizeOf(trace));
    return sizes;
  };
  EXPECT_EQ(run(7), run(7));
  std::vector<int64_t> once = run(7);
  EXPECT_EQ(std::set<int64_t>(once.begin(), once.end()).size(), once.size());
  // Everything measured: nothing left to propose.
  for (int64_t size = 1; size <= 6; ++size) {
    ASSERT_FALSE(bool(db->addRecord(measuredRecord(TileSpace::make(size)))));
  }
  EXPECT_TRUE(run(7).empty());
}

TEST(SearchStrategyTest, NotifyTeachesTheModel) {
  auto db = Database::inMemory();
  WorkloadEntry w = workload();
  TileSpace space(4);
  LargerIsFaster model;
  EvolutionarySearch search(*db, model, space, greedy());
  MeasureResult ok;
  ok.status = MeasureStatus::Ok;
  ok.median = 1e-3;
  ASSERT_FALSE(bool(search.notify(w, HardwareInfo(),
                                  {TileSpace::make(1), TileSpace::make(2)},
                                  {ok, ok})));
  EXPECT_EQ(model.learned, 2u);
  ASSERT_FALSE(bool(search.notify(w, HardwareInfo(), {}, {})));
  EXPECT_EQ(model.learned, 2u);
}

TEST(SearchStrategyTest, DiversityTriesWhatTheMeasurementsHaveNot) {
  // Eight measured traces, all with 16 rows: the model's favourite.
  auto db = Database::inMemory();
  WorkloadEntry w = workload();
  ASSERT_FALSE(bool(db->addWorkload(w)));
  for (int64_t columns = 13; columns <= 20; ++columns) {
    ASSERT_FALSE(bool(db->addRecord(measuredRecord(RowsColumnsSpace::make(16, columns)))));
  }
  RowsColumnsSpace space;
  SixteenRowsFirst model;
  auto rowsOfPicks = [&](double diversity) {
    SearchOptions options = greedy();
    options.diversity = diversity;
    EvolutionarySearch search(*db, model, space, options);
    std::mt19937_64 rng(3);
    llvm::Expected<std::vector<Trace>> proposed =
        search.propose(w, HardwareInfo(), 4, {}, rng);
    EXPECT_TRUE(bool(proposed));
    std::multiset<int64_t> rows;
    for (const Trace &trace : *proposed)
      rows.insert(RowsColumnsSpace::rowsOf(trace));
    return rows;
  };
  // By score alone every pick keeps 16 rows; with the novelty bonus the
  // untried 8 rows come in, and the picks are not all alike.
  EXPECT_EQ(rowsOfPicks(0).count(8), 0u);
  std::multiset<int64_t> diverse = rowsOfPicks(2.0);
  EXPECT_GE(diverse.count(8), 1u);
  EXPECT_GE(diverse.count(16), 1u);
}

TEST(SearchStrategyTest, CoverageTriesUntriedEntriesOfSizeLists) {
  // Eight measured traces, all with 16 rows (the model's favourite) in the
  // first entry of their size list.
  auto db = Database::inMemory();
  WorkloadEntry w = workload();
  ASSERT_FALSE(bool(db->addWorkload(w)));
  for (int64_t columns = 13; columns <= 20; ++columns) {
    ASSERT_FALSE(bool(db->addRecord(measuredRecord(RowsColumnsSpace::make(16, columns, /*sizeList=*/true)))));
  }
  RowsColumnsSpace space(/*sizeList=*/true);
  SixteenRowsFirst model;
  auto rowsOfPicks = [&](SearchOptions::Novelty novelty) {
    SearchOptions options = greedy();
    options.diversity = 2.0;
    options.novelty = novelty;
    EvolutionarySearch search(*db, model, space, options);
    std::mt19937_64 rng(3);
    llvm::Expected<std::vector<Trace>> proposed =
        search.propose(w, HardwareInfo(), 4, {}, rng);
    EXPECT_TRUE(bool(proposed));
    std::multiset<int64_t> rows;
    for (const Trace &trace : *proposed)
      rows.insert(RowsColumnsSpace::rowsOf(trace));
    return rows;
  };
  // A whole size list is one value: every [16, c] with an untried c is as
  // new as any [8, c], so the mean novelty keeps 16 rows.
  EXPECT_EQ(rowsOfPicks(SearchOptions::Novelty::MeanValue).count(8), 0u);
  // Coverage sees the lists' entries: 8 rows (one of two values, untried)
  // gains more than another of twenty column counts; the favourite stays.
  std::multiset<int64_t> covered = rowsOfPicks(SearchOptions::Novelty::Coverage);
  EXPECT_GE(covered.count(8), 1u);
  EXPECT_GE(covered.count(16), 1u);
}

TEST(SearchStrategyTest, FirstGenerationsAppliesUntilTheWorkloadIsMeasured) {
  auto db = Database::inMemory();
  WorkloadEntry w = workload();
  ASSERT_FALSE(bool(db->addWorkload(w)));
  TileSpace space(200);
  LargerIsFaster model;
  SearchOptions options = greedy(); // 2 generations
  options.firstGenerations = 0;
  EvolutionarySearch search(*db, model, space, options);
  std::mt19937_64 rng(5);
  // Nothing measured: the first population is scored once, not evolved.
  ASSERT_TRUE(bool(search.propose(w, HardwareInfo(), 4, {}, rng)));
  EXPECT_EQ(model.batches, 1);
  // A baseline does not count as a measured candidate.
  ASSERT_FALSE(bool(db->addRecord(measuredRecord(Trace(), /*baseline=*/true))));
  model.batches = 0;
  ASSERT_TRUE(bool(search.propose(w, HardwareInfo(), 4, {}, rng)));
  EXPECT_EQ(model.batches, 1);
  // Once a candidate is measured, every generation runs again.
  ASSERT_FALSE(bool(db->addRecord(measuredRecord(TileSpace::make(7)))));
  model.batches = 0;
  ASSERT_TRUE(bool(search.propose(w, HardwareInfo(), 4, {}, rng)));
  EXPECT_EQ(model.batches, 1 + 2);
}

namespace {
/// TileSpace's traces, where tiles of 1 and 2 are a must-try family.
class SmallTilesMustBeTried final : public SearchSpace {
public:
  Trace sample(const TaskInfo &task, std::mt19937_64 &rng) const override {
    return tiles.sample(task, rng);
  }
  std::optional<Trace> mutate(const TaskInfo &task, const Trace &trace,
                              std::mt19937_64 &rng) const override {
    if (mutantsAreLarge)
      return TileSpace::make(
          std::uniform_int_distribution<int64_t>(3, 20)(rng));
    return tiles.mutate(task, trace, rng);
  }
  Trace replay(const TaskInfo &task, std::vector<int64_t> choices,
               std::mt19937_64 &rng) const override {
    return tiles.replay(task, std::move(choices), rng);
  }
  llvm::StringRef mustTryFamily(const TaskInfo &,
                                const Trace &trace) const override {
    return TileSpace::sizeOf(trace) <= 2 ? "small" : "";
  }
  int64_t mustTryMembers(llvm::StringRef family) const override {
    return members;
  }
  /// The space's own number of members to measure (options say -1).
  int64_t members = 1;
  /// Mutants are never small: once the generations drop the small tiles
  /// (a model ranking them last), nothing brings them back.
  bool mutantsAreLarge = false;

private:
  TileSpace tiles{20};
};

/// An in-memory database holding workload `w` and nothing measured.
std::unique_ptr<Database> databaseWith(const WorkloadEntry &w) {
  std::unique_ptr<Database> db = Database::inMemory();
  EXPECT_FALSE(bool(db->addWorkload(w)));
  return db;
}

/// The tile sizes of a 3-trace proposal for `w` (seed 1).
std::vector<int64_t> proposedSizes(EvolutionarySearch &search,
                                   const WorkloadEntry &w) {
  std::mt19937_64 rng(1);
  llvm::Expected<std::vector<Trace>> proposed =
      search.propose(w, HardwareInfo(), 3, {}, rng);
  EXPECT_TRUE(bool(proposed));
  std::vector<int64_t> result;
  if (proposed)
    for (const Trace &trace : *proposed)
      result.push_back(TileSpace::sizeOf(trace));
  return result;
}
} // namespace

TEST(SearchStrategyTest, MustTryFamilyIsMeasuredOncePerWorkload) {
  WorkloadEntry w = workload();
  std::unique_ptr<Database> db = databaseWith(w);
  SmallTilesMustBeTried space;
  LargerIsFaster model; // ranks the small tiles last
  EvolutionarySearch search(*db, model, space, greedy());
  auto sizes = [&]() { return proposedSizes(search, w); };
  // Unmeasured: the family's best-scored member first, then the ranking.
  EXPECT_EQ(sizes(), (std::vector<int64_t>{2, 20, 19}));
  // Once one of the family is measured the ranking alone decides.
  ASSERT_FALSE(bool(db->addRecord(measuredRecord(TileSpace::make(1)))));
  EXPECT_EQ(sizes(), (std::vector<int64_t>{20, 19, 18}));
}

TEST(SearchStrategyTest, MustTryMembersSurviveTheGenerations) {
  // The generations keep the better-scored half; the family comes back
  // from what was scored on the way while it is short of its members.
  WorkloadEntry w = workload();
  std::unique_ptr<Database> db = databaseWith(w);
  SmallTilesMustBeTried space;
  space.members = 2;
  space.mutantsAreLarge = true;
  LargerIsFaster model;
  EvolutionarySearch search(*db, model, space, greedy());
  EXPECT_EQ(proposedSizes(search, w), (std::vector<int64_t>{2, 1, 20}));
  // Both measured: the ranking alone decides, and nothing comes back.
  ASSERT_FALSE(bool(db->addRecord(measuredRecord(TileSpace::make(1)))));
  ASSERT_FALSE(bool(db->addRecord(measuredRecord(TileSpace::make(2)))));
  EXPECT_EQ(proposedSizes(search, w), (std::vector<int64_t>{20, 19, 18}));
}

TEST(SearchStrategyTest, MustTryMembersSetsHowManyOfAFamilyAreMeasured) {
  WorkloadEntry w = workload();
  std::unique_ptr<Database> db = databaseWith(w);
  SmallTilesMustBeTried space;
  LargerIsFaster model; // ranks the small tiles last
  SearchOptions options = greedy();
  options.mustTryMembers = 2;
  EvolutionarySearch search(*db, model, space, options);
  auto sizes = [&]() { return proposedSizes(search, w); };
  // Two of the family first (best-scored first), then the ranking.
  EXPECT_EQ(sizes(), (std::vector<int64_t>{2, 1, 20}));
  // One measured: one more of it.
  ASSERT_FALSE(bool(db->addRecord(measuredRecord(TileSpace::make(1)))));
  EXPECT_EQ(sizes(), (std::vector<int64_t>{2, 20, 19}));
  ASSERT_FALSE(bool(db->addRecord(measuredRecord(TileSpace::make(2)))));
  EXPECT_EQ(sizes(), (std::vector<int64_t>{20, 19, 18}));
  // None: the ranking alone from the start.
  options.mustTryMembers = 0;
  std::unique_ptr<Database> fresh = databaseWith(w);
  EvolutionarySearch plain(*fresh, model, space, options);
  EXPECT_EQ(proposedSizes(plain, w), (std::vector<int64_t>{20, 19, 18}));
}

TEST(SearchStrategyTest, MustTryMembersDefaultsToTheSpacesNumberPerFamily) {
  WorkloadEntry w = workload();
  std::unique_ptr<Database> db = databaseWith(w);
  SmallTilesMustBeTried space;
  space.members = 2;
  LargerIsFaster model;
  SearchOptions options = greedy();
  ASSERT_EQ(options.mustTryMembers, -1);
  EvolutionarySearch search(*db, model, space, options);
  // The space asks for two of the family: both first.
  EXPECT_EQ(proposedSizes(search, w), (std::vector<int64_t>{2, 1, 20}));
  // An explicit number overrides it.
  options.mustTryMembers = 1;
  EvolutionarySearch one(*db, model, space, options);
  EXPECT_EQ(proposedSizes(one, w), (std::vector<int64_t>{2, 20, 19}));
}
