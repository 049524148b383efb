//===- cwm-train.cpp - Train and evaluate the world model -----------------===//
//
//   cwm-train DB.jsonl... -o model.pt [--heldout=manifest.json]
//             [--eval-db=ref.jsonl]... [--epochs=N] [--seed=S]
//             [--ablate-transition] [--report=metrics.json]
//   cwm-train --model=model.pt --eval-db=ref.jsonl   (evaluate only)
//
// Trains on every record of the given databases except the workloads a
// manifest marks "heldout" (scripts/gen-workloads.py writes one), then
// prints ranking quality (pairwise accuracy, Kendall tau, top-1, top-5) on
// the training workloads, the held-out workloads and any --eval-db, beside
// a random ranking of the same candidates.
//
//===----------------------------------------------------------------------===//

#include "cwm/CostModel/Features.h"
#include "cwm/CostModel/OnlineAdapter.h"
#include "cwm/CostModel/ProgramFeatures.h"
#include "cwm/CostModel/SnapshotModel.h"
#include "cwm/CostModel/TrainingData.h"
#include "cwm/Measure/Runner.h"
#include "cwm/Search/ScheduleLibrary.h"
#include "cwm/SearchSpace/SearchSpace.h"
#include "cwm/WorldModel/Ensemble.h"
#include "cwm/WorldModel/WorldModel.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "cwm/Version.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <set>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <thread>

using namespace llvm;
using namespace cwm;

static cl::OptionCategory trainCategory("cwm-train options");

static cl::opt<std::string> kind(
    "kind",
    cl::desc("Model to train: world (LibTorch world model) or snapshot "
             "(XGBoost over features of each applied and lowered candidate)"),
    cl::init("world"), cl::cat(trainCategory));
static cl::opt<int64_t> treeRounds("rounds",
                                   cl::desc("Boosting rounds (snapshot)"),
                                   cl::init(200), cl::cat(trainCategory));
static cl::list<std::string> databases(cl::Positional,
                                       cl::desc("<training database.jsonl>..."), cl::cat(trainCategory));
static cl::opt<std::string> outputPath("o", cl::desc("Write the trained model here"),
                                       cl::value_desc("model.pt"), cl::cat(trainCategory));
static cl::opt<std::string> inputModel(
    "model", cl::desc("Start from (or, without training databases, only "
                      "evaluate) this model file"),
    cl::value_desc("model.pt"), cl::cat(trainCategory));
static cl::list<std::string> ensembleModels(
    "ensemble",
    cl::desc("With --model and --epochs=0: more model files (the same network "
             "trained from other seeds) scored together with it as a seed "
             "ensemble: each member's scores standardized, then averaged"),
    cl::CommaSeparated, cl::value_desc("b.pt,c.pt"), cl::cat(trainCategory));
static cl::opt<std::string> heldoutManifest(
    "heldout",
    cl::desc("Manifest (JSON list of {name, split}) whose \"heldout\" "
             "workloads are evaluated, never trained on"),
    cl::value_desc("manifest.json"), cl::cat(trainCategory));
static cl::list<std::string> evalDatabases(
    "eval-db", cl::desc("Database evaluated only (for example the reference "
                        "suite's records)"),
    cl::value_desc("db.jsonl"), cl::cat(trainCategory));
static cl::opt<int64_t> epochs("epochs", cl::desc("Training epochs"),
                               cl::init(30), cl::cat(trainCategory));
static cl::opt<int64_t> seed("seed", cl::desc("Seed of weights and sampling"),
                             cl::init(0), cl::cat(trainCategory));
static cl::opt<int64_t> latent("latent", cl::desc("Latent size"), cl::init(128), cl::cat(trainCategory));
static cl::opt<int64_t> hidden("hidden", cl::desc("MLP width"), cl::init(256), cl::cat(trainCategory));
static cl::opt<double> learningRate("lr", cl::desc("Adam learning rate"),
                                    cl::init(1e-3), cl::cat(trainCategory));
static cl::opt<bool> ablateTransition(
    "ablate-transition",
    cl::desc("Ablation: z(T) = z0 + sum of action embeddings"),
    cl::init(false), cl::cat(trainCategory));
static cl::opt<bool> byClass(
    "by-class",
    cl::desc("Also print every evaluated set's metrics per op class of its "
             "tasks (pooling apart from other reductions)"),
    cl::init(false), cl::cat(trainCategory));
static cl::opt<bool> consistency(
    "consistency",
    cl::desc("Train with the latent-consistency loss (applies trace prefixes "
             "of the training candidates to get their intermediate programs)"),
    cl::init(true), cl::cat(trainCategory));
static cl::opt<bool> listFeatures(
    "list-features",
    cl::desc("Print the name of every task, action, hardware and program "
             "feature (docs/world-model.md) and exit"),
    cl::init(false), cl::cat(trainCategory));
static cl::opt<bool> secondHalf(
    "eval-second-half",
    cl::desc("Evaluate on the second half (file order) of every evaluation "
             "group only; with --kind=snapshot-cold the first half is what the "
             "cold model learns from, as it would online"),
    cl::init(false), cl::cat(trainCategory));
static cl::opt<int64_t> trainFeatureVersion(
    "feature-version",
    cl::desc("Train a new world model on this (older) feature layout, for "
             "ablations of features; default: the current one"),
    cl::init(0), cl::cat(trainCategory));
static cl::opt<double> listwiseWeight(
    "listwise",
    cl::desc("Weight of the listwise (ListNet, top-weighted) loss added to "
             "the pairwise ranking loss; 0 = pairwise only"),
    cl::init(0.0), cl::cat(trainCategory));
