//===- WorldModelTest.cpp - World model, features and ranking metrics -----===//

#include "cwm/CostModel/CostModel.h"
#include "cwm/CostModel/Features.h"
#include "cwm/CostModel/TrainingData.h"
#include "cwm/WorldModel/WorldModel.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace cwm;

namespace {

TaskInfo makeMatmul(int64_t m, int64_t n, int64_t k) {
  TaskInfo task;
  task.name = "mm";
  task.opClass = OpClass::Matmul;
  TaskOp fill;
  fill.index = 0;
  fill.name = "linalg.fill";
  fill.isFill = true;
  fill.elementwise = true;
  fill.loops = {{m, false}, {n, false}};
  TaskOp mm;
  mm.index = 1;
  mm.name = "linalg.matmul";
  mm.loops = {{m, false}, {n, false}, {k, true}};
  mm.operandLoopStrides = {{k, 0, 1}, {0, 1, n}, {n, 1, 0}};
  mm.outputLoops = {0, 1};
  task.ops = {fill, mm};
  task.anchor = task.root = 1;
  task.flops = 2.0 * m * n * k;
  task.bytes = 4.0 * (m * k + k * n + m * n);
  return task;
}

Trace tiled(int64_t a, int64_t b, int64_t c) {
  Action tile;
  tile.kind = ActionKind::Tile;
  tile.target = 1;
  tile.decisions["sizes"] = Decision(std::vector<int64_t>{a, b, c});
  Action vec;
  vec.kind = ActionKind::Vectorize;
  vec.target = 1;
  return Trace({tile, vec});
}

HardwareInfo cpu() {
  HardwareInfo h;
  h.cores = 2;
  h.threads = 2;
  h.vectorBits = 512;
  h.l1dBytes = 32768;
  return h;
}

TEST(FeaturesTest, SizesMatchNamesAndValuesAreFinite) {
  TaskInfo task = makeMatmul(64, 128, 32);
  EXPECT_EQ(static_cast<int64_t>(taskFeatures(task).size()), taskFeatureSize());
  EXPECT_EQ(static_cast<int64_t>(hardwareFeatures(cpu()).size()),
            hardwareFeatureSize());
  std::vector<std::vector<float>> rows = traceFeatures(task, tiled(8, 32, 4), cpu());
  ASSERT_EQ(rows.size(), 2u);
  for (const std::vector<float> &row : rows) {
    EXPECT_EQ(static_cast<int64_t>(row.size()), actionFeatureSize());
    for (float v : row)
      EXPECT_TRUE(std::isfinite(v));
  }
  // Tile sizes are normalized against the loop extents.
  std::vector<std::string> names = actionFeatureNames();
  auto at = [&](const std::string &name) {
    auto it = std::find(names.begin(), names.end(), name);
    EXPECT_NE(it, names.end()) << name;
    return rows[0][it - names.begin()];
  };
  EXPECT_FLOAT_EQ(at("loop0.size_over_extent"), 8.0f / 64.0f);
  EXPECT_FLOAT_EQ(at("loop1.log2_tiles"), 2.0f);
  EXPECT_FLOAT_EQ(at("loop2.reduction"), 1.0f);
  EXPECT_FLOAT_EQ(at("kind.tile"), 1.0f);
}

/// A small model of this build's feature sizes.
WorldModelConfig smallConfig(int64_t latent, int64_t hidden, int64_t embed,
                             uint64_t seed) {
  WorldModelConfig config = defaultWorldModelConfig();
  config.latent = latent;
  config.hidden = hidden;
  config.actionEmbed = embed;
  config.seed = seed;
  return config;
}

/// A training set where the time is a known function of the tile sizes.
TrainingSet syntheticSet() {
  TrainingSet set;
  for (int64_t g = 0; g < 6; ++g) {
    TaskInfo task = makeMatmul(64 << (g % 3), 128, 32 << (g / 3));
    int64_t context =
        set.batch.addContext(taskFeatures(task), hardwareFeatures(cpu()));
    for (int64_t a : {1, 2, 4, 8, 16})
      for (int64_t b : {16, 32, 64}) {
        set.batch.addCandidate(context, traceFeatures(task, tiled(a, b, 4), cpu()));
        set.group.push_back(g);
        // Larger tiles are faster, b matters more than a.
        set.seconds.push_back(1.0 / (std::log2(a) + 3 * std::log2(b)));
      }
  }
  return set;
}

TEST(WorldModelTest, LearnsARankingAndRoundTripsThroughAFile) {
  WorldModelConfig config = smallConfig(16, 32, 8, 7);
  llvm::Expected<WorldModel> model = WorldModel::create(config);
  ASSERT_TRUE(static_cast<bool>(model)) << llvm::toString(model.takeError());
  TrainingSet set = syntheticSet();
  TrainOptions options;
  options.epochs = 60;
  options.groupsPerStep = 3;
  ASSERT_FALSE(static_cast<bool>(model->train(set, options)));
  llvm::Expected<std::vector<double>> scores = model->score(set.batch);
  ASSERT_TRUE(static_cast<bool>(scores));
  RankingMetrics metrics = evaluateRanking(set, *scores);
  EXPECT_EQ(metrics.groups, 6);
  EXPECT_GT(metrics.pairwiseAccuracy, 0.9);

  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("cwm-model", "pt", path));
  ASSERT_FALSE(static_cast<bool>(model->save(path)));
  llvm::Expected<WorldModel> loaded = WorldModel::load(path);
  ASSERT_TRUE(static_cast<bool>(loaded)) << llvm::toString(loaded.takeError());
  llvm::Expected<std::vector<double>> again = loaded->score(set.batch);
  ASSERT_TRUE(static_cast<bool>(again));
  for (size_t i = 0; i < scores->size(); ++i)
    EXPECT_FLOAT_EQ((*scores)[i], (*again)[i]);
  llvm::sys::fs::remove(path);
}

