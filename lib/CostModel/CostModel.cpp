//===- CostModel.cpp - Batched scoring of candidate schedules -------------===//

#include "cwm/CostModel/CostModel.h"
#include "cwm/CostModel/SnapshotModel.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstdlib>
#include <random>

namespace cwm {

CostModel::~CostModel() = default;

namespace {
class RandomModel final : public CostModel {
public:
  explicit RandomModel(uint64_t seed) : rng(seed) {}
  llvm::StringRef getName() const override { return "random"; }
  llvm::Expected<std::vector<double>>
  predict(const WorkloadEntry &, const HardwareInfo &,
          llvm::ArrayRef<Trace> traces) override {
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

llvm::Expected<std::unique_ptr<CostModel>>
createCostModel(llvm::StringRef name, uint64_t seed, llvm::StringRef modelPath,
                llvm::StringRef target, const WorldOnlineOptions &online) {
  if (name == "random")
    return createRandomModel(seed);
  if (name == "world") {
    if (modelPath.empty())
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "cost model 'world' needs a model file (model=PATH; train one with "
          "cwm-train)");
    return createWorldCostModel(modelPath, seed, target, online);
  }
  if (name == "snapshot")
    return createSnapshotCostModel(modelPath, seed);
  if (name == "hybrid") {
    // The world model (modelPath) joined by a cold snapshot model once 8
    // candidates of the workload are measured.
    llvm::Expected<std::unique_ptr<CostModel>> world =
        createCostModel("world", seed, modelPath, target, online);
    if (!world)
      return world.takeError();
    llvm::Expected<std::unique_ptr<CostModel>> snapshot =
        createSnapshotCostModel("", seed);
    if (!snapshot)
      return snapshot.takeError();
    return createHybridCostModel(std::move(*world), std::move(*snapshot),
                                 /*warmup=*/8, /*weight=*/1.0);
  }
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "unknown cost model '" + name +
                                     "' (known: random, world, snapshot, hybrid)");
}

std::string findDefaultModel(llvm::StringRef target) {
  std::string file = (target + "-world.pt").str();
  llvm::SmallVector<std::string> candidates;
  if (const char *dir = std::getenv("CWM_MODEL_DIR"))
    candidates.push_back((llvm::Twine(dir) + "/" + file).str());
  // An installed tool's own models (PREFIX/bin/.. /share/cwm/models) come
  // before the source tree it was built from.
  std::string exe = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  if (!exe.empty())
    candidates.push_back(
        (llvm::sys::path::parent_path(llvm::sys::path::parent_path(exe)) +
         "/share/cwm/models/" + file)
            .str());
  candidates.push_back((llvm::Twine(CWM_SOURCE_DIR) + "/models/" + file).str());
  candidates.push_back((llvm::Twine(CWM_INSTALL_FULL_MODELDIR) + "/" + file).str());
  for (const std::string &path : candidates)
    if (llvm::sys::fs::exists(path))
      return path;
  return "";
}

} // namespace cwm