static cl::opt<std::string> onlineMode(
    "online",
    cl::desc("With --eval-second-half (world): also rank each group's second "
             "half after learning online from its first half, as cwm-autotune "
             "would: finetune (gradient steps on the network), linear (Bayesian "
             "correction over the last hidden layer), both, or none"),
    cl::init("none"), cl::cat(trainCategory));
static cl::opt<bool> initOnly(
    "init-only",
    cl::desc("Write a freshly initialized (untrained) model: deterministic "
             "for a seed; used by tests that must not depend on trained "
             "weights"),
    cl::init(false), cl::cat(trainCategory));
static cl::opt<std::string> targetName(
    "target",
    cl::desc("The target the model is for (cpu, cuda), recorded in the file; "
             "by default that of the training records. With --model=FILE, "
             "-o OUT and no database: write FILE again with this target (and "
             "a checksum of its weights)"),
    cl::value_desc("cpu|cuda"), cl::cat(trainCategory));
static cl::opt<std::string> libraryPath(
    "write-library",
    cl::desc("Instead of training: write a schedule library (the fastest "
             "schedules of every training workload of --target, as the "
             "decision values their rules drew) for cwm-autotune's library= "
             "and transfer=; held-out workloads (--heldout, heldout-v1) are "
             "left out"),
    cl::value_desc("library.jsonl"), cl::cat(trainCategory));
static cl::opt<unsigned> libraryPerWorkload(
    "library-per-workload",
    cl::desc("With --write-library: schedules kept per workload"),
    cl::init(3), cl::cat(trainCategory));
static cl::opt<std::string> reportPath("report",
                                       cl::desc("Write the metrics as JSON"),
                                       cl::value_desc("metrics.json"), cl::cat(trainCategory));
static cl::opt<int64_t> torchThreads(
    "torch-threads", cl::desc("Threads LibTorch may use (0 = all cores)"),
    cl::init(0), cl::cat(trainCategory));

static int fail(const Twine &message) {
  errs() << "cwm-train: error: " << message << "\n";
  return 1;
}

struct Evaluation {
  std::string name;
  LabeledSet data;
  RankingMetrics model;
};

/// Program features of every candidate of a set (each trace applied to its
/// workload and lowered); candidates that do not lower get NaN rows.
static std::vector<float> featurizeSet(const LabeledSet &data,
                                       double &seconds, int64_t &failures) {
  auto start = std::chrono::steady_clock::now();
  std::vector<float> values;
  std::map<const WorkloadEntry *, std::unique_ptr<ProgramFeaturizer>> featurizers;
  size_t done = 0;
  for (auto [record, group] : llvm::zip(data.records, data.set.group)) {
    const WorkloadEntry *workload = data.groups[group].workload;
    auto &featurizer = featurizers[workload];
    if (!featurizer) {
      Expected<std::unique_ptr<ProgramFeaturizer>> created =
          ProgramFeaturizer::create(workload->ir);
      if (!created) {
        consumeError(created.takeError());
      } else {
        featurizer = std::move(*created);
      }
    }
    Expected<std::vector<float>> row =
        featurizer ? featurizer->featurize(record->trace)
                   : Expected<std::vector<float>>(createStringError(
                         inconvertibleErrorCode(), "no featurizer"));
    if (row) {
      values.insert(values.end(), row->begin(), row->end());
    } else {
      consumeError(row.takeError());
      ++failures;
      values.insert(values.end(), programFeatureSize(),
                    std::numeric_limits<float>::quiet_NaN());
    }
    if (++done % 500 == 0)
      errs() << "cwm-train: featurized " << done << "/" << data.records.size()
             << "\n";
  }
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                          start)
                .count();
  return values;
}

/// The metrics table: a header, then one row per evaluated set with the
/// model's metrics and, where given, a random ranking's.
static void printTableHeader(StringRef model, bool withRandom) {
  outs() << format("%-28s %7s %7s | %-31s", "set", "tasks", "cands",
                   (model + ": pairacc tau top1 top5").str().c_str());
  if (withRandom)
    outs() << " | random: pairacc tau top1 top5";
  outs() << "\n";
}

static void printTableRow(StringRef set, size_t candidates,
                          const RankingMetrics &m,
                          const RankingMetrics *random) {
  outs() << format("%-28s %7lld %7zu |   %.3f %6.3f %.3f %.3f",
                   set.str().c_str(), (long long)m.groups, candidates,
                   m.pairwiseAccuracy, m.kendallTau, m.top1, m.top5);
  if (random)
    outs() << format(" |   %.3f %6.3f %.3f %.3f", random->pairwiseAccuracy,
                     random->kendallTau, random->top1, random->top5);
  outs() << "\n";
}

/// The class a group's task is reported under by --by-class.
static std::string classOf(const GroupInfo &group) {
  if (!group.workload)
    return "unknown";
  const TaskInfo &task = group.workload->task;
  if (task.anchorIsPooling())
    return "pooling";
  return stringifyOpClass(task.opClass).str();
}