TEST(WorldModelTest, SameSeedSameModel) {
  WorldModelConfig config = smallConfig(8, 16, 4, 3);
  TrainingSet set = syntheticSet();
  TrainOptions options;
  options.epochs = 3;
  std::vector<double> first;
  for (int run = 0; run < 2; ++run) {
    llvm::Expected<WorldModel> model = WorldModel::create(config);
    ASSERT_TRUE(static_cast<bool>(model));
    ASSERT_FALSE(static_cast<bool>(model->train(set, options)));
    llvm::Expected<std::vector<double>> scores = model->score(set.batch);
    ASSERT_TRUE(static_cast<bool>(scores));
    if (run == 0)
      first = *scores;
    else
      for (size_t i = 0; i < first.size(); ++i)
        EXPECT_FLOAT_EQ(first[i], (*scores)[i]);
  }
}

TEST(WorldModelTest, BadFilesAreClearErrors) {
  llvm::Expected<WorldModel> missing = WorldModel::load("/nonexistent/model.pt");
  ASSERT_FALSE(static_cast<bool>(missing));
  EXPECT_NE(llvm::toString(missing.takeError()).find("does not exist"),
            std::string::npos);
  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("cwm-corrupt", "pt", path));
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    os << "PK this is not a model";
  }
  llvm::Expected<WorldModel> corrupt = WorldModel::load(path);
  ASSERT_FALSE(static_cast<bool>(corrupt));
  EXPECT_NE(llvm::toString(corrupt.takeError()).find("corrupt"),
            std::string::npos);
  llvm::sys::fs::remove(path);
}

TEST(WorldModelTest, AModelOfOtherFeaturesIsRefused) {
  WorldModelConfig config = smallConfig(4, 8, 4, 0);
  config.featureVersion = kFeatureVersion - 1;
  llvm::Expected<WorldModel> model = WorldModel::create(config);
  ASSERT_TRUE(static_cast<bool>(model));
  llvm::SmallString<128> path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("cwm-old", "pt", path));
  ASSERT_FALSE(static_cast<bool>(model->save(path)));
  llvm::Expected<std::unique_ptr<CostModel>> costModel =
      createWorldCostModel(path, 0);
  ASSERT_FALSE(static_cast<bool>(costModel));
  std::string message = llvm::toString(costModel.takeError());
  EXPECT_NE(message.find("trained on feature version " +
                         std::to_string(kFeatureVersion - 1)),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("retrain it with cwm-train"), std::string::npos);
  llvm::sys::fs::remove(path);
}

TEST(WorldModelTest, MismatchedBatchIsAnError) {
  WorldModelConfig config = smallConfig(8, 8, 4, 0);
  llvm::Expected<WorldModel> model = WorldModel::create(config);
  ASSERT_TRUE(static_cast<bool>(model));
  FeatureBatch batch;
  int64_t context = batch.addContext({1.0f, 2.0f}, {0.0f});
  batch.addCandidate(context, {{1.0f}});
  llvm::Expected<std::vector<double>> scores = model->score(batch);
  ASSERT_FALSE(static_cast<bool>(scores));
  EXPECT_NE(llvm::toString(scores.takeError()).find("feature sizes"),
            std::string::npos);
}

TEST(RankingTest, MetricsOfAPerfectAndAReversedRanking) {
  TrainingSet set;
  for (double s : {1.0, 2.0, 4.0, 8.0, 0.0}) {
    set.group.push_back(0);
    set.seconds.push_back(s);
  }
  std::vector<double> perfect = {5, 4, 3, 2, 1};
  RankingMetrics good = evaluateRanking(set, perfect);
  EXPECT_DOUBLE_EQ(good.pairwiseAccuracy, 1.0);
  EXPECT_DOUBLE_EQ(good.kendallTau, 1.0);
  EXPECT_DOUBLE_EQ(good.top1, 1.0);
  std::vector<double> reversed = {1, 2, 3, 4, 5}; // the failure ranked first
  RankingMetrics bad = evaluateRanking(set, reversed);
  EXPECT_DOUBLE_EQ(bad.kendallTau, -1.0);
  EXPECT_DOUBLE_EQ(bad.top1, 0.0);     // top-1 is the failure
  EXPECT_DOUBLE_EQ(bad.top5, 1.0);     // the best is among the top 5
}

} // namespace
