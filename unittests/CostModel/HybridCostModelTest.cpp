//===- HybridCostModelTest.cpp - Prior first, then prior + online learner -===//

#include "cwm/CostModel/CostModel.h"

#include <gtest/gtest.h>

using namespace cwm;

namespace {

/// Fixed scores, and a count of the measurements it was given.
class FixedModel final : public CostModel {
public:
  FixedModel(std::vector<double> scores, size_t *updates)
      : scores(std::move(scores)), updates(updates) {}
  llvm::StringRef getName() const override { return "fixed"; }
  llvm::Expected<std::vector<double>>
  predict(const WorkloadEntry &, const HardwareInfo &,
          llvm::ArrayRef<Trace> traces) override {
    return std::vector<double>(scores.begin(), scores.begin() + traces.size());
  }
  llvm::Error update(const WorkloadEntry &, const HardwareInfo &,
                     llvm::ArrayRef<Trace> traces,
                     llvm::ArrayRef<MeasureResult>) override {
    *updates += traces.size();
    return llvm::Error::success();
  }

private:
  std::vector<double> scores;
  size_t *updates;
};

TEST(HybridCostModelTest, PriorAloneUntilWarmThenBothStandardized) {
  size_t priorUpdates = 0, learnerUpdates = 0;
  // The prior prefers candidate 0, the learner candidate 2 (on another
  // scale), and rejects candidate 3 (does not lower).
  auto hybrid = createHybridCostModel(
      std::make_unique<FixedModel>(std::vector<double>{3, 2, 1, 0}, &priorUpdates),
      std::make_unique<FixedModel>(std::vector<double>{0, 100, 400, -1e30},
                                   &learnerUpdates),
      /*warmup=*/4, /*weight=*/1.0);
  WorkloadEntry workload;
  workload.key = "k";
  HardwareInfo hardware;
  std::vector<Trace> traces(4);

  llvm::Expected<std::vector<double>> cold = hybrid->predict(workload, hardware, traces);
  ASSERT_TRUE(static_cast<bool>(cold));
  EXPECT_EQ(*cold, (std::vector<double>{3, 2, 1, 0})); // the prior's own scores

  std::vector<MeasureResult> results(2);
  ASSERT_FALSE(static_cast<bool>(hybrid->update(
      workload, hardware, llvm::ArrayRef<Trace>(traces).take_front(2), results)));
  EXPECT_EQ(priorUpdates, 2u);
  EXPECT_EQ(learnerUpdates, 2u); // both learn from every measurement
  llvm::Expected<std::vector<double>> still = hybrid->predict(workload, hardware, traces);
  ASSERT_TRUE(static_cast<bool>(still));
  EXPECT_EQ(*still, *cold); // 2 of 4 measured: not warm yet

  ASSERT_FALSE(static_cast<bool>(hybrid->update(
      workload, hardware, llvm::ArrayRef<Trace>(traces).take_front(2), results)));
  llvm::Expected<std::vector<double>> warm = hybrid->predict(workload, hardware, traces);
  ASSERT_TRUE(static_cast<bool>(warm));
  // Candidate 2: the prior's third choice, the learner's first by far: the
  // sum of z-scores ranks it first; the learner's reject stays rejected.
  EXPECT_GT((*warm)[2], (*warm)[0]);
  EXPECT_GT((*warm)[2], (*warm)[1]);
  EXPECT_LE((*warm)[3], -1e29);

  // Another workload starts cold again.
  WorkloadEntry other;
  other.key = "other";
  llvm::Expected<std::vector<double>> fresh = hybrid->predict(other, hardware, traces);
  ASSERT_TRUE(static_cast<bool>(fresh));
  EXPECT_EQ(*fresh, *cold);
}

} // namespace
