//===- CostModel.cpp - Batched scoring of candidate schedules -------------===//

#include "cwm/CostModel/CostModel.h"

#include <random>

namespace cwm {

CostModel::~CostModel() = default;

namespace {
class RandomModel final : public CostModel {
public:
  explicit RandomModel(uint64_t seed) : rng(seed) {}
  llvm::StringRef getName() const override { return "random"; }
  llvm::Expected<std::vector<double>>
  predict(const TaskInfo &, llvm::ArrayRef<Trace> traces) override {
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::vector<double> scores;
    for (size_t i = 0; i < traces.size(); ++i)
      scores.push_back(uniform(rng));
    return scores;
  }

private:
  std::mt19937_64 rng;
};
} // namespace

std::unique_ptr<CostModel> createRandomModel(uint64_t seed) {
  return std::make_unique<RandomModel>(seed);
}

llvm::Expected<std::unique_ptr<CostModel>> createCostModel(llvm::StringRef name,
                                                           uint64_t seed) {
  if (name == "random")
    return createRandomModel(seed);
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "unknown cost model '" + name +
                                     "' (known: random)");
}

} // namespace cwm