/// Scores one evaluation set against random: prints its row (and with
/// --by-class one row per op class) and adds its JSON (metrics under
/// `modelKey`) to `sets`.
static RankingMetrics reportSet(StringRef name, const LabeledSet &data,
                                ArrayRef<double> scores, StringRef modelKey,
                                json::Array &sets) {
  const TrainingSet &set = data.set;
  RankingMetrics m = evaluateRanking(set, scores);
  RankingMetrics r = randomRanking(set);
  printTableRow(name, set.seconds.size(), m, &r);
  json::Object entry{{"set", name},
                     {"candidates", int64_t(set.seconds.size())},
                     {modelKey, toJSON(m)},
                     {"random", toJSON(r)}};
  if (byClass) {
    // Ranking metrics only read groups and times: a light set per class.
    std::map<std::string, std::pair<TrainingSet, std::vector<double>>> classes;
    for (size_t i = 0; i < set.group.size() && i < scores.size(); ++i) {
      auto &[sub, subScores] = classes[classOf(data.groups[set.group[i]])];
      sub.group.push_back(set.group[i]);
      sub.seconds.push_back(set.seconds[i]);
      subScores.push_back(scores[i]);
    }
    json::Object perClass;
    for (auto &[cls, pair] : classes) {
      RankingMetrics cm = evaluateRanking(pair.first, pair.second);
      RankingMetrics cr = randomRanking(pair.first);
      printTableRow("  " + cls, pair.first.seconds.size(), cm, &cr);
      perClass[cls] = json::Object{{modelKey, toJSON(cm)}, {"random", toJSON(cr)}};
    }
    entry["by_class"] = std::move(perClass);
  }
  sets.push_back(std::move(entry));
  return m;
}

/// Writes --report (if given); returns the exit code.
static int writeReport(json::Object report) {
  if (reportPath.empty())
    return 0;
  std::error_code ec;
  raw_fd_ostream os(reportPath, ec);
  if (ec)
    return fail("cannot write '" + reportPath + "': " + ec.message());
  os << formatv("{0:2}", json::Value(std::move(report))) << "\n";
  return 0;
}

/// The action rows of each candidate of a batch, for copying candidates
/// into another batch.
class CandidateRows {
public:
  explicit CandidateRows(const FeatureBatch &batch)
      : batch(batch), offsets(batch.lengths.size() + 1, 0) {
    for (size_t i = 0; i < batch.lengths.size(); ++i)
      offsets[i + 1] = offsets[i] + batch.lengths[i];
    // The rows are of the feature version of the model the data is for.
    actionSize = offsets.back() ? batch.actions.size() / offsets.back() : 0;
  }
  std::vector<std::vector<float>> of(size_t candidate) const {
    std::vector<std::vector<float>> rows;
    for (int64_t row = offsets[candidate]; row < offsets[candidate + 1]; ++row)
      rows.emplace_back(batch.actions.begin() + row * actionSize,
                        batch.actions.begin() + (row + 1) * actionSize);
    return rows;
  }

private:
  const FeatureBatch &batch;
  std::vector<int64_t> offsets;
  int64_t actionSize = 0;
};

/// Splits every group of a set into its first and second half (file order).
static std::pair<LabeledSet, LabeledSet> splitGroups(const LabeledSet &data) {
  std::pair<LabeledSet, LabeledSet> halves;
  for (LabeledSet *half : {&halves.first, &halves.second}) {
    half->groups = data.groups;
    for (GroupInfo &group : half->groups)
      group.candidates = 0;
    half->set.batch.tasks = data.set.batch.tasks;
    half->set.batch.hardware = data.set.batch.hardware;
  }
  std::map<int64_t, int64_t> seen;
  CandidateRows rows(data.set.batch);
  for (size_t i = 0; i < data.records.size(); ++i) {
    int64_t group = data.set.group[i];
    LabeledSet &half = seen[group]++ < data.groups[group].candidates / 2
                           ? halves.first
                           : halves.second;
    half.set.batch.addCandidate(data.set.batch.contextOf[i], rows.of(i));
    half.set.group.push_back(group);
    half.set.seconds.push_back(data.set.seconds[i]);
    half.records.push_back(data.records[i]);
    ++half.groups[group].candidates;
  }
  return halves;
}

/// Ansor's cold mode as a ranking experiment: per evaluation group, trees fit
/// on the first half of its candidates rank the second half.
static int runColdSnapshot(std::vector<Evaluation> &evaluations,
                           std::vector<LabeledSet> &firstHalves) {
  int64_t columns = programFeatureSize();
  printTableHeader("snapshot-cold", /*withRandom=*/false);
  json::Array sets;
  for (size_t i = 1; i < evaluations.size(); ++i) {
    const LabeledSet &test = evaluations[i].data;
    const LabeledSet &learn = firstHalves[i];
    if (test.records.empty())
      continue;
    double seconds = 0;
    int64_t failures = 0;
    std::vector<float> learnRows = featurizeSet(learn, seconds, failures);
    std::vector<float> testRows = featurizeSet(test, seconds, failures);
    std::vector<double> scores(test.records.size(), 0.0);
    std::mt19937_64 rng(seed);
    for (size_t group = 0; group < test.groups.size(); ++group) {
      RankingMatrix matrix;
      matrix.columns = columns;
      double best = 0;
      for (size_t k = 0; k < learn.set.group.size(); ++k)
        if (learn.set.group[k] == int64_t(group) && learn.set.seconds[k] > 0 &&
            (best == 0 || learn.set.seconds[k] < best))
          best = learn.set.seconds[k];
      unsigned rows = 0;
      for (size_t k = 0; k < learn.set.group.size(); ++k)
        if (learn.set.group[k] == int64_t(group)) {
          matrix.values.insert(matrix.values.end(),
                               learnRows.begin() + k * columns,
                               learnRows.begin() + (k + 1) * columns);
          double s = learn.set.seconds[k];
          matrix.labels.push_back(s > 0 ? float(best / s) : 0.0f);
          ++rows;
        }
      std::vector<size_t> members;
      for (size_t k = 0; k < test.set.group.size(); ++k)
        if (test.set.group[k] == int64_t(group))
          members.push_back(k);
      if (members.empty())
        continue;
      std::vector<double> predicted(members.size());
      if (rows >= 2 && best > 0) {
        matrix.groupSizes.push_back(rows);
        Expected<TreeRanker> ranker = TreeRanker::fit(matrix, 50, seed);
        if (!ranker)
          return fail(toString(ranker.takeError()));
        std::vector<float> values;
        for (size_t k : members)
          values.insert(values.end(), testRows.begin() + k * columns,
                        testRows.begin() + (k + 1) * columns);
        Expected<std::vector<double>> p = ranker->predict(values, columns);
        if (!p)
          return fail(toString(p.takeError()));
        predicted = *p;
      } else {
        std::uniform_real_distribution<double> uniform(0, 1);
        for (double &v : predicted)
          v = uniform(rng);
      }
      for (size_t m = 0; m < members.size(); ++m)
        scores[members[m]] = std::isnan(testRows[members[m] * columns])
                                 ? -1e30
                                 : predicted[m];
    }
    RankingMetrics m = evaluateRanking(test.set, scores);
    printTableRow(evaluations[i].name, test.set.seconds.size(), m, nullptr);
    sets.push_back(json::Object{{"set", evaluations[i].name},
                                {"candidates", int64_t(test.set.seconds.size())},
                                {"snapshot_cold", toJSON(m)}});
  }
  return writeReport(json::Object{{"kind", "snapshot-cold"},
                                  {"sets", std::move(sets)},
                                  {"seed", int64_t(seed)}});
}

