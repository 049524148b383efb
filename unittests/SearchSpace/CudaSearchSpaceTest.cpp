//===- CudaSearchSpaceTest.cpp - Sampled GPU schedules are valid ----------===//

#include "cwm/Schedule/Validity.h"
#include "cwm/SearchSpace/SearchSpace.h"

#include "gtest/gtest.h"

#include <set>

using namespace cwm;

namespace {

/// fill + (batch) matmul: loops [b?, m, n, k].
TaskInfo contraction(std::vector<int64_t> parallel, int64_t k) {
  TaskInfo task;
  task.opClass = parallel.size() == 3 ? OpClass::BatchMatmul : OpClass::Matmul;
  TaskOp fill;
  fill.index = 0;
  fill.isFill = fill.elementwise = true;
  TaskOp mm;
  mm.index = 1;
  for (auto [i, extent] : llvm::enumerate(parallel)) {
    fill.loops.push_back({extent, false});
    fill.outputLoops.push_back(i);
    mm.loops.push_back({extent, false});
    mm.outputLoops.push_back(i);
  }
  mm.loops.push_back({k, true});
  task.ops = {fill, mm};
  task.anchor = task.root = 1;
  return task;
}

/// The first action of a kind, or the end of the actions.
const Action *findAction(llvm::ArrayRef<Action> actions, ActionKind kind) {
  return llvm::find_if(
      actions, [&](const Action &action) { return action.kind == kind; });
}

TEST(CudaSearchSpaceTest, SamplesAndMutantsPassTheStaticChecks) {
  auto space = createCudaSearchSpace(CudaSpaceOptions());
  std::mt19937_64 rng(5);
  for (TaskInfo task : {contraction({256, 512}, 128),
                        contraction({12, 128, 64}, 64),
                        contraction({96, 48}, 32)}) {
    int distinct = 0;
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
      Trace trace = space->sample(task, rng);
      ASSERT_FALSE(trace.empty());
      EXPECT_EQ(trace.getActions()[0].kind, ActionKind::MapBlocks);
      llvm::Error error = checkTrace(trace, task);
      EXPECT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
      distinct += seen.insert(trace.str()).second;
      if (std::optional<Trace> mutant = space->mutate(task, trace, rng)) {
        llvm::Error mutantError = checkTrace(*mutant, task);
        EXPECT_FALSE(static_cast<bool>(mutantError))
            << llvm::toString(std::move(mutantError));
      }
    }
    EXPECT_GT(distinct, 10); // the space is not one point
  }
}

TEST(CudaSearchSpaceTest, MatmulsAreSometimesStagedInSharedMemory) {
  auto space = createCudaSearchSpace(CudaSpaceOptions());
  std::mt19937_64 rng(7);
  TaskInfo task = contraction({1024, 1024}, 1024);
  int promoted = 0;
  for (int i = 0; i < 100; ++i) {
    Trace trace = space->sample(task, rng);
    llvm::ArrayRef<Action> actions = trace.getActions();
    const Action *promote = findAction(actions, ActionKind::Promote);
    if (promote == actions.end())
      continue;
    ++promoted;
    // Right after the block mapping, before any thread mapping; staged
    // thread tiles of more than one element are always vectorized (a 1x1
    // tile has nothing to vectorize).
    EXPECT_EQ(promote - actions.begin(), 1);
    int64_t k = promote->getInt("k", 0);
    EXPECT_TRUE(k >= 4 && k <= 32 && 1024 % k == 0) << k;
    int64_t elements = 1;
    for (int64_t size : actions[2].getList("sizes"))
      elements *= std::max<int64_t>(size, 1);
    bool vectorized = llvm::any_of(actions, [](const Action &action) {
      return action.kind == ActionKind::Vectorize;
    });
    EXPECT_EQ(vectorized, elements > 1) << trace.str();
  }
  EXPECT_GT(promoted, 20);
  EXPECT_LT(promoted, 80);
}

