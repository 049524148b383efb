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

} // namespace