/// Trains (or loads) the XGBoost snapshot ranker and evaluates it.
static int runSnapshot(std::vector<Evaluation> &evaluations) {
  int64_t columns = programFeatureSize();
  std::vector<std::vector<float>> features(evaluations.size());
  double featurizeSeconds = 0;
  int64_t featurized = 0;
  for (size_t i = 0; i < evaluations.size(); ++i) {
    if (evaluations[i].data.records.empty())
      continue;
    double seconds = 0;
    int64_t failures = 0;
    features[i] = featurizeSet(evaluations[i].data, seconds, failures);
    featurizeSeconds += seconds;
    featurized += evaluations[i].data.records.size();
    errs() << format("cwm-train: featurized %s: %zu candidates in %.1f s "
                     "(%lld do not lower)\n",
                     evaluations[i].name.c_str(),
                     evaluations[i].data.records.size(), seconds,
                     (long long)failures);
  }
  std::optional<TreeRanker> ranker;
  double trainSeconds = 0;
  if (!inputModel.empty()) {
    Expected<TreeRanker> loaded = TreeRanker::load(inputModel);
    if (!loaded)
      return fail(toString(loaded.takeError()));
    ranker = std::move(*loaded);
  } else {
    // Rows must be consecutive per group.
    const LabeledSet &train = evaluations[0].data;
    std::map<int64_t, std::vector<size_t>> byGroup;
    for (size_t i = 0; i < train.set.group.size(); ++i)
      byGroup[train.set.group[i]].push_back(i);
    RankingMatrix matrix;
    matrix.columns = columns;
    for (auto &[group, members] : byGroup) {
      double best = 0;
      for (size_t i : members)
        if (train.set.seconds[i] > 0 && (best == 0 || train.set.seconds[i] < best))
          best = train.set.seconds[i];
      for (size_t i : members) {
        matrix.values.insert(matrix.values.end(),
                             features[0].begin() + i * columns,
                             features[0].begin() + (i + 1) * columns);
        double s = train.set.seconds[i];
        matrix.labels.push_back(s > 0 ? float(best / s) : 0.0f);
      }
      matrix.groupSizes.push_back(members.size());
    }
    auto start = std::chrono::steady_clock::now();
    Expected<TreeRanker> fitted = TreeRanker::fit(matrix, treeRounds, seed);
    if (!fitted)
      return fail(toString(fitted.takeError()));
    trainSeconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start)
                       .count();
    ranker = std::move(*fitted);
    if (Error error = ranker->save(outputPath))
      return fail(toString(std::move(error)));
    errs() << format("cwm-train: fit %lld trees in %.1f s; wrote ",
                     (long long)treeRounds.getValue(), trainSeconds)
           << outputPath << "\n";
  }
  printTableHeader("snapshot", /*withRandom=*/true);
  json::Array sets;
  for (size_t i = 0; i < evaluations.size(); ++i) {
    const TrainingSet &set = evaluations[i].data.set;
    if (set.seconds.empty())
      continue;
    Expected<std::vector<double>> scores = ranker->predict(features[i], columns);
    if (!scores)
      return fail(toString(scores.takeError()));
    // A candidate that does not lower ranks last.
    for (size_t c = 0; c < scores->size(); ++c)
      if (std::isnan(features[i][c * columns]))
        (*scores)[c] = -1e30;
    reportSet(evaluations[i].name, evaluations[i].data, *scores, "snapshot", sets);
  }
  double perSecond = featurizeSeconds > 0 ? featurized / featurizeSeconds : 0;
  outs() << format("snapshot evaluator: %.1f candidates/s (apply + lower + "
                   "features; trees not included)\n",
                   perSecond);
  return writeReport(json::Object{
      {"kind", "snapshot"},
      {"sets", std::move(sets)},
      {"train_seconds", trainSeconds},
      {"featurize_candidates_per_second", perSecond},
      {"rounds", int64_t(treeRounds)},
      {"seed", int64_t(seed)}});
}