TEST(CudaSearchSpaceTest, HalfPrecisionMatmulsUseTensorCores) {
  auto space = createCudaSearchSpace(CudaSpaceOptions());
  std::mt19937_64 rng(11);
  for (TaskInfo task : {contraction({4096, 4096}, 4096),
                        contraction({12, 128, 128}, 64)}) {
    task.elementType = "f32";
    task.inputElementType = "f16";
    int tensorCore = 0;
    for (int i = 0; i < 100; ++i) {
      Trace trace = space->sample(task, rng);
      llvm::Error error = checkTrace(trace, task);
      ASSERT_FALSE(static_cast<bool>(error))
          << llvm::toString(std::move(error));
      llvm::ArrayRef<Action> actions = trace.getActions();
      const Action *mma = findAction(actions, ActionKind::Mma);
      if (mma == actions.end())
        continue;
      ++tensorCore;
      // map_blocks, promote, mma; then the fill's threads and vectors.
      ASSERT_EQ(mma - actions.begin(), 2) << trace.str();
      EXPECT_EQ(actions[1].kind, ActionKind::Promote);
      std::vector<int64_t> block = actions[0].getList("sizes"),
                           warp = mma->getList("warp");
      size_t rank = warp.size();
      int64_t warps = (block[rank - 3] / warp[rank - 3]) *
                      (block[rank - 2] / warp[rank - 2]);
      EXPECT_TRUE(warps >= 1 && warps <= 16) << trace.str();
      EXPECT_EQ(warp[rank - 3] % 16, 0);
      EXPECT_EQ(warp[rank - 2] % 8, 0);
    }
    EXPECT_GT(tensorCore, 50);
  }
  // f32 inputs never take tensor cores (no tf32 without an opt-in).
  TaskInfo f32 = contraction({1024, 1024}, 1024);
  f32.elementType = "f32";
  for (int i = 0; i < 50; ++i)
    for (const Action &action : space->sample(f32, rng).getActions())
      EXPECT_NE(action.kind, ActionKind::Mma);
}

TEST(CudaSearchSpaceTest, Tf32TensorCoresOnlyWhenAllowed) {
  CudaSpaceOptions options;
  options.allowTf32 = true;
  auto space = createCudaSearchSpace(options);
  std::mt19937_64 rng(13);
  TaskInfo task = contraction({1024, 1024}, 1024);
  task.elementType = "f32";
  int tensorCore = 0;
  for (int i = 0; i < 100; ++i) {
    Trace trace = space->sample(task, rng);
    llvm::Error error = checkTrace(trace, task);
    ASSERT_FALSE(static_cast<bool>(error)) << llvm::toString(std::move(error));
    llvm::ArrayRef<Action> actions = trace.getActions();
    const Action *mma = findAction(actions, ActionKind::Mma);
    EXPECT_EQ(usesTf32(trace), mma != actions.end()) << trace.str();
    if (mma == actions.end())
      continue;
    ++tensorCore;
    EXPECT_EQ(mma->getInt("tf32", 0), 1);
    // k slices of whole m16n8k8 steps, staged within 48 KiB of f32.
    int64_t k = actions[1].getInt("k", 0);
    EXPECT_EQ(k % 8, 0) << trace.str();
    std::vector<int64_t> block = actions[0].getList("sizes");
    EXPECT_LE(mmaStagingBytes(block[0], block[1], k, 4), kMaxStaticSharedBytes);
  }
  EXPECT_GT(tensorCore, 50);
  // The same trace without the opt-in is refused (f32 inputs would be
  // rounded silently).
  Trace trace;
  for (int i = 0; i < 100 && !usesTf32(trace); ++i)
    trace = space->sample(task, rng);
  ASSERT_TRUE(usesTf32(trace));
  std::vector<Action> actions(trace.getActions().begin(),
                              trace.getActions().end());
  for (Action &action : actions)
    action.decisions.erase("tf32");
  llvm::Error error = checkTrace(Trace(actions), task);
  ASSERT_TRUE(static_cast<bool>(error));
  EXPECT_NE(llvm::toString(std::move(error)).find("tf32 = 1"),
            std::string::npos);
}

TEST(CudaSearchSpaceTest, OversizedStagingIsRejected) {
  TaskInfo task = contraction({1024, 1024}, 1024);
  Action blocks;
  blocks.kind = ActionKind::MapBlocks;
  blocks.target = 1;
  blocks.decisions["sizes"] = Decision(std::vector<int64_t>{256, 256, 0});
  Action promote;
  promote.kind = ActionKind::Promote;
  promote.target = 1;
  promote.decisions["k"] = Decision(int64_t(32)); // 64 KiB of f32 slices
  llvm::Error error = checkTrace(Trace({blocks, promote}), task);
  ASSERT_TRUE(static_cast<bool>(error));
  EXPECT_NE(llvm::toString(std::move(error)).find("shared memory"),
            std::string::npos);
}

} // namespace
