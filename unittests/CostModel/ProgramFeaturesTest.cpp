//===- ProgramFeaturesTest.cpp - Features of applied, lowered candidates --===//

#include "cwm/CostModel/ProgramFeatures.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>

using namespace cwm;

namespace {

const char *kMatmul = R"mlir(
func.func @task(%A: tensor<64x32xf32>, %B: tensor<32x128xf32>) -> tensor<64x128xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %C = linalg.fill {cwm.op = 0 : i64, cwm.task = 0 : i64} ins(%z : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %R = linalg.matmul {cwm.op = 1 : i64, cwm.task = 0 : i64} ins(%A, %B : tensor<64x32xf32>, tensor<32x128xf32>) outs(%C : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %R : tensor<64x128xf32>
}
)mlir";

float feature(const std::vector<float> &values, const std::string &name) {
  std::vector<std::string> names = programFeatureNames();
  auto it = std::find(names.begin(), names.end(), name);
  EXPECT_NE(it, names.end()) << name;
  return it == names.end() ? NAN : values[it - names.begin()];
}

Trace tiledAndVectorized() {
  llvm::Expected<Trace> trace = Trace::parse(R"json({"version": 1, "actions": [
    {"kind": "tile", "target": 1, "decisions": {"sizes": [8, 16, 1]}},
    {"kind": "tile", "target": 0, "decisions": {"sizes": [8, 16]}},
    {"kind": "vectorize", "target": 1},
    {"kind": "vectorize", "target": 0}]})json");
  EXPECT_TRUE(static_cast<bool>(trace));
  return trace ? *trace : Trace();
}

TEST(ProgramFeaturesTest, ScalarLoopsBeforeAndVectorsAfterTheSchedule) {
  llvm::Expected<std::unique_ptr<ProgramFeaturizer>> featurizer =
      ProgramFeaturizer::create(kMatmul);
  ASSERT_TRUE(static_cast<bool>(featurizer))
      << llvm::toString(featurizer.takeError());
  llvm::Expected<std::vector<float>> plain = (*featurizer)->featurize(Trace());
  ASSERT_TRUE(static_cast<bool>(plain)) << llvm::toString(plain.takeError());
  ASSERT_EQ(static_cast<int64_t>(plain->size()), programFeatureSize());
  llvm::Expected<std::vector<float>> scheduled =
      (*featurizer)->featurize(tiledAndVectorized());
  ASSERT_TRUE(static_cast<bool>(scheduled))
      << llvm::toString(scheduled.takeError());

  // Untransformed: scalar stores in a 3-deep nest doing 2*64*128*32 flops.
  EXPECT_FLOAT_EQ(feature(*plain, "store0.log2_store_lanes"), 1.0f);
  EXPECT_FLOAT_EQ(feature(*plain, "program.vector_op_fraction"), 0.0f);
  EXPECT_NEAR(feature(*plain, "program.log2_total_flops"),
              std::log2(1.0 + 2.0 * 64 * 128 * 32), 0.01);
  // Scheduled: vector stores, and the arithmetic is vector arithmetic.
  EXPECT_GT(feature(*scheduled, "store0.log2_store_lanes"), 1.0f);
  EXPECT_GT(feature(*scheduled, "program.vector_op_fraction"), 0.5f);
  for (float v : *scheduled)
    EXPECT_TRUE(std::isfinite(v));
}

TEST(ProgramFeaturesTest, ATraceThatDoesNotFitIsAnError) {
  llvm::Expected<std::unique_ptr<ProgramFeaturizer>> featurizer =
      ProgramFeaturizer::create(kMatmul);
  ASSERT_TRUE(static_cast<bool>(featurizer));
  llvm::Expected<Trace> bad = Trace::parse(R"json({"version": 1, "actions": [
    {"kind": "decompose", "target": 1}]})json");
  ASSERT_TRUE(static_cast<bool>(bad));
  llvm::Expected<std::vector<float>> features = (*featurizer)->featurize(*bad);
  EXPECT_FALSE(static_cast<bool>(features));
  if (!features)
    llvm::consumeError(features.takeError());
}

TEST(ProgramFeaturesTest, BadTaskIRIsAnError) {
  llvm::Expected<std::unique_ptr<ProgramFeaturizer>> featurizer =
      ProgramFeaturizer::create("func.func @task( {");
  ASSERT_FALSE(static_cast<bool>(featurizer));
  EXPECT_NE(llvm::toString(featurizer.takeError()).find("does not parse"),
            std::string::npos);
}

} // namespace