/// The candidates of one group of a set, as a training set of their own.
static TrainingSet groupSubset(const TrainingSet &set, int64_t group,
                               std::vector<size_t> &members) {
  TrainingSet out;
  out.batch.tasks = set.batch.tasks;
  out.batch.hardware = set.batch.hardware;
  CandidateRows rows(set.batch);
  members.clear();
  for (size_t i = 0; i < set.group.size(); ++i) {
    if (set.group[i] != group)
      continue;
    members.push_back(i);
    out.batch.addCandidate(set.batch.contextOf[i], rows.of(i));
    out.group.push_back(0);
    out.seconds.push_back(set.seconds[i]);
  }
  return out;
}

/// A seed ensemble's scores of `set`: the members' scores combined within
/// each group (one workload's candidates, as the tuner scores them), so
/// that one member's offsets between groups do not weigh its votes.
static std::vector<double>
combineWithinGroups(const TrainingSet &set,
                    ArrayRef<std::vector<double>> memberScores) {
  std::map<int64_t, std::vector<size_t>> groups;
  for (size_t i = 0; i < set.group.size(); ++i)
    groups[set.group[i]].push_back(i);
  std::vector<double> combined(set.group.size(), 0.0);
  for (const auto &[group, indices] : groups) {
    std::vector<std::vector<double>> members;
    for (const std::vector<double> &scores : memberScores) {
      std::vector<double> of;
      for (size_t i : indices)
        of.push_back(scores[i]);
      members.push_back(std::move(of));
    }
    EnsembleScores e = combineMemberScores(members);
    for (size_t k = 0; k < indices.size(); ++k)
      combined[indices[k]] = e.mean[k];
  }
  return combined;
}

/// Scores of `test` (the second half of each group) after the world model
/// learned online from `learn` (the first half of the same groups), one
/// group at a time from the same starting weights, as a tuning run would.
static Expected<std::vector<double>>
scoreAfterOnline(WorldModel &model, StringRef modelFile, const LabeledSet &learn,
                 const LabeledSet &test) {
  std::vector<double> scores(test.set.seconds.size(), 0.0);
  for (size_t group = 0; group < test.groups.size(); ++group) {
    std::vector<size_t> learnMembers, testMembers;
    TrainingSet learnGroup = groupSubset(learn.set, group, learnMembers);
    TrainingSet testGroup = groupSubset(test.set, group, testMembers);
    if (testMembers.empty())
      continue;
    // finetune and both: the tuner's settings, on a fresh copy of the model;
    // linear keeps the network frozen.
    WorldModel *scorer = &model;
    std::optional<WorldModel> copy;
    if (onlineMode != "linear") {
      Expected<WorldModel> loaded = WorldModel::load(modelFile);
      if (!loaded)
        return loaded.takeError();
      copy = std::move(*loaded);
      scorer = &*copy;
      if (llvm::count_if(learnGroup.seconds, [](double s) { return s > 0; }) >=
          2)
        if (Error error = copy->train(
                learnGroup,
                onlineFineTuneOptions(seed + learnGroup.seconds.size())))
          return std::move(error);
    }
    std::vector<double> predicted;
    if (onlineMode == "linear" || onlineMode == "both") {
      Expected<Embeddings> learnE = scorer->embed(learnGroup.batch);
      if (!learnE)
        return learnE.takeError();
      Expected<Embeddings> testE = scorer->embed(testGroup.batch);
      if (!testE)
        return testE.takeError();
      OnlineAdapter adapter;
      adapter.fit(learnE->values, learnE->width, learnE->scores,
                  learnGroup.seconds);
      std::vector<double> deviation;
      if (adapter.isReady())
        adapter.predict(testE->values, testE->scores, predicted, deviation);
      else
        predicted = testE->scores;
    } else {
      Expected<std::vector<double>> s = scorer->score(testGroup.batch);
      if (!s)
        return s.takeError();
      predicted = std::move(*s);
    }
    for (size_t m = 0; m < testMembers.size(); ++m)
      scores[testMembers[m]] = predicted[m];
  }
  return scores;
}

/// True if `w` is never trained on: a workload the manifest marks held out
/// (a workload of several tasks names them NAME.0, NAME.1, ...), or a task of
/// heldout-v1 (bench/heldout/), whatever the manifest says.
static bool isHeldOutWorkload(const StringSet<> &heldout,
                              const WorkloadEntry &w) {
  if (heldout.contains(w.task.name) || isGeneralizationHeldout(w.key))
    return true;
  auto [workload, index] = StringRef(w.task.name).rsplit('.');
  return !index.empty() && all_of(index, isDigit) && heldout.contains(workload);
}

