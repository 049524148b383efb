//===- SnapshotModel.cpp - XGBoost over features of lowered candidates ----===//

#include "cwm/CostModel/SnapshotModel.h"

#include "cwm/CostModel/ProgramFeatures.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"

#include <xgboost/c_api.h>

#include <limits>
#include <map>
#include <random>

namespace cwm {

namespace {

llvm::Error xgbError(const llvm::Twine &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 what + ": " + XGBGetLastError());
}

/// An owned DMatrix.
struct Matrix {
  DMatrixHandle handle = nullptr;
  ~Matrix() {
    if (handle)
      XGDMatrixFree(handle);
  }
};

llvm::Error makeMatrix(const std::vector<float> &values, int64_t columns,
                       Matrix &out) {
  bst_ulong rows = columns ? values.size() / columns : 0;
  if (XGDMatrixCreateFromMat(values.data(), rows, columns,
                             std::numeric_limits<float>::quiet_NaN(),
                             &out.handle) != 0)
    return xgbError("cannot build an XGBoost matrix");
  return llvm::Error::success();
}

} // namespace

TreeRanker::~TreeRanker() {
  if (booster)
    XGBoosterFree(booster);
}
TreeRanker::TreeRanker(TreeRanker &&other) : booster(other.booster) {
  other.booster = nullptr;
}
TreeRanker &TreeRanker::operator=(TreeRanker &&other) {
  std::swap(booster, other.booster);
  return *this;
}

llvm::Expected<TreeRanker> TreeRanker::fit(const RankingMatrix &data,
                                           int64_t rounds, uint64_t seed,
                                           const TreeRanker *base) {
  Matrix train;
  if (llvm::Error error = makeMatrix(data.values, data.columns, train))
    return std::move(error);
  if (XGDMatrixSetFloatInfo(train.handle, "label", data.labels.data(),
                            data.labels.size()) != 0 ||
      XGDMatrixSetUIntInfo(train.handle, "group", data.groupSizes.data(),
                           data.groupSizes.size()) != 0)
    return xgbError("cannot set XGBoost labels or groups");
  BoosterHandle booster = nullptr;
  if (XGBoosterCreate(&train.handle, 1, &booster) != 0)
    return xgbError("cannot create an XGBoost booster");
  TreeRanker ranker(booster);
  int boosted = 0;
  if (base) {
    bst_ulong length = 0;
    const char *buffer = nullptr;
    if (XGBoosterSerializeToBuffer(base->booster, &length, &buffer) != 0 ||
        XGBoosterUnserializeFromBuffer(booster, buffer, length) != 0 ||
        XGBoosterBoostedRounds(booster, &boosted) != 0)
      return xgbError("cannot copy the pre-trained trees");
  }
  const std::pair<const char *, std::string> params[] = {
      {"objective", "rank:pairwise"},
      {"eta", "0.2"},
      {"max_depth", "6"},
      {"min_child_weight", "1"},
      {"subsample", "0.9"},
      {"nthread", "1"},
      {"verbosity", "0"},
      {"seed", std::to_string(seed % 2147483647)}};
  for (const auto &[name, value] : params)
    if (XGBoosterSetParam(booster, name, value.c_str()) != 0)
      return xgbError(llvm::Twine("cannot set XGBoost parameter ") + name);
  for (int64_t round = 0; round < rounds; ++round)
    if (XGBoosterUpdateOneIter(booster, boosted + round, train.handle) != 0)
      return xgbError("XGBoost training failed");
  return ranker;
}

llvm::Expected<TreeRanker> TreeRanker::load(llvm::StringRef path) {
  if (!llvm::sys::fs::exists(path))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "snapshot model file '" + path +
                                       "' does not exist");
  BoosterHandle booster = nullptr;
  if (XGBoosterCreate(nullptr, 0, &booster) != 0)
    return xgbError("cannot create an XGBoost booster");
  TreeRanker ranker(booster);
  if (XGBoosterLoadModel(booster, path.str().c_str()) != 0)
    return xgbError("snapshot model file '" + path +
                    "' cannot be read (corrupt or not an XGBoost model)");
  return ranker;
}

llvm::Error TreeRanker::save(llvm::StringRef path) const {
  if (XGBoosterSaveModel(booster, path.str().c_str()) != 0)
    return xgbError("cannot write the snapshot model to '" + path + "'");
  return llvm::Error::success();
}

llvm::Expected<std::vector<double>>
TreeRanker::predict(const std::vector<float> &values, int64_t columns) const {
  Matrix matrix;
  if (llvm::Error error = makeMatrix(values, columns, matrix))
    return std::move(error);
  bst_ulong length = 0;
  const float *result = nullptr;
  if (XGBoosterPredict(booster, matrix.handle, 0, 0, 0, &length, &result) != 0)
    return xgbError("XGBoost prediction failed");
  return std::vector<double>(result, result + length);
}

namespace {

/// Relevance labels of one group: best seconds / seconds, 0 for failures.
void appendGroup(RankingMatrix &matrix, const std::vector<std::vector<float>> &rows,
                 const std::vector<double> &seconds) {
  double best = 0;
  for (double s : seconds)
    if (s > 0 && (best == 0 || s < best))
      best = s;
  for (auto [row, s] : llvm::zip(rows, seconds)) {
    matrix.values.insert(matrix.values.end(), row.begin(), row.end());
    matrix.labels.push_back(s > 0 ? float(best / s) : 0.0f);
  }
  matrix.groupSizes.push_back(static_cast<unsigned>(rows.size()));
}

class SnapshotCostModel final : public CostModel {
public:
  SnapshotCostModel(std::optional<TreeRanker> pretrained, uint64_t seed)
      : pretrained(std::move(pretrained)), rng(seed), seed(seed) {}

