//===- PluginApi.h - The world-model plugin's entry points ------*- C++ -*-===//
//
// libcwm_world_model.so (LibTorch) exports one C symbol,
// cwmWorldModelPluginApi, returning this table. Both sides are built from the
// same tree with the same compiler and libLLVM, so C++ types (and
// llvm::Error) cross the boundary; kWorldModelPluginAbi guards against a
// stale plugin.
//
//===----------------------------------------------------------------------===//

#ifndef CWM_LIB_WORLDMODEL_PLUGINAPI_H
#define CWM_LIB_WORLDMODEL_PLUGINAPI_H

#include "cwm/WorldModel/WorldModel.h"

namespace cwm {

constexpr int64_t kWorldModelPluginAbi = 3;

struct WorldModelPluginApi {
  int64_t abi;
  llvm::Expected<void *> (*create)(const WorldModelConfig &config);
  llvm::Expected<void *> (*load)(llvm::StringRef path);
  void (*destroy)(void *model);
  llvm::Error (*save)(void *model, llvm::StringRef path);
  const WorldModelConfig &(*config)(void *model);
  void (*setTarget)(void *model, llvm::StringRef target);
  llvm::Expected<std::vector<double>> (*score)(void *model,
                                               const FeatureBatch &batch);
  llvm::Error (*train)(void *model, const TrainingSet &set,
                       const TrainOptions &options,
                       const std::function<void(int64_t, double)> &progress);
  llvm::Expected<Embeddings> (*embed)(void *model, const FeatureBatch &batch);
};

} // namespace cwm

extern "C" const cwm::WorldModelPluginApi *cwmWorldModelPluginApi();

#endif // CWM_LIB_WORLDMODEL_PLUGINAPI_H