/// --write-library: the fastest few schedules of every training workload of
/// the target, replayed on their own task to the decision values drawn.
/// A record whose choices no longer replay to its trace (rules changed since
/// it was measured) is left out.
static int writeScheduleLibrary(const StringSet<> &heldout) {
  if (targetName != "cpu" && targetName != "cuda") {
    errs() << "cwm-train: --write-library needs --target=cpu or cuda\n";
    return 1;
  }
  std::mt19937_64 rng(1);
  ScheduleLibrary library;
  std::map<int64_t, std::unique_ptr<SearchSpace>> cpuSpaces;
  std::unique_ptr<SearchSpace> cudaSpace;
  size_t workloads = 0, stale = 0, heldOutCount = 0;
  for (const std::string &path : databases) {
    Expected<std::unique_ptr<Database>> db =
        Database::open(path, [&](size_t line, StringRef reason) {
          errs() << "cwm-train: warning: " << path << ":" << line
                 << ": skipped corrupt line: " << reason << "\n";
        });
    if (!db) {
      errs() << "cwm-train: " << toString(db.takeError()) << "\n";
      return 1;
    }
    for (const WorkloadEntry *w : (*db)->getWorkloads()) {
      if (w->target != targetName)
        continue;
      if (isHeldOutWorkload(heldout, *w)) {
        ++heldOutCount;
        continue;
      }
      int64_t rank = 0;
      for (const TuningRecord *r :
           (*db)->getBestRecords(w->key, libraryPerWorkload,
                                 /*weightsPrepared=*/true)) {
        if (r->baseline || r->trace.getChoices().empty())
          continue;
        SearchSpace *space;
        if (targetName == "cuda") {
          if (!cudaSpace) {
            CudaSpaceOptions options;
            options.hopper = true;
            cudaSpace = createCudaSearchSpace(options);
          }
          space = cudaSpace.get();
        } else {
          int64_t threads = r->result.threads > 0 ? r->result.threads : 2;
          std::unique_ptr<SearchSpace> &cpu = cpuSpaces[threads];
          if (!cpu) {
            CpuSpaceOptions options;
            options.threads = threads;
            cpu = createCpuSearchSpace(options);
          }
          space = cpu.get();
        }
        Trace replayed = space->replay(w->task, r->trace.getChoices(), rng);
        if (!(replayed == r->trace)) {
          ++stale;
          continue;
        }
        ScheduleLibrary::Entry entry;
        entry.signature =
            ScheduleLibrary::structureSignature(w->task, targetName);
        entry.workload = w->task.name;
        entry.key = w->key;
        entry.shape = ScheduleLibrary::anchorShape(w->task);
        entry.values =
            space->decisionValues(w->task, r->trace.getChoices(), rng);
        entry.seconds = r->result.median;
        entry.rank = rank++;
        library.add(std::move(entry));
      }
      workloads += rank > 0;
    }
  }
  if (Error error = library.write(libraryPath)) {
    errs() << "cwm-train: " << toString(std::move(error)) << "\n";
    return 1;
  }
  outs() << "cwm-train: wrote " << library.size() << " schedules of "
         << workloads << " workloads to " << libraryPath << " ("
         << heldOutCount << " held-out workloads left out, " << stale
         << " records whose choices no longer replay to their trace)\n";
  return 0;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(trainCategory);
  cwm::setVersionPrinter("cwm-train");
  cl::ParseCommandLineOptions(
      argc, argv,
      "cwm-train: train the world model on tuning databases and report its "
      "ranking quality\n");
  if (kind != "world" && kind != "snapshot" && kind != "snapshot-cold")
    return fail("unknown --kind '" + kind +
                "' (known: world, snapshot, snapshot-cold)");
  if (kind == "snapshot-cold")
    secondHalf = true;
  if (onlineMode != "none" && onlineMode != "linear" && onlineMode != "finetune" && onlineMode != "both")
    return fail("unknown --online '" + onlineMode +
                "' (known: finetune, linear, both, none)");
  if (onlineMode != "none" && (!secondHalf || kind != "world"))
    return fail("--online needs --eval-second-half and --kind=world (the "
                "first half of each group is what it learns from)");
  if (listFeatures) {
    outs() << "feature version " << kFeatureVersion << ", program feature version "
           << kProgramFeatureVersion << "\n";
    for (const std::string &name : taskFeatureNames())
      outs() << "task " << name << "\n";
    for (const std::string &name : actionFeatureNames())
      outs() << "action " << name << "\n";
    for (const std::string &name : hardwareFeatureNames())
      outs() << "hardware " << name << "\n";
    for (const std::string &name : programFeatureNames())
      outs() << "program " << name << "\n";
    return 0;
  }
  if (trainFeatureVersion != 0 &&
      (trainFeatureVersion < kOldestFeatureVersion ||
       trainFeatureVersion > kFeatureVersion))
    return fail("--feature-version must be between " +
                Twine(kOldestFeatureVersion) + " and " +
                Twine(kFeatureVersion));
  if (initOnly) {
    if (outputPath.empty() || kind != "world")
      return fail("--init-only writes a world model: give -o FILE");
    WorldModelConfig config = defaultWorldModelConfig();
    if (trainFeatureVersion != 0) {
      config.featureVersion = trainFeatureVersion;
      config.actionSize = actionFeatureSize(trainFeatureVersion);
    }
    config.latent = latent;
    config.hidden = hidden;
    config.actionEmbed = std::max<int64_t>(1, hidden / 4);
    config.seed = seed;
    config.target = targetName;
    Expected<WorldModel> model = WorldModel::create(config);
    if (!model)
      return fail(toString(model.takeError()));
    if (Error error = model->save(outputPath))
      return fail(toString(std::move(error)));
    return 0;
  }
  if (!targetName.empty() && targetName != "cpu" && targetName != "cuda")
    return fail("unknown --target '" + targetName + "' (known: cpu, cuda)");
  if (!targetName.empty() && databases.empty() && !inputModel.empty() &&
      !outputPath.empty() && kind == "world") {
    // Retag: the same weights, the target recorded, a checksum added.
    Expected<WorldModel> loaded = loadWorldModel(inputModel, false);
    if (!loaded)
      return fail(toString(loaded.takeError()));
    loaded->setTarget(targetName);
    if (Error error = loaded->save(outputPath))
      return fail(toString(std::move(error)));
    errs() << "cwm-train: wrote " << outputPath << " (target " << targetName
           << ")\n";
    return 0;
  }
  if (databases.empty() && inputModel.empty() && kind != "snapshot-cold")
    return fail("give training databases, or --model=FILE to evaluate a model");
  // Training happens when there are databases, unless a given model is only
  // evaluated (--epochs=0 for the world model; a snapshot --model is never
  // retrained).
  bool training = libraryPath.empty() && !databases.empty() &&
                  kind != "snapshot-cold" &&
                  !(inputModel.size() && (epochs == 0 || kind == "snapshot"));
  if (training && outputPath.empty())
    return fail("give -o FILE for the trained model");
  if (epochs < 0 || latent <= 0 || hidden <= 0 || learningRate <= 0)
    return fail("--epochs must be >= 0; --latent, --hidden and --lr positive");
  if (!ensembleModels.empty() &&
      (inputModel.empty() || epochs != 0 || kind != "world" ||
       onlineMode == "linear" || onlineMode == "both"))
    return fail("--ensemble needs --model, --epochs=0 and --kind=world (and "
                "--online none or finetune)");
  if (!(listwiseWeight >= 0 && listwiseWeight <= 100))
    return fail("--listwise must be between 0 and 100");

  StringSet<> heldout;
  if (!heldoutManifest.empty()) {
    Expected<StringSet<>> names = readHeldoutManifest(heldoutManifest);
    if (!names)
      return fail(toString(names.takeError()));
    heldout = std::move(*names);
  }

  // A given world model is loaded first: its feature version decides the
  // features of the data. Only evaluated (--epochs=0), a model of an older
  // feature version is fine; trained further, it must be of this one.
  std::optional<WorldModel> model;
  int64_t featureVersion = kFeatureVersion;
  if (trainFeatureVersion != 0) {
    if (!inputModel.empty())
      return fail("--feature-version is for a new model; a --model keeps "
                  "its own");
    featureVersion = trainFeatureVersion;
  }
  if (!inputModel.empty() && kind == "world") {
    Expected<WorldModel> loaded =
        loadWorldModel(inputModel, /*forTraining=*/epochs > 0);
    if (!loaded)
      return fail(toString(loaded.takeError()));
    model = std::move(*loaded);
    featureVersion = model->getConfig().featureVersion;
  }
  // A seed ensemble's other members: the same features as the first.
  std::vector<WorldModel> members;
  for (const std::string &path : ensembleModels) {
    Expected<WorldModel> loaded = loadWorldModel(path, /*forTraining=*/false);
    if (!loaded)
      return fail(toString(loaded.takeError()));
    if (loaded->getConfig().featureVersion != featureVersion)
      return fail("ensemble member '" + path + "' reads feature version " +
                  Twine(loaded->getConfig().featureVersion) + ", '" +
                  inputModel + "' version " + Twine(featureVersion));
    members.push_back(std::move(*loaded));
  }

  if (!libraryPath.empty())
    return writeScheduleLibrary(heldout);

  // Keep every database alive: the labeled sets point into their records.
  std::vector<std::unique_ptr<Database>> opened;
  auto openDatabase = [&](StringRef path) -> Expected<Database *> {
    if (!sys::fs::exists(path))
      return createStringError(inconvertibleErrorCode(),
                               "database '" + path + "' does not exist");
    Expected<std::unique_ptr<Database>> db =
        Database::open(path, [&](size_t line, StringRef reason) {
          errs() << "cwm-train: warning: " << path << ":" << line
                 << ": skipped corrupt line: " << reason << "\n";
        });
    if (!db)
      return db.takeError();
    opened.push_back(std::move(*db));
    return opened.back().get();
  };
  HardwareInfo fallback = detectHostCpu(std::thread::hardware_concurrency());

  std::vector<Evaluation> evaluations(2);
  evaluations[0].name = "train";
  evaluations[1].name = "held-out";
  for (const std::string &path : databases) {
    Expected<Database *> db = openDatabase(path);
    if (!db)
      return fail(toString(db.takeError()));
    auto heldOut = [&](const WorkloadEntry &w) {
      return isHeldOutWorkload(heldout, w);
    };
    size_t before = evaluations[1].data.records.size();
    appendTrainingRecords(
        **db, [&](const WorkloadEntry &w) { return !heldOut(w); }, fallback,
        evaluations[0].data, featureVersion);
    appendTrainingRecords(**db, heldOut, fallback, evaluations[1].data,
                          featureVersion);
    size_t guarded = 0;
    for (size_t i = before; i < evaluations[1].data.records.size(); ++i)
      guarded += isGeneralizationHeldout(
          evaluations[1].data.records[i]->workloadKey);
    if (guarded > 0)
      errs() << "cwm-train: " << path << ": " << guarded << " records of "
             << kGeneralizationSplit
             << " tasks kept out of training (held-out evaluation only)\n";
  }
  for (const std::string &path : evalDatabases) {
    Expected<Database *> db = openDatabase(path);
    if (!db)
      return fail(toString(db.takeError()));
    Evaluation evaluation;
    evaluation.name = sys::path::filename(path).str();
    appendTrainingRecords(**db, nullptr, fallback, evaluation.data,
                          featureVersion);
    evaluations.push_back(std::move(evaluation));
  }

  if (torchThreads > 0)
    setenv("OMP_NUM_THREADS", std::to_string(torchThreads).c_str(), 1);

  // Evaluation sets (not the training set) keep the second half of each
  // group; the first half is kept aside for the cold snapshot model.
  std::vector<LabeledSet> firstHalves(evaluations.size());
  if (secondHalf)
    for (size_t i = 1; i < evaluations.size(); ++i) {
      auto [first, second] = splitGroups(evaluations[i].data);
      firstHalves[i] = std::move(first);
      evaluations[i].data = std::move(second);
    }
  if (kind == "snapshot-cold")
    return runColdSnapshot(evaluations, firstHalves);
  if (kind == "snapshot")
    return runSnapshot(evaluations);

  if (!model) {
    WorldModelConfig config = defaultWorldModelConfig();
    config.featureVersion = featureVersion;
    config.actionSize = actionFeatureSize(featureVersion);
    config.latent = latent;
    config.hidden = hidden;
    config.ablateTransition = ablateTransition;
    config.seed = seed;
    if (consistency && training) {
      config.programSize = programFeatureSize();
      addConsistencyTargets(evaluations[0].data, [](StringRef line) {
        errs() << "cwm-train: " << line << "\n";
      });
    }
    Expected<WorldModel> created = WorldModel::create(config);
    if (!created)
      return fail(toString(created.takeError()));
    model = std::move(*created);
  }

  double trainSeconds = 0;
  const TrainingSet &trainSet = evaluations[0].data.set;
  if (training) {
    errs() << "cwm-train: " << trainSet.seconds.size() << " candidates of "
           << evaluations[0].data.groups.size() << " workloads for training, "
           << evaluations[1].data.set.seconds.size() << " of "
           << evaluations[1].data.groups.size() << " held out\n";
    TrainOptions options;
    options.epochs = epochs;
    options.learningRate = learningRate;
    options.listwiseWeight = listwiseWeight;
    options.seed = seed;
    auto start = std::chrono::steady_clock::now();
    if (Error error = model->train(trainSet, options, [&](int64_t epoch, double loss) {
          errs() << format("cwm-train: epoch %3lld/%lld  loss %.4f\n",
                           (long long)epoch + 1, (long long)epochs.getValue(),
                           loss);
        }))
      return fail(toString(std::move(error)));
    trainSeconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start)
                       .count();
    // The target the model learned: --target, else that of every training
    // record (mixed targets record none).
    std::string learnedTarget = targetName;
    if (learnedTarget.empty()) {
      std::set<std::string> seen;
      for (const TuningRecord *record : evaluations[0].data.records)
        seen.insert(record->target);
      if (seen.size() == 1)
        learnedTarget = *seen.begin();
    }
    model->setTarget(learnedTarget);
    if (Error error = model->save(outputPath))
      return fail(toString(std::move(error)));
    errs() << format("cwm-train: trained in %.1f s; wrote ", trainSeconds)
           << outputPath << "\n";
  }

  printTableHeader("world model", /*withRandom=*/true);
  json::Array sets;
  double scoreSeconds = 0;
  int64_t scored = 0;
  for (Evaluation &evaluation : evaluations) {
    const TrainingSet &set = evaluation.data.set;
    if (set.seconds.empty())
      continue;
    auto scoreStart = std::chrono::steady_clock::now();
    Expected<std::vector<double>> scores = model->score(set.batch);
    if (!scores)
      return fail(toString(scores.takeError()));
    if (!members.empty()) {
      std::vector<std::vector<double>> all = {std::move(*scores)};
      for (WorldModel &member : members) {
        Expected<std::vector<double>> more = member.score(set.batch);
        if (!more)
          return fail(toString(more.takeError()));
        all.push_back(std::move(*more));
      }
      *scores = combineWithinGroups(set, all);
    }
    scoreSeconds += std::chrono::duration<double>(
                        std::chrono::steady_clock::now() - scoreStart)
                        .count();
    scored += set.seconds.size();
    evaluation.model = reportSet(evaluation.name, evaluation.data, *scores, "world", sets);
  }
  double perSecond = scoreSeconds > 0 ? scored / scoreSeconds : 0;
  outs() << format("world-model evaluator: %.0f candidates/s (features "
                   "already computed; batched rollouts)\n",
                   perSecond);
  json::Array onlineSets;
  if (onlineMode != "none") {
    // The model as scored above, in a file each group's fine-tuning can
    // start from.
    std::string modelFile = training ? outputPath.getValue() : inputModel.getValue();
    outs() << "after learning online (" << onlineMode
           << ") from the first half of each group:\n";
    printTableHeader("world+" + onlineMode, /*withRandom=*/true);
    for (size_t i = 1; i < evaluations.size(); ++i) {
      const TrainingSet &set = evaluations[i].data.set;
      if (set.seconds.empty())
        continue;
      Expected<std::vector<double>> scores = scoreAfterOnline(
          *model, modelFile, firstHalves[i], evaluations[i].data);
      if (!scores)
        return fail(toString(scores.takeError()));
      if (!members.empty()) {
        std::vector<std::vector<double>> all = {std::move(*scores)};
        for (size_t m = 0; m < members.size(); ++m) {
          Expected<std::vector<double>> more = scoreAfterOnline(
              members[m], ensembleModels[m], firstHalves[i],
              evaluations[i].data);
          if (!more)
            return fail(toString(more.takeError()));
          all.push_back(std::move(*more));
        }
        *scores = combineWithinGroups(set, all);
      }
      reportSet(evaluations[i].name, evaluations[i].data, *scores, "world_online", onlineSets);
    }
  }
  return writeReport(json::Object{
      {"kind", "world"},
      {"score_candidates_per_second", perSecond},
      {"sets", std::move(sets)},
      {"online", onlineMode.getValue()},
      {"online_sets", std::move(onlineSets)},
      {"train_seconds", trainSeconds},
      {"epochs", int64_t(epochs)},
      {"seed", int64_t(seed)},
      {"ablate_transition", bool(ablateTransition)}});
}