  llvm::StringRef getName() const override { return "snapshot"; }

  llvm::Expected<std::vector<double>>
  predict(const WorkloadEntry &workload, const HardwareInfo &,
          llvm::ArrayRef<Trace> traces) override {
    llvm::Expected<WorkloadFeatures *> featurizer = featurizerFor(workload);
    if (!featurizer)
      return featurizer.takeError();
    // Apply and lower every candidate: the snapshot model's real cost.
    std::vector<float> values;
    std::vector<bool> failed;
    for (const Trace &trace : traces) {
      llvm::Expected<std::vector<float>> row = features(**featurizer, trace);
      if (!row) {
        llvm::consumeError(row.takeError());
        failed.push_back(true);
        values.insert(values.end(), programFeatureSize(), 0.0f);
        continue;
      }
      failed.push_back(false);
      values.insert(values.end(), row->begin(), row->end());
    }
    std::vector<double> scores(traces.size());
    const TreeRanker *ranker = online ? &*online : pretrained ? &*pretrained : nullptr;
    if (ranker) {
      llvm::Expected<std::vector<double>> predicted =
          ranker->predict(values, programFeatureSize());
      if (!predicted)
        return predicted.takeError();
      scores = std::move(*predicted);
    } else {
      // No trees yet (cold start): random, as Ansor's first round.
      std::uniform_real_distribution<double> uniform(0, 1);
      for (double &s : scores)
        s = uniform(rng);
    }
    for (size_t i = 0; i < traces.size(); ++i)
      if (failed[i])
        scores[i] = -1e30; // does not even lower
    return scores;
  }

  llvm::Error update(const WorkloadEntry &workload, const HardwareInfo &,
                     llvm::ArrayRef<Trace> traces,
                     llvm::ArrayRef<MeasureResult> results) override {
    llvm::Expected<WorkloadFeatures *> featurizer = featurizerFor(workload);
    if (!featurizer)
      return featurizer.takeError();
    Measured &measured = measuredByWorkload[workload.key];
    for (auto [trace, result] : llvm::zip(traces, results)) {
      if (trace.empty() || result.status == MeasureStatus::InvalidTrace ||
          result.status == MeasureStatus::RunnerError)
        continue;
      llvm::Expected<std::vector<float>> row = features(**featurizer, trace);
      if (!row) {
        llvm::consumeError(row.takeError());
        continue;
      }
      measured.rows.push_back(std::move(*row));
      measured.seconds.push_back(result.ok() ? result.median : 0.0);
    }
    RankingMatrix data;
    data.columns = programFeatureSize();
    for (auto &entry : measuredByWorkload)
      if (entry.second.rows.size() >= 2)
        appendGroup(data, entry.second.rows, entry.second.seconds);
    if (data.groupSizes.empty())
      return llvm::Error::success();
    // Cold: refit on everything measured. Pre-trained: add trees fit on
    // the measurements to the pre-trained ones.
    llvm::Expected<TreeRanker> fitted =
        pretrained ? TreeRanker::fit(data, 10, seed, &*pretrained)
                   : TreeRanker::fit(data, 50, seed);
    if (!fitted)
      return fitted.takeError();
    online = std::move(*fitted);
    return llvm::Error::success();
  }

private:
  struct Measured {
    std::vector<std::vector<float>> rows;
    std::vector<double> seconds;
  };

  /// A workload's featurizer and the features of its traces so far (a
  /// population member measured next round is not lowered twice). Keyed by
  /// workload: equal traces of different tasks are different programs.
  struct WorkloadFeatures {
    std::unique_ptr<ProgramFeaturizer> featurizer;
    std::map<uint64_t, std::optional<std::vector<float>>> cache;
  };

  llvm::Expected<WorkloadFeatures *> featurizerFor(const WorkloadEntry &w) {
    auto it = byWorkload.find(w.key);
    if (it != byWorkload.end())
      return &it->second;
    llvm::Expected<std::unique_ptr<ProgramFeaturizer>> created =
        ProgramFeaturizer::create(w.ir);
    if (!created)
      return created.takeError();
    WorkloadFeatures &entry = byWorkload[w.key];
    entry.featurizer = std::move(*created);
    return &entry;
  }

  llvm::Expected<std::vector<float>> features(WorkloadFeatures &workload,
                                              const Trace &trace) {
    uint64_t key = trace.fingerprint();
    auto &cache = workload.cache;
    auto it = cache.find(key);
    if (it != cache.end()) {
      if (!it->second)
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "candidate does not lower");
      return *it->second;
    }
    llvm::Expected<std::vector<float>> row =
        workload.featurizer->featurize(trace);
    if (!row) {
      cache[key] = std::nullopt;
      return row.takeError();
    }
    cache[key] = *row;
    return row;
  }

  std::optional<TreeRanker> pretrained, online;
  std::mt19937_64 rng;
  uint64_t seed;
  std::map<std::string, WorkloadFeatures> byWorkload;
  std::map<std::string, Measured> measuredByWorkload;
};

} // namespace

llvm::Expected<std::unique_ptr<CostModel>>
createSnapshotCostModel(llvm::StringRef pretrainedPath, uint64_t seed) {
  std::optional<TreeRanker> pretrained;
  if (!pretrainedPath.empty()) {
    llvm::Expected<TreeRanker> loaded = TreeRanker::load(pretrainedPath);
    if (!loaded)
      return loaded.takeError();
    pretrained = std::move(*loaded);
  }
  return std::make_unique<SnapshotCostModel>(std::move(pretrained), seed);
}

} // namespace cwm
